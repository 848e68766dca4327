import { join, resolve } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { SYNCED_TABLES } from '../core/db/syncedTables'
import { WriterOnlyScan, programFor, sourceFiles, type DirectWrite } from './writerOnly'

/**
 * Every write to a synced table goes through the Writer (core/db/write.ts), which records the before-state in the
 * audit log and the change in the outbox in the same transaction. This test keeps it so: a knex insert, update or
 * delete on a synced table anywhere else in core/ fails it, naming the file and line.
 */

const root = resolve(import.meta.dirname, '..')
const WRITER = 'core/db/write.ts'

/** The synced tables: core/db/syncedTables.ts is the only list (features name theirs from it). */
function syncedTables(): Set<string> {
  return new Set(Object.keys(SYNCED_TABLES))
}

/** A program over one made-up core file, resolved against the real node_modules (knex's types). */
function scanSnippet(code: string): DirectWrite[] {
  const file = join(root, 'core', '__writerOnlySnippet__', 'snippet.ts')
  const options: ts.CompilerOptions = { ...programFor(root, []).getCompilerOptions(), noEmit: true }
  const host = ts.createCompilerHost(options)
  const { getSourceFile, fileExists, readFile } = host
  host.getSourceFile = (name, lang, ...rest) =>
    resolve(name) === file ? ts.createSourceFile(name, code, lang, true) : getSourceFile.call(host, name, lang, ...rest)
  host.fileExists = (name) => resolve(name) === file || fileExists.call(host, name)
  host.readFile = (name) => (resolve(name) === file ? code : readFile.call(host, name))
  const program = ts.createProgram({ rootNames: [file], options, host })
  return new WriterOnlyScan(program, new Set(['osago_policy', 'policy_blank', 'staff'])).scan([file], root)
}

const header = "import type { Knex } from 'knex'\nimport { createHash } from 'node:crypto'\n"

describe('the direct-write scan', () => {
  it('finds knex writes on synced tables, through variables and helper functions', () => {
    const found = scanSnippet(`${header}
export async function f(db: Knex, trx: Knex.Transaction, entity: string, t: 'staff' | 'osago_policy') {
  await db('osago_policy').where({ id: 'x' }).update({ blank_id: null })
  const q = trx('policy_blank').where({ status: 'available' })
  await q.del()
  const table = () => trx('policy_blank')
  await table().whereIn('status', ['used']).update({ status: 'spoiled' })
  await trx(entity).insert({ id: 'x' })
  await db(t).insert({ id: 'y' })
  await db.raw('UPDATE staff SET role = ? WHERE id = ?', ['admin', 'x'])
  await trx.raw(\`DELETE FROM osago_policy WHERE id = \${'x'}\`)
  await db.insert({ id: 'z' }).into('staff')
  const run = (sql: string) => db.raw(sql)
  await run('SELECT 1')
  await run('DELETE FROM staff')
  const exec = (sql: string) => db.raw(sql)
  await exec(entity)
}
`)
    // A table typed as a union of names counts as each of them.
    const byLine = found
      .map((w) => [w.line, w.table] as const)
      .sort((a, b) => a[0] - b[0] || String(a[1]).localeCompare(String(b[1])))
    expect(byLine).toEqual([
      [5, 'osago_policy'],
      [7, 'policy_blank'],
      [9, 'policy_blank'],
      [10, null],
      [11, 'osago_policy'],
      [11, 'staff'],
      [12, 'staff'],
      [13, 'osago_policy'],
      [14, 'staff'],
      [15, 'staff'],
      [18, null],
    ])
    expect(found[0]!.file).toBe('core/__writerOnlySnippet__/snippet.ts')
  })

  it('leaves reads, other tables and methods that are not knex alone', () => {
    expect(
      scanSnippet(`${header}
export async function g(db: Knex, sessions: Map<string, number>) {
  await db('osago_policy').where({ id: 'x' }).first()
  await db('sign_in_guard').where({ login: 'x' }).delete()
  await db('outbox').update({ sent_at: 'now' })
  await db.raw('INSERT INTO termination_sequence (branch_id) VALUES (?)', ['b'])
  await db.raw('SELECT * FROM staff')
  createHash('sha256').update('staff').digest('hex')
  sessions.delete('staff')
  const w = { update: (table: string) => table }
  w.update('staff')
  const pragma = async (sql: string) => db.raw(sql)
  await pragma('PRAGMA integrity_check')
  await pragma("SELECT name FROM sqlite_master WHERE type = 'table'")
}

`),
    ).toEqual([])
  })
})

describe('writes to synced tables', () => {
  it('go through the Writer only (core/db/write.ts)', () => {
    const files = sourceFiles(join(root, 'core'))
    const scanned = files.filter((f) => resolve(f) !== join(root, ...WRITER.split('/')))
    expect(scanned.length).toBeGreaterThan(100)
    const program = programFor(root, files)
    const scan = new WriterOnlyScan(program, syncedTables())
    const found = scan.scan(scanned, root)
    expect(found.map((w) => `${w.file}:${w.line} ${w.table ?? '(table not known statically)'}: ${w.code}`)).toEqual([])
    // The scan sees real code: the Writer's own writes are exactly what it would report anywhere else.
    expect(scan.scan([join(root, ...WRITER.split('/'))], root).length).toBeGreaterThanOrEqual(4)
  }, 120_000)
})
