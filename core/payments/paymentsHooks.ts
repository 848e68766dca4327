import { AppError } from '../app/appError'
import type { WriteHook } from '../db/write'

/**
 * The Writer's guard of the journal, in every feature's write that records a payment (core/db/write.ts
 * `WriteHook`): a payment is only ever inserted — a mistake is reversed by a new row — and never into a day
 * whose cash is closed (the day's report is frozen; Указание ЦБ № 3210-У п. 4.6). recordPayment already picks the
 * next open day; this catches any other path.
 */
export const paymentWriteHooks: readonly WriteHook[] = [
  {
    table: 'payment',
    async run(w, before, after) {
      if (before) throw new AppError('CONFLICT', 'errors.appendOnly')
      const day = (await w.trx('cash_day').where({ day: after.business_day }).first('status')) as
        { status: string } | undefined
      if (day?.status === 'closed')
        throw new AppError('CONFLICT', 'payments.errors.dayClosed', { day: String(after.business_day) })
    },
  },
]
