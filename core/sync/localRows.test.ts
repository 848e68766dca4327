import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../db/openDatabase'
import { LocalSchema, writeHqVersion } from './localRows'

let dir: string
let db: Db
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bd-local-rows-'))
  db = await openDatabase(join(dir, 'db.sqlite'))
})
afterEach(async () => {
  await db.destroy()
  rmSync(dir, { recursive: true, force: true })
})

const at = '2026-11-21T10:00:00.000Z'
const draft = { insured: { kind: 'person', surname: 'Смирнов' }, drivers: { mode: 'list', list: [] } }
const stamp = { created_at: at, updated_at: at }

describe('pull writes HQ’s version: documents arrive as objects, SQLite keeps text', () => {
  it('stores a document sent as an object as JSON text, audited as an object', async () => {
    await db.transaction(async (trx) => {
      const schema = new LocalSchema()
      expect(
        await writeHqVersion(trx, schema, 'osago_policy', { id: 'p', ...stamp, row_version: 1, status: 'draft' }, at),
      ).toEqual({ applied: true })
      expect(
        await writeHqVersion(
          trx,
          schema,
          'osago_document',
          { id: 'p', ...stamp, row_version: 3, draft, calculation: null },
          at,
        ),
      ).toEqual({ applied: true })
    })
    expect(await db('osago_document').first()).toMatchObject({ id: 'p', row_version: 3, draft: JSON.stringify(draft) })
    const audit = (await db('audit_log').where({ entity: 'osago_document' }).first()) as { after: string }
    expect(JSON.parse(audit.after)).toMatchObject({ draft })
    expect(await db('outbox')).toHaveLength(0)
  })

  it('keeps the documents of a policy written by a device on the previous version, so it opens here', async () => {
    const calculation = { premiumKopecks: 100 }
    await db.transaction(async (trx) => {
      const outcome = await writeHqVersion(
        trx,
        new LocalSchema(),
        'osago_policy',
        // As HQ holds it: the row with its documents inside (text from an old record, or objects).
        {
          id: 'old',
          ...stamp,
          row_version: 4,
          status: 'calculated',
          draft: JSON.stringify(draft),
          application: draft,
          calculation,
        },
        at,
      )
      expect(outcome).toEqual({ applied: true })
    })
    expect(await db('osago_policy').where({ id: 'old' }).first()).toMatchObject({
      status: 'calculated',
      row_version: 4,
    })
    expect(await db('osago_document').where({ id: 'old' }).first()).toEqual({
      id: 'old',
      ...stamp,
      row_version: 1,
      draft: JSON.stringify(draft),
      calculation: JSON.stringify(calculation),
    })
  })

  it('keeps the documents of a CASCO quote written by a device on the previous version, so it opens here', async () => {
    const quoteInput = { sumInsuredKopecks: 1 }
    await db.transaction(async (trx) => {
      const outcome = await writeHqVersion(
        trx,
        new LocalSchema(),
        'casco_quote',
        // As HQ holds it (before migration 20261205000017): the row with its documents inside.
        {
          id: 'q',
          ...stamp,
          row_version: 3,
          status: 'quoted',
          draft: JSON.stringify(draft),
          quote_input: quoteInput,
          quote_result: { options: [] },
        },
        at,
      )
      expect(outcome).toEqual({ applied: true })
    })
    expect(await db('casco_quote').where({ id: 'q' }).first()).toMatchObject({ status: 'quoted', row_version: 3 })
    expect(await db('casco_document').where({ id: 'q' }).first()).toEqual({
      id: 'q',
      ...stamp,
      row_version: 1,
      draft: JSON.stringify(draft),
      quote_input: JSON.stringify(quoteInput),
      quote_result: JSON.stringify({ options: [] }),
    })
  })
})
