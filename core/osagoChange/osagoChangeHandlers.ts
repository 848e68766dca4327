import { todayIn } from '../../shared/dates/calendarDate'
import { translate } from '../../shared/i18n/messages'
import { formatDateRu } from '../../shared/print/format'
import { validateOsagoApplication } from '../../shared/osago/application'
import { draftToApplicationInput, draftToPremiumInput, type OsagoDraft } from '../../shared/osago/draft'
import { premiumFieldToFormPath } from '../../shared/osago/formPaths'
import { isOsagoContract } from '../../shared/osago/lifecycle'
import type { OsagoPayment } from '../../shared/osago/policy'
import { refundUnpaid, type ChangeSettlement, type StoredChangeCalculation } from '../../shared/osagoChange/change'
import { applyChangeToDraft, kindProblems } from '../../shared/osagoChange/changeDraft'
import { calculateChangePremium } from '../../shared/osagoChange/changePremium'
import { changeKindOf, type ChangeKind, type OsagoChangeRulesData } from '../../shared/osagoChange/changeRules'
import { osagoChangeLifecycle } from '../../shared/osagoChange/lifecycle'
import type { ChannelInput } from '../../shared/contract'
import { AppError } from '../app/appError'
import { BRANCH_TIME_ZONE } from '../app/timeZone'
import { assignBlank, loseBlank, spoilBlank } from '../blanks/api'
import type { Db } from '../db/openDatabase'
import { write, type Writer } from '../db/write'
import { requireUser, type HandlerContext, type HandlersOf } from '../ipc/handlers'
import { recordPayment, takeReceipt, type PaymentPurpose, type PaymentReceipt } from '../payments/api'
import { referenceInForce, type ReferenceData } from '../reference/loadReferenceData'
import { osagoSearchColumns, policyNumberSearch, priceOsago } from '../osago/api'
import { changeRowsOf, findChangeRow, policyNow, toChange, type ChangeRow, type PolicyNow } from './changeRows'

type OsagoChangeChannels =
  | 'osagoChange/get-kinds'
  | 'osagoChange/list-changes'
  | 'osagoChange/get-change'
  | 'osagoChange/start-change'
  | 'osagoChange/save-change'
  | 'osagoChange/calculate-change'
  | 'osagoChange/apply-change'
  | 'osagoChange/record-refund-payout'
  | 'osagoChange/discard-change'
  | 'osagoChange/issue-duplicate'

type PaymentInput = NonNullable<ChannelInput<'osagoChange/apply-change'>['payment']>

export function osagoChangeHandlers(db: Db, reference: ReferenceData): HandlersOf<OsagoChangeChannels> {
  const today = (ctx: HandlerContext) => todayIn(BRANCH_TIME_ZONE, ctx.now)
  const rulesOn = (date: string) => referenceInForce(reference, 'osago-change-rules', date)

  function kindOf(rules: OsagoChangeRulesData, code: string): ChangeKind {
    const kind = changeKindOf(rules, code)
    if (!kind) throw new AppError('REFERENCE_DATA', 'osagoChange.errors.unknownKind', { kind: code })
    return kind
  }

  /** A contract that may still change today: issued or printed, not terminated, its term not over. */
  function checkChangeable(now: PolicyNow, ctx: HandlerContext): void {
    const p = now.record.policy
    if (!isOsagoContract(p.status) || !p.blank_id) throw new AppError('CONFLICT', 'osago.errors.notIssued')
    if (p.terminated_on) throw new AppError('CONFLICT', 'osagoChange.errors.terminated')
    if (!p.end_date || p.end_date < today(ctx)) throw new AppError('CONFLICT', 'osagoChange.errors.termOver')
  }

  /** A change whose refund may be recorded as paid now, on the day the clerk gave (the handler's checks, in order). */
  function refundPayable(
    change: ChangeRow,
    input: ChannelInput<'osagoChange/record-refund-payout'>,
    ctx: HandlerContext,
  ): void {
    if (!osagoChangeLifecycle.movesFrom('osagoChange/record-refund-payout', change.status) || !change.applied_at)
      throw new AppError('CONFLICT', 'osagoChange.errors.noRefundDue')
    if (!refundUnpaid(change.settlement)) {
      throw new AppError(
        'CONFLICT',
        change.settlement?.payout ? 'osagoChange.errors.refundPaid' : 'osagoChange.errors.noRefundDue',
      )
    }
    if (change.row_version !== input.rowVersion) throw new AppError('CONFLICT', 'errors.staleRecord')
    const appliedOn = todayIn(BRANCH_TIME_ZONE, new Date(change.applied_at))
    if (input.paidOn < appliedOn || input.paidOn > today(ctx))
      throw new AppError(
        'VALIDATION',
        'osagoChange.errors.payoutDate',
        { from: formatDateRu(appliedOn), to: formatDateRu(today(ctx)) },
        { paidOn: 'osagoChange.errors.payoutDate' },
        { paidOn: { from: formatDateRu(appliedOn), to: formatDateRu(today(ctx)) } },
      )
  }

  /** The change read inside the write, refused unless it may still be edited and is the version the screen saw. */
  async function editable(w: Writer, id: string, rowVersion: number): Promise<ChangeRow> {
    const row = await findChangeRow(w.trx, id)
    if (!osagoChangeLifecycle.isEditable(row.status)) throw new AppError('CONFLICT', 'osagoChange.errors.readOnly')
    if (row.row_version !== rowVersion) throw new AppError('CONFLICT', 'errors.staleRecord')
    return row
  }

  /** The edit the clerk sent, reduced to what the kind changes, with the kind's own checks. */
  function edited(row: ChangeRow, sent: OsagoDraft, kind: ChangeKind): OsagoDraft {
    return applyChangeToDraft(row.before, sent, kind)
  }

  /**
   * The change priced: the changed data validated as a whole application, then (for a kind that re-prices) the
   * annual premium recalculated on the tariff of the policy's conclusion date — the draft keeps that date — and the
   * difference taken pro rata for the remaining days (shared/osagoChange/changePremium.ts).
   */
  function price(row: ChangeRow, after: OsagoDraft, kind: ChangeKind, current: number, end: string, start: string) {
    const problems = kindProblems(kind.code, row.before, after)
    const checked = validateOsagoApplication(draftToApplicationInput(after))
    const fieldErrors = { ...(checked.ok ? {} : checked.fieldErrors), ...problems }
    if (Object.keys(fieldErrors).length > 0)
      throw new AppError('VALIDATION', 'errors.validation', {}, fieldErrors, checked.ok ? {} : checked.fieldParams)
    let newPremium = current
    let ceiling = current
    let tariffVersion = ''
    let breakdown: StoredChangeCalculation['breakdown'] = []
    let capped = false
    if (kind.reprices) {
      const outcome = priceOsago(reference, draftToPremiumInput(after))
      if (!outcome.ok) {
        const { messageKey, params, field, kind: errorKind } = outcome.error
        if (errorKind === 'tariff') throw new AppError('REFERENCE_DATA', messageKey, params)
        const path = premiumFieldToFormPath(field, after) ?? '(input)'
        throw new AppError('VALIDATION', messageKey, params, { [path]: messageKey }, { [path]: params })
      }
      newPremium = outcome.premium.premiumKopecks
      ceiling = outcome.premium.ceilingKopecks
      tariffVersion = outcome.premium.tariffVersion
      breakdown = outcome.premium.breakdown
      // The calculator already capped the new premium at the ceiling: the sheet says so.
      capped = outcome.premium.ceilingApplied
    }
    const premium = calculateChangePremium({
      currentPremiumKopecks: current,
      newPremiumKopecks: newPremium,
      ceilingKopecks: Math.max(ceiling, 1),
      contractStart: start,
      contractEnd: end,
      effectiveDate: row.effective_date,
      refundsDecrease: kind.refundsDecrease,
    })
    return { ...premium, ceilingApplied: premium.ceilingApplied || capped, tariffVersion, breakdown }
  }

  /**
   * The receipt of what a change or duplicate costs, taken before the write (the register answers slowly) once the
   * amount is known to match; the payment as the settlement stores it, with the receipt's number.
   */
  async function paymentReceipt(
    amount: number,
    payment: PaymentInput | undefined,
    purpose: PaymentPurpose,
    itemName: string,
    ctx: HandlerContext,
  ): Promise<{ payment: PaymentInput | undefined; receipt: PaymentReceipt | null }> {
    settlementOf(amount, payment, ctx)
    if (!payment || amount <= 0) return { payment, receipt: null }
    const receipt = await takeReceipt({ db }, ctx, {
      direction: 'in',
      purpose,
      amountKopecks: payment.amountKopecks,
      method: payment.method,
      itemName,
      receiptNumber: payment.receiptNumber,
    })
    return { payment: { ...payment, receiptNumber: receipt.number }, receipt }
  }

  /** The payment of a settlement into the journal, in the change's write (core/payments). */
  async function recordChangePayment(
    w: Writer,
    changeId: string,
    settlement: ChangeSettlement,
    receipt: PaymentReceipt | null,
    purpose: PaymentPurpose,
    ctx: HandlerContext,
  ): Promise<void> {
    if (settlement.kind !== 'payment' || !settlement.payment || !receipt) return
    const user = requireUser(ctx)
    await recordPayment(w, {
      direction: 'in',
      purpose,
      recordType: 'osago_change',
      recordId: changeId,
      amountKopecks: settlement.payment.amountKopecks,
      method: settlement.payment.method,
      receipt,
      clerk: { id: user.id, name: user.fullName },
      paidAt: settlement.payment.paidAt,
      timeZone: BRANCH_TIME_ZONE,
    })
  }

  function settlementOf(amount: number, payment: PaymentInput | undefined, ctx: HandlerContext): ChangeSettlement {
    if (amount > 0) {
      if (!payment || payment.amountKopecks !== amount)
        throw new AppError(
          'VALIDATION',
          'osagoChange.errors.paymentMismatch',
          {},
          { 'payment.amountKopecks': 'osagoChange.errors.paymentMismatch' },
        )
      const paid: OsagoPayment = { ...payment, paidAt: ctx.now.toISOString() }
      return { kind: 'payment', amountKopecks: amount, payment: paid }
    }
    if (payment) throw new AppError('VALIDATION', 'osagoChange.errors.nothingToPay', {}, {})
    return amount < 0
      ? { kind: 'refund-due', amountKopecks: -amount, payment: null }
      : { kind: 'none', amountKopecks: 0, payment: null }
  }

  const view = (row: ChangeRow) => toChange(row, rulesOn(row.created_at.slice(0, 10)).data)

  return {
    'osagoChange/get-kinds': async (_input, ctx) => {
      const rules = rulesOn(today(ctx))
      return {
        rulesVersion: rules.version,
        kinds: rules.data.kinds,
        duplicateFeeKopecks: rules.data.duplicateFeeKopecks.value,
        duplicateFeeSource: rules.data.duplicateFeeKopecks.source ?? rules.source,
      }
    },

    'osagoChange/list-changes': async (input) => (await changeRowsOf(db, input.policyId)).map(view),

    'osagoChange/get-change': async (input) => view(await findChangeRow(db, input.id)),

    'osagoChange/start-change': async (input, ctx) => {
      const kind = kindOf(rulesOn(today(ctx)).data, input.kind)
      const row = await write(db, ctx.actor, 'osago.change-started', ctx.now, async (w) => {
        const now = await policyNow(w.trx, input.policyId)
        checkChangeable(now, ctx)
        // One change at a time: each is priced against the policy as the previous one left it.
        const open = (await changeRowsOf(w.trx, input.policyId)).find((c) => osagoChangeLifecycle.isEditable(c.status))
        if (open) throw new AppError('CONFLICT', 'osagoChange.errors.openChange')
        const start = now.record.policy.start_date!
        return w.insert('osago_change', {
          policy_id: input.policyId,
          kind: kind.code,
          status: 'draft',
          print_form: kind.print,
          effective_date: today(ctx) > start ? today(ctx) : start,
          before: now.draft,
          after: now.draft,
          calculation: null,
          settlement: null,
          created_by: ctx.actor.userId,
        })
      })
      return view(row)
    },

    'osagoChange/save-change': async (input, ctx) => {
      const row = await write(db, ctx.actor, 'osago.change-saved', ctx.now, async (w) => {
        const before = await editable(w, input.id, input.rowVersion)
        const kind = kindOf(rulesOn(before.created_at.slice(0, 10)).data, before.kind)
        return w.update(
          'osago_change',
          before.id,
          { status: 'draft', after: edited(before, input.after, kind), calculation: null, amount_kopecks: null },
          { before, expectedVersion: input.rowVersion },
        )
      })
      return view(row)
    },

    'osagoChange/calculate-change': async (input, ctx) => {
      const row = await write(db, ctx.actor, 'osago.change-calculated', ctx.now, async (w) => {
        const before = await editable(w, input.id, input.rowVersion)
        const rules = rulesOn(before.created_at.slice(0, 10))
        const kind = kindOf(rules.data, before.kind)
        const after = input.after ? edited(before, input.after, kind) : before.after
        const now = await policyNow(w.trx, before.policy_id)
        const p = now.record.policy
        const premium = price(before, after, kind, now.premiumKopecks, p.end_date!, p.start_date!)
        const calculation: StoredChangeCalculation = { ...premium, rulesVersion: rules.version }
        return w.update(
          'osago_change',
          before.id,
          { status: 'calculated', after, calculation, amount_kopecks: premium.amountKopecks },
          { before, expectedVersion: input.rowVersion },
        )
      })
      return view(row)
    },

    /**
     * The policy takes the change in one transaction: the blank moves first when the kind re-issues the policy
     * (HQ checks the policy's new blank names it), then the policy's searchable columns and blank, then the change.
     */
    'osagoChange/apply-change': async (input, ctx) => {
      const taken = await paymentReceipt(
        (await findChangeRow(db, input.id)).amount_kopecks ?? 0,
        input.payment,
        'osago_change_premium',
        'Доплата страховой премии ОСАГО при изменении договора',
        ctx,
      )
      const row = await write(db, ctx.actor, 'osago.change-applied', ctx.now, async (w) => {
        const change = await findChangeRow(w.trx, input.id)
        if (!osagoChangeLifecycle.movesFrom('osagoChange/apply-change', change.status))
          throw new AppError('CONFLICT', 'osagoChange.errors.notCalculated')
        if (change.row_version !== input.rowVersion) throw new AppError('CONFLICT', 'errors.staleRecord')
        const now = await policyNow(w.trx, change.policy_id)
        checkChangeable(now, ctx)
        const settlement = settlementOf(change.amount_kopecks ?? 0, taken.payment, ctx)
        await recordChangePayment(w, change.id, settlement, taken.receipt, 'osago_change_premium', ctx)
        const policy = now.record.policy
        let blank = { id: policy.blank_id!, series: policy.policy_series!, number: policy.policy_number! }
        const reissue = change.print_form === 'reissue'
        if (reissue) {
          await spoilBlank(w, {
            blankId: policy.blank_id!,
            reason: translate(ctx.locale, 'osagoChange.blankReason.reissued', {
              kind: translate(ctx.locale, `osagoChange.kind.${change.kind}`),
            }),
          })
          blank = await assignBlank(w, { policyId: policy.id, ...(input.blankId ? { blankId: input.blankId } : {}) })
        }
        const search = osagoSearchColumns(change.after, policyNumberSearch(blank.series, blank.number))
        await w.update(
          'osago_policy',
          policy.id,
          {
            ...search,
            ...(reissue
              ? {
                  status: 'issued' as const,
                  blank_id: blank.id,
                  policy_series: blank.series,
                  policy_number: blank.number,
                  printed_at: null,
                }
              : {}),
          },
          { before: policy },
        )
        return w.update(
          'osago_change',
          change.id,
          {
            status: 'applied',
            settlement,
            applied_at: ctx.now.toISOString(),
            applied_by: ctx.actor.userId,
            ...(reissue
              ? {
                  old_blank_id: policy.blank_id,
                  new_blank_id: blank.id,
                  new_series: blank.series,
                  new_number: blank.number,
                }
              : {}),
          },
          { before: change, expectedVersion: input.rowVersion },
        )
      })
      return view(row)
    },

    /**
     * The refund an applied change owes, paid: recorded once on the change's settlement, on a day from the change's
     * application to today. The payments journal (core/payments) takes its entry from here, in this same write.
     */
    'osagoChange/record-refund-payout': async (input, ctx) => {
      // Checked before the register prints the refund's receipt (возврат прихода), and again inside the write.
      const current = await findChangeRow(db, input.id)
      refundPayable(current, input, ctx)
      const due = current.settlement!
      const receipt = await takeReceipt({ db }, ctx, {
        direction: 'out',
        purpose: 'osago_change_refund',
        amountKopecks: due.amountKopecks,
        method: input.method,
        itemName: 'Возврат части страховой премии ОСАГО при изменении договора',
        // Cash and card: the register's receipt, else the typed ФД number; a transfer: the payment order's number.
        ...(input.method === 'bank' ? { paymentDocument: input.document } : { receiptNumber: input.document }),
        field: 'document',
      })
      const row = await write(db, ctx.actor, 'osago.change-refund-paid', ctx.now, async (w) => {
        const change = await findChangeRow(w.trx, input.id)
        refundPayable(change, input, ctx)
        const settlement: ChangeSettlement = {
          ...change.settlement!,
          payout: {
            method: input.method,
            document: receipt.number,
            paidOn: input.paidOn,
            recordedAt: ctx.now.toISOString(),
            recordedBy: ctx.actor.userId ?? '',
          },
        }
        // The refund paid out goes into the day's payments journal with its receipt (core/payments).
        const user = requireUser(ctx)
        await recordPayment(w, {
          direction: 'out',
          purpose: 'osago_change_refund',
          recordType: 'osago_change',
          recordId: change.id,
          amountKopecks: settlement.amountKopecks,
          method: input.method,
          receipt,
          clerk: { id: user.id, name: user.fullName },
          paidAt: ctx.now.toISOString(),
          timeZone: BRANCH_TIME_ZONE,
        })
        return w.update(
          'osago_change',
          change.id,
          { status: 'applied', settlement },
          { before: change, expectedVersion: input.rowVersion },
        )
      })
      return view(row)
    },

    'osagoChange/discard-change': async (input, ctx) => {
      const row = await write(db, ctx.actor, 'osago.change-discarded', ctx.now, async (w) => {
        const before = await editable(w, input.id, input.rowVersion)
        return w.update('osago_change', before.id, { status: 'discarded' }, { before })
      })
      return view(row)
    },

    /**
     * A duplicate of a lost policy: the blank the client lost is recorded lost, the same data goes on a new blank,
     * the fee by the rules in force today (paid with the duplicate when it is not zero).
     */
    'osagoChange/issue-duplicate': async (input, ctx) => {
      const rules = rulesOn(today(ctx))
      const fee = rules.data.duplicateFeeKopecks.value
      const taken = await paymentReceipt(
        fee,
        input.payment,
        'osago_duplicate_fee',
        'Выдача дубликата полиса ОСАГО',
        ctx,
      )
      const row = await write(db, ctx.actor, 'osago.duplicate-issued', ctx.now, async (w) => {
        const now = await policyNow(w.trx, input.policyId)
        const policy = now.record.policy
        if (!isOsagoContract(policy.status) || !policy.blank_id)
          throw new AppError('CONFLICT', 'osago.errors.notIssued')
        if (policy.row_version !== input.policyRowVersion) throw new AppError('CONFLICT', 'errors.staleRecord')
        const settlement = settlementOf(fee, taken.payment, ctx)
        await loseBlank(w, { blankId: policy.blank_id, policyId: policy.id, reason: input.reason })
        const blank = await assignBlank(w, {
          policyId: policy.id,
          ...(input.blankId ? { blankId: input.blankId } : {}),
        })
        await w.update(
          'osago_policy',
          policy.id,
          {
            status: 'issued',
            blank_id: blank.id,
            policy_series: blank.series,
            policy_number: blank.number,
            printed_at: null,
            search_text: osagoSearchColumns(now.draft, policyNumberSearch(blank.series, blank.number)).search_text,
          },
          { before: policy, expectedVersion: input.policyRowVersion },
        )
        const created = await w.insert('osago_change', {
          policy_id: policy.id,
          kind: 'duplicate',
          status: 'draft',
          print_form: 'duplicate',
          effective_date: today(ctx),
          before: now.draft,
          after: now.draft,
          calculation: null,
          created_by: ctx.actor.userId,
        })
        await recordChangePayment(w, created.id, settlement, taken.receipt, 'osago_duplicate_fee', ctx)
        return w.update(
          'osago_change',
          created.id,
          {
            status: 'applied',
            settlement,
            amount_kopecks: fee,
            fee_kopecks: fee,
            old_blank_id: policy.blank_id,
            new_blank_id: blank.id,
            new_series: blank.series,
            new_number: blank.number,
            reason: input.reason,
            applied_at: ctx.now.toISOString(),
            applied_by: ctx.actor.userId,
          },
          { before: created },
        )
      })
      return view(row)
    },
  }
}
