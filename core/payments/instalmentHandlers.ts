import { todayIn } from '../../shared/dates/calendarDate'
import { formatDateRu } from '../../shared/dates/typedDate'
import type { ContractInstalments } from '../../shared/payments/instalmentsContract'
import { AppError } from '../app/appError'
import type { CoreServices } from '../app/feature'
import { write } from '../db/write'
import { requireUser, type HandlerContext, type HandlersOf } from '../ipc/handlers'
import { referenceInForce } from '../reference/loadReferenceData'
import { workingDayCalendarOf } from '../reference/workingDays'
import { recordPayment, takeReceipt } from './api'
import { dueListPage } from './dueList'
import {
  CONTRACT_RECORD_TYPE,
  INSTALMENT_PURPOSE,
  contractInstalments,
  contractTerms,
  findInstalmentContract,
  instalmentPayments,
} from './instalmentRows'

type InstalmentChannels =
  'payments/list-instalments' | 'payments/get-contract-instalments' | 'payments/accept-instalment'

/**
 * CASCO instalments after issue (issue 16 point 2; docs/domain/payments.md#casco-instalments): the due list, a
 * contract's schedule, and taking an instalment — checked against the schedule, its receipt through the journal's
 * takeReceipt (the register, or a typed number), its row through recordPayment in the same write as the checks.
 */
export function instalmentHandlers(services: CoreServices): HandlersOf<InstalmentChannels> {
  const { db, reference, timeZone } = services
  const today = (ctx: HandlerContext) => todayIn(timeZone, ctx.now)
  const calendar = () => workingDayCalendarOf(reference)

  async function schedule(trx: Parameters<typeof findInstalmentContract>[0], id: string, ctx: HandlerContext) {
    const c = await findInstalmentContract(trx, id)
    const payments = (await instalmentPayments(trx, [id])).get(id) ?? []
    return { c, s: contractInstalments(c, payments, today(ctx), contractTerms(reference, c.schedule!), calendar()) }
  }

  /** Refuses what may not be taken: the reason in the clerk's words (docs/domain/payments.md#i2). */
  function assertAcceptable(s: ContractInstalments, instalmentNo: number, amountKopecks: number, fieldPath: string) {
    const i = s.items.find((x) => x.instalmentNo === instalmentNo)
    if (!i || instalmentNo === 1) throw new AppError('NOT_FOUND', 'instalments.errors.noSuchInstalment')
    if (i.status === 'paid') throw new AppError('CONFLICT', 'instalments.errors.alreadyPaid', { no: instalmentNo })
    if (i.consequence?.kind === 'terminated')
      throw new AppError('CONFLICT', 'instalments.errors.lapsed', { date: formatDateRu(i.consequence.on) })
    if (!s.open) throw new AppError('CONFLICT', 'instalments.errors.contractClosed')
    const earlier = s.items.find((x) => x.instalmentNo < instalmentNo && x.status !== 'paid')
    if (earlier) throw new AppError('CONFLICT', 'instalments.errors.earlierUnpaid', { no: earlier.instalmentNo })
    const owed = i.amountKopecks - Math.max(0, i.paidKopecks)
    const fits = s.partialPayments ? amountKopecks <= owed : amountKopecks === owed
    if (!fits) {
      const key = s.partialPayments ? 'instalments.errors.moreThanOwed' : 'instalments.errors.notScheduled'
      throw new AppError('VALIDATION', key, {}, { [fieldPath]: key })
    }
    return i
  }

  return {
    'payments/list-instalments': async (input, ctx) => {
      const date = today(ctx)
      return dueListPage(
        db,
        reference,
        calendar(),
        date,
        { statuses: input?.statuses, query: input?.query, limit: input?.limit ?? 50, offset: input?.offset ?? 0 },
        referenceInForce(reference, 'casco-instalment-terms', date).data.reminderDaysBefore.value,
      )
    },

    'payments/get-contract-instalments': async (input, ctx) => (await schedule(db, input.id, ctx)).s,

    'payments/accept-instalment': async (input, ctx) => {
      const user = requireUser(ctx)
      // Checked before the register prints anything: a refused payment gets no receipt.
      const before = await schedule(db, input.contractId, ctx)
      assertAcceptable(before.s, input.instalmentNo, input.payment.amountKopecks, 'payment.amountKopecks')
      const receipt = await takeReceipt(services, ctx, {
        direction: 'in',
        purpose: INSTALMENT_PURPOSE,
        amountKopecks: input.payment.amountKopecks,
        method: input.payment.method,
        itemName: `Страховой взнос ${input.instalmentNo} по договору КАСКО ${before.c.contract_number ?? ''}`.trim(),
        ...(input.payment.receiptNumber ? { receiptNumber: input.payment.receiptNumber } : {}),
      })
      await write(db, ctx.actor, 'payments.instalment-accepted', ctx.now, async (w) => {
        // Again inside the transaction: a second window may have taken the same instalment meanwhile.
        const { s } = await schedule(w.trx, input.contractId, ctx)
        assertAcceptable(s, input.instalmentNo, input.payment.amountKopecks, 'payment.amountKopecks')
        return recordPayment(w, {
          direction: 'in',
          purpose: INSTALMENT_PURPOSE,
          recordType: CONTRACT_RECORD_TYPE,
          recordId: input.contractId,
          instalmentNo: input.instalmentNo,
          amountKopecks: input.payment.amountKopecks,
          method: input.payment.method,
          receipt,
          clerk: { id: user.id, name: user.fullName },
          paidAt: ctx.now.toISOString(),
          timeZone,
        })
      })
      return (await schedule(db, input.contractId, ctx)).s
    },
  }
}
