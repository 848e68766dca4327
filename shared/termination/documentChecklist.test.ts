import { describe, expect, it } from 'vitest'
import { applicationChecklist, documentChecklist, missingDocuments, needsSupervisorApproval } from './documentChecklist'
import { TERMINATION_GROUNDS } from './rulesSchema'
import { bundledRules as rules, rulesWith } from './testing/rules'

describe('termination document checklist', () => {
  it('asks for the proof that matches the ground', () => {
    const proof = (ground: (typeof TERMINATION_GROUNDS)[number]) =>
      documentChecklist(rules, { kind: 'osago-early-termination', ground }, { representative: false }).documents
    expect(proof('owner-change')).toContain('saleContract')
    expect(proof('death')).toEqual(expect.arrayContaining(['deathCertificate', 'heirDocuments']))
    expect(proof('vehicle-loss')).toContain('deregistrationCertificate')
    expect(proof('mobilisation')).toContain('militaryCertificate')
    expect(proof('license-revoked')).not.toContain('saleContract')
  })
  it('always asks for the application, passport, original policy and payment proof', () => {
    const cases = [
      ...TERMINATION_GROUNDS.map((ground) => ({ kind: 'osago-early-termination' as const, ground })),
      { kind: 'cooling-off' as const }, { kind: 'casco-sale' as const },
    ]
    for (const c of cases) {
      expect(documentChecklist(rules, c, { representative: false }).documents)
        .toEqual(expect.arrayContaining(['application', 'passport', 'originalPolicy', 'paymentProof']))
    }
  })
  it('adds the notarised power of attorney only when a representative applies', () => {
    const which = { kind: 'osago-early-termination' as const, ground: 'owner-change' as const }
    expect(documentChecklist(rules, which, { representative: false }).documents).not.toContain('notarisedPowerOfAttorney')
    expect(documentChecklist(rules, which, { representative: true }).documents).toContain('notarisedPowerOfAttorney')
    expect(documentChecklist(rules, { kind: 'casco-sale' }, { representative: true }).documents).toContain('saleContract')
  })
  it('carries the verified mark of the list', () => {
    const marked = rulesWith((r) => { r.coolingOff.documents.verified = true })
    expect(documentChecklist(marked, { kind: 'cooling-off' }, { representative: false }).verified).toBe(true)
    expect(documentChecklist(rules, { kind: 'cooling-off' }, { representative: false }).verified).toBe(false)
  })
})

describe('supervisor approval of a refund', () => {
  it('is needed only above the threshold in the rules', () => {
    const t = rules.supervisorApproval.refundThresholdKopecks.value
    expect(needsSupervisorApproval(t, rules)).toBe(false)
    expect(needsSupervisorApproval(t + 1, rules)).toBe(true)
    const low = rulesWith((r) => { r.supervisorApproval.refundThresholdKopecks.value = 100 })
    expect(needsSupervisorApproval(101, low)).toBe(true)
  })
})

describe('the checklist of an application at the counter', () => {
  const sale = { kind: 'osago-early-termination' as const, ground: 'owner-change' as const }
  it('asks for bank details only for a transfer', () => {
    expect(applicationChecklist(rules, sale, { representative: false, payout: 'transfer' }).documents).toContain('bankDetails')
    expect(applicationChecklist(rules, sale, { representative: false, payout: 'cash' }).documents).not.toContain('bankDetails')
    expect(applicationChecklist(rules, { kind: 'casco-sale' }, { representative: true, payout: null }).documents)
      .toEqual(['application', 'passport', 'originalPolicy', 'saleContract', 'paymentProof', 'notarisedPowerOfAttorney'])
  })
  it('lists what is still missing, in the checklist order', () => {
    const required = applicationChecklist(rules, sale, { representative: true, payout: 'cash' }).documents
    expect(missingDocuments(required, ['passport', 'application', 'originalPolicy', 'paymentProof'])).toEqual(['saleContract', 'notarisedPowerOfAttorney'])
    expect(missingDocuments(required, required)).toEqual([])
  })
})
