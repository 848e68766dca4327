import { readFileSync } from 'node:fs'
import { uuidv7 } from 'uuidv7'
import { REFERENCE_SCHEMAS } from '../shared/contract/referenceSchemas'
import { blankNumberAt, MAX_BLANKS_PER_RANGE, rangeSize } from '../shared/blanks/schemas'
import { policyBlank } from '../shared/validation/policyBlank'
import type { HqDb } from './db'
import { getRecordByKey, writeRecords, type RecordWrite } from './records'
import { policyBlankRule } from './rules/blankRules'
import { allocateBranchSeq, allocateSeq, lockReferencePublishing } from './sequence'
import { newEnrolmentCode, sha256Hex } from './tokens'

/** What HQ's administrators do from the command line (`npm run hq -- <command>`). */

export interface BranchCard {
  code: string
  name: string
  city: string
}

export async function ensureBranch(db: HqDb, card: BranchCard, now: Date): Promise<{ created: boolean }> {
  const code = card.code.trim().toUpperCase()
  if (!/^[0-9A-ZА-ЯЁ-]{2,16}$/u.test(code)) throw new Error(`bad branch code ${card.code}`)
  const existing = await db('hq_branch').where({ code }).first()
  if (existing) return { created: false }
  await db.transaction(async (trx) => {
    // Every file published so far goes into the new branch's sequence, as it would have if the branch had existed.
    await lockReferencePublishing(trx)
    const references = (await trx('hq_reference').orderBy('seq').select('id')) as Array<{ id: string }>
    await trx('hq_branch').insert({
      code,
      name: card.name,
      city: card.city,
      created_at: now.toISOString(),
      seq: references.length,
    })
    const links = references.map((r, i) => ({ branch_code: code, seq: i + 1, reference_id: r.id }))
    for (let i = 0; i < links.length; i += 300) await trx('hq_branch_reference').insert(links.slice(i, i + 300))
  })
  return { created: true }
}

/** A one-time enrolment code for a device of the branch; only its hash is stored. */
export async function issueEnrolmentCode(
  db: HqDb,
  branchCode: string,
  now: Date,
  days: number,
): Promise<{ code: string; expiresAt: string }> {
  const branch = await db('hq_branch').where({ code: branchCode.toUpperCase() }).first()
  if (!branch)
    throw new Error(`no branch ${branchCode}: create it first (enrol --branch ${branchCode} --name … --city …)`)
  const code = newEnrolmentCode()
  const expiresAt = new Date(now.getTime() + days * 86_400_000).toISOString()
  await db('hq_enrolment').insert({
    id: uuidv7(),
    code_hash: sha256Hex(code),
    branch_code: branchCode.toUpperCase(),
    created_at: now.toISOString(),
    expires_at: expiresAt,
  })
  return { code, expiresAt }
}

export async function revokeDevice(db: HqDb, deviceId: string, now: Date): Promise<void> {
  const n = await db('hq_device')
    .where({ id: deviceId })
    .whereNull('revoked_at')
    .update({ revoked_at: now.toISOString() })
  if (n === 0) throw new Error(`no active device ${deviceId}`)
}

export async function listDevices(db: HqDb): Promise<
  Array<{
    id: string
    branch_code: string
    name: string
    enrolled_at: string
    revoked_at: string | null
    last_seen_at: string | null
  }>
> {
  return db('hq_device')
    .select('id', 'branch_code', 'name', 'enrolled_at', 'revoked_at', 'last_seen_at')
    .orderBy(['branch_code', 'enrolled_at'])
}

export async function setPrintBeforeRegistration(db: HqDb, branchCode: string, allowed: boolean): Promise<void> {
  const n = await db('hq_branch')
    .where({ code: branchCode.toUpperCase() })
    .update({ print_before_registration: allowed })
  if (n === 0) throw new Error(`no branch ${branchCode}`)
}

/**
 * Assigns a range of paper blanks to a branch: they become the branch's `policy_blank` records and reach its
 * devices with the next pull. A number already held by any branch stops the whole range.
 */
export async function assignBlanks(
  db: HqDb,
  args: { branchCode: string; series: string; fromNumber: string; toNumber: string },
  now: Date,
): Promise<{ count: number }> {
  const series = policyBlank.seriesSchema.parse(args.series)
  const fromNumber = policyBlank.numberSchema.parse(args.fromNumber)
  const toNumber = policyBlank.numberSchema.parse(args.toNumber)
  const count = rangeSize(fromNumber, toNumber)
  if (count < 1 || count > MAX_BLANKS_PER_RANGE) throw new Error(`a range holds 1 to ${MAX_BLANKS_PER_RANGE} blanks`)
  const branchCode = args.branchCode.toUpperCase()
  if (!(await db('hq_branch').where({ code: branchCode }).first())) throw new Error(`no branch ${branchCode}`)
  const nowIso = now.toISOString()
  await db.transaction(async (trx) => {
    const writes: RecordWrite[] = []
    for (let i = 0; i < count; i++) {
      const data = {
        id: uuidv7(),
        created_at: nowIso,
        updated_at: nowIso,
        row_version: 1,
        series,
        number: blankNumberAt(fromNumber, i),
        status: 'available',
        received_at: nowIso,
        received_by: null,
        policy_id: null,
        used_at: null,
        used_by: null,
        spoiled_at: null,
        spoiled_by: null,
        spoiled_reason: null,
      }
      const naturalKey = policyBlankRule.naturalKey!(data, branchCode)
      if (naturalKey && (await getRecordByKey(trx, 'policy_blank', naturalKey)))
        throw new Error(`blank ${naturalKey} is already assigned`)
      writes.push({
        entity: 'policy_blank',
        id: data.id,
        branchCode,
        rowVersion: 1,
        data,
        naturalKey,
        isNew: true,
        deviceId: null,
      })
    }
    await writeRecords(trx, writes, nowIso)
  })
  return { count }
}

/**
 * Publishes a reference file (tariffs, catalogue, calendar, checklists) to every branch. It is checked with the
 * same schema the app loads it with, so a branch never receives a file it would refuse to start with.
 */
export async function publishReference(db: HqDb, file: string, now: Date): Promise<{ kind: string; version: string }> {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as { kind?: unknown; version?: unknown }
  const kind = raw.kind
  if (typeof kind !== 'string' || !Object.prototype.hasOwnProperty.call(REFERENCE_SCHEMAS, kind)) {
    throw new Error(`${file}: unknown reference kind ${JSON.stringify(kind)}`)
  }
  const parsed = REFERENCE_SCHEMAS[kind as keyof typeof REFERENCE_SCHEMAS].safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new Error(`${file}: ${issue.path.join('.')}: ${issue.message}`)
  }
  const version = String(raw.version)
  const content = JSON.stringify(raw, null, 2)
  await db.transaction(async (trx) => {
    const existing = (await trx('hq_reference').where({ kind, version }).first()) as { content: string } | undefined
    if (existing) {
      if (existing.content !== content)
        throw new Error(`${kind} version ${version} is already published with different content`)
      return
    }
    const seq = await allocateSeq(trx, 1)
    const id = uuidv7()
    await trx('hq_reference').insert({ id, kind, version, content, seq, published_at: now.toISOString() })
    // Into every branch's sequence, in code order like every writer of several branches (hq/records.ts).
    const branches = (await trx('hq_branch').orderBy('code').select('code')) as Array<{ code: string }>
    for (const b of branches) {
      const at = await allocateBranchSeq(trx, b.code, 1)
      await trx('hq_branch_reference').insert({ branch_code: b.code, seq: at, reference_id: id })
    }
  })
  return { kind, version }
}
