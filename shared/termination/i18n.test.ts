import { readFileSync, readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import ru from '../i18n/ru/termination'
import en from '../i18n/en/termination'
import {
  APPLICATION_KINDS,
  APPLICATION_STATUSES,
  CASCO_SALE_CHOICES,
  CONTRACT_PRODUCTS,
  RECEIPT_CHANNELS,
} from './application'
import { refundFormulaLines } from './formula'
import { calculateApplicationRefund, type ApplicationRefundRequest } from './applicationRefund'
import { latePayoutAmount, latePayoutBasis } from './latePenalty'
import { weekendCalendar } from './testing/weekendCalendar'
import { calculateRefund, type RefundRequest } from './refund'
import { LATE_PAYOUT_CONSEQUENCES, TERMINATION_DOCUMENTS, TERMINATION_GROUNDS } from './rulesSchema'
import { calendar2025to2026 } from './testing/calendar2025to2026'
import { bundledRules, rulesWith } from './testing/rules'

type Tree = { readonly [k: string]: string | Tree }

function lookup(tree: Tree, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Tree)[part] : undefined), tree)
}

// Russian/English parity of every message: shared/i18n/messages.test.ts.
describe('termination texts', () => {
  it('every status, product and CASCO choice has a text', () => {
    for (const s of APPLICATION_STATUSES) expect(typeof ru.termination.status[s]).toBe('string')
    for (const p of CONTRACT_PRODUCTS) expect(typeof ru.termination.product[p]).toBe('string')
    for (const c of CASCO_SALE_CHOICES) expect(typeof ru.termination.cascoChoice[c]).toBe('string')
    for (const path of ['cascoSale.refundRule', 'cascoSale.payoutDeadline'])
      expect(typeof lookup(ru, `termination.rule.${path}`), path).toBe('string')
  })

  it('every key the calculators emit has a text', () => {
    const here = dirname(fileURLToPath(import.meta.url))
    // lifecycle.ts names audit actions (`termination.received`), not messages.
    const sources = readdirSync(here).filter(
      (f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'lifecycle.ts',
    )
    const keys = new Set<string>()
    for (const f of sources) {
      for (const m of readFileSync(join(here, f), 'utf8').matchAll(/'(termination\.[A-Za-z.]+)'/g)) keys.add(m[1]!)
    }
    expect(keys.size).toBeGreaterThan(10)
    for (const key of keys) {
      expect(typeof lookup(ru, key), key).toBe('string')
    }
  })

  it('every document code, ground and unverified rule path has a text', () => {
    for (const code of TERMINATION_DOCUMENTS) expect(typeof ru.termination.document[code]).toBe('string')
    for (const g of TERMINATION_GROUNDS) expect(typeof ru.termination.ground[g]).toBe('string')
    const requests: RefundRequest[] = [
      ...TERMINATION_GROUNDS.map((ground): RefundRequest => ({
        kind: 'osago-early-termination',
        ground,
        premiumKopecks: 100,
        contractStart: '2025-01-01',
        contractEnd: '2025-12-31',
        applicationDate: '2025-06-01',
        eventDate: '2025-05-01',
      })),
      {
        kind: 'cooling-off',
        premiumKopecks: 100,
        conclusionDate: '2025-05-20',
        contractStart: '2025-05-21',
        contractEnd: '2026-05-20',
        applicationDate: '2025-06-01',
      },
    ]
    for (const r of requests) {
      for (const path of calculateRefund(r, bundledRules, calendar2025to2026).unverifiedRules) {
        // Ground codes contain hyphens, so look them up segment by segment.
        expect(typeof lookup(ru, `termination.rule.${path}`), path).toBe('string')
      }
    }
  })

  it('every kind, receipt channel, late-payout basis and formula line of issue 9 has a text', () => {
    for (const k of APPLICATION_KINDS) expect(typeof lookup(ru, `termination.kind.${k}`), k).toBe('string')
    for (const c of RECEIPT_CHANNELS) expect(typeof lookup(ru, `termination.receipt.${c}`), c).toBe('string')
    for (const c of LATE_PAYOUT_CONSEQUENCES) {
      for (const key of [
        `termination.latePayout.consequence.${c}`,
        `termination.latePayout.basis.${c}`,
        `termination.formula.latePayout.${c}`,
      ]) {
        expect(typeof lookup(ru, key), key).toBe('string')
      }
    }
    const base: ApplicationRefundRequest = {
      product: 'osago',
      kind: 'osago-early-termination',
      ground: 'death',
      policyholderType: 'legal',
      premiumKopecks: 100_000,
      conclusionDate: '2024-12-20',
      contractStart: '2025-01-01',
      contractEnd: '2025-12-31',
      applicationDate: '2026-02-02',
      postmarkDate: '2026-01-30',
      eventDate: '2025-06-01',
      periodsOfUse: null,
      insuredEventOccurred: false,
      cascoChoice: null,
    }
    const refusing = rulesWith((r) => {
      r.cascoRefusal.refundRule.value = { method: 'pro-rata-unexpired-days', expenseShare: '0.1' }
    })
    const cases: Array<[Partial<ApplicationRefundRequest>, typeof bundledRules]> = [
      [{}, bundledRules],
      ...TERMINATION_GROUNDS.map((ground): [Partial<ApplicationRefundRequest>, typeof bundledRules] => [
        { ground, applicationDate: '2025-06-10', postmarkDate: null },
        bundledRules,
      ]),
      [{ product: 'casco', kind: 'casco-loss', ground: null }, bundledRules],
      [
        {
          product: 'casco',
          kind: 'casco-refusal',
          ground: null,
          eventDate: null,
          applicationDate: '2025-06-10',
          postmarkDate: null,
        },
        bundledRules,
      ],
      [
        {
          product: 'casco',
          kind: 'casco-refusal',
          ground: null,
          eventDate: null,
          applicationDate: '2025-06-10',
          postmarkDate: null,
        },
        refusing,
      ],
      [
        {
          product: 'casco',
          kind: 'casco-sale',
          ground: null,
          eventDate: null,
          cascoChoice: 'refund',
          applicationDate: '2025-06-10',
          postmarkDate: null,
        },
        bundledRules,
      ],
      [
        {
          product: 'casco',
          kind: 'cooling-off',
          ground: null,
          eventDate: null,
          policyholderType: 'individual',
          conclusionDate: '2025-06-01',
          contractStart: '2025-06-05',
          contractEnd: '2026-06-04',
          applicationDate: '2025-06-03',
          postmarkDate: null,
          requestedTerminationDate: '2025-06-10',
        },
        bundledRules,
      ],
      [{ applicationDate: '2029-01-10', postmarkDate: null }, bundledRules],
      [{ eventDate: '2026-01-20', applicationDate: '2026-02-02' }, bundledRules],
    ]
    for (const [over, r] of cases) {
      const c = calculateApplicationRefund({ ...base, ...over }, r, 'v', weekendCalendar)
      for (const line of [...refundFormulaLines(c, 'ru'), ...refundFormulaLines(c, 'en')]) {
        expect(typeof lookup(ru, line.key), line.key).toBe('string')
        expect(typeof lookup(en, line.key), line.key).toBe('string')
      }
      if (c.reason) expect(typeof lookup(ru, c.reason), c.reason).toBe('string')
      for (const path of [...c.unverifiedRules, ...(c.latePayout?.unverifiedRules ?? [])]) {
        expect(typeof lookup(ru, `termination.rule.${path}`), path).toBe('string')
      }
    }
    const interest = latePayoutBasis(
      rulesWith((r) => {
        r.latePayout.consequence.value = 'statutory-interest'
      }),
      'v',
    )
    const table = {
      knownUntil: '2025-01-31',
      rates: [{ from: '2025-01-01', percent: '21.00', verified: false, source: 's' }],
    }
    for (const path of latePayoutAmount(100, '2025-01-20', '2025-02-10', interest, table).unverifiedRules) {
      expect(typeof lookup(ru, `termination.rule.${path}`), path).toBe('string')
    }
    for (const key of ['penalty', 'interest', 'beyondKnown'])
      expect(typeof lookup(ru, `termination.latePayout.segment.${key}`)).toBe('string')
  })
})
