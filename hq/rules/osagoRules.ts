import { ownerRuleProblems, readOsagoApplication } from '../../shared/osago/application'
import { organisationProblemsAt, partyProblemsAt } from '../../shared/party/validate'
import type { RecordData } from '../records'
import { parseJson } from './ruleKit'
import { reject, type Verdict } from './types'

/** Statuses whose record carries the application that was priced (and then issued). */
const PRICED = new Set(['calculated', 'issued', 'printed'])

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * Organisations in the application as the branch stored them: today's shape carries a legal form. An owner stored
 * as `{ name, inn, ogrn, address }` (before form and KPP were asked) passed the checks of its time and is not
 * judged again by rules it never saw.
 */
function organisationProblems(raw: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {}
  const insured = raw.insured
  if (isObject(insured) && 'form' in insured) Object.assign(out, partyProblemsAt(insured, 'insured'))
  const owner = raw.owner
  if (
    !raw.ownerIsInsured &&
    isObject(owner) &&
    owner.type === 'legal' &&
    isObject(owner.entity) &&
    'form' in owner.entity
  ) {
    Object.assign(out, organisationProblemsAt(owner.entity, 'owner.entity'))
  }
  return out
}

/** Equal as JSON values whatever the key order or spacing a device serialised them with. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]))
  }
  if (!isObject(a) || !isObject(b)) return false
  const keys = Object.keys(a)
  return keys.length === Object.keys(b).length && keys.every((k) => k in b && sameJson(a[k], b[k]))
}

/**
 * Whether this change asks HQ to judge the application: on the move into `calculated` (the branch priced it), or
 * when the application itself changed. An issued or printed policy whose application did not change (printing,
 * reissue on a new blank) is not judged again: it may predate a rule (an organisation owner with a named list,
 * issued before 40-FZ art. 16 was enforced here) and its contract already stands.
 */
function applicationToJudge(before: RecordData | null, after: RecordData): boolean {
  if (after.status === 'calculated' && before?.status !== 'calculated') return true
  if (!before) return true
  if (before.application === after.application) return false
  const was = parseJson(before.application)
  const now = parseJson(after.application)
  return was === undefined || now === undefined || !sameJson(was, now)
}

/**
 * What HQ checks in a priced OSAGO application beyond the status machine: only a citizen owner may limit the
 * drivers list (40-FZ art. 16 p. 1), and an organisation's INN, KPP and OGRN are well formed with their check
 * digits. A draft is work in progress and is not judged; a record without its application is left to the status
 * rule; an unchanged application is not judged twice (applicationToJudge).
 */
export function osagoApplicationVerdict(before: RecordData | null, after: RecordData): Verdict {
  if (!PRICED.has(String(after.status)) || after.application === null || after.application === undefined) return null
  if (!applicationToJudge(before, after)) return null
  const raw = parseJson(after.application)
  if (!isObject(raw))
    return reject('invalid-data', { field: 'application', message: 'the application is not a JSON object' })
  const rules = ownerRuleProblems(readOsagoApplication(raw))
  if (rules['drivers.mode']) return reject('osago-drivers-not-limitable', {})
  const first = Object.entries({ ...rules, ...organisationProblems(raw) })[0]
  return first ? reject('invalid-data', { field: `application.${first[0]}`, message: first[1] }) : null
}
