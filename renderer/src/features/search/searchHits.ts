import { SEARCH_KINDS, type SearchHit, type SearchKind } from '@shared/search/contract'

/**
 * Where a hit opens and how its status reads, per kind. The screens are the features' own (their routes.ts); the
 * status texts are the ones their lists put in the status chip (`<feature>.status.<code>`), so a hit reads as the
 * list shows the same record.
 */
const RECORD_KINDS = {
  osago: { route: 'osago-policy', statusPrefix: 'osago.status' },
  casco: { route: 'casco-quote', statusPrefix: 'casco.status' },
  inspection: { route: 'inspection', statusPrefix: 'inspection.status' },
  termination: { route: 'termination-application', statusPrefix: 'termination.status' },
} as const satisfies Record<Exclude<SearchKind, 'client'>, { route: string; statusPrefix: string }>

export type RecordKind = keyof typeof RECORD_KINDS

/** A hit placed in the listbox: its position among all shown options (for ↑/↓ and aria-activedescendant). */
export interface ShownHit {
  hit: SearchHit
  index: number
}

export interface HitGroup {
  kind: SearchKind
  hits: ShownHit[]
}

/**
 * The hits grouped by kind in the fixed order of SEARCH_KINDS (what a clerk learns to scan), each group in the core's
 * order; `index` runs over the groups as shown, so ↓ from a group's last hit goes to the next group's first.
 */
export function groupHits(hits: readonly SearchHit[]): HitGroup[] {
  const groups: HitGroup[] = []
  let index = 0
  for (const kind of SEARCH_KINDS) {
    const ofKind = hits.filter((h) => h.kind === kind)
    if (ofKind.length) groups.push({ kind, hits: ofKind.map((hit) => ({ hit, index: index++ })) })
  }
  return groups
}

/** The record a hit stands for: its own, or for a client hit the record the person was found on (null without one). */
function recordOf(hit: SearchHit): { kind: RecordKind; id: string } | null {
  if (hit.kind !== 'client') return { kind: hit.kind, id: hit.id }
  return hit.source ?? null
}

/** The screen a hit opens (route name and id): a client card's hit (no `source`) opens the card. */
export function targetOf(hit: SearchHit): { name: string; params: { id: string } } | null {
  if (hit.kind === 'client' && !hit.source) return { name: 'client', params: { id: hit.id } }
  const record = recordOf(hit)
  return record ? { name: RECORD_KINDS[record.kind].route, params: { id: record.id } } : null
}

/** The message key of a hit's status as its feature's list shows it, or null when there is none to show. */
export function statusKey(hit: SearchHit): string | null {
  if (hit.kind === 'client' && !hit.source) return null
  const record = recordOf(hit)
  return record && hit.status ? `${RECORD_KINDS[record.kind].statusPrefix}.${hit.status}` : null
}
