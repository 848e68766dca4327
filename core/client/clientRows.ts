import { clientName, partyKey, type ClientSummary } from '../../shared/client/client'
import { readPartyDraft, type PartyDraft } from '../../shared/party/draft'
import type { DerivedColumns } from '../db/derived'
import { passportSearch, phoneSearch, searchText } from '../db/searchText'
import type { RowOf } from '../db/tables'

export type ClientRow = RowOf<'client'>

/**
 * The columns of a client row that come from its party: the name lists show, the match keys (passport for a
 * person, INN for an organisation), the phone's national digits and the searchable text — surname first (the 1–2
 * character lookups read its first letters), then phone, passport and INN/OGRN as the global search finds them.
 */
export function partyColumns(
  party: PartyDraft,
): Pick<ClientRow, 'kind' | 'display_name' | 'passport' | 'inn' | 'phone' | 'search_text'> {
  const key = partyKey(party)
  const phone = phoneSearch(party.phone)
  const ids =
    party.kind === 'person'
      ? [passportSearch(party.passport.series, party.passport.number), party.birthDate]
      : [party.inn, party.ogrn, party.fullName !== party.shortName ? party.fullName : null]
  return {
    kind: party.kind,
    display_name: clientName(party) || '—',
    passport: key.passport,
    inn: key.inn,
    phone,
    search_text: searchText([clientName(party), phone, ...ids]),
  }
}

/** search_text recomputed from the party for rows applied from HQ (core/db/derived.ts). */
export const clientSearchText: DerivedColumns = {
  table: 'client',
  column: 'search_text',
  from: ['client'],
  async compute(db, ids) {
    const q = db('client').select('id', 'party')
    if (ids) q.whereIn('id', ids)
    const rows = (await q) as Array<{ id: string; party: string | null }>
    return rows.flatMap((r) => {
      try {
        return [{ id: r.id, value: partyColumns(readPartyDraft(JSON.parse(r.party ?? 'null'))).search_text! }]
      } catch {
        return []
      }
    })
  },
}

export function toClientSummary(row: ClientRow): ClientSummary {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status ?? 'active',
    name: row.display_name,
    phone: row.phone,
    updatedAt: row.updated_at,
  }
}
