import { describe, expect, it } from 'vitest'
import { decodeDocument, encodeDocument, toColumns, toWire } from './documentColumns'

describe('document columns: text in SQLite, objects on the wire', () => {
  const draft = { insured: { surname: 'Смирнов' }, drivers: { mode: 'list', list: [] } }

  it('reads a stored row as objects and back as text, other columns untouched', () => {
    const stored = { id: 'p', draft: JSON.stringify(draft), calculation: null, row_version: 2 }
    const wire = toWire('osago_document', stored)
    expect(wire).toEqual({ id: 'p', draft, calculation: null, row_version: 2 })
    expect(toColumns('osago_document', wire)).toEqual(stored)
  })

  it('normalises a change from a device on the previous version: documents sent as JSON text', () => {
    const old = { id: 'p', status: 'calculated', draft: JSON.stringify(draft), application: JSON.stringify(draft) }
    expect(toWire('osago_policy', old)).toEqual({ id: 'p', status: 'calculated', draft, application: draft })
    // Objects already are the wire form.
    expect(toWire('osago_policy', { id: 'p', payment: { amountKopecks: 1 } })).toEqual({
      id: 'p',
      payment: { amountKopecks: 1 },
    })
  })

  it('leaves text that is not JSON for the rules to refuse, and tables without documents alone', () => {
    expect(decodeDocument('{oops')).toBe('{oops')
    expect(encodeDocument([1, 2])).toBe('[1,2]')
    expect(encodeDocument(null)).toBeNull()
    const staff = { id: 's', full_name: '{"not":"a document"}' }
    expect(toWire('staff', staff)).toBe(staff)
  })
})
