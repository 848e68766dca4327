import { getLeaf } from './leaf'
import type { PartyDraft } from '../party/draft'
import { leafPaths } from './personalDataRules'

/**
 * What a version of a card changed against the one before it: the dotted paths of the party whose values differ
 * (`phone`, `passport.number`), in the party's own order. The first version changed nothing: it made the card.
 */
export function partyChanges(before: PartyDraft | null, after: PartyDraft): string[] {
  if (!before) return []
  const paths = leafPaths(after)
  for (const p of leafPaths(before)) if (!paths.includes(p)) paths.push(p)
  return paths.filter((p) => (getLeaf(before, p) ?? '') !== (getLeaf(after, p) ?? ''))
}
