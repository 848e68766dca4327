import { uuidv7 } from 'uuidv7'
import { isPostgres, type HqDb } from './db'
import { getRecord, getRecordByKey, writeRecords } from './records'
import { staffRule } from './rules/branchRules'

/**
 * Moves a staff member to another branch from `at` on (an HQ administrator's act): the staff record goes to the new
 * branch (its devices pull it; the old branch's devices no longer may change it), and the member's periods in
 * hq_staff_branch record when they belonged where, so a change is judged by the branch its author was in when it
 * was made (hq/authorship.ts) — an old branch's computer that pushes later what the member did before the move is
 * still accepted; what it names them for after the move is not.
 */
export async function moveStaff(
  db: HqDb,
  args: { staffId: string; toBranch: string },
  at: Date,
): Promise<{ from: string; to: string }> {
  const to = args.toBranch.toUpperCase()
  const atIso = at.toISOString()
  return db.transaction(async (trx) => {
    const seen = await getRecord(trx, 'staff', args.staffId)
    if (!seen) throw new Error(`no staff member ${args.staffId}`)
    // The branch rows pushes take (hq/push.ts), both, in code order: a push of either branch and another move of
    // this member wait until the move is in, so none of them judges or writes the record as it was before (two moves
    // at once both wrote version n + 1 and left two open periods). SQLite runs one transaction at a time anyway.
    if (isPostgres(db))
      await trx('hq_branch').whereIn('code', [seen.branchCode, to]).orderBy('code').forUpdate().select('code')
    const staff = await getRecord(trx, 'staff', args.staffId)
    if (!staff) throw new Error(`no staff member ${args.staffId}`)
    if (staff.branchCode !== seen.branchCode)
      throw new Error(`staff member ${args.staffId} was moved to ${staff.branchCode} meanwhile; run the move again`)
    const target = (await trx('hq_branch').where({ code: to }).first('code', 'record_id')) as
      { code: string; record_id: string | null } | undefined
    if (!target) throw new Error(`no branch ${to}`)
    if (target.record_id === null) throw new Error(`branch ${to} has no device enrolled yet`)
    if (staff.branchCode === to) throw new Error(`staff member ${args.staffId} is already in ${to}`)
    const data: Record<string, unknown> = {
      ...staff.data,
      branch_id: target.record_id,
      row_version: staff.rowVersion + 1,
      updated_at: atIso,
    }
    const naturalKey = staffRule.naturalKey!(data, to)
    if (naturalKey && (await getRecordByKey(trx, 'staff', naturalKey)))
      throw new Error(`login ${String(data.login)} is already taken in ${to}`)

    const open = (await trx('hq_staff_branch').where({ staff_id: staff.id }).whereNull('until').first('id')) as
      { id: string } | undefined
    if (open) await trx('hq_staff_branch').where({ id: open.id }).update({ until: atIso })
    else
      await trx('hq_staff_branch').insert({
        id: uuidv7(),
        staff_id: staff.id,
        branch_code: staff.branchCode,
        since: null,
        until: atIso,
      })
    await trx('hq_staff_branch').insert({
      id: uuidv7(),
      staff_id: staff.id,
      branch_code: to,
      since: atIso,
      until: null,
    })
    await writeRecords(
      trx,
      [
        {
          entity: 'staff',
          id: staff.id,
          branchCode: to,
          rowVersion: staff.rowVersion + 1,
          data,
          naturalKey,
          isNew: false,
          deviceId: null,
        },
      ],
      atIso,
    )
    return { from: staff.branchCode, to }
  })
}
