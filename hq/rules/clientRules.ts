import { z } from 'zod'
import {
  CLIENT_ADMINS,
  CLIENT_LINK_ENTITIES,
  CLIENT_LINK_ROLES,
  CLIENT_STATUSES,
  type ClientStatus,
} from '../../shared/client/client'
import { isErasedParty } from '../../shared/client/erasure'
import { firstVerdict, parseJson, senderMayDecide, unchanged } from './ruleKit'
import { checkSchema, documentSchema, syncedRow } from './schemaCheck'
import { defer, reject, type EntityRule, type RuleContext, type Verdict } from './types'

const clientSchema = z.looseObject({
  ...syncedRow,
  branch_id: z.string().min(1),
  kind: z.enum(['person', 'organisation']),
  status: z.enum(CLIENT_STATUSES),
  party: documentSchema,
  display_name: z.string().min(1),
  merged_into: z.string().min(1).nullable().optional(),
})

/** Who the client is never changes: a card of a person stays a person's, of its branch. */
const CLIENT_FIXED = ['branch_id', 'kind'] as const

/** A card a change points at must be a card of this branch; until HQ has it, the change waits. */
async function clientOfBranch(ctx: RuleContext, id: unknown): Promise<Verdict> {
  if (typeof id !== 'string' || id === '') return reject('invalid-data', { field: 'client_id', message: 'required' })
  const client = await ctx.lookup('client', id)
  if (!client) return defer('subject-unknown', { entity: 'client' })
  if (client.branchCode !== ctx.branch.code) return reject('subject-other-branch', {})
  return null
}

/**
 * The client card (core/client): owned by its branch; active until merged into another card of the branch (by the
 * branch admin, who alone merges) or erased. A merged or erased card is final.
 */
export const clientRule: EntityRule = {
  async check(ctx, change) {
    const bad = checkSchema(clientSchema, change.after)
    if (bad) return bad
    const after = change.after
    const to = after.status as ClientStatus
    const from = change.before ? (change.before.status as ClientStatus) : null
    return firstVerdict(
      () => (change.before ? unchanged(change.before, after, CLIENT_FIXED) : null),
      () => (from === null && to !== 'active' ? reject('bad-transition', { from: '—', to }) : null),
      () => (from !== null && from !== 'active' ? reject('bad-transition', { from, to }) : null),
      () => (to === 'merged' && from !== 'merged' ? senderMayDecide(ctx, CLIENT_ADMINS) : null),
      () => (to === 'merged' ? clientOfBranch(ctx, after.merged_into) : null),
      () => (to === 'erased' ? erasedCard(ctx, after) : null),
    )
  },
}

/**
 * An erasure past retention (docs/domain/personal-data.md#erasure): the branch admin's alone, and the card left
 * with nothing personal — the party emptied, the match and search columns cleared. Once erased, a card takes no
 * change at all (the transition check above), so nothing brings the data back.
 */
async function erasedCard(ctx: RuleContext, after: Record<string, unknown>): Promise<Verdict> {
  const who = await senderMayDecide(ctx, CLIENT_ADMINS)
  if (who) return who
  if (!isErasedParty(parseJson(after.party))) return reject('invalid-data', { field: 'party', message: 'not erased' })
  const kept = ERASED_COLUMNS.find((c) => after[c] !== null && after[c] !== undefined && after[c] !== '')
  return kept ? reject('invalid-data', { field: kept, message: 'not erased' }) : null
}

/** The card's columns copied from the party (core/client/clientRows.ts `partyColumns`), empty once erased. */
const ERASED_COLUMNS = ['passport', 'inn', 'phone', 'search_text'] as const

const clientVersionSchema = z.looseObject({
  ...syncedRow,
  client_id: z.string().min(1),
  version: z.number().int().min(1),
  party: documentSchema,
  source: z.string().min(1),
  changed_at: z.string().min(10),
})

/**
 * A version is never changed but by the erasure of its card: the branch admin empties its party, nothing else.
 * Anything else — another field, a party with data in it (an erased version «un-erased») — is refused.
 */
async function erasedVersion(
  ctx: RuleContext,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Promise<Verdict> {
  if (!isErasedParty(parseJson(after.party))) return reject('append-only', {})
  return firstVerdict(
    () => unchanged(before, after, ['client_id', 'version', 'source', 'source_id', 'changed_by', 'changed_at']),
    () => senderMayDecide(ctx, CLIENT_ADMINS),
    async () => {
      // The card's own erasure comes first in the same write (and batch): a version is emptied with its card only.
      const client = await ctx.lookup('client', String(after.client_id))
      return client?.data.status === 'erased'
        ? null
        : reject('invalid-data', { field: 'client_id', message: 'card not erased' })
    },
  )
}

/** A version of a card is what the card was: written once, changed only to be erased. */
export const clientVersionRule: EntityRule = {
  async check(ctx, change) {
    const bad = checkSchema(clientVersionSchema, change.after)
    if (bad) return bad
    if (change.before) return erasedVersion(ctx, change.before, change.after)
    const ofBranch = await clientOfBranch(ctx, change.after.client_id)
    if (ofBranch) return ofBranch
    // A new version of an erased card would bring its data back.
    const client = await ctx.lookup('client', String(change.after.client_id))
    return client?.data.status === 'erased' ? reject('bad-transition', { from: 'erased', to: 'erased' }) : null
  },
  naturalKey: (data) => `${String(data.client_id)}#${String(data.version)}`,
}

const clientLinkSchema = z.looseObject({
  ...syncedRow,
  client_id: z.string().min(1),
  entity: z.enum(CLIENT_LINK_ENTITIES),
  entity_id: z.string().min(1),
  role: z.enum(CLIENT_LINK_ROLES),
})

/**
 * A record naming a client: both of this branch. Only the client may change — when the admin merges a duplicate
 * (the record itself stays as it was issued).
 */
export const clientLinkRule: EntityRule = {
  async check(ctx, change) {
    const bad = checkSchema(clientLinkSchema, change.after)
    if (bad) return bad
    const after = change.after
    return firstVerdict(
      () => (change.before ? unchanged(change.before, after, ['entity', 'entity_id', 'role']) : null),
      () => (change.before && change.before.client_id !== after.client_id ? senderMayDecide(ctx, CLIENT_ADMINS) : null),
      () => clientOfBranch(ctx, after.client_id),
      async () => {
        const record = await ctx.lookup(String(after.entity), String(after.entity_id))
        if (!record) return defer('subject-unknown', { entity: String(after.entity) })
        return record.branchCode === ctx.branch.code ? null : reject('subject-other-branch', {})
      },
    )
  },
  naturalKey: (data) => `${String(data.entity)}#${String(data.entity_id)}#${String(data.role)}`,
}
