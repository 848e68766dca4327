import { z } from 'zod'
import { channel } from '../contract/channel'
import { EVERYONE } from '../staff/roleGroups'

/**
 * What the global search (Ctrl+K anywhere) finds. Each kind is a record with its own screen; a kind is searched
 * only for a user whose role may open that record's list (the core filters by the same access lists as the list
 * channels, never the renderer). «client» hits are client cards (core/client, their own FTS index) and the people and
 * organisations named on records that have no card yet (a record made before cards existed).
 */
export const SEARCH_KINDS = ['osago', 'casco', 'inspection', 'termination', 'client'] as const
export type SearchKind = (typeof SEARCH_KINDS)[number]

export interface SearchHit {
  kind: SearchKind
  /** The record to open: a policy, a CASCO quote/contract, an inspection, a termination application. */
  id: string
  /** The number a clerk reads out (policy «ХХХ 0123456789», contract, incoming number) or the person's name. */
  title: string
  /** Plate · VIN · name · phone — what matched, shown under the title. */
  subtitle: string
  /** The record's status code (rendered through that feature's status messages). */
  status: string
  /** YYYY-MM-DD: when the record last changed, for the order of hits of one kind. */
  updatedOn: string
  /**
   * A «client» hit only: the record the person was found on, which Enter opens (its kind says which screen; `status`
   * is that record's status). A card's own hit has none: it opens the card (/clients/:id).
   */
  source?: { kind: Exclude<SearchKind, 'client'>; id: string }
}

export const globalSearchInput = z.strictObject({
  query: z.string().trim().min(1).max(100),
  limit: z.number().int().min(1).max(50).default(20),
})

export const searchContract = {
  /** Results while typing: numbers, plates, VINs, surnames, phones, passports over every record the user may open. */
  'search/global': channel<{ hits: SearchHit[] }>()({ input: globalSearchInput, access: EVERYONE }),
}
