import { contract, type Channel } from '../../shared/contract'
import type { Role } from '../../shared/contract/roles'
import { SEARCH_KINDS, type SearchHit, type SearchKind } from '../../shared/search/contract'
import { BRANCH_INSPECTION_READERS, inGroup } from '../../shared/staff/roleGroups'
import { defineFeature } from '../app/feature'
import type { Db } from '../db/openDatabase'
import { requireUser, type HandlersOf } from '../ipc/handlers'
import { searchCasco } from '../casco/api'
import { searchInspections } from '../inspection/api'
import { searchOsago } from '../osago/api'
import { searchTerminations } from '../termination/api'
import { searchClients } from '../client/api'
import { CLIENT_READERS } from '../../shared/client/client'

type RecordKind = Exclude<SearchKind, 'client'>

/** Each record kind is searched for a user who may open its list: the list channel's access, read from the contract. */
const LIST_CHANNEL: Record<RecordKind, Channel> = {
  osago: 'osago/list-policies',
  casco: 'casco/list-quotes',
  inspection: 'inspection/list',
  termination: 'termination/list-applications',
}

export function maySearch(role: Role, kind: RecordKind): boolean {
  const access = contract[LIST_CHANNEL[kind]].access
  return access === 'signed-in' || (access !== 'public' && inGroup(role, access))
}

/**
 * Up to `limit` hits shared fairly between the kinds that found something (one from each in turn), grouped in
 * SEARCH_KINDS order, each kind in its own order (newest change first).
 */
export function shareHits(byKind: ReadonlyMap<SearchKind, SearchHit[]>, limit: number): SearchHit[] {
  const taken = new Map<SearchKind, number>()
  let left = limit
  for (let round = 0; left > 0; round++) {
    let any = false
    for (const kind of SEARCH_KINDS) {
      if (left === 0) break
      if ((byKind.get(kind)?.length ?? 0) > round) {
        taken.set(kind, round + 1)
        left--
        any = true
      }
    }
    if (!any) break
  }
  return SEARCH_KINDS.flatMap((k) => (byKind.get(k) ?? []).slice(0, taken.get(k) ?? 0))
}

async function searchAll(db: Db, role: Role, userId: string, query: string, limit: number): Promise<SearchHit[]> {
  const asks: Array<Promise<SearchHit[]>> = []
  if (maySearch(role, 'osago')) asks.push(searchOsago(db, query, limit))
  if (maySearch(role, 'casco')) asks.push(searchCasco(db, query, limit))
  if (maySearch(role, 'inspection'))
    asks.push(searchInspections(db, query, limit, inGroup(role, BRANCH_INSPECTION_READERS) ? null : userId))
  if (maySearch(role, 'termination')) asks.push(searchTerminations(db, query, limit))
  // Client cards for those who may open one (the card's own access list, shared/client/contract.ts).
  if (inGroup(role, CLIENT_READERS)) asks.push(searchClients(db, query, limit))
  const byKind = new Map<SearchKind, SearchHit[]>()
  for (const hits of await Promise.all(asks)) {
    for (const h of hits) byKind.set(h.kind, [...(byKind.get(h.kind) ?? []), h])
  }
  // Client hits come from the cards and from the people named on records: cards first (a card opens the client's
  // whole history), then newest first, one per name.
  const card = (h: SearchHit) => (h.source ? 1 : 0)
  const clients = (byKind.get('client') ?? []).sort((a, b) =>
    card(a) !== card(b) ? card(a) - card(b) : a.updatedOn < b.updatedOn ? 1 : -1,
  )
  const names = new Set<string>()
  byKind.set(
    'client',
    clients.filter((c) => !names.has(c.title) && names.add(c.title)),
  )
  return shareHits(byKind, limit)
}

/** The global search (Ctrl+K anywhere): every record kind the user may open, through each feature's api.ts. */
export const searchApp = defineFeature({
  name: 'search',
  handlers: ({ db }) =>
    ({
      'search/global': async (input, ctx) => {
        const user = requireUser(ctx)
        return { hits: await searchAll(db, user.role, user.id, input.query, input.limit) }
      },
    }) satisfies HandlersOf<'search/global'>,
  syncedTables: [],
})
