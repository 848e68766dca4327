import { describe, expect, it } from 'vitest'
import { validateOsagoApplication } from '../osago/application'
import { draftToApplicationInput } from '../osago/draft'
import { completeDraft } from '../osago/testing/completeDraft'
import { requiredDateSchema } from './dateField'

const messages = (value: unknown) => {
  const r = requiredDateSchema.safeParse(value)
  return r.success ? [] : r.error.issues.map((i) => i.message)
}

describe('requiredDateSchema', () => {
  it('says an empty date is missing, as every other required field does', () => {
    expect(messages('')).toEqual(['validation.required'])
    expect(messages('   ')).toEqual(['validation.required'])
    expect(messages(undefined)).toEqual(['validation.required'])
    expect(messages(null)).toEqual(['validation.required'])
  })

  it('keeps the format message for a date that is there but is not a calendar date', () => {
    expect(messages('28.03.2025')).toEqual(['validation.date.format'])
    expect(messages('2025-02-30')).toEqual(['validation.date.format'])
    expect(messages('2025-3-1')).toEqual(['validation.date.format'])
  })

  it('takes a calendar date as it is', () => {
    expect(requiredDateSchema.parse('2024-02-29')).toBe('2024-02-29')
  })

  it('is what the OSAGO application refuses an empty date with, at the field, in the form and in the core', () => {
    const draft = completeDraft('2026-12-05')
    draft.insured.passport.issueDate = ''
    if (draft.drivers.mode !== 'list') throw new Error('the fixture lists its drivers')
    draft.drivers.list[1]!.birthDate = '2001-02-30'
    const r = validateOsagoApplication(draftToApplicationInput(draft))
    if (r.ok) throw new Error('expected a refusal')
    expect(r.fieldErrors['insured.passport.issueDate']).toBe('validation.required')
    expect(r.fieldErrors['drivers.list.1.birthDate']).toBe('validation.date.format')
  })
})
