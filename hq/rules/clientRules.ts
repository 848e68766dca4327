import { z } from 'zod'
import {
  CLIENT_ADMINS,
  CLIENT_LINK_ENTITIES,
  CLIENT_LINK_ROLES,
  CLIENT_STATUSES,
  type ClientStatus,
} from '../../shared/client/client'
import { firstVerdict, senderMayDecide, unchanged } from './ruleKit'
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
    )
  },
}

const clientVersionSchema = z.looseObject({
  ...syncedRow,
  client_id: z.string().min(1),
  version: z.number().int().min(1),
  party: documentSchema,
  source: z.string().min(1),
  changed_at: z.string().min(10),
})

/** A version of a card is what the card was: written once, never changed. */
export const clientVersionRule: EntityRule = {
  async check(ctx, change) {
    const bad = checkSchema(clientVersionSchema, change.after)
    if (bad) return bad
    if (change.before) return reject('append-only', {})
    return clientOfBranch(ctx, change.after.client_id)
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
