import { mergeParty, partyKey, sameParty, type ClientLinkEntity, type ClientLinkRole } from '../../shared/client/client'
import { readCascoDraft } from '../../shared/casco/draft'
import { readOsagoDraft } from '../../shared/osago/draft'
import { emptyPerson, type PartyDraft } from '../../shared/party/draft'
import type { WriteHook, Writer } from '../db/write'
import { normaliseSearch } from '../db/searchText'
import { partyColumns, type ClientRow } from './clientRows'
import { fromStored, type PatchOf } from '../db/tables'

/** A party as a record names it: which record, as what, and what it says of the person. */
export interface PartySeen {
  entity: ClientLinkEntity
  entityId: string
  role: ClientLinkRole
  party: PartyDraft
  /** YYYY-MM-DD: the last day the record is in force (a contract's end) or its day; retention counts from it. */
  activeUntil: string | null
}

type Row = Readonly<Record<string, unknown>>

/** The branch a new card belongs to: the acting staff member's, or the device's only branch (a system write). */
async function branchOf(w: Writer): Promise<string> {
  const staff = w.actor.userId
    ? ((await w.trx('staff').where({ id: w.actor.userId }).first('branch_id')) as { branch_id: string } | undefined)
    : undefined
  if (staff) return staff.branch_id
  const branch = (await w.trx('branch').orderBy('created_at').first('id')) as { id: string } | undefined
  if (!branch) throw new Error('No branch to own a client card')
  return branch.id
}

/**
 * The card a party belongs to: the same passport (a person) or INN (an organisation) among the branch's active
 * cards; without either (an inspection knows a name and a phone), the same phone and name. Null: a new client.
 */
export async function findMatch(w: Writer, party: PartyDraft): Promise<ClientRow | null> {
  const key = partyKey(party)
  const q = w.trx('client').where({ status: 'active' })
  if (key.passport) q.where({ passport: key.passport })
  else if (key.inn) q.where({ inn: key.inn })
  else {
    const cols = partyColumns(party)
    if (!cols.phone || cols.display_name === '—') return null
    q.where({ phone: cols.phone })
    const rows = (await q.orderBy('created_at')) as Array<Record<string, unknown>>
    const name = normaliseSearch(cols.display_name)
    const same = rows.find((r) => normaliseSearch(String(r.display_name)) === name)
    return same ? fromStored('client', same) : null
  }
  const row = (await q.orderBy('created_at').first()) as Record<string, unknown> | undefined
  return row ? fromStored('client', row) : null
}

async function nextVersion(w: Writer, clientId: string): Promise<number> {
  const r = (await w.trx('client_version').where({ client_id: clientId }).max({ v: 'version' }).first()) as {
    v: number | null
  }
  return (r.v ?? 0) + 1
}

/** A new state of the card, recorded as its next version (who, when, from what). */
export async function writeClientParty(
  w: Writer,
  client: ClientRow,
  party: PartyDraft,
  source: { entity: string; id: string | null },
  extra: Pick<PatchOf<'client'>, 'last_activity_on'> = {},
): Promise<ClientRow> {
  const after = await w.update('client', client.id, { ...partyColumns(party), party, ...extra }, { before: client })
  await w.insert('client_version', {
    client_id: client.id,
    version: await nextVersion(w, client.id),
    party,
    source: source.entity,
    source_id: source.id,
    changed_by: w.actor.userId,
    changed_at: w.now,
  })
  return after
}

/** A new card with its first version. */
export async function createClient(
  w: Writer,
  party: PartyDraft,
  source: { entity: string; id: string | null },
  lastActivityOn: string | null = null,
): Promise<ClientRow> {
  const row = await w.insert('client', {
    last_activity_on: lastActivityOn,
    branch_id: await branchOf(w),
    status: 'active',
    party,
    created_by: w.actor.userId,
    ...partyColumns(party),
  })
  await w.insert('client_version', {
    client_id: row.id,
    version: 1,
    party,
    source: source.entity,
    source_id: source.id,
    changed_by: w.actor.userId,
    changed_at: w.now,
  })
  return row
}

/**
 * Links a record to its client in the record's own transaction: the card with the same passport/INN (or phone
 * and name) gains what the record adds (a new version when anything changed), or a new card is made. The record
 * keeps its own copy of the party — what it was made with. A record already linked in that role is left as it is.
 * Returns the client's id, or null when the record names nobody a card could be made for.
 */
export async function linkClient(w: Writer, seen: PartySeen, toClient?: string): Promise<string | null> {
  const linked = (await w
    .trx('client_link')
    .where({ entity: seen.entity, entity_id: seen.entityId, role: seen.role })
    .first('client_id')) as { client_id: string } | undefined
  if (linked) return linked.client_id
  let client: ClientRow | null = null
  if (toClient) {
    const row = (await w.trx('client').where({ id: toClient }).first()) as Record<string, unknown> | undefined
    // Only an active card takes a record: an erased one must not gain data again (HQ refuses it too).
    client = row && row.status === 'active' ? fromStored('client', row) : null
  }
  client ??= await findMatch(w, seen.party)
  const source = { entity: seen.entity, id: seen.entityId }
  if (client) {
    const merged = mergeParty(client.party, seen.party)
    // One update of the card: what the record adds and, when it runs later, the record's last day.
    const later = seen.activeUntil && (client.last_activity_on ?? '') < seen.activeUntil ? seen.activeUntil : null
    if (!sameParty(merged, client.party))
      client = await writeClientParty(w, client, merged, source, later ? { last_activity_on: later } : {})
    else if (later) client = await w.update('client', client.id, { last_activity_on: later }, { before: client })
  } else {
    if (partyColumns(seen.party).display_name === '—') return null
    client = await createClient(w, seen.party, source, seen.activeUntil)
  }
  await w.insert('client_link', {
    client_id: client.id,
    entity: seen.entity,
    entity_id: seen.entityId,
    role: seen.role,
  })
  return client.id
}

/** A passport as an application stores it: «4519 123456» as typed, or `{ series, number }` once parsed. */
type PassportIn = string | { series?: unknown; number?: unknown } | null | undefined

/** «Иванов Иван Иванович» as surname, name, patronymic (a termination or inspection names a person in one line). */
export function personFromFullName(fullName: string, phone: string, passport?: PassportIn): PartyDraft {
  const [surname = '', name = '', ...rest] = fullName.trim().split(/\s+/)
  const whole =
    typeof passport === 'object' && passport
      ? `${String(passport.series ?? '')}${String(passport.number ?? '')}`
      : (passport ?? '')
  const digits = whole.replace(/\D/g, '')
  const person = emptyPerson()
  return {
    kind: 'person',
    ...person,
    surname,
    name,
    patronymic: rest.join(' '),
    phone,
    passport: { ...person.passport, series: digits.slice(0, 4), number: digits.slice(4) },
  }
}

const becomes = (before: Row | null, after: Row, status: string) => after.status === status && before?.status !== status

/** The day of a date or a moment (an ISO moment's UTC day: a day's difference is nothing to a retention in years). */
const dayOf = (v: unknown): string | null => (typeof v === 'string' && v.length >= 10 ? v.slice(0, 10) : null)

const parse = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v)

/**
 * Where records meet their client (decision in docs/decisions.md): an OSAGO policy when issued (insured, and the
 * owner when another), a CASCO contract when issued, an inspection when submitted (the report is autosaved while
 * typed: a half-typed name must not become a card), a termination when received. Each in the record's write.
 */
export const clientWriteHooks: readonly WriteHook[] = [
  {
    table: 'osago_policy',
    async run(w, before, after) {
      if (!becomes(before, after, 'issued')) return
      const doc = (await w.trx('osago_document').where({ id: after.id }).first('draft')) as
        { draft: string } | undefined
      if (!doc) return
      const draft = readOsagoDraft(parse(doc.draft))
      const id = String(after.id)
      const activeUntil = dayOf(after.end_date) ?? dayOf(w.now)
      await linkClient(w, { entity: 'osago_policy', entityId: id, role: 'insured', party: draft.insured, activeUntil })
      if (!draft.ownerIsInsured && draft.owner) {
        const owner: PartyDraft =
          draft.owner.type === 'individual'
            ? { kind: 'person', ...draft.owner.person }
            : { kind: 'organisation', ...draft.owner.entity }
        await linkClient(w, { entity: 'osago_policy', entityId: id, role: 'owner', party: owner, activeUntil })
      }
    },
  },
  {
    table: 'casco_quote',
    async run(w, before, after) {
      if (!becomes(before, after, 'issued')) return
      const doc = (await w.trx('casco_document').where({ id: after.id }).first('draft')) as
        { draft: string } | undefined
      if (!doc) return
      const draft = readCascoDraft(parse(doc.draft))
      await linkClient(w, {
        entity: 'casco_quote',
        entityId: String(after.id),
        role: 'insured',
        party: { kind: 'person', ...draft.insured },
        activeUntil: dayOf(after.end_date) ?? dayOf(w.now),
      })
    },
  },
  {
    table: 'inspection',
    async run(w, before, after) {
      if (!becomes(before, after, 'submitted')) return
      const report = parse(after.report) as { client?: { name?: string; phone?: string } } | null
      const name = report?.client?.name?.trim() ?? ''
      if (!name) return
      // An inspection for a CASCO case is of that case's client when the case already has one.
      const ofQuote =
        typeof after.quote_id === 'string'
          ? ((await w
              .trx('client_link')
              .where({ entity: 'casco_quote', entity_id: after.quote_id, role: 'insured' })
              .first('client_id')) as { client_id: string } | undefined)
          : undefined
      await linkClient(
        w,
        {
          entity: 'inspection',
          entityId: String(after.id),
          role: 'client',
          party: personFromFullName(name, report?.client?.phone ?? ''),
          activeUntil: dayOf(after.inspected_at) ?? dayOf(w.now),
        },
        ofQuote?.client_id,
      )
    },
  },
  {
    table: 'termination_application',
    async run(w, before, after) {
      if (before) return
      const details = parse(after.details) as {
        applicant?: { fullName?: string; passport?: PassportIn; phone?: string }
      }
      const a = details.applicant
      if (!a?.fullName) return
      await linkClient(w, {
        entity: 'termination_application',
        entityId: String(after.id),
        role: 'applicant',
        party: personFromFullName(a.fullName, a.phone ?? '', a.passport),
        activeUntil: dayOf(after.received_on),
      })
    },
  },
]
