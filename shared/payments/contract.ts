import { z } from 'zod'
import { channel } from '../contract/channel'
import type { ListPage } from '../contract/listPage'
import { isCalendarDate } from '../dates/calendarDate'
import { idSchema } from '../staff/schemas'
import type { CashReport } from './cashReport'
import type { CashDayStatus } from './lifecycle'
import { MONEY_METHODS, PAYMENT_PURPOSES, type JournalEntry } from './payment'
import { DAY_CLOSERS, JOURNAL_READERS, PAYMENT_REVERSERS } from './roles'

const daySchema = z
  .string({ message: 'validation.required' })
  .refine(isCalendarDate, { message: 'validation.date.format' })

/** A business day as the screen shows it: its status, who closed it, and the report (frozen once closed). */
export interface CashDayView {
  day: string
  status: CashDayStatus
  /** A day with no payment and not closed has no row yet. */
  id: string | null
  rowVersion: number | null
  closedAt: string | null
  closedBy: string | null
  closedByName: string | null
  /** The branch's today in its time zone, for the screen's «Сегодня». */
  today: string
  report: CashReport
}

export interface JournalPage extends ListPage<JournalEntry> {
  day: string
  status: CashDayStatus
}

export const paymentsContract = {
  /** The day's journal (newest first), filtered by clerk, method and purpose, a page at a time. */
  'payments/list-journal': channel<JournalPage>()({
    input: z.strictObject({
      day: daySchema,
      clerkId: idSchema.optional(),
      method: z.enum(MONEY_METHODS).optional(),
      purpose: z.enum(PAYMENT_PURPOSES).optional(),
      limit: z.number().int().min(1).max(200).default(50),
      offset: z.number().int().min(0).max(100_000).default(0),
    }),
    access: JOURNAL_READERS,
  }),
  /** The day's cash report: the branch and each clerk; one clerk's part when `clerkId` is given. */
  'payments/cash-report': channel<CashDayView>()({
    input: z.strictObject({ day: daySchema, clerkId: idSchema.optional() }),
    access: JOURNAL_READERS,
  }),
  /** Closes the day: its report frozen, its payments locked; a payment after it goes into the next day. */
  'payments/close-day': channel<CashDayView>()({
    input: z.strictObject({ day: daySchema, rowVersion: z.number().int().min(1).optional() }),
    access: DAY_CLOSERS,
  }),
  /** Reverses a mistaken payment by a new row in the opposite direction (never an edit), with the reason. */
  'payments/reverse-payment': channel<JournalEntry>()({
    input: z.strictObject({
      id: idSchema,
      reason: z
        .string({ message: 'validation.required' })
        .trim()
        .min(3, { message: 'validation.required' })
        .max(300, { message: 'validation.text.tooLong' }),
      /** Without a register: the number of the receipt the stand-alone register printed for the return. */
      receiptNumber: z.string().trim().max(60, { message: 'validation.text.tooLong' }).optional(),
    }),
    access: PAYMENT_REVERSERS,
  }),
} as const
