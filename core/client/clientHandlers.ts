import type { PartyDraft } from '../../shared/party/draft'
import { mergeParty, sameParty } from '../../shared/client/client'
import { clientCardProblems } from '../../shared/client/cardCheck'
import { AppError } from '../app/appError'
import type { Db } from '../db/openDatabase'
import { write } from '../db/write'
import type { HandlersOf } from '../ipc/handlers'
import { referenceInForce, type ReferenceData } from '../reference/loadReferenceData'
import { findClient, loadCard } from './clientCard'
import { writeClientParty } from './clientLinking'

type ClientChannels = 'client/get-card' | 'client/update-card' | 'client/record-consent' | 'client/merge'

export function clientHandlers(db: Db, reference: ReferenceData): HandlersOf<ClientChannels> {
  return {
    /**
     * Reading a card is itself recorded (who, when, which card): personal data is read on purpose, and the log says
     * by whom (docs/domain/personal-data.md#read-audit). The entry and the read are one transaction.
     */
    'client/get-card': async (input, ctx) =>
      write(db, ctx.actor, 'client.card-read', ctx.now, async (w) => {
        const card = await loadCard(w.trx, input.id)
        await w.audit('client.card-read', 'client', input.id, null, null)
        return card
      }),

    'client/update-card': async (input, ctx) => {
      // The form checks the same; the core checks again, a renderer being no judge of what is stored.
      const problems = clientCardProblems(input.party as PartyDraft)
      if (Object.keys(problems).length)
        throw new AppError(
          'VALIDATION',
          'errors.validation',
          {},
          Object.fromEntries(Object.entries(problems).map(([path, key]) => [`party.${path}`, key])),
        )
      await write(db, ctx.actor, 'client.card-edited', ctx.now, async (w) => {
        const client = await findClient(w.trx, input.id)
        if (client.status !== 'active') throw new AppError('CONFLICT', 'client.errors.notActive')
        if (client.row_version !== input.rowVersion) throw new AppError('CONFLICT', 'errors.staleRecord')
        if (client.kind !== input.party.kind) throw new AppError('VALIDATION', 'client.errors.kindFixed')
        // Saved without a change: no new version (the history lists changes, not presses of the button).
        if (sameParty(client.party, input.party as PartyDraft)) return
        await writeClientParty(w, client, input.party as PartyDraft, { entity: 'card', id: null })
      })
      return loadCard(db, input.id)
    },

    'client/record-consent': async (input, ctx) => {
      // The text in force on the day it was signed: a later text never rewrites what the client agreed to.
      const rules = referenceInForce(reference, 'personal-data-rules', input.givenOn).data
      await write(db, ctx.actor, 'client.consent-recorded', ctx.now, async (w) => {
        const client = await findClient(w.trx, input.id)
        if (client.status !== 'active') throw new AppError('CONFLICT', 'client.errors.notActive')
        await w.update(
          'client',
          client.id,
          {
            consent: { givenOn: input.givenOn, textVersion: rules.consent.textVersion, recordedBy: ctx.actor.userId },
          },
          { before: client, expectedVersion: input.rowVersion },
        )
      })
      return loadCard(db, input.id)
    },

    /**
     * Two cards of one person: the other's records move to the kept card (their links, not the records — an
     * issued policy stays as issued), the kept card gains what it lacked, and the other is marked merged into it.
     * Every step is in the audit log under `client.merged`.
     */
    'client/merge': async (input, ctx) => {
      if (input.keepId === input.mergeId) throw new AppError('VALIDATION', 'client.errors.mergeSame')
      await write(db, ctx.actor, 'client.merged', ctx.now, async (w) => {
        const keep = await findClient(w.trx, input.keepId)
        const other = await findClient(w.trx, input.mergeId)
        if (keep.status !== 'active' || other.status !== 'active')
          throw new AppError('CONFLICT', 'client.errors.notActive')
        if (keep.kind !== other.kind) throw new AppError('CONFLICT', 'client.errors.mergeKinds')
        const links = (await w.trx('client_link').where({ client_id: other.id })) as Array<Record<string, unknown>>
        for (const link of links) await w.update('client_link', String(link.id), { client_id: keep.id })
        const party = mergeParty(other.party, keep.party)
        let kept = await writeClientParty(w, keep, party, { entity: 'merge', id: other.id })
        if (!kept.consent && other.consent)
          kept = await w.update('client', kept.id, { consent: other.consent }, { before: kept })
        await w.update('client', other.id, { status: 'merged', merged_into: keep.id }, { before: other })
      })
      return loadCard(db, input.keepId)
    },
  }
}
