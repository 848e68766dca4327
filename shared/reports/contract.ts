import { z } from 'zod'
import { channel } from '../contract/channel'
import { diffDays, isCalendarDate } from '../dates/calendarDate'
import { JOURNAL_READERS } from '../payments/roles'
import { idSchema } from '../staff/schemas'
import type { Report } from './export/table'
import { REPORT_READERS } from './roles'

/** A year and a day at most: the blank report is monthly or quarterly; a typo must not read ten years of blanks. */
export const MAX_REPORT_DAYS = 366

const daySchema = z
  .string({ message: 'validation.required' })
  .refine(isCalendarDate, { message: 'validation.date.format' })

function checkPeriod(v: { from: string; to: string }, ctx: z.RefinementCtx): void {
  if (!isCalendarDate(v.from) || !isCalendarDate(v.to)) return
  const days = diffDays(v.from, v.to)
  if (days < 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'reports.errors.periodOrder' })
  else if (days >= MAX_REPORT_DAYS)
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'reports.errors.periodTooLong' })
}

export const periodInput = z.strictObject({ from: daySchema, to: daySchema }).superRefine(checkPeriod)

/** What a report file is written as (decision 107). */
export const EXPORT_FORMATS = ['xlsx', 'csv'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]
const formatSchema = z.enum(EXPORT_FORMATS, { message: 'validation.required' })

export interface SavedReport {
  /** Where the file went; null when the user cancelled the dialog. */
  savedTo: string | null
}

/**
 * Reports (issue 16 point 3): the blank report for a period on screen, and both reports saved as XLSX or CSV where
 * the user chooses (printing goes through the print channels, kinds `blank-report` and `cash-report`).
 */
export const reportsContract = {
  'reports/blank-report': channel<Report>()({ input: periodInput, access: REPORT_READERS }),
  'reports/blank-report-export': channel<SavedReport>()({
    input: z.strictObject({ from: daySchema, to: daySchema, format: formatSchema }).superRefine(checkPeriod),
    access: REPORT_READERS,
  }),
  'reports/cash-report-export': channel<SavedReport>()({
    input: z.strictObject({ day: daySchema, clerkId: idSchema.optional(), format: formatSchema }),
    access: JOURNAL_READERS,
  }),
} as const
