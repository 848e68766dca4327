import { z } from 'zod'
import { ROLES } from '../contract/roles'
import type { SessionState } from '../session/contract'
import type { AppStatus } from './contract'
import { STARTUP_ARGUMENT_PREFIX } from './startupArgument'

/**
 * What the first screen of a window depends on — the core's answers to `app/get-status` and `session/get-session`
 * for that window — computed by the shell from the core before it creates the window and handed to the page, so the
 * page draws first run or sign-in without waiting for a round trip to the core (VS Code hands its window
 * configuration over the same way). The page asks the core again afterwards; a live answer that differs wins.
 */
export interface StartupState {
  status: AppStatus
  session: SessionState
}

const sessionUserSchema = z.strictObject({
  id: z.string(),
  login: z.string(),
  fullName: z.string(),
  role: z.enum(ROLES),
})

export const startupStateSchema = z.strictObject({
  status: z.strictObject({
    firstRun: z.boolean(),
    branch: z.strictObject({ id: z.string(), code: z.string(), name: z.string(), city: z.string() }).nullable(),
    hq: z.discriminatedUnion('state', [
      z.strictObject({ state: z.literal('not-configured') }),
      z.strictObject({
        state: z.literal('enrolled'),
        branchCode: z.string().nullable(),
        online: z.boolean().nullable(),
        lastSuccessAt: z.string().nullable(),
      }),
    ]),
    appVersion: z.string(),
    referenceVersions: z.record(z.string(), z.string().nullable()),
    timeZone: z.string().min(1),
    now: z.iso.datetime(),
  }),
  session: z.discriminatedUnion('status', [
    z.strictObject({ status: z.literal('signed-out') }),
    z.strictObject({
      status: z.enum(['signed-in', 'locked', 'must-change-password']),
      user: sessionUserSchema,
      idleLockMinutes: z.number().int().nonnegative(),
    }),
  ]),
}) satisfies z.ZodType<StartupState>

/** The renderer argument carrying a state checked against the schema (a state that does not fit throws). */
export function startupArgument(state: unknown): string {
  return `${STARTUP_ARGUMENT_PREFIX}${JSON.stringify(startupStateSchema.parse(state))}`
}
