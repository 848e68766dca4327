import { isCalendarDate } from '../dates/calendarDate'
import type { PartyDraft } from '../party/draft'
import { partyDraftSchema } from '../party/draftSchema'
import { organisationIdProblems } from '../party/organisationIds'
import { departmentCode, email, passport, personName, phone, problemOf, type FieldRules } from '../validation'

/**
 * What an edit of a client card must satisfy (issue 15; decision 101). A card grows as products bring more — one
 * made from an inspection knows a name and a phone — so an edit does not ask for the whole party an OSAGO policy
 * needs (`partySchema`): it asks for who the client is (a person's surname and name; an organisation's form, name
 * and identifiers, which is how the card is matched) and checks every other field that is filled by the same rules
 * the products use. A passport is both halves or neither (the match key is its ten digits).
 * Keyed by dotted path inside the party; the form and the core (`client/update-card`) run the same function.
 */
export function clientCardProblems(party: PartyDraft): Record<string, string> {
  const out: Record<string, string> = {}
  const check = (path: string, rules: FieldRules, value: string, required: boolean) => {
    if (!required && rules.normalise(value) === '') return
    const problem = problemOf(rules, value, [])
    if (problem) out[path] = problem.key
  }
  const date = (path: string, value: string) => {
    if (value.trim() !== '' && !isCalendarDate(value)) out[path] = 'validation.date.format'
  }
  if (party.kind === 'person') {
    check('surname', personName, party.surname, true)
    check('name', personName, party.name, true)
    check('patronymic', personName, party.patronymic, false)
    date('birthDate', party.birthDate)
    const anyPassport = party.passport.series.trim() !== '' || party.passport.number.trim() !== ''
    check('passport.series', passport.series, party.passport.series, anyPassport)
    check('passport.number', passport.number, party.passport.number, anyPassport)
    date('passport.issueDate', party.passport.issueDate)
    check('passport.departmentCode', departmentCode, party.passport.departmentCode, false)
  } else {
    if (party.form === null) out.form = 'party.validation.formRequired'
    if (party.fullName.trim() === '') out.fullName = 'validation.required'
    Object.assign(out, organisationIdProblems(party))
  }
  check('phone', phone, party.phone, false)
  check('email', email, party.email, false)
  return out
}

/**
 * The same check as a schema a form runs on every change (renderer useDraftForm): the draft's shape, then the
 * card's problems at their fields.
 */
export const clientCardPartySchema = partyDraftSchema.superRefine((party, ctx) => {
  for (const [path, key] of Object.entries(clientCardProblems(party as PartyDraft)))
    ctx.addIssue({ code: 'custom', message: key, path: path.split('.') })
})
