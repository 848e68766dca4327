import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { arch, platform, release, totalmem } from 'node:os'
import { join } from 'node:path'
import { strToU8, zipSync, type Zippable } from 'fflate'
import type { Db } from '../db/openDatabase'

/**
 * The support archive: what support needs to see what happened on a branch computer — versions, logs, the
 * database's own integrity check, sync state and outbox counts — and nothing about clients. It holds counts,
 * states and technical text only: no row of any table is copied, sync issues are counted (their local copies
 * hold clients' data), and the logs pass through `redactLogText` on the way in.
 */
export interface DiagnosticsSources {
  db: Db
  appVersion: string
  /** Reference data versions in force today, by kind. */
  referenceVersions: Record<string, string | null>
  logsDir?: string
  crashDumpsDir?: string
  /** Whether photo processing can load (sharp), or why not. */
  imageLibrary: () => Promise<string>
  now: Date
}

/** Sync state keys that are technical (never the token: that one is not in this table at all). */
const SYNC_STATE_KEYS = [
  'hq_url',
  'device_id',
  'branch_code',
  'enrolled_at',
  'cursor',
  'last_success_at',
  'last_attempt_at',
  'last_error',
  'hq_clock_offset_ms',
  'hq_settings',
]
const MAX_LOG_BYTES = 8 * 1024 * 1024

export async function collectDiagnostics(src: DiagnosticsSources): Promise<Record<string, Uint8Array>> {
  const json = (value: unknown) => strToU8(`${JSON.stringify(value, null, 2)}\n`)
  const files: Record<string, Uint8Array> = {
    'README.txt': strToU8(README),
    'about.json': json(await about(src)),
    'database.json': json(await database(src.db)),
    'sync.json': json(await syncState(src.db)),
    'outbox.json': json(await outbox(src.db)),
    'crash-dumps.json': json(listFiles(src.crashDumpsDir)),
  }
  let budget = MAX_LOG_BYTES
  for (const log of listFiles(src.logsDir)
    .filter((f) => f.name.endsWith('.log'))
    .sort((a, b) => b.modified.localeCompare(a.modified))) {
    if (budget <= 0) break
    const text = readFileSync(join(src.logsDir!, log.name), 'utf8')
    const kept = text.length > budget ? text.slice(text.length - budget) : text
    budget -= kept.length
    files[`logs/${log.name}`] = strToU8(redactLogText(kept))
  }
  return files
}

export function zipDiagnostics(files: Record<string, Uint8Array>, now: Date): Uint8Array {
  const entries: Zippable = {}
  for (const [name, data] of Object.entries(files)) entries[name] = [data, { mtime: now }]
  return zipSync(entries, { level: 6 })
}

/**
 * Log lines are technical, but an error can quote what it failed on: a database error carries its SQL with the
 * values typed in, a path carries a Windows user's name. Quoted literals, numbers of six digits or more even when
 * spaced or dashed (passports, phones, policy numbers; not dates) and Cyrillic words (names, addresses — the log
 * itself is written in English) are masked.
 */
export function redactLogText(text: string): string {
  return text
    .replace(/'[^'\n]*'/gu, "'…'")
    .replace(/\\"(?:[^"\\\n]|\\[^"])*\\"/gu, '\\"…\\"')
    .replace(/\+?\d(?:[\d ()-]*\d)?/gu, (m) =>
      m.replace(/\D/gu, '').length >= 6 && !/^\d{4}-\d{2}-\d{2}$/u.test(m) ? '#' : m,
    )
    .replace(/[А-Яа-яЁё]+/gu, '~')
}

async function about(src: DiagnosticsSources) {
  const migrations = (await src.db('knex_migrations').orderBy('id').select('name')) as Array<{ name: string }>
  return {
    generatedAt: src.now.toISOString(),
    appVersion: src.appVersion,
    runtime: pick(process.versions, ['node', 'electron', 'chrome', 'v8', 'modules', 'openssl']),
    os: { platform: platform(), arch: arch(), release: release(), memoryMb: Math.round(totalmem() / 1024 / 1024) },
    referenceVersions: src.referenceVersions,
    migrations: migrations.map((m) => m.name),
    imageLibrary: await src.imageLibrary(),
  }
}

async function database(db: Db) {
  const pragma = async (sql: string) => (await db.raw(sql)) as Array<Record<string, unknown>>
  const integrity = (await pragma('PRAGMA integrity_check')).map((r) => String(Object.values(r)[0]))
  const foreignKeyProblems = (await pragma('PRAGMA foreign_key_check')).length
  const tables = (
    await pragma("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
  ).map((r) => String(r.name))
  const rowCounts: Record<string, number> = {}
  for (const table of tables) {
    const [row] = (await db(table).count({ n: '*' })) as Array<{ n: number | string }>
    rowCounts[table] = Number(row?.n ?? 0)
  }
  const first = async (sql: string) => Object.values((await pragma(sql))[0] ?? {})[0] ?? null
  return {
    integrityCheck: integrity,
    ok: integrity.length === 1 && integrity[0] === 'ok',
    foreignKeyProblems,
    journalMode: await first('PRAGMA journal_mode'),
    pageSize: await first('PRAGMA page_size'),
    pageCount: await first('PRAGMA page_count'),
    freelistCount: await first('PRAGMA freelist_count'),
    sqliteVersion: await first('SELECT sqlite_version()'),
    rowCounts,
  }
}

async function syncState(db: Db) {
  const rows = (await db('sync_state').whereIn('key', SYNC_STATE_KEYS).select('key', 'value')) as Array<{
    key: string
    value: string
  }>
  const issues = (await db('sync_issue')
    .select('kind')
    .select(db.raw('seen_at IS NULL as unseen'))
    .count({ n: '*' })
    .groupBy('kind', 'unseen')) as Array<{ kind: string; unseen: number; n: number }>
  return {
    state: Object.fromEntries(rows.map((r) => [r.key, r.key === 'last_error' ? redactLogText(r.value) : r.value])),
    issues: issues.map((i) => ({ kind: i.kind, unseen: Boolean(i.unseen), count: Number(i.n) })),
  }
}

async function outbox(db: Db) {
  const byEntity = (await db('outbox')
    .select('entity')
    .select(db.raw('SUM(CASE WHEN sent_at IS NULL THEN 1 ELSE 0 END) AS pending'))
    .select(db.raw('SUM(CASE WHEN sent_at IS NOT NULL THEN 1 ELSE 0 END) AS sent'))
    .select(db.raw('SUM(CASE WHEN deferred_reason IS NOT NULL THEN 1 ELSE 0 END) AS deferred'))
    .select(db.raw('MAX(attempts) AS maxAttempts'))
    .select(db.raw('MIN(CASE WHEN sent_at IS NULL THEN changed_at END) AS oldestPending'))
    .groupBy('entity')
    .orderBy('entity')) as Array<Record<string, unknown>>
  const outcomes = (await db('outbox').select('outcome').count({ n: '*' }).groupBy('outcome')) as Array<{
    outcome: string | null
    n: number
  }>
  const num = (v: unknown) => Number(v ?? 0)
  return {
    pending: byEntity.reduce((sum, r) => sum + num(r.pending), 0),
    sent: byEntity.reduce((sum, r) => sum + num(r.sent), 0),
    byEntity: byEntity.map((r) => ({
      entity: r.entity,
      pending: num(r.pending),
      sent: num(r.sent),
      deferred: num(r.deferred),
      maxAttempts: num(r.maxAttempts),
      oldestPending: r.oldestPending ?? null,
    })),
    outcomes: Object.fromEntries(outcomes.map((o) => [o.outcome ?? 'none', Number(o.n)])),
  }
}

function listFiles(dir: string | undefined): Array<{ name: string; bytes: number; modified: string }> {
  if (!dir || !existsSync(dir)) return []
  const out: Array<{ name: string; bytes: number; modified: string }> = []
  const walk = (rel: string) => {
    for (const entry of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const name = rel ? `${rel}/${entry.name}` : entry.name
      if (entry.isDirectory()) walk(name)
      else if (entry.isFile()) {
        const st = statSync(join(dir, name))
        out.push({ name, bytes: st.size, modified: st.mtime.toISOString() })
      }
    }
  }
  walk('')
  return out
}

function pick(source: Record<string, string | undefined>, keys: string[]): Record<string, string> {
  return Object.fromEntries(keys.filter((k) => source[k]).map((k) => [k, source[k]!]))
}

const README = `Диагностика Branch Desk для службы поддержки.

about.json        — версии программы, среды выполнения, ОС, справочников и миграций базы
database.json     — проверка целостности базы данных (PRAGMA integrity_check) и число строк в таблицах
sync.json         — состояние синхронизации с центральным офисом и число конфликтов
outbox.json       — сколько изменений ждёт отправки в центральный офис
crash-dumps.json  — список аварийных дампов (только имена и размеры)
logs/             — журналы программы (кавычки, длинные числа и русские слова скрыты)

Персональных данных клиентов в архиве нет: строки таблиц не копируются.
`
