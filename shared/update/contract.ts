import { z } from 'zod'
import { channel } from '../contract/channel'
import { ADMINS } from '../staff/roleGroups'

/**
 * App updates through HQ. The core drives the state machine; the shell's electron-updater does the network and
 * the install. `unsupported`: no updater here (a development build, the test harness).
 */
/** The header the app's updater sends its version in: HQ never offers a version older than (or equal to) it. */
export const APP_VERSION_HEADER = 'x-branch-desk-version'

export type UpdatePhase =
  'unsupported' | 'idle' | 'checking' | 'available' | 'downloading' | 'downloaded' | 'installing' | 'error'

/** A form with changes the core does not have yet; `kind` names it for the user (`update.forms.<kind>`). */
export interface UnsavedForm {
  kind: string
}

export interface UpdateStatus {
  phase: UpdatePhase
  currentVersion: string
  /** The version on offer, from `available` on. */
  version: string | null
  /** While downloading: bytes so far and in all. */
  progress: { transferred: number; total: number; percent: number } | null
  lastCheckAt: string | null
  /** i18n key and parameters of the last failure (an offline branch simply retries later). */
  error: { key: string; params: Record<string, string | number> } | null
  /** Open forms with unsaved changes in any window: «restart and update» waits for them. */
  unsavedForms: UnsavedForm[]
}

export const unsavedFormKindSchema = z.string().regex(/^[a-z][a-z0-9-]{0,40}$/)

export const reportUnsavedFormsInput = z.strictObject({
  forms: z.array(z.strictObject({ kind: unsavedFormKindSchema })).max(50),
})

export const updateContract = {
  'update/get-status': channel<UpdateStatus>()({
    input: z.strictObject({}).optional(),
    access: 'signed-in',
    whileLocked: true,
  }),
  /** The renderer tells the core which of its forms hold unsaved changes (each report replaces the window's last). */
  'update/report-unsaved-forms': channel<{ count: number }>()({
    input: reportUnsavedFormsInput,
    access: 'signed-in',
    whileLocked: true,
  }),
  'update/check-now': channel<UpdateStatus>()({ input: z.strictObject({}).optional(), access: ADMINS }),
  /** «Перезапустить и обновить»: refused while any window has an unsaved form, naming which. */
  'update/install-now': channel<{ installing: true }>()({ input: z.strictObject({}).optional(), access: 'signed-in' }),
} as const
