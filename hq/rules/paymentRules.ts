import { z } from 'zod'
import { CASH_DAY_STATUSES, cashDayLifecycle } from '../../shared/payments/lifecycle'
import { MONEY_METHODS, PAYMENT_DIRECTIONS, PAYMENT_PURPOSES } from '../../shared/payments/payment'
import { DAY_CLOSERS } from '../../shared/payments/roles'
import type { RecordData } from '../records'
import {
  absent,
  firstVerdict,
  parseJson,
  required,
  senderMayDecide,
  stampedBySender,
  transitionVerdict,
  unchanged,
} from './ruleKit'
import { checkSchema, documentSchema, syncedRow } from './schemaCheck'
import { defer, reject, type EntityRule, type RuleContext } from './types'

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'YYYY-MM-DD' })

const paymentSchema = z.looseObject({
  ...syncedRow,
  branch_id: z.string().min(1),
  direction: z.enum(PAYMENT_DIRECTIONS),
  purpose: z.enum(PAYMENT_PURPOSES),
  record_type: z.string().min(1),
  record_id: z.string().min(1),
  instalment_no: z.number().int().min(1).nullable().optional(),
  amount_kopecks: z.number().int().positive(),
  method: z.enum(MONEY_METHODS),
  receipt: documentSchema.pipe(z.looseObject({ number: z.string().min(1), fiscal: z.unknown() })),
  clerk_id: z.string().min(1),
  clerk_name: z.string().min(1),
  paid_at: z.string().min(10),
  business_day: day,
  cash_day_id: z.string().nullable().optional(),
  reverses_id: z.string().nullable().optional(),
})

const cashDaySchema = z.looseObject({
  ...syncedRow,
  branch_id: z.string().min(1),
  day,
  status: z.enum(CASH_DAY_STATUSES),
  closed_at: z.string().nullable().optional(),
  closed_by: z.string().nullable().optional(),
  report: documentSchema.nullable().optional(),
})

/** One cash day per branch and date at HQ: a second record of the same day is refused as a duplicate. */
const cashDayKey = (data: RecordData, branchCode: string) =>
  typeof data.day === 'string' ? `${branchCode}:${data.day}` : null

/** The day as HQ holds it: by the branch's date when the push can look keys up, else by the row the payment names. */
async function dayAtHq(ctx: RuleContext, after: z.infer<typeof paymentSchema>) {
  if (ctx.lookupByKey) {
    const byKey = await ctx.lookupByKey('cash_day', `${ctx.branch.code}:${after.business_day}`)
    if (byKey && byKey.branchCode === ctx.branch.code) return byKey
  }
  return after.cash_day_id ? ctx.lookup('cash_day', after.cash_day_id) : null
}

/**
 * The payments journal (core/payments; docs/domain/payments.md#cash-day): a payment is only ever inserted (a mistake
 * is reversed by a new row), its amount is positive kopecks, it is recorded by the person who sends it, never into a
 * day HQ knows as closed, and a reversal names an existing payment of the branch, in the opposite direction, for
 * the same record, purpose, method and amount.
 */
export const paymentRule: EntityRule = {
  async check(ctx, change) {
    if (change.before) return reject('append-only', {})
    const bad = checkSchema(paymentSchema, change.after)
    if (bad) return bad
    const after = change.after as z.infer<typeof paymentSchema>
    return firstVerdict(
      () => stampedBySender(ctx, after, 'clerk_id'),
      async () => {
        const cashDay = await dayAtHq(ctx, after)
        return cashDay && cashDay.data.status === 'closed' && cashDay.data.day === after.business_day
          ? reject('day-closed', { day: after.business_day })
          : null
      },
      async () => {
        if (!after.reverses_id) return null
        const original = await ctx.lookup('payment', after.reverses_id)
        if (!original) return defer('subject-unknown', { entity: 'payment' })
        if (original.branchCode !== ctx.branch.code) return reject('not-owner', {})
        const o = original.data
        if (o.reverses_id)
          return reject('invalid-data', { field: 'reverses_id', message: 'a reversal is not reversed' })
        if (o.direction === after.direction)
          return reject('invalid-data', { field: 'direction', message: 'a reversal goes the other way' })
        return unchanged(o, after, ['purpose', 'record_type', 'record_id', 'amount_kopecks', 'method'])
      },
    )
  },
}

/**
 * The cash day: the status machine of shared/payments/lifecycle.ts (opened by the core with a payment, closed by a
 * supervisor or the branch admin who sends the close, with the report frozen); its date never changes.
 */
export const cashDayRule: EntityRule = {
  async check(ctx, change) {
    const bad = checkSchema(cashDaySchema, change.after)
    if (bad) return bad
    const after = change.after
    return firstVerdict(
      () =>
        transitionVerdict(cashDayLifecycle, change.before ? String(change.before.status) : null, String(after.status)),
      () => (change.before ? unchanged(change.before, after, ['branch_id', 'day']) : null),
      () =>
        after.status === 'open'
          ? absent(after, ['closed_at', 'closed_by', 'report'], 'an open day is not closed')
          : required(after, ['closed_at', 'closed_by'], 'a closed day names who closed it and when'),
      () =>
        after.status === 'closed' && parseJson(after.report) === undefined
          ? reject('invalid-data', { field: 'report', message: 'a closed day keeps its report' })
          : null,
      () => (after.status === 'closed' ? stampedBySender(ctx, after, 'closed_by') : null),
      () => (after.status === 'closed' ? senderMayDecide(ctx, DAY_CLOSERS) : null),
    )
  },
  naturalKey: cashDayKey,
}
