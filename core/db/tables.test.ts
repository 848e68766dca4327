import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DOCUMENT_COLUMNS } from '../../shared/sync/documentColumns'
import { openDatabase, type Db } from './openDatabase'
import { SYNCED_TABLES } from './syncedTables'
import { TABLES, columnsOf, documentColumnsOf, type ColumnKind } from './tables'

/** The typed table map is the schema: same tables, same columns, the same document columns as HQ's codec. */
let dir: string
let db: Db
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bd-tables-'))
  db = await openDatabase(join(dir, 'db.sqlite'))
})
afterAll(async () => {
  await db.destroy()
  rmSync(dir, { recursive: true, force: true })
})

const SQL_TYPE: Record<ColumnKind, string> = {
  text: 'TEXT',
  int: 'INTEGER',
  real: 'float',
  bool: 'boolean',
  json: 'TEXT',
  jsonText: 'TEXT',
}

describe('the typed table map', () => {
  it('lists exactly the synced tables', () => {
    expect(Object.keys(TABLES).sort()).toEqual(Object.keys(SYNCED_TABLES).sort())
  })

  it.each(Object.keys(TABLES))('%s: the columns, their types and NOT NULL as migrated', async (table) => {
    const actual = (await db.raw('SELECT name, type, "notnull", dflt_value FROM pragma_table_info(?)', [
      table,
    ])) as Array<{ name: string; type: string; notnull: number; dflt_value: string | null }>
    const synced = ['id', 'created_at', 'updated_at', 'row_version']
    const declared = Object.entries(columnsOf(table)!).map(([name, c]) => ({
      name,
      type: SQL_TYPE[c.kind],
      optional: c.optional,
    }))
    expect(actual.filter((c) => !synced.includes(c.name)).map((c) => c.name)).toEqual(declared.map((c) => c.name))
    for (const c of declared) {
      const column = actual.find((a) => a.name === c.name)!
      expect({ name: c.name, type: column.type }).toEqual({ name: c.name, type: c.type })
      // Optional in an insert exactly when SQLite allows NULL or has a default.
      expect({ name: c.name, optional: column.notnull === 0 || column.dflt_value !== null }).toEqual({
        name: c.name,
        optional: c.optional,
      })
    }
  })

  it('declares the same document columns as the codec HQ uses', () => {
    for (const table of Object.keys(TABLES)) {
      expect({ table, columns: documentColumnsOf(table) }).toEqual({
        table,
        columns: [...(DOCUMENT_COLUMNS[table] ?? [])],
      })
    }
    for (const table of Object.keys(DOCUMENT_COLUMNS)) expect(Object.keys(TABLES)).toContain(table)
  })
})
