import { isCalendarDate } from '../dates/calendarDate'

/**
 * The diagnostic card's dates. The application takes the card's number, issue date and end date as the EAISTO
 * register holds them (seed 000: "Fill in the date of issue of the DC", then the end date). A card is issued
 * before it can be shown: not after the day the contract is concluded (the counter concludes today, so: not in
 * the future); and it is valid for a period after its issue, so it is issued before the day it is valid until.
 */

export interface DiagnosticCardDates {
  issueDate?: string | null
  validUntil?: string | null
}

/** Problems as i18n keys by the card's field name; a date not yet typed in full is left to the format check. */
export function diagnosticCardProblems(
  card: DiagnosticCardDates | null | undefined,
  conclusionDate: string | null | undefined,
): Record<string, string> {
  const out: Record<string, string> = {}
  const issued = card?.issueDate
  if (!issued || !isCalendarDate(issued)) return out
  if (conclusionDate && isCalendarDate(conclusionDate) && issued > conclusionDate)
    out.issueDate = 'osago.form.diagnosticIssuedInFuture'
  const until = card.validUntil
  // Shown at the end date, typed after the issue date (the order of the register's form).
  if (until && isCalendarDate(until) && issued >= until) out.validUntil = 'osago.form.diagnosticValidBeforeIssue'
  return out
}
