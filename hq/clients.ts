import { randomUUID } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Clock } from '../shared/app/clock'
import { DESK } from '../shared/staff/roleGroups'
import {
  clientLookupRequestSchema,
  type ClientIdentifier,
  type ClientLookupResponse,
  type ContractSummary,
  type RemoteClient,
} from '../shared/sync/protocol'
import { cascoSummary, osagoSummary } from './contracts'
import { isPostgres, type HqDb } from './db'
import type { AuthenticatedDevice } from './enrolment'
import { HqHttpError } from './errors'
import { getRecord, getRecords, toRecord, type HqRecord, type RecordData } from './records'

/**
 * Clients of other branches (issue 15 point 1; docs/domain/personal-data.md#clients-of-other-branches): a branch's
 * device holds only its own clients, and finds another branch's client here, as it finds a contract for a
 * termination (hq/contracts.ts) — but by an exact identifier only, for a named clerk of the asking branch, at most
 * CLIENT_LOOKUPS_PER_MINUTE times a minute per device, and every lookup recorded in `hq_client_lookup`.
 */

/** Cards one lookup answers at most: an exact identifier names one person; a shared phone a family at most. */
export const CLIENT_LOOKUP_ANSWER_MAX = 10
/** Contracts listed per card (the newest first). */
export const CLIENT_LOOKUP_CONTRACTS_MAX = 20

/** The same SQL text as the partial indexes of migration 20261206000002, so the planner uses them. */
export function jsonField(db: HqDb, path: readonly string[]): string {
  return isPostgres(db) ? `((data::jsonb) #>> '{${path.join(',')}}')` : `json_extract(data, '$.${path.join('.')}')`
}

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '')
const orNull = (v: string): string | null => (v === '' ? null : v)
/** Names compared as people write them: case, ё/е and spacing do not make another person. */
const sameName = (a: unknown, b: string): boolean => {
  const norm = (s: string) => s.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim()
  return norm(text(a)) === norm(b)
}

/** The active cards of other branches an identifier names. */
async function cardsFor(db: HqDb, branchCode: string, id: ClientIdentifier): Promise<HqRecord[]> {
  const q = db('hq_record').whereRaw(`entity = 'client'`).whereNot('branch_code', branchCode)
  if (id.by === 'person') q.whereRaw(`${jsonField(db, ['party', 'birthDate'])} = ?`, [id.birthDate])
  else q.whereRaw(`${jsonField(db, [id.by])} = ?`, [id.value])
  const rows = (await q.orderBy('updated_at', 'desc').limit(50)) as Parameters<typeof toRecord>[0][]
  return rows
    .map(toRecord)
    .filter((r) => r.data.status === 'active')
    .filter((r) => {
      if (id.by !== 'person') return true
      const p = (r.data.party ?? {}) as RecordData
      return (
        p.kind === 'person' &&
        sameName(p.surname, id.surname) &&
        (id.name === undefined || sameName(p.name, id.name)) &&
        (id.patronymic === undefined || sameName(p.patronymic, id.patronymic))
      )
    })
}

/** The card's issued contracts, through its links (HQ's copies of the branch's records). */
async function contractsOf(db: HqDb, clientId: string): Promise<ContractSummary[]> {
  const links = (
    (await db('hq_record')
      .whereRaw(`entity = 'client_link'`)
      .whereRaw(`${jsonField(db, ['client_id'])} = ?`, [clientId])
      .limit(200)) as Parameters<typeof toRecord>[0][]
  ).map(toRecord)
  const ids = (entity: string) => [
    ...new Set(links.filter((l) => l.data.entity === entity).map((l) => String(l.data.entity_id))),
  ]
  const out: ContractSummary[] = []
  for (const r of (await getRecords(db, 'osago_policy', ids('osago_policy'))).values()) {
    const s = osagoSummary(r)
    if (s) out.push(s)
  }
  for (const r of (await getRecords(db, 'casco_quote', ids('casco_quote'))).values()) {
    const s = cascoSummary(r)
    if (s) out.push(s)
  }
  return out
    .sort((a, b) => (b.conclusionDate ?? '').localeCompare(a.conclusionDate ?? ''))
    .slice(0, CLIENT_LOOKUP_CONTRACTS_MAX)
}

/** The minimum of a card another branch may see: no address, no e-mail, no passport issue, no history. */
function remoteClient(r: HqRecord, branchName: string, contracts: ContractSummary[]): RemoteClient {
  const p = (r.data.party ?? {}) as RecordData
  const passport = (p.passport ?? {}) as RecordData
  const person = p.kind === 'person'
  return {
    id: r.id,
    branchCode: r.branchCode,
    branchName,
    kind: person ? 'person' : 'organisation',
    name: text(r.data.display_name),
    birthDate: person ? orNull(text(p.birthDate)) : null,
    phone: orNull(text(p.phone)),
    person: person
      ? {
          surname: text(p.surname),
          name: text(p.name),
          patronymic: text(p.patronymic),
          passportSeries: text(passport.series),
          passportNumber: text(passport.number),
        }
      : null,
    organisation: person
      ? null
      : {
          form: orNull(text(p.form)),
          fullName: text(p.fullName),
          shortName: text(p.shortName),
          inn: text(p.inn),
        },
    contracts,
  }
}

/** The staff member a device names must be at the counter of the device's branch, as HQ knows its staff. */
async function assertAsker(db: HqDb, device: AuthenticatedDevice, staffId: string): Promise<void> {
  const staff = await getRecord(db, 'staff', staffId)
  const active = staff?.data.active === true || staff?.data.active === 1
  if (!staff || staff.branchCode !== device.branchCode || !active || !DESK.includes(staff.data.role as never))
    throw new HqHttpError(403, 'unknown-staff', 'the asker is not a clerk or supervisor of this branch')
}

export async function lookupClients(
  db: HqDb,
  device: AuthenticatedDevice,
  request: { askedBy: string; identifiers: readonly ClientIdentifier[] },
  now: Date,
): Promise<RemoteClient[]> {
  await assertAsker(db, device, request.askedBy)
  const found = new Map<string, HqRecord>()
  for (const id of request.identifiers)
    for (const r of await cardsFor(db, device.branchCode, id)) if (!found.has(r.id)) found.set(r.id, r)
  const cards = [...found.values()].slice(0, CLIENT_LOOKUP_ANSWER_MAX)
  const branches = new Map<string, string>(
    (
      (await db('hq_branch').whereIn('code', [...new Set(cards.map((c) => c.branchCode))])) as Array<{
        code: string
        name: string
      }>
    ).map((b) => [b.code, b.name]),
  )
  const clients: RemoteClient[] = []
  for (const c of cards)
    clients.push(remoteClient(c, branches.get(c.branchCode) ?? c.branchCode, await contractsOf(db, c.id)))
  await db('hq_client_lookup').insert({
    id: randomUUID(),
    asked_at: now.toISOString(),
    device_id: device.id,
    branch_code: device.branchCode,
    asked_by: request.askedBy,
    identifiers: JSON.stringify(request.identifiers),
    answered: clients.length,
    answered_ids: JSON.stringify(clients.map((c) => `${c.branchCode}/${c.id}`)),
  })
  return clients
}

export interface ClientRouteOptions {
  db: HqDb
  clock: Clock
  requireDevice(request: FastifyRequest): Promise<AuthenticatedDevice>
  /** Per device (CLIENT_LOOKUPS_PER_MINUTE, hq/config.ts). */
  perMinute: number
}

/**
 * POST /v1/clients/lookup: the body is parsed with the shared schema (exact identifiers only); the answer is the
 * cards of other branches. HQ's own log names the device and the count, never the identifiers — those are personal
 * data and stay in `hq_client_lookup`, which is where access to personal data is recorded.
 */
export async function registerClientRoutes(app: FastifyInstance, opts: ClientRouteOptions): Promise<void> {
  app.post(
    '/v1/clients/lookup',
    { config: { rateLimit: { max: opts.perMinute, timeWindow: 60_000 } } },
    async (request): Promise<ClientLookupResponse> => {
      const device = await opts.requireDevice(request)
      const body = clientLookupRequestSchema.parse(request.body)
      const clients = await lookupClients(opts.db, device, body, opts.clock.now())
      request.log.info(
        { askedBy: body.askedBy, by: body.identifiers.map((i) => i.by), answered: clients.length },
        'client lookup',
      )
      return { clients }
    },
  )
}
