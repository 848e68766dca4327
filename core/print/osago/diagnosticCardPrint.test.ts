import { describe, expect, it } from 'vitest'
import { renderPdf } from '../pdfEngine'
import { applicationInput, FIXED_NOW, issuedPolicy, printData } from '../testing/fixtures'
import { keepPdf, pdfText } from '../testing/pdfTools'
import { buildApplication } from './application'
import { specialNotes } from './policyOnBlank'

/** The diagnostic card where it is printed: section 5 of the application and the policy's special notes. */
const oneLine = (s: string) => s.replace(/\s+/g, ' ')
const card = { number: '123456789012345', issueDate: '2026-06-01', validUntil: '2027-06-01' }
const withCard = () => issuedPolicy({ vehicle: { ...applicationInput().vehicle, diagnosticCard: card } })

describe('the diagnostic card on paper', () => {
  it('the application shows its number, issue date and end date', async () => {
    const data = await printData(withCard())
    const text = oneLine(
      pdfText(
        keepPdf(
          'osago-application-diagnostic-card',
          await renderPdf(buildApplication(data), { creationDate: FIXED_NOW }),
        ),
      ),
    )
    expect(text).toMatch(
      /5\. Диагностическая карта Номер 123456789012345 Дата выдачи 01\.06\.2026 Действительна до 01\.06\.2027/,
    )
  })

  it("the policy's special notes name the card with its issue date", async () => {
    expect(specialNotes(await printData(withCard()))).toContain(
      'Диагностическая карта № 123456789012345 от 01.06.2026, действительна до 01.06.2027',
    )
  })

  it('an application validated before the issue date was asked prints without it', async () => {
    const data = await printData(withCard())
    const { issueDate: _, ...old } = card
    const stored = {
      ...data,
      application: {
        ...data.application,
        vehicle: { ...data.application.vehicle, diagnosticCard: old as typeof card },
      },
    }
    expect(specialNotes(stored)).toContain('Диагностическая карта № 123456789012345, действительна до 01.06.2027')
    const text = oneLine(
      pdfText(
        keepPdf(
          'osago-application-diagnostic-card-old',
          await renderPdf(buildApplication(stored), { creationDate: FIXED_NOW }),
        ),
      ),
    )
    expect(text).toMatch(/Номер 123456789012345 Дата выдачи — Действительна до 01\.06\.2027/)
  })
})
