import { exactIdentifiers, type RemoteLookupAnswer } from '../../shared/client/remoteLookup'
import { todayIn } from '../../shared/dates/calendarDate'
import { emptyDraft } from '../../shared/osago/draft'
import { emptyOrganisation, emptyPerson, readPartyDraft, type PartyDraft } from '../../shared/party/draft'
import type { ClientIdentifier, RemoteClient } from '../../shared/sync/protocol'
import { AppError } from '../app/appError'
import { BRANCH_TIME_ZONE } from '../app/timeZone'
import type { Db } from '../db/openDatabase'
import { write } from '../db/write'
import type { HandlerContext, HandlersOf } from '../ipc/handlers'
import { osagoSearchColumns, toPolicy } from '../osago/api'
import { HqBusy, HqRefused, HqUnreachable, type SyncEngine } from '../sync/api'

type RemoteChannels = 'client/lookup-remote' | 'client/start-osago-for-remote'

/**
 * Clients of other branches (docs/domain/personal-data.md#clients-of-other-branches): asked of HQ by an exact
 * identifier, shown, and forgotten — nothing of HQ's answer is written on this device, except when the clerk starts
 * an application for the client: then the branch becomes an operator of the client's data for that contract, the
 * draft carries them, and the card is made when the policy is issued (core/client/clientLinking.ts).
 */

/** What HQ was asked and answered, for the local audit: the kinds and HQ's ids, never the identifiers themselves. */
const auditOf = (identifiers: readonly ClientIdentifier[], clients: readonly RemoteClient[]) => ({
  by: identifiers.map((i) => i.by),
  answered: clients.map((c) => `${c.branchCode}/${c.id}`),
})

/** The client's data as a new draft's insured: what HQ gave, the rest left for the clerk to type. */
export function insuredFromRemote(c: RemoteClient): PartyDraft {
  if (c.person) {
    const person = emptyPerson()
    return {
      kind: 'person',
      ...person,
      surname: c.person.surname,
      name: c.person.name,
      patronymic: c.person.patronymic,
      birthDate: c.birthDate ?? '',
      passport: { ...person.passport, series: c.person.passportSeries, number: c.person.passportNumber },
      phone: c.phone ?? '',
    }
  }
  // Read back through the party reader: an organisation form HQ names that this version does not know is left unset.
  return readPartyDraft({
    kind: 'organisation',
    ...emptyOrganisation(),
    form: c.organisation?.form ?? null,
    fullName: c.organisation?.fullName ?? c.name,
    shortName: c.organisation?.shortName ?? '',
    inn: c.organisation?.inn ?? '',
    phone: c.phone ?? '',
  })
}

export function remoteClientHandlers(
  db: Db,
  engine: Pick<SyncEngine, 'hqClientIfEnrolled'>,
): HandlersOf<RemoteChannels> {
  /** HQ's answer, or null when HQ cannot be asked now (not enrolled, out of reach). */
  async function ask(
    query: string,
    ctx: HandlerContext,
  ): Promise<
    { identifiers: ClientIdentifier[]; clients: RemoteClient[] } | { offline: 'notEnrolled' | 'unreachable' }
  > {
    // The contract let only an exact identifier through; read again here, the same function decides what is asked.
    const identifiers = exactIdentifiers(query)
    if (!identifiers.length)
      throw new AppError('VALIDATION', 'client.remote.notExact', {}, { query: 'client.remote.notExact' })
    if (!ctx.actor.userId) throw new AppError('FORBIDDEN', 'errors.forbidden')
    const client = await engine.hqClientIfEnrolled()
    if (!client) return { offline: 'notEnrolled' }
    try {
      return { identifiers, clients: await client.lookupClients({ askedBy: ctx.actor.userId, identifiers }) }
    } catch (e) {
      if (e instanceof HqBusy)
        throw new AppError('CONFLICT', 'client.remote.busy', { seconds: Math.ceil(e.retryAfterMs / 1000) })
      if (e instanceof HqUnreachable) return { offline: 'unreachable' }
      // A clerk added on this computer is known to HQ after the next sync.
      if (e instanceof HqRefused && e.code === 'unknown-staff')
        throw new AppError('CONFLICT', 'client.remote.unknownStaff')
      if (e instanceof HqRefused) throw new AppError('CONFLICT', 'client.remote.refused', { code: e.code })
      throw e
    }
  }

  return {
    'client/lookup-remote': async (input, ctx): Promise<RemoteLookupAnswer> => {
      const answer = await ask(input.query, ctx)
      if ('offline' in answer) return { online: false, reason: answer.offline }
      // Like a card's read (client/get-card): who read which clients of which branch, and when.
      await write(db, ctx.actor, 'client.remote-read', ctx.now, (w) =>
        w.audit('client.remote-read', 'client', null, null, auditOf(answer.identifiers, answer.clients)),
      )
      return { online: true, clients: answer.clients }
    },

    'client/start-osago-for-remote': async (input, ctx) => {
      const answer = await ask(input.query, ctx)
      if ('offline' in answer) throw new AppError('CONFLICT', 'client.remote.offline')
      const remote = answer.clients.find((c) => c.id === input.remoteId)
      if (!remote) throw new AppError('NOT_FOUND', 'client.remote.gone')
      const draft = { ...emptyDraft(todayIn(BRANCH_TIME_ZONE, ctx.now)), insured: insuredFromRemote(remote) }
      const record = await write(db, ctx.actor, 'osago.draft-created', ctx.now, async (w) => {
        const policy = await w.insert('osago_policy', {
          status: 'draft',
          created_by: ctx.actor.userId,
          ...osagoSearchColumns(draft),
        })
        const document = await w.insert('osago_document', { id: policy.id, draft, calculation: null })
        await w.audit('client.remote-copied', 'osago_policy', policy.id, null, {
          ...auditOf(answer.identifiers, [remote]),
        })
        return { policy, document }
      })
      return toPolicy(record)
    },
  }
}
