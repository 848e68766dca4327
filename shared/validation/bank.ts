import { z } from 'zod'
import { problemOf, reportProblem, requiredField, textInputError, type FieldRules } from './field'
import { digitAt, isDigits } from './digits'
import { stripSeparators } from './lookalikes'
import type { FieldProblem, ValidationKey } from './messageKey'

/**
 * `bank`: a credit institution (04 + region + division + 050–999). `bankOfRussia`: a Bank of Russia division
 * (04 … 000–002), where accounts are keyed the settlement-centre way. `treasury`: a territorial body of the Federal
 * Treasury; since 2021 their BIKs start with 00 or 01 (e.g. 004525988, 017003983).
 */
export type BikKind = 'bank' | 'bankOfRussia' | 'treasury'

export function bikKind(bik: string): BikKind | null {
  if (!isDigits(bik, 9)) return null
  if (bik.startsWith('00') || bik.startsWith('01')) return 'treasury'
  if (!bik.startsWith('04')) return null
  const bankNumber = Number(bik.slice(6))
  if (bankNumber <= 2) return 'bankOfRussia'
  return bankNumber >= 50 ? 'bank' : null
}

export const bik: FieldRules = {
  normalise: stripSeparators,
  check(raw) {
    const value = stripSeparators(raw)
    if (value === '') return 'validation.required'
    if (!isDigits(value, 9)) return 'validation.bik.format'
    if (bikKind(value) !== null) return null
    return value.startsWith('04') ? 'validation.bik.bankNumber' : 'validation.bik.kind'
  },
}

const WEIGHTS = [7, 1, 3] as const

/**
 * What is put in front of the 20 account digits to check the key (the 9th digit): the last 3 digits of the BIK;
 * for a correspondent account (301…), the treasury's single account (40102…) and accounts in a Bank of Russia
 * division, "0" + BIK digits 5–6. Treasury accounts (03…) carry no key: null.
 */
export function accountKeyPrefix(bikValue: string, account: string): string | null {
  const kind = bikKind(bikValue)
  if (account.startsWith('301') || account.startsWith('40102') || kind === 'bankOfRussia')
    return `0${bikValue.slice(4, 6)}`
  if (kind === 'treasury' && account.startsWith('03')) return null
  return bikValue.slice(-3)
}

/** 23 digits weighted 7,1,3,7,1,3,…; the sum must end in 0. */
export function accountKeyMatches(bikValue: string, account: string): boolean {
  if (!isDigits(bikValue, 9) || !isDigits(account, 20)) return false
  const prefix = accountKeyPrefix(bikValue, account)
  if (prefix === null) return true
  const digits = prefix + account
  let sum = 0
  for (let i = 0; i < digits.length; i++) sum += digitAt(digits, i) * (WEIGHTS[i % 3] ?? 0)
  return sum % 10 === 0
}

function twentyDigits(key: ValidationKey, extra?: (value: string) => ValidationKey | null): FieldRules {
  return {
    normalise: stripSeparators,
    check(raw) {
      const value = stripSeparators(raw)
      if (value === '') return 'validation.required'
      if (!isDigits(value, 20)) return key
      return extra?.(value) ?? null
    },
  }
}

export const bankAccount = twentyDigits('validation.bankAccount.format')
export const correspondentAccount = twentyDigits('validation.correspondentAccount.format', (value) =>
  value.startsWith('301') || value.startsWith('40102') ? null : 'validation.correspondentAccount.prefix',
)

export const bikSchema = requiredField(bik)
export const bankAccountSchema = requiredField(bankAccount)
export const correspondentAccountSchema = requiredField(correspondentAccount)

/** The account against the BIK; both already pass their own rules. */
export function checkAccountAgainstBik(account: string, bikValue: string): ValidationKey | null {
  return accountKeyMatches(bikValue, account) ? null : 'validation.bankAccount.key'
}

/** The correspondent account against the BIK; both already pass their own rules. */
export function checkCorrespondentAgainstBik(account: string, bikValue: string): ValidationKey | null {
  const kind = bikKind(bikValue)
  if (kind === 'treasury' ? !account.startsWith('40102') : !account.startsWith('301')) {
    return 'validation.correspondentAccount.prefix'
  }
  // The last three digits of a bank's correspondent account are its number in the BIK.
  if (kind === 'bank' && account.slice(-3) !== bikValue.slice(-3)) return 'validation.correspondentAccount.bikMismatch'
  return accountKeyMatches(bikValue, account) ? null : 'validation.correspondentAccount.key'
}

export interface BankDetailsInput {
  bik?: string | null | undefined
  account?: string | null | undefined
  correspondentAccount?: string | null | undefined
}

export interface BankDetails {
  bik: string
  account: string
  correspondentAccount: string | null
}

/** Each number on its own, then the account (and the correspondent account, when given) against the BIK. */
export function checkBankDetails(input: BankDetailsInput): FieldProblem[] {
  const problems: FieldProblem[] = []
  const bikProblem = problemOf(bik, input.bik ?? '', ['bik'])
  const accountProblem = problemOf(bankAccount, input.account ?? '', ['account'])
  const corrRaw = input.correspondentAccount ?? ''
  const corrGiven = stripSeparators(corrRaw) !== ''
  const corrProblem = corrGiven ? problemOf(correspondentAccount, corrRaw, ['correspondentAccount']) : null
  for (const p of [bikProblem, accountProblem, corrProblem]) if (p) problems.push(p)
  if (bikProblem) return problems

  const bikValue = bik.normalise(input.bik ?? '')
  if (!accountProblem) {
    const key = checkAccountAgainstBik(bankAccount.normalise(input.account ?? ''), bikValue)
    if (key) problems.push({ path: ['account'], key })
  }
  if (corrGiven && !corrProblem) {
    const key = checkCorrespondentAgainstBik(correspondentAccount.normalise(corrRaw), bikValue)
    if (key) problems.push({ path: ['correspondentAccount'], key })
  }
  return problems
}

export function normaliseBankDetails(input: BankDetailsInput): BankDetails {
  const corr = stripSeparators(input.correspondentAccount ?? '')
  return {
    bik: bik.normalise(input.bik ?? ''),
    account: bankAccount.normalise(input.account ?? ''),
    correspondentAccount: corr === '' ? null : corr,
  }
}

export const bankDetailsShape = {
  bik: z.string({ error: textInputError }).nullish(),
  account: z.string({ error: textInputError }).nullish(),
  correspondentAccount: z.string({ error: textInputError }).nullish(),
}

export const bankDetailsSchema = z.object(bankDetailsShape).transform((input, ctx) => {
  const problems = checkBankDetails(input)
  for (const p of problems) reportProblem(ctx, p)
  return problems.length > 0 ? z.NEVER : normaliseBankDetails(input)
})
