import { isCalendarDate } from '../dates/calendarDate'
import type { ContractSummary, RemoteClient } from '../sync/protocol'
import { clientIdentifierSchema, type ClientIdentifier } from '../sync/protocol'
import { innChecksumMatches } from '../validation/inn'

/**
 * A client of another branch is asked of HQ only by what identifies one person exactly (docs/domain/personal-data.md
 * #clients-of-other-branches): the text the clerk typed in the search, read as the exact identifiers it can be.
 * Anything else — a surname alone, part of a number — is no identifier: HQ is never asked to list another branch's
 * clients by a guess.
 */

const SURNAME_AND_DATE = /^(\p{L}+(?:[-'’]\p{L}+)*)((?:\s+\p{L}+(?:[-'’]\p{L}+)*){0,2})\s+(\d{2})\.(\d{2})\.(\d{4})$/u
const ISO_TAIL = /^(\p{L}+(?:[-'’]\p{L}+)*)((?:\s+\p{L}+(?:[-'’]\p{L}+)*){0,2})\s+(\d{4})-(\d{2})-(\d{2})$/u

function personIdentifier(text: string): ClientIdentifier | null {
  let m = SURNAME_AND_DATE.exec(text)
  let date: string | null = null
  if (m) date = `${m[5]}-${m[4]}-${m[3]}`
  else if ((m = ISO_TAIL.exec(text))) date = `${m[3]}-${m[4]}-${m[5]}`
  if (!m || !date || !isCalendarDate(date)) return null
  const [name, patronymic] = (m[2] ?? '').trim().split(/\s+/).filter(Boolean)
  return {
    by: 'person',
    surname: m[1]!,
    ...(name ? { name } : {}),
    ...(patronymic ? { patronymic } : {}),
    birthDate: date,
  }
}

/**
 * The exact identifiers a typed text can be, most specific first; empty when it is none. «4519 123456» is a passport;
 * ten digits typed together may be a passport, a phone or (when its check digit matches) an INN; «+7…», «8 (…)» and
 * eleven digits from 7 or 8 are a phone; twelve digits a person's INN; «Иванов 12.03.1985» (with the name and
 * patronymic, if typed) a person by the birth date.
 */
export function exactIdentifiers(typed: string): ClientIdentifier[] {
  const text = typed.trim().replace(/\s+/g, ' ')
  if (!text) return []
  const person = personIdentifier(text)
  if (person) return [person]
  if (!/^[+\d][\d ()\-–]*$/.test(text)) return []
  const digits = text.replace(/\D/g, '')
  const out: ClientIdentifier[] = []
  const phoneShaped = text.startsWith('+') || text.includes('(')
  if (/^\d{4} \d{6}$/.test(text) || /^\d{2} \d{2} \d{6}$/.test(text)) return [{ by: 'passport', value: digits }]
  if (digits.length === 11 && /^[78]/.test(digits)) return [{ by: 'phone', value: digits.slice(1) }]
  if (phoneShaped) return digits.length === 10 ? [{ by: 'phone', value: digits }] : []
  if (digits.length === 12) return innChecksumMatches(digits) ? [{ by: 'inn', value: digits }] : []
  if (digits.length !== 10) return []
  out.push({ by: 'passport', value: digits })
  out.push({ by: 'phone', value: digits })
  if (innChecksumMatches(digits)) out.push({ by: 'inn', value: digits })
  return out.filter((i) => clientIdentifierSchema.safeParse(i).success)
}

/** Whether the text is something HQ may be asked about (the search's «Искать в других филиалах»). */
export function isExactIdentifier(typed: string): boolean {
  return exactIdentifiers(typed).length > 0
}

/** What the device answers about clients of other branches: HQ's cards, or why HQ could not be asked. */
export type RemoteLookupAnswer =
  | { online: true; clients: RemoteClient[] }
  /** Not enrolled, or HQ out of reach: nothing was asked; the clerk types the client in. */
  | { online: false; reason: 'notEnrolled' | 'unreachable' }

export type { ContractSummary, RemoteClient }
