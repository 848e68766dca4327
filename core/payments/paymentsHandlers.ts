import { compareDates, todayIn } from '../../shared/dates/calendarDate'
import type { CashDayView } from '../../shared/payments/contract'
import type { JournalEntry } from '../../shared/payments/payment'
import { AppError } from '../app/appError'
import type { Db } from '../db/openDatabase'
import { write } from '../db/write'
import { requireUser, type HandlerContext, type HandlersOf } from '../ipc/handlers'
import { takeReceipt } from './receipt'
import { openCashDay, recordPayment } from './recordPayment'
import {
  cashDayRow,
  computeCashReport,
  findPaymentRow,
  journalPage,
  openDayBefore,
  toEntry,
  type CashDayRow,
} from './paymentRows'

type PaymentsChannels =
  'payments/list-journal' | 'payments/cash-report' | 'payments/close-day' | 'payments/reverse-payment'

export function paymentsHandlers(db: Db, timeZone: string): HandlersOf<PaymentsChannels> {
  const today = (ctx: HandlerContext) => todayIn(timeZone, ctx.now)

  async function view(
    day: string,
    ctx: HandlerContext,
    clerkId?: string,
    row?: CashDayRow | null,
  ): Promise<CashDayView> {
    const r = row === undefined ? await cashDayRow(db, day) : row
    const closer = r?.closed_by
      ? ((await db('staff').where({ id: r.closed_by }).first('full_name')) as { full_name: string } | undefined)
      : undefined
    return {
      day,
      status: r?.status ?? 'open',
      id: r?.id ?? null,
      rowVersion: r?.row_version ?? null,
      closedAt: r?.closed_at ?? null,
      closedBy: r?.closed_by ?? null,
      closedByName: closer?.full_name ?? null,
      today: today(ctx),
      report: await computeCashReport(db, day, clerkId),
    }
  }

  return {
    'payments/list-journal': async (input) => {
      const page = await journalPage(db, input, input.limit, input.offset)
      const row = await cashDayRow(db, input.day)
      return { ...page, day: input.day, status: row?.status ?? 'open' }
    },

    'payments/cash-report': async (input, ctx) => view(input.day, ctx, input.clerkId),

    /**
     * Closes the day: refused for a day still to come, for a closed one, and while an earlier day with payments is
     * open (its cash would be missing from this day's opening). The report is computed and frozen in the same
     * transaction that closes the day, so no payment can slip in between.
     */
    'payments/close-day': async (input, ctx) => {
      if (compareDates(input.day, today(ctx)) > 0)
        throw new AppError('CONFLICT', 'payments.errors.futureDay', { day: input.day })
      const closed = await write(db, ctx.actor, 'payments.day-closed', ctx.now, async (w) => {
        const earlier = await openDayBefore(w.trx, input.day)
        if (earlier) throw new AppError('CONFLICT', 'payments.errors.earlierDayOpen', { day: earlier })
        const existing = await cashDayRow(w.trx, input.day)
        if (existing?.status === 'closed')
          throw new AppError('CONFLICT', 'payments.errors.dayClosed', { day: input.day })
        if (existing && input.rowVersion !== undefined && existing.row_version !== input.rowVersion)
          throw new AppError('CONFLICT', 'errors.staleRecord')
        const branch = (await w.trx('branch').first('id')) as { id: string }
        const day = existing ?? (await openCashDay(w, branch.id, input.day))
        const report = await computeCashReport(w.trx, input.day)
        return w.update(
          'cash_day',
          day.id,
          { status: 'closed', closed_at: ctx.now.toISOString(), closed_by: ctx.actor.userId, report },
          { before: day },
        )
      })
      return view(input.day, ctx, undefined, closed)
    },

    /**
     * A mistaken payment reversed by a supervisor: a new row in the opposite direction for the same record, purpose,
     * method and amount, naming the row and the reason, with its own receipt (a return of the receipt for money
     * taken). The original stays as it was; its day may be closed, the reversal goes into today's open day.
     */
    'payments/reverse-payment': async (input, ctx): Promise<JournalEntry> => {
      const user = requireUser(ctx)
      const original = await findPaymentRow(db, input.id)
      if (original.reverses_id) throw new AppError('CONFLICT', 'payments.errors.isReversal')
      const direction = original.direction === 'in' ? 'out' : 'in'
      const receipt = await takeReceipt({ db }, ctx, {
        direction,
        purpose: original.purpose,
        amountKopecks: original.amount_kopecks,
        method: original.method,
        itemName: `Сторно: ${original.receipt.number}`,
        ...(input.receiptNumber ? { receiptNumber: input.receiptNumber } : {}),
      })
      const row = await write(db, ctx.actor, 'payments.reversed', ctx.now, async (w) => {
        const taken = await w.trx('payment').where({ reverses_id: original.id }).first('id')
        if (taken) throw new AppError('CONFLICT', 'payments.errors.alreadyReversed')
        return recordPayment(w, {
          direction,
          purpose: original.purpose,
          recordType: original.record_type,
          recordId: original.record_id,
          instalmentNo: original.instalment_no,
          amountKopecks: original.amount_kopecks,
          method: original.method,
          receipt,
          clerk: { id: user.id, name: user.fullName },
          paidAt: ctx.now.toISOString(),
          timeZone,
          reversesId: original.id,
          reason: input.reason,
        })
      })
      return toEntry(row)
    },
  }
}
