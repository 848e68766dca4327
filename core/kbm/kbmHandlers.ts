import type { KbmFlaggedPolicy } from '../../shared/kbm/contract'
import { applyKbmAnswers, kbmOnDraft, kbmSubjects } from '../../shared/kbm/draftKbm'
import { AppError } from '../app/appError'
import type { Db } from '../db/openDatabase'
import type { HandlersOf } from '../ipc/handlers'
import { saveDraftWithKbmAnswers } from '../osago/api'
import type { SyncEngine } from '../sync/api'
import { askHqForKbm } from './askHq'
import { write } from '../db/write'
import { findRecheck, findRecheckRow } from './recheck'

type KbmChannels = 'kbm/check-draft' | 'kbm/get-recheck' | 'kbm/dismiss-flag' | 'kbm/list-flagged'

/** The field a person's missing document is typed in, so the refusal points at it. */
function documentField(ref: string): string {
  return ref === 'owner' ? 'drivers.ownerKbmClass' : `drivers.list.${ref.slice('driver:'.length)}.licence.number`
}

export function kbmHandlers(db: Db, engine: Pick<SyncEngine, 'hqClientIfEnrolled'>): HandlersOf<KbmChannels> {
  return {
    'kbm/check-draft': async (input, ctx) => {
      const { subjects, missing } = kbmSubjects(input.draft)
      if (subjects.length === 0)
        throw new AppError(
          'VALIDATION',
          'kbm.errors.nothingToCheck',
          {},
          Object.fromEntries(missing.map((ref) => [documentField(ref), 'validation.required'])),
        )
      const answers = await askHqForKbm(engine, subjects)
      const draft = applyKbmAnswers(input.draft, subjects, answers)
      return saveDraftWithKbmAnswers(
        db,
        ctx.actor,
        ctx.now,
        { ...input, draft },
        {
          answers: answers.map((a) => ({
            ref: a.ref,
            typedClass: kbmOnDraft(input.draft, a.ref)?.class ?? null,
            class: a.class,
            requestId: a.requestId,
            found: a.found,
          })),
          missing,
        },
      )
    },

    'kbm/get-recheck': async (input) => findRecheck(db, input.id),

    /**
     * The «class differs» flag dismissed by the desk with its reason. kbm_recheck is this device's table (not synced),
     * so the Writer's audit entry — who, when, the reason, the classes it was about — is the record of the decision.
     */
    'kbm/dismiss-flag': async (input, ctx) => {
      await write(db, ctx.actor, 'kbm.flag-dismissed', ctx.now, async (w) => {
        const before = await findRecheckRow(w.trx, input.id)
        if (!before?.differs) throw new AppError('CONFLICT', 'kbm.errors.notFlagged')
        if (before.dismissed_at) throw new AppError('CONFLICT', 'kbm.errors.alreadyDismissed')
        const dismissal = {
          dismissed_at: ctx.now.toISOString(),
          dismissed_by: ctx.actor.userId,
          dismiss_reason: input.reason,
        }
        await w.trx('kbm_recheck').where({ policy_id: input.id }).update(dismissal)
        await w.audit('kbm.flag-dismissed', 'osago_policy', input.id, before, { ...before, ...dismissal })
      })
      return (await findRecheck(db, input.id))!
    },

    'kbm/list-flagged': async (input) => {
      const limit = input?.limit ?? 5
      const rows = (await db('kbm_recheck as k')
        .join('osago_policy as p', 'p.id', 'k.policy_id')
        .where('k.differs', 1)
        .whereNull('k.dismissed_at')
        .orderBy('k.checked_at', 'desc')
        .limit(limit + 1)
        .select('k.policy_id', 'k.checked_at', 'p.policy_series', 'p.policy_number', 'p.insured_name')) as Array<{
        policy_id: string
        checked_at: string
        policy_series: string | null
        policy_number: string | null
        insured_name: string | null
      }>
      const items: KbmFlaggedPolicy[] = rows.slice(0, limit).map((r) => ({
        policyId: r.policy_id,
        policyNumber: r.policy_number ? `${r.policy_series ?? ''} ${r.policy_number}`.trim() : null,
        insuredName: r.insured_name,
        checkedAt: r.checked_at,
      }))
      return { items, more: rows.length > limit }
    },
  }
}
