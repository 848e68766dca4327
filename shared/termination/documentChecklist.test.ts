import { describe, expect, it } from 'vitest'
import {
  applicationChecklist,
  documentChecklist,
  missingDocuments,
  needsSupervisorApproval,
  refundsNothing,
  type ChecklistCase,
} from './documentChecklist'
import { TERMINATION_GROUNDS } from './rulesSchema'
import { bundledRules as rules, rulesWith } from './testing/rules'

const ALL_CASES: ChecklistCase[] = [
  ...TERMINATION_GROUNDS.map((ground) => ({ kind: 'osago-early-termination' as const, ground })),
  { kind: 'cooling-off' },
  { kind: 'casco-sale' },
  { kind: 'casco-loss' },
  { kind: 'casco-refusal' },
]

describe('termination document checklist', () => {
  it('asks for the proof that matches the ground', () => {
    const proof = (ground: (typeof TERMINATION_GROUNDS)[number]) =>
      documentChecklist(rules, { kind: 'osago-early-termination', ground }, { representative: false }).documents
    expect(proof('owner-change')).toContain('saleContract')
    expect(proof('death')).toEqual(expect.arrayContaining(['deathCertificate', 'heirDocuments']))
    expect(proof('vehicle-loss')).toContain('deregistrationCertificate')
    expect(proof('mobilisation')).toContain('militaryCertificate')
    expect(proof('license-revoked')).not.toContain('saleContract')
    expect(proof('policyholder-liquidation')).toEqual(
      expect.arrayContaining(['liquidationRecord', 'applicantAuthority']),
    )
    expect(proof('insurer-false-information')).toEqual(['insurerNotice', 'noticeDeliveryProof'])
    expect(documentChecklist(rules, { kind: 'casco-loss' }, { representative: false }).documents).toContain(
      'deregistrationCertificate',
    )
  })
  it('asks for a copy of the PTS with the new owner whenever the car was sold (seed 004)', () => {
    const sale = (which: ChecklistCase) => documentChecklist(rules, which, { representative: false }).documents
    expect(sale({ kind: 'osago-early-termination', ground: 'owner-change' })).toEqual(
      expect.arrayContaining(['saleContract', 'ptsCopyWithNewOwner']),
    )
    expect(sale({ kind: 'casco-sale' })).toEqual(expect.arrayContaining(['saleContract', 'ptsCopyWithNewOwner']))
    for (const c of ALL_CASES.filter(
      (x) => x.kind !== 'casco-sale' && !('ground' in x && x.ground === 'owner-change'),
    )) {
      expect(sale(c), JSON.stringify(c)).not.toContain('ptsCopyWithNewOwner')
    }
  })
  it('asks every client who applies for the application, passport, original policy and payment proof', () => {
    // The insurer's own termination is recorded from its notice: the client hands in nothing.
    for (const c of ALL_CASES.filter((x) => !('ground' in x && x.ground === 'insurer-false-information'))) {
      expect(documentChecklist(rules, c, { representative: false }).documents, JSON.stringify(c)).toEqual(
        expect.arrayContaining(['application', 'passport', 'originalPolicy', 'paymentProof']),
      )
    }
  })
  it('adds the notarised power of attorney only when a representative applies', () => {
    const which = { kind: 'osago-early-termination' as const, ground: 'owner-change' as const }
    expect(documentChecklist(rules, which, { representative: false }).documents).not.toContain(
      'notarisedPowerOfAttorney',
    )
    expect(documentChecklist(rules, which, { representative: true }).documents).toContain('notarisedPowerOfAttorney')
    expect(documentChecklist(rules, { kind: 'casco-sale' }, { representative: true }).documents).toContain(
      'saleContract',
    )
  })
  it('carries the verified mark of the list', () => {
    const marked = rulesWith((r) => {
      r.coolingOff.documents.verified = true
    })
    expect(documentChecklist(marked, { kind: 'cooling-off' }, { representative: false }).verified).toBe(true)
    expect(documentChecklist(rules, { kind: 'cooling-off' }, { representative: false }).verified).toBe(false)
  })
})

describe('cases the rules refund nothing on', () => {
  it('the insurer’s termination for false information and a CASCO refusal, as the data says', () => {
    expect(ALL_CASES.filter((c) => refundsNothing(rules, c))).toEqual([
      { kind: 'osago-early-termination', ground: 'insurer-false-information' },
      { kind: 'casco-refusal' },
    ])
    const refunding = rulesWith((r) => {
      r.cascoRefusal.refundRule.value = { method: 'pro-rata-unexpired-days', expenseShare: '0.3' }
    })
    expect(refundsNothing(refunding, { kind: 'casco-refusal' })).toBe(false)
  })
})

describe('supervisor approval of a refund', () => {
  it('is needed only above the threshold in the rules', () => {
    const t = rules.supervisorApproval.refundThresholdKopecks.value
    expect(needsSupervisorApproval(t, rules)).toBe(false)
    expect(needsSupervisorApproval(t + 1, rules)).toBe(true)
    const low = rulesWith((r) => {
      r.supervisorApproval.refundThresholdKopecks.value = 100
    })
    expect(needsSupervisorApproval(101, low)).toBe(true)
  })
})

describe('the checklist of an application at the counter', () => {
  const sale = { kind: 'osago-early-termination' as const, ground: 'owner-change' as const }
  it('asks for bank details only for a transfer', () => {
    expect(applicationChecklist(rules, sale, { representative: false, payout: 'transfer' }).documents).toContain(
      'bankDetails',
    )
    expect(applicationChecklist(rules, sale, { representative: false, payout: 'cash' }).documents).not.toContain(
      'bankDetails',
    )
    expect(
      applicationChecklist(rules, { kind: 'casco-sale' }, { representative: true, payout: null }).documents,
    ).toEqual([
      'application',
      'passport',
      'originalPolicy',
      'saleContract',
      'ptsCopyWithNewOwner',
      'paymentProof',
      'notarisedPowerOfAttorney',
    ])
  })
  it('lists what is still missing, in the checklist order', () => {
    const required = applicationChecklist(rules, sale, { representative: true, payout: 'cash' }).documents
    expect(missingDocuments(required, ['passport', 'application', 'originalPolicy', 'paymentProof'])).toEqual([
      'saleContract',
      'ptsCopyWithNewOwner',
      'notarisedPowerOfAttorney',
    ])
    expect(missingDocuments(required, required)).toEqual([])
  })
})
