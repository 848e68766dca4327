import { z } from 'zod'
import { isCalendarDate } from '../dates/calendarDate'

/**
 * A required date field of a form, `YYYY-MM-DD`. Nothing typed is «Обязательное поле», as for every other field; the
 * date format message is for a value that is there but is not a calendar date. The form's date field (renderer
 * DateInput) keeps its model '' until the typed text is a whole date and says itself what is wrong with half a date,
 * so '' here is a field left empty (issue 14: an empty date read «Дата в формате ДД.ММ.ГГГГ»).
 */
export const requiredDateSchema = z.string({ error: () => 'validation.required' }).superRefine((value, ctx) => {
  if (value.trim() === '') ctx.addIssue({ code: 'custom', message: 'validation.required' })
  else if (!isCalendarDate(value)) ctx.addIssue({ code: 'custom', message: 'validation.date.format' })
})
