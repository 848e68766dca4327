import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { call, expectOk, makeTestCore, setupBranch, signInAs } from '../testing/testCore'
import { findWithDocument } from './withDocument'

let t: Awaited<ReturnType<typeof makeTestCore>>
beforeEach(async () => {
  t = await makeTestCore()
  await setupBranch(t.core)
  await signInAs(t.core, 'clerk', 'c')
})
afterEach(async () => t.dispose())

describe('findWithDocument', () => {
  it('reads the hot row and the document row apart, each with its own stamps, documents as objects', async () => {
    const { id } = await expectOk(call(t.core, 'osago/create-draft', undefined, 'c'))
    // Stamps unlike the hot row's: a join that let one row's columns overwrite the other's would show it here.
    await t.core.db('osago_document').where({ id }).update({ updated_at: '2001-01-01T00:00:00.000Z', row_version: 7 })
    const { hot, document } = await findWithDocument(t.core.db, 'osago_policy', 'osago_document', id)
    expect(hot).toMatchObject({ id, status: 'draft', row_version: 1 })
    expect(hot.updated_at).not.toBe('2001-01-01T00:00:00.000Z')
    expect(Object.keys(hot).filter((k) => k.startsWith('doc_'))).toEqual([])
    expect(document).toMatchObject({ id, updated_at: '2001-01-01T00:00:00.000Z', row_version: 7, calculation: null })
    expect(typeof document.draft).toBe('object')
    expect(Object.keys(document).sort()).toEqual(
      ['calculation', 'created_at', 'draft', 'id', 'row_version', 'updated_at'].sort(),
    )
  })

  it('no such record: NOT_FOUND', async () => {
    await expect(findWithDocument(t.core.db, 'casco_quote', 'casco_document', 'missing')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })
  })
})
