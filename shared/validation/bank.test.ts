import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { accountKeyMatches, bankDetailsSchema, bikKind, bikSchema, correspondentAccountSchema } from './index'
import { digitString, keyOf, mutatedDigit, parsed } from './testing'

/**
 * docs/domain/vehicles-and-documents.md#b3 written out once more: 7,1,3,… over prefix + account, the sum ends in 0.
 */
const keySum = (digits: string) => [...digits].reduce((acc, d, i) => acc + Number(d) * [7, 1, 3][i % 3]!, 0)
/** Sets the 9th digit of the account so that the sum with `prefix` ends in 0. */
function withKey(prefix: string, account: string): string {
  for (let k = 0; k < 10; k++) {
    const a = `${account.slice(0, 8)}${k}${account.slice(9)}`
    if (keySum(prefix + a) % 10 === 0) return a
  }
  throw new Error('no key digit')
}

const issues = (input: unknown) => {
  const r = bankDetailsSchema.safeParse(input)
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}:${i.message}`)
}

describe('BIK', () => {
  it('tells banks, Bank of Russia divisions and the treasury apart', () => {
    expect(bikKind('044525225')).toBe('bank') // Sberbank, Moscow
    expect(bikKind('044525000')).toBe('bankOfRussia')
    expect(bikKind('004525988')).toBe('treasury') // УФК по г. Москве
    expect(bikKind('017003983')).toBe('treasury') // УФК по Тульской области
  })
  it('says what is wrong', () => {
    expect(parsed(bikSchema, '04 45 25 225')).toBe('044525225')
    expect(keyOf(bikSchema, '04452522')).toBe('validation.bik.format')
    expect(keyOf(bikSchema, '044525010')).toBe('validation.bik.bankNumber')
    expect(keyOf(bikSchema, '123456789')).toBe('validation.bik.kind')
    expect(keyOf(bikSchema, '')).toBe('validation.required')
  })
})

describe('bank details', () => {
  it('accepts Sberbank with its correspondent account and a client account', () => {
    expect(
      parsed(bankDetailsSchema, {
        bik: '044525225',
        account: '4081 7810 4380 0000 0001',
        correspondentAccount: '30101810400000000225',
      }),
    ).toEqual({ bik: '044525225', account: '40817810438000000001', correspondentAccount: '30101810400000000225' })
    expect(
      parsed(bankDetailsSchema, { bik: '044525225', account: '40817810438000000001' }).correspondentAccount,
    ).toBeNull()
  })
  it('accepts treasury details: the single treasury account keyed like a correspondent account, 03… unkeyed', () => {
    expect(
      issues({ bik: '017003983', correspondentAccount: '40102810445370000059', account: '03100643000000018500' }),
    ).toEqual([])
    expect(
      issues({ bik: '004525988', correspondentAccount: '40102810545370000003', account: '03100643000000017300' }),
    ).toEqual([])
  })
  it('keys an account in a Bank of Russia division with "0" + BIK digits 5–6', () => {
    expect(accountKeyMatches('044525000', '40702810000000012345')).toBe(true)
    expect(keySum('000' + '40702810000000012345') % 10).not.toBe(0) // the last-3-digits rule would refuse it
  })
  it('says which number is wrong', () => {
    expect(issues({ bik: '044525225', account: '40817810538000000001' })).toEqual([
      'account:validation.bankAccount.key',
    ])
    expect(issues({ bik: '044525225', account: '4081781043800000000' })).toEqual([
      'account:validation.bankAccount.format',
    ])
    expect(
      issues({ bik: '044525225', account: '40817810438000000001', correspondentAccount: '30101810400000000226' }),
    ).toEqual(['correspondentAccount:validation.correspondentAccount.bikMismatch'])
    expect(
      issues({ bik: '044525225', account: '40817810438000000001', correspondentAccount: '30101810500000000225' }),
    ).toEqual(['correspondentAccount:validation.correspondentAccount.key'])
    expect(
      issues({ bik: '044525225', account: '40817810438000000001', correspondentAccount: '40102810445370000059' }),
    ).toEqual(['correspondentAccount:validation.correspondentAccount.prefix'])
    expect(
      issues({ bik: '017003983', account: '03100643000000018500', correspondentAccount: '30101810400000000225' }),
    ).toEqual(['correspondentAccount:validation.correspondentAccount.prefix'])
    expect(issues({ bik: '12345', account: 'x' })).toEqual([
      'bik:validation.bik.format',
      'account:validation.bankAccount.format',
    ])
    expect(issues({})).toEqual(['bik:validation.required', 'account:validation.required'])
    expect(keyOf(correspondentAccountSchema, '40702810000000012345')).toBe('validation.correspondentAccount.prefix')
  })

  const bankBik = fc
    .tuple(digitString(4), fc.integer({ min: 50, max: 999 }))
    .map(([mid, n]) => `04${mid}${String(n).padStart(3, '0')}`)
  const clientAccount = fc
    .tuple(fc.constantFrom('40702', '40817', '40802', '42301'), digitString(15))
    .map(([p, rest]) => p + rest)

  it('accepts any client account whose key digit is set for the BIK, and refuses any single changed digit', () => {
    fc.assert(
      fc.property(bankBik, clientAccount, (bik, raw) => {
        const account = withKey(bik.slice(-3), raw)
        expect(issues({ bik, account })).toEqual([])
        fc.assert(
          fc.property(mutatedDigit(account), (m) => {
            fc.pre(!m.value.startsWith('301') && !m.value.startsWith('40102'))
            expect(issues({ bik, account: m.value })).toEqual(['account:validation.bankAccount.key'])
          }),
          { numRuns: 20 },
        )
      }),
      { numRuns: 100 },
    )
  })
  it('accepts a bank’s correspondent account built from its BIK, and refuses any single changed digit', () => {
    fc.assert(
      fc.property(bankBik, digitString(9), (bik, middle) => {
        const corr = withKey(`0${bik.slice(4, 6)}`, `30101810${middle}${bik.slice(-3)}`)
        const account = withKey(bik.slice(-3), '40702810000000000001')
        expect(issues({ bik, account, correspondentAccount: corr })).toEqual([])
        fc.assert(
          fc.property(mutatedDigit(corr), (m) => {
            expect(issues({ bik, account, correspondentAccount: m.value })).toHaveLength(1)
          }),
          { numRuns: 20 },
        )
      }),
      { numRuns: 100 },
    )
  })
})
