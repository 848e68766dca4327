import type { Channel } from '../../shared/contract'
import type { HomeAttention, HomeAttentionSection, HomeWork } from '../../shared/home/contract'
import type { BranchAttentionData } from '../../shared/home/attentionRules'
import { readBackupSettings } from '../backup/api'
import type { Db } from '../db/openDatabase'
import { countUpTo } from '../db/search'
import { getState } from '../sync/api'

/**
 * The branch admin's day of work (issue 14, docs/decisions.md row 90): what the data already says needs the admin,
 * each item naming the screen where it is dealt with. Levels (blanks low, unprinted, sync stale) are reference data
 * (`branch-attention`). Each statement reads an index range, never a table of records: the available blanks only
 * (policy_blank_status_idx, the stock on hand rather than the ~700k used at 1M contracts), issued-and-unprinted
 * policies (osago_status_idx, counted up to a bound), unseen sync issues (sync_issue_unseen_idx); the staff and the
 * sign-in guard are a branch's handful of people (core/db/queryPlans.test.ts checks the plans).
 */

/** Sync failures that retrying gets past on its own; only their duration (a stale sync) needs the admin. */
const TRANSIENT_SYNC_ERRORS = new Set(['sync.errors.unreachable', 'sync.errors.busy'])

/** Unprinted policies are counted up to this; past it the home says «N+» (a backlog that size is one problem). */
const UNPRINTED_COUNT_BOUND = 1000

const item = (
  key: HomeAttention['key'],
  section: HomeAttentionSection,
  level: HomeAttention['level'],
  params: HomeAttention['params'] = {},
  at: string | null = null,
  reason: HomeAttention['reason'] = null,
): HomeAttention => ({ key, section, level, params, at, reason })

/** Per-row kinds (a series, a person) are capped at `limit` each; the section then has «Все…». */
function capped(rows: HomeAttention[], limit: number, section: HomeAttentionSection, more: Set<HomeAttentionSection>) {
  if (rows.length > limit) more.add(section)
  return rows.slice(0, limit)
}

async function blanks(
  db: Db,
  rules: BranchAttentionData['blanks'],
  now: Date,
  limit: number,
  more: Set<HomeAttentionSection>,
) {
  const min = rules.lowPerSeries.value
  // Series with none left are not listed: a used-up series is finished, not low; no blank at all is its own item.
  const available = (await db('policy_blank')
    .where({ status: 'available' })
    .groupBy('series')
    .orderBy('series')
    .select('series')
    .count({ n: '*' })) as Array<{ series: string; n: number }>
  const out: HomeAttention[] = []
  if (!available.length) out.push(item('blanksNone', 'blanks', 'error'))
  const low = available
    .map((r) => ({ series: r.series, onHand: Number(r.n) }))
    .filter((r) => r.onHand < min)
    .sort((a, b) => a.onHand - b.onHand || (a.series < b.series ? -1 : 1))
    .map((r) => item('blanksLow', 'blanks', 'warning', { series: r.series, onHand: r.onHand, min }))
  out.push(...capped(low, limit, 'blanks', more))

  // A policy issued on a blank takes the blank out of stock at once; printed is the blank leaving the printer.
  // Unprinted past the level, the blank is held by a policy nobody printed: a strict-accounting form to find.
  const days = rules.unprintedAfterDays.value
  const cutoff = new Date(now.getTime() - days * 86_400_000).toISOString()
  const unprinted = await countUpTo(
    db,
    db('osago_policy').where({ status: 'issued' }).where('issued_at', '<=', cutoff),
    UNPRINTED_COUNT_BOUND,
  )
  if (unprinted)
    out.push(
      item('blanksUnprinted', 'blanks', 'warning', {
        count: unprinted >= UNPRINTED_COUNT_BOUND ? `${UNPRINTED_COUNT_BOUND}+` : unprinted,
        days,
      }),
    )
  return out
}

/** The engine stores its last failure as `{ key, params }` JSON (core/sync/syncEngine.ts); anything else is none. */
function parseReason(raw: string): HomeAttention['reason'] {
  try {
    const v = JSON.parse(raw) as { key?: unknown; params?: unknown }
    if (typeof v.key !== 'string') return null
    const params = v.params && typeof v.params === 'object' ? (v.params as Record<string, string | number>) : {}
    return { key: v.key, params }
  } catch {
    return null
  }
}

async function sync(db: Db, rules: BranchAttentionData['sync'], now: Date): Promise<HomeAttention[]> {
  if (!(await getState(db, 'device_id'))) return [item('syncNotEnrolled', 'sync', 'warning')]
  const out: HomeAttention[] = []
  const rawError = await getState(db, 'last_error')
  const lastError = rawError ? parseReason(rawError) : null
  if (lastError?.key === 'sync.errors.revoked') out.push(item('syncRevoked', 'sync', 'error'))
  else if (lastError && !TRANSIENT_SYNC_ERRORS.has(lastError.key))
    out.push(item('syncFailing', 'sync', 'error', {}, (await getState(db, 'last_attempt_at')) ?? null, lastError))

  const lastSuccess = await getState(db, 'last_success_at')
  const hours = rules.staleAfterHours.value
  if (!lastSuccess) out.push(item('syncNever', 'sync', 'error'))
  else if (now.getTime() - Date.parse(lastSuccess) >= hours * 3_600_000)
    out.push(item('syncStale', 'sync', 'warning', { hours }, lastSuccess))

  // Changes HQ rejected or lost in a conflict that nobody has looked at yet.
  const unseen = (await db('sync_issue').whereNull('seen_at').count({ n: '*' }).max({ at: 'recorded_at' }).first()) as {
    n: number
    at: string | null
  }
  if (Number(unseen.n)) out.push(item('syncIssues', 'sync', 'error', { count: Number(unseen.n) }, unseen.at))
  return out
}

async function staff(db: Db, now: Date, limit: number, more: Set<HomeAttentionSection>) {
  const locked = (await db('sign_in_guard as g')
    .join('staff as s', 's.login', 'g.login')
    .where('g.locked_until', '>', now.toISOString())
    .where('s.active', true)
    .select('s.full_name', 's.login', 'g.locked_until')) as Array<{
    full_name: string
    login: string
    locked_until: string
  }>
  // A password the admin set (a new person, a reset) until its owner replaces it at their first sign-in.
  const pending = (await db('staff')
    .where({ active: true, must_change_password: true })
    .select('full_name', 'login')) as Array<{ full_name: string; login: string }>
  // A branch's handful of people, ordered here (the longest lock-out first, then by name) rather than by a sort in SQL.
  locked.sort((a, b) => (a.locked_until < b.locked_until ? 1 : a.locked_until > b.locked_until ? -1 : 0))
  pending.sort((a, b) => a.full_name.localeCompare(b.full_name, 'ru'))
  const rows = [
    ...locked.map((r) =>
      item('staffLocked', 'staff', 'warning', { name: r.full_name, login: r.login }, r.locked_until),
    ),
    ...pending.map((r) => item('staffPasswordPending', 'staff', 'warning', { name: r.full_name, login: r.login })),
  ]
  return capped(rows, limit, 'staff', more)
}

async function backups(db: Db): Promise<HomeAttention[]> {
  const b = await readBackupSettings(db)
  if (!b.folder) return [item('backupNoFolder', 'settings', 'warning')]
  if (b.lastRun && !b.lastRun.ok) return [item('backupFailed', 'settings', 'error', {}, b.lastRun.at)]
  return []
}

/**
 * Each part only for a role that may make the move it leads to (the channel's access in shared/, as the rest of the
 * home): enrolling the device, receiving blanks, resetting a password, running a backup — today the admin's alone.
 * Null when the role has none of them.
 */
export async function adminAttention(
  db: Db,
  may: (channel: Channel) => boolean,
  levels: () => BranchAttentionData,
  now: Date,
  limit: number,
  personalData?: () => Promise<HomeAttention[]>,
): Promise<HomeWork['attention']> {
  const of = { sync: may('sync/enrol'), blanks: may('blanks/receive-range'), staff: may('staff/reset-password') }
  const backup = may('backup/run-now')
  if (!of.sync && !of.blanks && !of.staff && !backup) return null
  // Read only here: another role's home does not depend on this reference file.
  const rules = levels()
  const more = new Set<HomeAttentionSection>()
  const parts = (
    await Promise.all([
      of.sync ? sync(db, rules.sync, now) : [],
      of.blanks ? blanks(db, rules.blanks, now, limit, more) : [],
      of.staff ? staff(db, now, limit, more) : [],
      backup ? backups(db) : [],
      // The admin merges client cards: theirs too are the cards past retention and the disk's encryption.
      personalData && may('client/merge') ? personalData() : [],
    ])
  ).flat()
  // Errors first, each group keeping its own order (Array.prototype.sort is stable).
  const items = parts.sort((a, b) => (a.level === b.level ? 0 : a.level === 'error' ? -1 : 1))
  return { items, more: [...more] }
}
