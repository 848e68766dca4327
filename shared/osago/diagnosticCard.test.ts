import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays } from '../dates/calendarDate'
import { hasMessage } from '../i18n/messages'
import { osagoApplicationSchema, validateOsagoApplication } from './application'
import { diagnosticCardProblems } from './diagnosticCard'
import { draftToApplicationInput } from './draft'
import { completeDraft } from './testing/completeDraft'

const TODAY = '2026-03-02'

describe('the diagnostic card dates', () => {
  const table: Array<[string, string, string, Record<string, string>]> = [
    ['issued a year before today, valid for a year after', '2025-03-03', '2027-03-03', {}],
    ['issued today', TODAY, '2027-03-02', {}],
    ['issued the day before it ends', '2026-03-01', '2026-03-02', {}],
    ['issued tomorrow', '2026-03-03', '2027-03-03', { issueDate: 'osago.form.diagnosticIssuedInFuture' }],
    ['issued on the day it ends', '2026-02-01', '2026-02-01', { validUntil: 'osago.form.diagnosticValidBeforeIssue' }],
    ['issued after it ends', '2026-02-01', '2025-02-01', { validUntil: 'osago.form.diagnosticValidBeforeIssue' }],
    [
      'issued in the future and after it ends',
      '2027-01-01',
      '2026-12-31',
      { issueDate: 'osago.form.diagnosticIssuedInFuture', validUntil: 'osago.form.diagnosticValidBeforeIssue' },
    ],
    ['issue date not typed yet', '', '2027-01-01', {}],
    ['issue date half typed', '2026-13', '2027-01-01', {}],
    ['end date half typed', '2027-01-01', '2026-1', { issueDate: 'osago.form.diagnosticIssuedInFuture' }],
  ]
  for (const [name, issueDate, validUntil, expected] of table) {
    it(name, () => expect(diagnosticCardProblems({ issueDate, validUntil }, TODAY)).toEqual(expected))
  }

  it('no card, no problems', () => {
    expect(diagnosticCardProblems(null, TODAY)).toEqual({})
  })

  it('every problem has its Russian and English text, and the form has a label for the date', () => {
    const keys = new Set(table.flatMap(([, , , e]) => Object.values(e)))
    expect(keys.size).toBe(2)
    for (const key of [...keys, 'osago.ui.vehicle.diagnosticIssueDate'])
      for (const locale of ['ru', 'en'] as const) expect(hasMessage(locale, key), `${locale} ${key}`).toBe(true)
  })

  it('property: a problem exactly when the card is dated after today or not before its end', () => {
    const day = fc.integer({ min: -800, max: 800 }).map((n) => addDays(TODAY, n))
    fc.assert(
      fc.property(day, day, (issueDate, validUntil) => {
        const p = diagnosticCardProblems({ issueDate, validUntil }, TODAY)
        expect('issueDate' in p).toBe(issueDate > TODAY)
        expect('validUntil' in p).toBe(issueDate >= validUntil)
      }),
      { numRuns: 500 },
    )
  })
})

describe('the diagnostic card in the application', () => {
  function withCard(card: { number: string; issueDate: string; validUntil: string } | null) {
    const draft = completeDraft(TODAY)
    draft.vehicle.diagnosticCard = card
    return draftToApplicationInput(draft)
  }
  const number = '123456789012345'

  it('takes the issue date and keeps it in the validated application', () => {
    const r = validateOsagoApplication(withCard({ number, issueDate: '2025-06-01', validUntil: '2026-06-01' }))
    expect(r.ok && r.application.vehicle.diagnosticCard).toEqual({
      number,
      issueDate: '2025-06-01',
      validUntil: '2026-06-01',
    })
  })

  it('requires the issue date and reports bad dates at their fields, while typing and on save', () => {
    const missing = validateOsagoApplication(withCard({ number, issueDate: '', validUntil: '2026-06-01' }))
    expect(missing.ok ? {} : missing.fieldErrors).toMatchObject({
      'vehicle.diagnosticCard.issueDate': expect.stringMatching(/^validation\./),
    })
    const future = validateOsagoApplication(
      withCard({ number, issueDate: addDays(TODAY, 1), validUntil: '2027-06-01' }),
    )
    expect(future.ok ? {} : future.fieldErrors).toEqual({
      'vehicle.diagnosticCard.issueDate': 'osago.form.diagnosticIssuedInFuture',
    })
    const reversed = validateOsagoApplication(withCard({ number, issueDate: '2025-06-01', validUntil: '2025-05-31' }))
    expect(reversed.ok ? {} : reversed.fieldErrors).toEqual({
      'vehicle.diagnosticCard.validUntil': 'osago.form.diagnosticValidBeforeIssue',
    })
    // The schema alone (the core's second check) refuses them too.
    expect(
      osagoApplicationSchema.safeParse(withCard({ number, issueDate: addDays(TODAY, 1), validUntil: '2027-06-01' }))
        .success,
    ).toBe(false)
    expect(
      osagoApplicationSchema.safeParse(withCard({ number, issueDate: '2025-06-01', validUntil: '2025-05-31' })).success,
    ).toBe(false)
  })
})
