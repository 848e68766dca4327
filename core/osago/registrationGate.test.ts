import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { OSAGO_STATUSES } from '../../shared/osago/policy'
import type { RegistrationRecord } from '../../shared/osago/registration'
import type { HqSettings } from '../../shared/sync/protocol'
import { blankPrintGate, registrationView } from './registrationGate'

const registered: RegistrationRecord = {
  status: 'registered',
  registrationId: 'SIM-ABC',
  registeredAt: '2026-11-21T09:00:00.000Z',
  refusalReason: null,
}
const refused: RegistrationRecord = {
  status: 'refused',
  registrationId: null,
  registeredAt: null,
  refusalReason: 'incomplete-policy',
}
const allow: HqSettings = { printBeforeRegistration: true }
const wait: HqSettings = { printBeforeRegistration: false }

const settingsArb = fc.option(fc.record({ printBeforeRegistration: fc.boolean() }), { nil: null })
const recordArb = fc.option(
  fc.oneof(
    fc.record({
      status: fc.constant('registered' as const),
      registrationId: fc.string(),
      registeredAt: fc.string(),
      refusalReason: fc.constant(null),
    }),
    fc.record({
      status: fc.constant('refused' as const),
      registrationId: fc.constant(null),
      registeredAt: fc.constant(null),
      refusalReason: fc.option(fc.string(), { nil: null }),
    }),
  ),
  { nil: null },
)

describe('blank print gate', () => {
  it.each([
    ['not enrolled, no answer', null, null, { allowed: true }],
    ['not enrolled, registered', null, registered, { allowed: true }],
    ['print first allowed, no answer', allow, null, { allowed: true }],
    ['print first allowed, registered', allow, registered, { allowed: true }],
    ['print after registration, no answer', wait, null, { allowed: false, why: 'awaiting-registration' }],
    ['print after registration, registered', wait, registered, { allowed: true }],
    [
      'not enrolled, refused',
      null,
      refused,
      { allowed: false, why: 'registration-refused', refusalReason: 'incomplete-policy' },
    ],
    [
      'print first allowed, refused',
      allow,
      refused,
      { allowed: false, why: 'registration-refused', refusalReason: 'incomplete-policy' },
    ],
    [
      'print after registration, refused',
      wait,
      refused,
      { allowed: false, why: 'registration-refused', refusalReason: 'incomplete-policy' },
    ],
  ] as const)('%s', (_name, settings, record, expected) => {
    expect(blankPrintGate(settings, record)).toEqual(expected)
  })

  it('refuses exactly when the register refused, or when the branch must wait and no registration has come', () => {
    fc.assert(
      fc.property(settingsArb, recordArb, (settings, record) => {
        const gate = blankPrintGate(settings, record)
        const mustWait = settings !== null && !settings.printBeforeRegistration && record?.status !== 'registered'
        expect(gate.allowed).toBe(record?.status !== 'refused' && !mustWait)
        if (!gate.allowed)
          expect(gate.why).toBe(record?.status === 'refused' ? 'registration-refused' : 'awaiting-registration')
      }),
    )
  })
})

describe('registration view', () => {
  it('shows nothing to register before issue, and never lets such a policy onto a blank', () => {
    for (const status of ['draft', 'calculated', 'discarded'] as const) {
      expect(registrationView(status, allow, null)).toEqual({
        status: 'not-issued',
        registrationId: null,
        registeredAt: null,
        refusalReason: null,
        blankPrintAllowed: false,
      })
    }
  })

  it('tells a device without HQ from one waiting for the register, and passes the answer on', () => {
    expect(registrationView('issued', null, null)).toMatchObject({ status: 'not-enrolled', blankPrintAllowed: true })
    expect(registrationView('issued', wait, null)).toMatchObject({ status: 'pending', blankPrintAllowed: false })
    expect(registrationView('issued', allow, null)).toMatchObject({ status: 'pending', blankPrintAllowed: true })
    expect(registrationView('printed', wait, registered)).toEqual({
      status: 'registered',
      registrationId: 'SIM-ABC',
      registeredAt: '2026-11-21T09:00:00.000Z',
      refusalReason: null,
      blankPrintAllowed: true,
    })
    expect(registrationView('issued', allow, refused)).toEqual({
      status: 'refused',
      registrationId: null,
      registeredAt: null,
      refusalReason: 'incomplete-policy',
      blankPrintAllowed: false,
    })
  })

  it('agrees with the gate for every issued policy', () => {
    fc.assert(
      fc.property(fc.constantFrom(...OSAGO_STATUSES), settingsArb, recordArb, (status, settings, record) => {
        const view = registrationView(status, settings, record)
        const issued = status === 'issued' || status === 'printed'
        expect(view.blankPrintAllowed).toBe(issued && blankPrintGate(settings, record).allowed)
        if (issued && record) expect(view.status).toBe(record.status)
      }),
    )
  })
})
