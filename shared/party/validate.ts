import { zodIssuesToFieldErrors } from '../validation/fieldErrors'
import { organisationIdProblems } from './organisationIds'
import { partySchema, type Party } from './schemas'

/**
 * Problems of a party that zod would hold back while another field is still invalid: the organisation's
 * identifiers against its form. Keyed by dotted path under `prefix` (`insured`, `owner.entity`). Forms run this
 * on the value as typed, beside the schema, so a wrong INN shows while the address is still empty.
 */
export function organisationProblemsAt(raw: unknown, prefix: string): Record<string, string> {
  if (typeof raw !== 'object' || raw === null) return {}
  const out: Record<string, string> = {}
  for (const [field, key] of Object.entries(organisationIdProblems(raw)))
    out[prefix ? `${prefix}.${field}` : field] = key
  return out
}

/** As `organisationProblemsAt`, for a party of either kind (a person has none of these). */
export function partyProblemsAt(raw: unknown, prefix: string): Record<string, string> {
  const kind = typeof raw === 'object' && raw !== null ? (raw as { kind?: unknown }).kind : undefined
  return kind === 'organisation' ? organisationProblemsAt(raw, prefix) : {}
}

/** The whole check of one party, as a form or a service runs it: field formats plus the identifiers by form. */
export function validateParty(
  raw: unknown,
): { ok: true; party: Party } | { ok: false; fieldErrors: Record<string, string> } {
  const parsed = partySchema.safeParse(raw, { reportInput: true })
  const fieldErrors = { ...partyProblemsAt(raw, ''), ...(parsed.success ? {} : zodIssuesToFieldErrors(parsed.error)) }
  if (parsed.success && Object.keys(fieldErrors).length === 0) return { ok: true, party: parsed.data }
  return { ok: false, fieldErrors }
}
