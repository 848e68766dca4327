/**
 * `npm run --silent calc -- casco-schedule <input.json>`: the CASCO payment schedule for a plan, with the
 * instalment surcharges from the bundled rules in force on the first payment date.
 */
import { join } from 'node:path'
import { z } from 'zod'
import { CalcInputError, type CalcContext } from './context'
import { readResource } from '../../core/reference/readResource'
import { calendarDateSchema } from '../../shared/reference/envelope'
import {
  CASCO_PLANS,
  CascoScheduleInputError,
  cascoInstalmentsFileSchema,
  cascoInstalmentsInForce,
  cascoSchedule,
} from '../../shared/casco/schedule'

const inputSchema = z
  .object({
    premiumKopecks: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    plan: z.enum(CASCO_PLANS),
    firstPaymentDate: calendarDateSchema,
  })
  .strict()

/** Texts for the support tool only; the app shows these errors through the casco i18n keys. */
const MESSAGES: Record<string, string> = {
  'casco.schedule.premiumNotKopecks': 'the premium must be a positive whole number of kopecks',
  'casco.schedule.premiumTooSmall': 'the premium is too small to split into this many payments',
  'casco.schedule.dateFormat': 'not a calendar date (YYYY-MM-DD)',
}

export function run(input: unknown, ctx: CalcContext): unknown {
  const parsed = inputSchema.safeParse(input)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    const path = issue.code === 'unrecognized_keys' ? [...issue.path, ...issue.keys] : issue.path
    throw new CalcInputError(path.length ? path.map(String).join('.') : '(root)', issue.message)
  }
  const file = readResource(join(ctx.resourcesDir, 'rules', 'casco-instalments.json'), cascoInstalmentsFileSchema)
  const rules = cascoInstalmentsInForce([file], parsed.data.firstPaymentDate).data
  try {
    const { totalKopecks, payments, surchargeUnverified } = cascoSchedule(parsed.data, rules)
    if (surchargeUnverified) {
      process.stderr.write(`warning: the ${parsed.data.plan} plan surcharge in casco-instalments is not verified\n`)
    }
    return { totalKopecks, payments }
  } catch (e) {
    if (e instanceof CascoScheduleInputError) throw new CalcInputError(e.field, MESSAGES[e.messageKey] ?? e.messageKey)
    throw e
  }
}
