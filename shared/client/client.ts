import { partyName } from '../party/display'
import type { PartyDraft, PartyKind } from '../party/draft'
import type { Role } from '../contract/roles'
import { ADMINS, DESK, OFFICE } from '../staff/roleGroups'

/**
 * The client card (issue 15 point 1): a person or an organisation as a record of its own, owned by the branch that
 * created it. The card holds the shared party draft (shared/party): a client seen first on an inspection or a
 * termination is known only by the name, phone and passport given there, and the card grows as products bring more.
 */
export const CLIENT_STATUSES = ['active', 'merged', 'erased'] as const
export type ClientStatus = (typeof CLIENT_STATUSES)[number]

/** The records that name a client, and as what (`client_link`). */
export const CLIENT_LINK_ENTITIES = ['osago_policy', 'casco_quote', 'inspection', 'termination_application'] as const
export type ClientLinkEntity = (typeof CLIENT_LINK_ENTITIES)[number]
export const CLIENT_LINK_ROLES = ['insured', 'owner', 'client', 'applicant'] as const
export type ClientLinkRole = (typeof CLIENT_LINK_ROLES)[number]

/** Who reads cards (the office), edits them (the desk), merges duplicates and applies retention (the admin). */
export const CLIENT_READERS: readonly Role[] = OFFICE
export const CLIENT_EDITORS: readonly Role[] = DESK
export const CLIENT_ADMINS: readonly Role[] = ADMINS

/** 152-FZ art. 9 consent as recorded on the card: the day it was given and the version of the text signed. */
export interface ClientConsent {
  givenOn: string
  textVersion: string
  recordedBy: string | null
}

export interface ClientSummary {
  id: string
  kind: PartyKind
  status: ClientStatus
  name: string
  phone: string | null
  updatedAt: string
}

export interface ClientVersionView {
  version: number
  source: string
  changedAt: string
  changedBy: string | null
  /** Dotted paths of the party this version changed against the one before (none for the first). */
  changes: string[]
}

/** One line of the card's list: a record naming the client, opened on its own screen. */
export interface ClientRecordLine {
  entity: ClientLinkEntity
  id: string
  role: ClientLinkRole
  /** Policy series and number, contract or incoming number, inspection number; null for a draft without one. */
  number: string | null
  status: string
  /** YYYY-MM-DD: the conclusion, inspection or receipt day. */
  date: string | null
  plate: string | null
  amountKopecks: number | null
}

/** A payment the client made or received: a premium taken at issue, a refund paid on a termination. */
export interface ClientPaymentLine {
  entity: ClientLinkEntity
  id: string
  direction: 'in' | 'out'
  amountKopecks: number
  /** YYYY-MM-DD */
  on: string
}

export interface ClientCard extends ClientSummary {
  rowVersion: number
  party: PartyDraft
  consent: ClientConsent | null
  mergedInto: string | null
  versions: ClientVersionView[]
  records: ClientRecordLine[]
  payments: ClientPaymentLine[]
}

type Digits = string | null

const digitsOf = (s: string | null | undefined): string => (s ?? '').replace(/\D/g, '')

/** A person's match key: passport series and number, ten digits; null unless all ten are there. */
export function passportKey(series: string | null | undefined, number: string | null | undefined): Digits {
  const d = digitsOf(series) + digitsOf(number)
  return d.length === 10 ? d : null
}

/** An organisation's match key: its INN (10 digits, 12 for an entrepreneur); null unless complete. */
export function innKey(inn: string | null | undefined): Digits {
  const d = digitsOf(inn)
  return d.length === 10 || d.length === 12 ? d : null
}

/** The match key of a party: passport for a person, INN for an organisation. */
export function partyKey(p: PartyDraft): { passport: Digits; inn: Digits } {
  return p.kind === 'person'
    ? { passport: passportKey(p.passport.series, p.passport.number), inn: null }
    : { passport: null, inn: innKey(p.inn) }
}

export function clientName(p: PartyDraft): string {
  return partyName(p)
}

/**
 * A party with the fields the newer one gives filled over the older (a termination brings a phone, a policy the
 * whole passport). Empty fields of the newer never erase what the card knows.
 */
export function mergeParty(older: PartyDraft, newer: PartyDraft): PartyDraft {
  if (older.kind !== newer.kind) return newer
  const fill = (a: unknown, b: unknown): unknown => {
    if (typeof b === 'string') return b.trim() ? b : a
    if (b === null || b === undefined) return a ?? b
    if (typeof b === 'object' && !Array.isArray(b) && typeof a === 'object' && a !== null) {
      const out: Record<string, unknown> = { ...(a as Record<string, unknown>) }
      for (const [k, v] of Object.entries(b)) out[k] = fill((a as Record<string, unknown>)[k], v)
      return out
    }
    return b
  }
  return fill(older, newer) as PartyDraft
}

/** Whether two drafts say the same (a product's copy that brings nothing new writes no version). */
export function sameParty(a: PartyDraft, b: PartyDraft): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}
