import type { BlankStatus } from '../../shared/blanks/schemas'
import type { BlankRef } from '../../shared/osago/policy'
import { AppError } from '../app/appError'
import type { Writer } from '../db/write'
import type { BlankRow } from './blankRows'

/**
 * Using and spoiling blanks. Both run inside the caller's `write()` (the OSAGO issue or reprint), so the blank
 * and the policy change together or not at all.
 *
 * The claim (`Writer.claim`) is a conditional no-op UPDATE whose changed-row count decides: only a row still in
 * an allowed status matches, and the statement takes SQLite's write lock, so no other connection — in this
 * process or another one on the same file — can change the row until this transaction ends. The real change
 * then goes through `Writer.update`, which records it with its outbox and audit entries and the true before-image.
 */
async function claim(
  w: Writer,
  where: { id?: string; next?: true },
  from: readonly BlankStatus[],
): Promise<string | null> {
  const target = where.next
    ? // One statement picks and claims, so two processes can never pick the same "next" blank.
      w
        .trx('policy_blank')
        .select('id')
        .where({ status: 'available' })
        .orderBy([{ column: 'series' }, { column: 'number' }])
        .limit(1)
    : where.id!
  return w.claim('policy_blank', target, (q) => q.whereIn('status', from))
}

async function rowOf(w: Writer, id: string): Promise<BlankRow | undefined> {
  return (await w.trx('policy_blank').where({ id }).first()) as BlankRow | undefined
}

function refOf(row: BlankRow): BlankRef {
  return { id: row.id, series: row.series, number: row.number }
}

/** Why a blank could not be claimed: gone, already on a policy, or spoiled. */
async function refusal(w: Writer, blankId: string): Promise<AppError> {
  const row = await rowOf(w, blankId)
  if (!row) return new AppError('NOT_FOUND', 'blanks.errors.notFound', {}, { blankId: 'blanks.errors.notFound' })
  const key =
    row.status === 'used'
      ? 'blanks.errors.alreadyUsed'
      : row.status === 'spoiled'
        ? 'blanks.errors.alreadySpoiled'
        : 'blanks.errors.notAvailable'
  return new AppError('CONFLICT', key, { series: row.series, number: row.number }, { blankId: key })
}

/**
 * Puts a policy on a blank: the chosen one, or the next available (lowest series, then number).
 * A policy holds one blank at a time; to reprint, spoil the old blank first (`spoilBlank`), then assign.
 */
export async function assignBlank(w: Writer, args: { policyId: string; blankId?: string }): Promise<BlankRef> {
  const id =
    args.blankId === undefined
      ? await claim(w, { next: true }, ['available'])
      : await claim(w, { id: args.blankId }, ['available'])
  if (id === null) {
    if (args.blankId !== undefined) throw await refusal(w, args.blankId)
    throw new AppError('CONFLICT', 'blanks.errors.noneAvailable')
  }
  const held = (await w.trx('policy_blank').where({ policy_id: args.policyId, status: 'used' }).first()) as
    BlankRow | undefined
  if (held) throw new AppError('CONFLICT', 'blanks.errors.policyHasBlank', { series: held.series, number: held.number })
  const row = await w.update('policy_blank', id, {
    status: 'used',
    policy_id: args.policyId,
    used_at: w.now,
    used_by: w.actor.userId,
  })
  return refOf(row)
}

/**
 * Marks a blank spoiled, for good: a used one when its policy is reprinted on a fresh blank (the policy id stays
 * on the spoiled blank for the record), an available one damaged in stock. `from` narrows which statuses the
 * caller accepts (the stock screen may spoil only blanks without a policy).
 */
export async function spoilBlank(
  w: Writer,
  args: { blankId: string; reason: string },
  from: readonly BlankStatus[] = ['available', 'used'],
): Promise<void> {
  const reason = args.reason.trim()
  if (reason === '') throw new AppError('VALIDATION', 'errors.validation', {}, { reason: 'validation.required' })
  if ((await claim(w, { id: args.blankId }, from)) === null) {
    const row = await rowOf(w, args.blankId)
    if (row?.status === 'used') {
      throw new AppError(
        'CONFLICT',
        'blanks.errors.spoilUsedViaPolicy',
        { series: row.series, number: row.number },
        { blankId: 'blanks.errors.spoilUsedViaPolicy' },
      )
    }
    throw await refusal(w, args.blankId)
  }
  await w.update('policy_blank', args.blankId, {
    status: 'spoiled',
    spoiled_at: w.now,
    spoiled_by: w.actor.userId,
    spoiled_reason: reason,
  })
}

/**
 * Records a used blank lost, for good: the client lost the policy printed on it and a duplicate is issued on a new
 * blank (core/osagoChange). The policy id stays on the lost blank for the record (docs/domain/paper-blanks.md).
 */
export async function loseBlank(w: Writer, args: { blankId: string; policyId: string; reason: string }): Promise<void> {
  const reason = args.reason.trim()
  if (reason === '') throw new AppError('VALIDATION', 'errors.validation', {}, { reason: 'validation.required' })
  const id = await w.claim('policy_blank', args.blankId, (q) => q.where({ status: 'used', policy_id: args.policyId }))
  if (id === null) throw await refusal(w, args.blankId)
  await w.update('policy_blank', args.blankId, {
    status: 'lost',
    lost_at: w.now,
    lost_by: w.actor.userId,
    lost_reason: reason,
  })
}
