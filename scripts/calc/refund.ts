/**
 * `npm run --silent calc -- refund <input.json>`: OSAGO early-termination or cooling-off refund, computed by the
 * same shared calculator, termination rules and production calendar the app uses.
 */
import { join } from 'node:path'
import { z } from 'zod'
import { CalcInputError, type CalcContext } from './context'
import { readResource } from '../../core/reference/readResource'
import { calendarDateSchema } from '../../shared/reference/envelope'
import { createWorkingDayCalendar, productionCalendarFileSchema } from '../../shared/reference/productionCalendar'
import { TerminationInputError } from '../../shared/termination/errors'
import { calculateRefund } from '../../shared/termination/refund'
import { TERMINATION_GROUNDS, terminationRulesFileSchema, terminationRulesInForce } from '../../shared/termination/rulesSchema'
import en from '../../shared/i18n/en/termination'

const inputSchema = z.object({
  kind: z.enum(['osago-early-termination', 'cooling-off']),
  ground: z.enum(TERMINATION_GROUNDS).optional(),
  premiumKopecks: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  conclusionDate: calendarDateSchema.optional(),
  contractStart: calendarDateSchema,
  contractEnd: calendarDateSchema,
  applicationDate: calendarDateSchema,
  eventDate: calendarDateSchema.optional(),
  periodsOfUse: z.array(z.object({ from: calendarDateSchema, to: calendarDateSchema }).strict()).optional(),
}).strict()

export function run(input: unknown, ctx: CalcContext): unknown {
  const request = parseInput(input)
  const rulesFile = readResource(join(ctx.resourcesDir, 'rules', 'termination.json'), terminationRulesFileSchema)
  // Rules follow the contract's conclusion date (DOMAIN.md); without one, its start is the closest date known.
  const rules = terminationRulesInForce([rulesFile], request.conclusionDate ?? request.contractStart).data
  const calendarFile = readResource(join(ctx.resourcesDir, 'reference', 'production-calendar.json'), productionCalendarFileSchema)
  const calendar = createWorkingDayCalendar(calendarFile.data)

  let result
  try {
    result = calculateRefund(request, rules, calendar)
  } catch (e) {
    if (e instanceof TerminationInputError) throw new CalcInputError(e.field, englishText(e.messageKey))
    throw e
  }
  if (result.unverifiedRules.length > 0) {
    process.stderr.write(`warning: unverified termination-rules values used: ${result.unverifiedRules.join(', ')}\n`)
  }
  // The issue's output shape: unverified values go to stderr above, not into the JSON.
  return {
    eligible: result.eligible,
    ...(result.reason === undefined ? {} : { reason: result.reason }),
    terminationDate: result.terminationDate,
    refundKopecks: result.refundKopecks,
    payoutDueDate: result.payoutDueDate,
  }
}

function parseInput(input: unknown): z.infer<typeof inputSchema> {
  const parsed = inputSchema.safeParse(input)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]!
  const path = issue.code === 'unrecognized_keys' ? [...issue.path, ...issue.keys] : issue.path
  throw new CalcInputError(path.length ? path.map(String).join('.') : '(root)', issue.message)
}

/** The English text of a `termination.…` key, for the support tool's output; the key itself if none. */
function englishText(key: string): string {
  const node = key.split('.').reduce<unknown>((n, part) => (n && typeof n === 'object' ? (n as Record<string, unknown>)[part] : undefined), en)
  return typeof node === 'string' ? node : key
}
