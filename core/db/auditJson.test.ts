import { describe, expect, it } from 'vitest'
import { imageText, pulledImageJson, SerialisedImage } from './auditJson'

describe('pulledImageJson', () => {
  const draft = { insured: { name: 'Иванов', note: 'a "quoted" \u0000 value' }, drivers: [1, 2] }
  const calculation = { premium: 12345 }
  const image = { id: 'p1', row_version: 2, draft, calculation, updated_at: '2026-12-06' }
  const stored = { ...image, draft: JSON.stringify(draft), calculation: JSON.stringify(calculation) }

  it('gives the text JSON.stringify gives, key order included, with the stored document text spliced in', () => {
    const out = pulledImageJson(image, stored, ['draft', 'calculation'])
    expect(out).toBeInstanceOf(SerialisedImage)
    expect(imageText(out)).toBe(JSON.stringify(image))
  })

  it('serialises the whole image when another value spells a marker', () => {
    const tricky = { ...image, updated_at: '\u00000', draft2: '\u00001' }
    expect(imageText(pulledImageJson(tricky, stored, ['draft', 'calculation']))).toBe(JSON.stringify(tricky))
    // A document whose own text holds the other's marker is still spliced where its marker stands.
    const inner = { ...image, draft: { note: '\u00001' } }
    const innerStored = { ...stored, draft: JSON.stringify(inner.draft) }
    expect(imageText(pulledImageJson(inner, innerStored, ['draft', 'calculation']))).toBe(JSON.stringify(inner))
  })

  it('leaves out what is not an object stored as its text (redacted, null)', () => {
    const redacted = { ...image, draft: '[redacted]', calculation: null }
    expect(pulledImageJson(redacted, stored, ['draft', 'calculation'])).toBe(redacted)
    expect(imageText(redacted)).toBe(JSON.stringify(redacted))
  })
})
