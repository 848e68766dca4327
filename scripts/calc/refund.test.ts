import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
const dir = mkdtempSync(join(tmpdir(), 'calc-refund-'))
let n = 0

/** Runs the real CLI in a child process, as support staff would. */
function calc(input: unknown): { code: number | null; out: Record<string, unknown>; stderr: string } {
  const file = join(dir, `input-${++n}.json`)
  writeFileSync(file, JSON.stringify(input))
  const r = spawnSync(process.execPath, ['scripts/calc.mjs', 'refund', file], { cwd: root, encoding: 'utf8' })
  return { code: r.status, out: r.status === 0 ? JSON.parse(r.stdout) : { stdout: r.stdout }, stderr: r.stderr }
}

const osago = {
  kind: 'osago-early-termination',
  ground: 'owner-change',
  premiumKopecks: 300_000,
  contractStart: '2025-01-01',
  contractEnd: '2025-12-31',
  applicationDate: '2025-04-30',
}
const casco = {
  premiumKopecks: 1_000_000,
  conclusionDate: '2024-12-20',
  contractStart: '2025-01-01',
  contractEnd: '2025-12-31',
}

describe('calc refund', () => {
  it('prints the OSAGO refund of the seed example (3 000 ₽, 120 of 365 days used) with the late-payout basis', () => {
    const r = calc(osago)
    expect(r.code).toBe(0)
    expect(r.out).toEqual({
      eligible: true,
      terminationDate: '2025-04-30',
      refundKopecks: 155_055,
      payoutDueDate: '2025-05-14',
      outcome: 'refund',
      terminationDateRule: 'application-date',
      latePayout: {
        consequence: 'contractual-penalty',
        ratePerDay: '0.01',
        basis: expect.stringMatching(/^a penalty of 1 % of the refund .*40-FZ art\. 12 p\. 21/),
      },
    })
    expect(r.stderr).toContain('osago.riskShare') // the unverified 0.77 is flagged
  })

  it('counts the cooling-off window and payout on the bundled production calendar', () => {
    const r = calc({
      kind: 'cooling-off',
      premiumKopecks: 1_000_000,
      conclusionDate: '2025-12-25',
      contractStart: '2026-01-01',
      contractEnd: '2026-12-31',
      applicationDate: '2026-01-12',
    })
    expect(r.out).toMatchObject({
      eligible: true,
      terminationDate: '2026-01-12',
      refundKopecks: 967_123,
      payoutDueDate: '2026-01-26',
    })
  })

  it('says why a request is not eligible', () => {
    const r = calc({ ...osago, applicationDate: '2026-01-15' })
    expect(r.out).toMatchObject({
      eligible: false,
      reason: 'termination.reason.applicationAfterTermEnd',
      terminationDate: '2026-01-15',
      refundKopecks: 0,
      payoutDueDate: null,
      outcome: 'not-eligible',
    })
  })

  it('serves heirs after the term within the limitation period', () => {
    const r = calc({ ...osago, ground: 'death', eventDate: '2025-12-20', applicationDate: '2026-06-15' })
    // 21–31.12.2025: 11 days × 0.77 of 3 000 ₽ / 365 = 69.62 ₽.
    expect(r.out).toMatchObject({
      eligible: true,
      terminationDate: '2025-12-20',
      refundKopecks: 6_962,
      limitationEnd: '2028-12-20',
      payoutDueDate: '2026-06-29',
      terminationDateRule: 'event-date',
    })
    expect(
      calc({ ...osago, ground: 'death', eventDate: '2025-12-20', applicationDate: '2029-01-10' }).out,
    ).toMatchObject({ eligible: false, reason: 'termination.reason.limitationExpired' })
  })

  it('takes the new grounds: liquidation (legal entities), the insurer’s termination, CASCO loss and refusal', () => {
    expect(calc({ ...osago, ground: 'policyholder-liquidation', eventDate: '2025-04-30' }).code).toBe(2)
    expect(
      calc({ ...osago, ground: 'policyholder-liquidation', policyholderType: 'legal', eventDate: '2025-04-30' }).out,
    ).toMatchObject({ outcome: 'refund', refundKopecks: 155_055 })
    expect(calc({ ...osago, ground: 'insurer-false-information', eventDate: '2025-04-30' }).out).toMatchObject({
      outcome: 'terminated-no-refund',
      refundKopecks: 0,
      payoutDueDate: null,
    })
    expect(
      calc({ kind: 'casco-loss', ...casco, eventDate: '2025-03-31', applicationDate: '2025-04-10' }).out,
    ).toMatchObject({ outcome: 'refund', terminationDate: '2025-03-31', refundKopecks: 753_425 })
    expect(calc({ kind: 'casco-refusal', ...casco, applicationDate: '2025-04-10' }).out).toMatchObject({
      outcome: 'terminated-no-refund',
      refundKopecks: 0,
    })
    const noConclusion = calc({
      kind: 'casco-loss',
      ...casco,
      conclusionDate: undefined,
      eventDate: '2025-03-31',
      applicationDate: '2025-04-10',
    })
    expect(noConclusion.code).toBe(2)
    expect(noConclusion.stderr).toContain('conclusionDate')
  })

  it('ends a posted application on its postmark (its payout counts from receipt) and a cooling-off on the date the client asks for', () => {
    expect(calc({ ...osago, applicationDate: '2025-05-06', postmarkDate: '2025-04-30' }).out).toMatchObject({
      terminationDate: '2025-04-30',
      refundKopecks: 155_055,
      payoutDueDate: '2025-05-20',
    })
    expect(
      calc({
        kind: 'cooling-off',
        premiumKopecks: 1_000_000,
        conclusionDate: '2025-12-25',
        contractStart: '2026-01-01',
        contractEnd: '2026-12-31',
        applicationDate: '2026-01-05',
        requestedTerminationDate: '2026-01-10',
      }).out,
    ).toMatchObject({ terminationDate: '2026-01-10', terminationDateRule: 'requested-date', refundKopecks: 972_603 })
  })

  it('prints what a late payout costs: the penalty by default, GK RF art. 395 interest when selected', () => {
    const late = {
      kind: 'osago-early-termination',
      ground: 'owner-change',
      premiumKopecks: 1_000_000,
      contractStart: '2025-01-01',
      contractEnd: '2025-12-31',
      applicationDate: '2025-10-06',
      paidDate: '2025-10-31',
    }
    expect(calc(late).out).toMatchObject({
      refundKopecks: 181_425,
      payoutDueDate: '2025-10-20',
      latePayout: { consequence: 'contractual-penalty', daysLate: 11, amountKopecks: 19_957 },
    })
    const interest = calc({ ...late, latePayoutConsequence: 'statutory-interest' })
    expect(interest.out).toMatchObject({
      latePayout: {
        consequence: 'statutory-interest',
        daysLate: 11,
        amountKopecks: 917,
        segments: [
          { from: '2025-10-21', to: '2025-10-26', percent: '17.00' },
          { from: '2025-10-27', to: '2025-10-31', percent: '16.50' },
        ],
      },
    })
  })

  it('exits 2 naming the field for input the calculator rejects', () => {
    const r = calc({ ...osago, ground: 'vehicle-loss' })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('eventDate: Give the date of the event')
    const posted = calc({ ...osago, postmarkDate: '2025-05-01' })
    expect(posted.code).toBe(2)
    expect(posted.stderr).toContain('postmarkDate: The postmark cannot be later than the day the letter was received')
  })

  it('exits 2 naming the field for malformed or unknown fields', () => {
    const bad = calc({ ...osago, applicationDate: '2025-02-30' })
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('applicationDate')
    const extra = calc({ ...osago, premium: 1 })
    expect(extra.code).toBe(2)
    expect(extra.stderr).toContain('premium')
  })
})
