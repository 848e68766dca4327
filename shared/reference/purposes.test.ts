import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { findPurpose, purposeName, purposesOfUseFileSchema } from './purposes'

const raw = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../resources/reference/purposes-of-use.json'), 'utf8'),
)
const data = purposesOfUseFileSchema.parse(raw).data

describe('purposes of use (docs/domain/osago-rules-of-sale.md#b1)', () => {
  it('lists the nine purposes of the OSAGO form in order', () => {
    expect(data.purposes.map((p) => p.code)).toEqual([
      'personal',
      'training',
      'taxi',
      'dangerous_goods',
      'rental',
      'regular_passengers',
      'road_special',
      'emergency_municipal',
      'other',
    ])
  })

  it('requires a diagnostic card for taxis and regular passenger transport (confirmed), not for personal use', () => {
    const dc = (code: string) => findPurpose(data, code)!.diagnosticCardRequired
    expect(dc('taxi')).toMatchObject({ value: true, verified: true })
    expect(dc('regular_passengers')).toMatchObject({ value: true, verified: true })
    expect(dc('personal')).toMatchObject({ value: false, verified: true })
    expect(dc('training').value).toBe(true)
    expect(dc('dangerous_goods').value).toBe(true)
    for (const p of data.purposes) expect(p.diagnosticCardRequired.source, p.code).toBeTruthy()
  })

  it('names each purpose in Russian and English', () => {
    const taxi = findPurpose(data, 'taxi')!
    expect(purposeName(taxi, 'ru')).toBe('Такси')
    expect(purposeName(taxi, 'en')).toBe('Taxi')
    expect(purposeName(findPurpose(data, 'personal')!, 'de')).toBe('Личная')
    expect(findPurpose(data, 'nope')).toBeUndefined()
  })

  it('rejects a duplicate code and a purpose without a verified mark', () => {
    const dup = structuredClone(raw)
    dup.data.purposes.push(structuredClone(dup.data.purposes[2]))
    expect(purposesOfUseFileSchema.safeParse(dup).error?.issues[0]?.path).toEqual(['data', 'purposes', 9, 'code'])
    const unmarked = structuredClone(raw)
    delete unmarked.data.purposes[0].diagnosticCardRequired.verified
    expect(purposesOfUseFileSchema.safeParse(unmarked).error?.issues[0]?.path).toEqual([
      'data',
      'purposes',
      0,
      'diagnosticCardRequired',
      'verified',
    ])
  })
})
