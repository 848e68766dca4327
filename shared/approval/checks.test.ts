import { describe, expect, it } from 'vitest'
import type { CascoQuote } from '../casco/quoteTypes'
import type { InspectionSummary } from '../inspection/summary'
import { caseChecks } from './checks'

const flag = (code: string) => ({ code, reason: { key: `casco.underwriting.${code}`, params: { x: 1 } } })
const quote = {
  underwritingFlags: [flag('oldVehicle')],
  options: [
    { underwritingFlags: [flag('oldVehicle'), flag('theftProneModel')] },
    { underwritingFlags: [flag('oldVehicle')] },
  ],
} as unknown as CascoQuote

function summary(over: Partial<InspectionSummary> = {}): InspectionSummary {
  return {
    id: 'i',
    number: 'MSK-01/2026/00001',
    status: 'submitted',
    quoteId: 'q',
    checklistVersion: 'v',
    inspectedAt: '2026-11-21T12:00',
    place: 'офис',
    method: 'office',
    inspector: { id: 'u', name: 'И' },
    submittedAt: 'x',
    vehicle: {
      make: 'Kia',
      model: 'Rio',
      year: 2021,
      plate: 'А123ВС777',
      vin: 'Z94C251ABMR123456',
      colour: 'Серый',
      odometerKm: 1,
    },
    vinCheck: { body: true, plate: true, mismatch: false },
    antiTheft: { immobiliser: true, alarm: true, tracking: false, trackingModel: '' },
    damages: [],
    severeDamageCount: 0,
    photoCount: 19,
    conclusion: { outcome: 'accepted', remarks: '' },
    missing: [],
    complete: true,
    ...over,
  }
}

describe('underwriting checks on a case', () => {
  it('takes the chosen option’s checks, or before a choice those that fire whatever is chosen', () => {
    expect(caseChecks({ result: quote, chosenOption: 0, declaredAntiTheft: [] }, null).map((c) => c.code)).toEqual([
      'oldVehicle',
      'theftProneModel',
    ])
    expect(caseChecks({ result: quote, chosenOption: null, declaredAntiTheft: [] }, null)).toEqual([
      { code: 'oldVehicle', messageKey: 'casco.underwriting.oldVehicle', params: { x: 1 }, source: 'quote' },
    ])
    expect(caseChecks({ result: null, chosenOption: null, declaredAntiTheft: [] }, summary())).toEqual([])
  })

  it('adds what the inspection found: damage, a VIN that disagrees, a tracker not on the car, a qualified conclusion', () => {
    const damages = [
      {
        number: 1,
        zoneCode: 'sides',
        partCode: 'p',
        typeCode: 't',
        severity: 'severe',
        part: 'Дверь',
        type: 'Вмятина',
        severityName: 'Тяжёлое',
        sizeCm: 12,
        note: '',
        photoCount: 1,
      },
      {
        number: 2,
        zoneCode: 'front',
        partCode: 'b',
        typeCode: 't',
        severity: 'minor',
        part: 'Бампер',
        type: 'Царапина',
        severityName: 'Незначительное',
        sizeCm: 3,
        note: '',
        photoCount: 1,
      },
    ]
    const checks = caseChecks(
      { result: quote, chosenOption: 1, declaredAntiTheft: ['satellite'] },
      summary({
        damages,
        severeDamageCount: 1,
        vinCheck: { body: false, plate: true, mismatch: true },
        conclusion: { outcome: 'accepted-with-exclusions', remarks: 'Дверь и бампер исключены' },
      }),
    )
    expect(checks.map((c) => [c.code, c.source])).toEqual([
      ['oldVehicle', 'quote'],
      ['damageFound', 'inspection'],
      ['vinMismatch', 'inspection'],
      ['trackingNotFound', 'inspection'],
      ['acceptedWithExclusions', 'inspection'],
    ])
    expect(checks[1]!.params).toEqual({ count: 2, severe: 1, parts: 'Дверь, Бампер' })
    expect(
      caseChecks(
        { result: null, chosenOption: null, declaredAntiTheft: ['satellite'] },
        summary({ antiTheft: { immobiliser: false, alarm: false, tracking: true, trackingModel: 'X' } }),
      ),
    ).toEqual([])
    expect(
      caseChecks(
        { result: null, chosenOption: null, declaredAntiTheft: [] },
        summary({ conclusion: { outcome: 'not-accepted', remarks: 'Кузов гнилой' } }),
      ).map((c) => c.code),
    ).toEqual(['notAccepted'])
  })
})
