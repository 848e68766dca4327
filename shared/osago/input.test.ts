import { describe, expect, it } from 'vitest'
import { parseOsagoInput } from './input'

const valid = {
  conclusionDate: '2025-06-01',
  startDate: '2025-06-05',
  vehicle: { category: 'B', powerHp: 150, usedWithTrailer: false, registeredIn: 'RU' },
  owner: { type: 'individual', region: 'Иркутская область', city: 'Ангарск', kbmClass: 3 },
  drivers: [{ birthDate: '1990-03-10', licenseSince: '2010-12-31', kbmClass: 'M' }],
  periodsOfUse: [{ from: '2025-06-05', to: '2025-12-04' }],
  grossViolations: false,
}

function errorOf(raw: unknown) {
  const r = parseOsagoInput(raw)
  if (r.ok) throw new Error('expected an error')
  return r.error
}

describe('OSAGO input', () => {
  it('accepts the CLI shape and normalises KBM classes to strings', () => {
    const r = parseOsagoInput(valid)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value.owner.kbmClass).toBe('3')
    expect(r.value.drivers).toEqual([{ birthDate: '1990-03-10', licenseSince: '2010-12-31', kbmClass: 'M' }])
    expect(parseOsagoInput({ ...valid, drivers: 'unlimited', owner: { ...valid.owner, city: null } }).ok).toBe(true)
    expect(parseOsagoInput({ ...valid, vehicle: { ...valid.vehicle, powerHp: undefined, powerKw: 85 } }).ok).toBe(true)
  })
  it('treats a missing or empty city as "not a listed city"', () => {
    const { city: _, ...owner } = valid.owner
    const r = parseOsagoInput({ ...valid, owner })
    expect(r.ok && r.value.owner.city).toBe(null)
    const r2 = parseOsagoInput({ ...valid, owner: { ...valid.owner, city: '  ' } })
    expect(r2.ok && r2.value.owner.city).toBe(null)
  })
  it('names the field of a bad date', () => {
    expect(errorOf({ ...valid, drivers: [{ ...valid.drivers[0], birthDate: '1990-02-30' }] })).toEqual({
      kind: 'input',
      field: 'drivers[0].birthDate',
      messageKey: 'osago.input.dateFormat',
      params: {},
    })
    expect(errorOf({ ...valid, startDate: '05.06.2025' })).toMatchObject({
      field: 'startDate',
      messageKey: 'osago.input.dateFormat',
    })
  })
  it('names a missing field', () => {
    const { grossViolations: _, ...rest } = valid
    expect(errorOf(rest)).toMatchObject({ field: 'grossViolations', messageKey: 'osago.input.required' })
  })
  it('rejects an unknown field', () => {
    expect(errorOf({ ...valid, owner: { ...valid.owner, age: 30 } })).toMatchObject({
      field: 'owner.age',
      messageKey: 'osago.input.unknownField',
      params: { field: 'age' },
    })
  })
  it('checks KBM classes', () => {
    expect(errorOf({ ...valid, drivers: [{ ...valid.drivers[0], kbmClass: 14 }] })).toMatchObject({
      field: 'drivers[0].kbmClass',
      messageKey: 'osago.input.kbmClass',
    })
    expect(errorOf({ ...valid, owner: { ...valid.owner, kbmClass: 'X' } })).toMatchObject({
      field: 'owner.kbmClass',
      messageKey: 'osago.input.kbmClass',
    })
  })
  it('wants power in exactly one unit', () => {
    expect(errorOf({ ...valid, vehicle: { ...valid.vehicle, powerKw: 80 } })).toMatchObject({
      field: 'vehicle.powerKw',
      messageKey: 'osago.input.powerBoth',
    })
    expect(errorOf({ ...valid, vehicle: { ...valid.vehicle, powerHp: undefined } })).toMatchObject({
      field: 'vehicle.powerHp',
      messageKey: 'osago.input.powerMissing',
    })
    expect(errorOf({ ...valid, vehicle: { ...valid.vehicle, powerHp: 0 } })).toMatchObject({
      field: 'vehicle.powerHp',
      messageKey: 'osago.input.power',
    })
  })
  it('prices only RU-registered category B/BE vehicles', () => {
    expect(errorOf({ ...valid, vehicle: { ...valid.vehicle, registeredIn: 'KZ' } })).toMatchObject({
      field: 'vehicle.registeredIn',
      messageKey: 'osago.input.registeredIn',
    })
    expect(errorOf({ ...valid, vehicle: { ...valid.vehicle, category: 'C' } })).toMatchObject({
      field: 'vehicle.category',
      messageKey: 'osago.input.category',
    })
  })
  it('needs drivers or "unlimited"', () => {
    expect(errorOf({ ...valid, drivers: [] })).toMatchObject({ field: 'drivers' })
    expect(errorOf({ ...valid, drivers: 'all' })).toMatchObject({ field: 'drivers' })
  })
  it('names a wrong type', () => {
    expect(errorOf({ ...valid, grossViolations: 'no' })).toMatchObject({
      field: 'grossViolations',
      messageKey: 'osago.input.invalidType',
    })
    expect(errorOf(null)).toMatchObject({ field: '', messageKey: 'osago.input.invalidType' })
  })
})
