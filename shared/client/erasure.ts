import { emptyParty, type PartyDraft, type PartyKind } from '../party/draft'
import type { ClientLinkEntity } from './client'

/**
 * Erasure of a card past retention (152-FZ art. 21 p. 7; docs/domain/personal-data.md#erasure): the card stays
 * (its links keep the accounting records — a policy and its payment — tied to one client number), but every
 * personal field of the card and of each of its versions is emptied, and the card is `erased` for good.
 */

/** The party an erased card and its versions hold: the kind only, every field empty. */
export function erasedParty(kind: PartyKind): PartyDraft {
  return emptyParty(kind)
}

/**
 * Whether a party as stored (any shape) is erased: a known kind and nothing else but empty text or null at any
 * depth. HQ judges a device's erased card and its versions by this, so a field a later version of the party
 * adds is erased too, or the change is refused.
 */
export function isErasedParty(raw: unknown): boolean {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return false
  const { kind, ...rest } = raw as Record<string, unknown>
  if (kind !== 'person' && kind !== 'organisation') return false
  const empty = (v: unknown): boolean =>
    v === null ||
    v === '' ||
    (typeof v === 'object' && !Array.isArray(v) && Object.values(v as Record<string, unknown>).every(empty))
  return empty(rest)
}

/** A card the admin may erase: past retention, no contract in force. */
export interface RetentionLine {
  id: string
  rowVersion: number
  kind: PartyKind
  name: string
  /** YYYY-MM-DD: the last day any of its records was in force. */
  lastActivityOn: string
  records: number
}

export interface RetentionList {
  /** YYYY-MM-DD: cards whose last record ended before this day are past retention. */
  cutoff: string
  years: number
  lines: RetentionLine[]
  /** More cards are past retention than the list shows: erase these, then the next ones are listed. */
  more: boolean
}

/** A record of an erased card, named in the act by its number (what accounting keeps). */
export interface ErasedRecordRef {
  entity: ClientLinkEntity
  number: string | null
  date: string | null
}

/** One erased card as the act lists it: the card's number and its records, not the person (who is erased). */
export interface ErasedCard {
  clientId: string
  kind: PartyKind
  lastActivityOn: string
  versions: number
  records: ErasedRecordRef[]
}

/**
 * The act of erasure (акт об уничтожении персональных данных) as the event log keeps it: one per erasure, in the
 * `client.erasure-act` audit entry, printed from it.
 */
export interface ErasureAct {
  id: string
  number: string
  /** ISO moment of the erasure. */
  at: string
  erasedBy: string | null
  rulesVersion: string
  /** Full years a card was kept after its last record ended (the rules in force on the day). */
  retentionYears: number
  ground: string
  method: string
  categories: string[]
  cards: ErasedCard[]
}
