/**
 * `npm run --silent calc -- refund <input.json>`: the refund on an early termination (OSAGO grounds, CASCO sale,
 * loss or refusal) or a cooling-off refusal, computed by the same shared calculator, termination rules, production
 * calendar and key-rate table the app uses; with `paidDate`, also what a late payout costs and on which basis.
 */
import { join } from 'node:path'
import { z } from 'zod'
import { CalcInputError, type CalcContext } from './context'
import { readResource } from '../../core/reference/readResource'
import { calendarDateSchema } from '../../shared/reference/envelope'
import { createWorkingDayCalendar, productionCalendarFileSchema } from '../../shared/reference/productionCalendar'
import {
  APPLICATION_KINDS,
  CONTRACT_PRODUCTS,
  POLICYHOLDER_TYPES,
  type ApplicationKind,
  type ContractProduct,
} from '../../shared/termination/application'
import { calculateApplicationRefund, withLatePayoutOn } from '../../shared/termination/applicationRefund'
import { TerminationInputError } from '../../shared/termination/errors'
import { decimalPercent } from '../../shared/termination/formula'
import { keyRateFileSchema } from '../../shared/termination/keyRate'
import { latePayoutAmount, latePayoutBasis } from '../../shared/termination/latePenalty'
import {
  LATE_PAYOUT_CONSEQUENCES,
  TERMINATION_GROUNDS,
  terminationRulesFileSchema,
  terminationRulesInForce,
} from '../../shared/termination/rulesSchema'
import en from '../../shared/i18n/en/termination'

const inputSchema = z
  .object({
    kind: z.enum(APPLICATION_KINDS),
    ground: z.enum(TERMINATION_GROUNDS).optional(),
    /** Defaults by kind: OSAGO for its early termination, CASCO for the CASCO kinds, other voluntary insurance for cooling-off. */
    product: z.enum(CONTRACT_PRODUCTS).optional(),
    policyholderType: z.enum(POLICYHOLDER_TYPES).default('individual'),
    premiumKopecks: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    conclusionDate: calendarDateSchema.optional(),
    contractStart: calendarDateSchema,
    contractEnd: calendarDateSchema,
    applicationDate: calendarDateSchema,
    postmarkDate: calendarDateSchema.optional(),
    eventDate: calendarDateSchema.optional(),
    periodsOfUse: z.array(z.object({ from: calendarDateSchema, to: calendarDateSchema }).strict()).optional(),
    requestedTerminationDate: calendarDateSchema.optional(),
    insuredEventOccurred: z.boolean().default(false),
    cascoChoice: z.enum(['refund', 'reissue']).optional(),
    /** When the refund was (or will be) paid: prints what a delay after the due date costs. */
    paidDate: calendarDateSchema.optional(),
    /** The consequence of a late payout HQ selects; by default the one in the rules in force on the due date. */
    latePayoutConsequence: z.enum(LATE_PAYOUT_CONSEQUENCES).optional(),
  })
  .strict()
type Input = z.infer<typeof inputSchema>

const PRODUCT_OF: Record<ApplicationKind, ContractProduct> = {
  'osago-early-termination': 'osago',
  'cooling-off': 'voluntary',
  'casco-sale': 'casco',
  'casco-loss': 'casco',
  'casco-refusal': 'casco',
}

export function run(input: unknown, ctx: CalcContext): unknown {
  const i = parseInput(input)
  if ((i.kind === 'cooling-off' || i.kind.startsWith('casco-')) && i.conclusionDate === undefined) {
    throw new CalcInputError('conclusionDate', englishText('termination.error.conclusionDateRequired'))
  }
  // Without a conclusion date (OSAGO) the earliest date given stands in for it: it only picks the rules version.
  const conclusionDate =
    i.conclusionDate ??
    [i.contractStart, i.applicationDate, i.postmarkDate, i.eventDate]
      .filter((d): d is string => d !== undefined)
      .sort()[0]!
  const rulesFile = readResource(join(ctx.resourcesDir, 'rules', 'termination.json'), terminationRulesFileSchema)
  const inForce = (date: string) => {
    const f = terminationRulesInForce([rulesFile], date)
    return { rules: f.data, version: f.version }
  }
  const { rules, version } = inForce(conclusionDate)
  const calendarFile = readResource(
    join(ctx.resourcesDir, 'reference', 'production-calendar.json'),
    productionCalendarFileSchema,
  )
  const calendar = createWorkingDayCalendar(calendarFile.data)

  const c = guarded(() =>
    withLatePayoutOn(
      calculateApplicationRefund(
        {
          product: i.product ?? PRODUCT_OF[i.kind],
          kind: i.kind,
          ground: i.ground ?? null,
          policyholderType: i.policyholderType,
          premiumKopecks: i.premiumKopecks,
          conclusionDate,
          contractStart: i.contractStart,
          contractEnd: i.contractEnd,
          applicationDate: i.applicationDate,
          postmarkDate: i.postmarkDate ?? null,
          eventDate: i.eventDate ?? null,
          periodsOfUse: i.periodsOfUse ?? null,
          insuredEventOccurred: i.insuredEventOccurred,
          cascoChoice: i.kind === 'casco-sale' ? (i.cascoChoice ?? 'refund') : null,
          requestedTerminationDate: i.requestedTerminationDate ?? null,
        },
        rules,
        version,
        calendar,
      ),
      inForce,
    ),
  )

  const basis =
    c.latePayout && i.latePayoutConsequence && i.latePayoutConsequence !== c.latePayout.consequence
      ? latePayoutBasis(
          {
            ...rules,
            latePayout: { ...rules.latePayout, consequence: { value: i.latePayoutConsequence, verified: true } },
          },
          'input',
        )
      : (c.latePayout ?? null)
  const late =
    basis && c.payoutDueDate && i.paidDate
      ? latePayoutAmount(
          c.refundKopecks,
          c.payoutDueDate,
          i.paidDate,
          basis,
          basis.consequence === 'statutory-interest' ? keyRates(ctx) : null,
        )
      : null

  const unverified = [...c.unverifiedRules, ...(late?.unverifiedRules ?? basis?.unverifiedRules ?? [])]
  if (unverified.length > 0)
    process.stderr.write(`warning: unverified values used: ${[...new Set(unverified)].join(', ')}\n`)
  // The first five keys are the output of issue 5; the rest came with issue 9.
  return {
    eligible: c.eligible,
    ...(c.reason === null ? {} : { reason: c.reason }),
    terminationDate: c.terminationDate,
    refundKopecks: c.refundKopecks,
    payoutDueDate: c.payoutDueDate,
    outcome: c.outcome,
    terminationDateRule: c.terminationDateRule,
    ...(c.limitationEnd ? { limitationEnd: c.limitationEnd } : {}),
    ...(basis
      ? {
          latePayout: {
            consequence: basis.consequence,
            ...(basis.ratePerDay ? { ratePerDay: basis.ratePerDay } : {}),
            basis: englishText(`termination.latePayout.basis.${basis.consequence}`).replace(
              '{rate}',
              basis.ratePerDay ? decimalPercent(basis.ratePerDay) : '',
            ),
            ...(late ? { daysLate: late.daysLate, amountKopecks: late.amountKopecks, segments: late.segments } : {}),
          },
        }
      : {}),
  }
}

function keyRates(ctx: CalcContext) {
  return readResource(join(ctx.resourcesDir, 'reference', 'key-rate.json'), keyRateFileSchema).data
}

function guarded<T>(fn: () => T): T {
  try {
    return fn()
  } catch (e) {
    if (e instanceof TerminationInputError) throw new CalcInputError(e.field, englishText(e.messageKey))
    throw e
  }
}

function parseInput(input: unknown): Input {
  const parsed = inputSchema.safeParse(input)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]!
  const path = issue.code === 'unrecognized_keys' ? [...issue.path, ...issue.keys] : issue.path
  throw new CalcInputError(path.length ? path.map(String).join('.') : '(root)', issue.message)
}

/** The English text of a `termination.…` key, for the support tool's output; the key itself if none. */
function englishText(key: string): string {
  const node = key
    .split('.')
    .reduce<unknown>((n, part) => (n && typeof n === 'object' ? (n as Record<string, unknown>)[part] : undefined), en)
  return typeof node === 'string' ? node : key
}
