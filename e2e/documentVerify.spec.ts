import { readFileSync, writeFileSync } from 'node:fs'
import { issuedOsagoPolicy } from './harness/arrangeOsago'
import { useHqOnPostgres } from './harness/hqOnPostgres'
import { ADMIN, arrange, expect, passwordOf, signIn, snap, test } from './harness/fixtures'
import { stampsIn } from '../shared/documentLedger/canonical'
import { pdfPagesText } from '../shared/documentLedger/pdfText'
import { textMeasure } from '../core/print/pdfEngine'
import { renderWithStamp } from '../core/print/stampedPdf'
import type { OsagoPrintData } from '../core/print/osago/osagoPrintData'
import { verifyCommand } from '../hq/verifyCommand'
import type { VerifyAnswer } from '../hq/verify'

/**
 * Documents anyone can verify (issue 17 point 2, decisions 108/109): the clerk saves an issued policy's archive copy
 * from its screen; the branch syncs with HQ (on a real PostgreSQL cluster), whose ledger rule accepts the entry;
 * HQ's `POST /v1/verify` and `npm run hq -- verify` call it genuine, unchanged and in force. A forged copy — the
 * premium changed by one digit under the genuine stamp — is called altered, and a made-up QR code unknown.
 */
test.use({ seeded: true })
test.describe.configure({ mode: 'serial' })

const hqServer = useHqOnPostgres('e2e_document_verify')

async function verifyOverHttp(body: object): Promise<VerifyAnswer> {
  const res = await fetch(`${hqServer.hq.url}/v1/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  expect(res.status).toBe(200)
  return (await res.json()) as VerifyAnswer
}

test('a saved policy is verified genuine at HQ; a forged copy and a made-up QR code are not', async ({
  page,
  core,
  printer,
}) => {
  test.setTimeout(120_000)
  await arrange(core, 'session/sign-in', { login: ADMIN.login, password: ADMIN.password }, 'arrange-admin')
  await arrange(
    core,
    'sync/enrol',
    {
      hqUrl: hqServer.hq.url,
      code: await hqServer.hq.enrolmentCode('MSK-01', { name: 'Филиал «Тверской»', city: 'Москва' }),
      deviceName: 'Касса',
    },
    'arrange-admin',
  )
  await arrange(
    core,
    'blanks/receive-range',
    { series: 'ААК', fromNumber: '0012345670', toNumber: '0012345679' },
    'arrange-admin',
  )
  await arrange(core, 'session/sign-in', { login: 'clerk', password: passwordOf('clerk') }, 'arrange-clerk')
  const policy = await issuedOsagoPolicy(core, 'arrange-clerk')

  // The clerk saves the archive copy from the policy's screen: the saved PDF carries the stamp.
  await signIn(page, 'clerk')
  await page.goto(`/#/osago/${policy.id}`)
  await page.getByTestId('print-open-osago-policy-archive').click()
  const dialog = page.getByTestId('print-dialog-osago-policy-archive')
  await expect(dialog.getByTestId('pdf-preview')).toHaveAttribute('data-state', 'ready', { timeout: 20_000 })
  await dialog.getByTestId('print-save').click()
  await expect(dialog.getByTestId('print-result')).toContainText('Сохранено:')
  await snap(page, '100-document-saved-with-stamp')
  expect(printer.saved).toHaveLength(1)
  const saved = printer.saved[0]!
  const pdf = readFileSync(saved)
  const [stamp] = stampsIn(await pdfPagesText(pdf))
  const entry = (await core.db('document_ledger').first()) as { id: string; content_sha256: string; seq: number }
  expect(stamp).toEqual({ documentId: entry.id, hashPrefix: entry.content_sha256.slice(0, 12) })

  // The branch syncs: HQ's ledger rule takes the entry onto the computer's chain.
  expect((await arrange(core, 'sync/sync-now', undefined, 'arrange-admin')).ok).toBe(true)
  expect(await core.db('sync_issue').count({ n: '*' }).first()).toEqual({ n: 0 })

  // Anyone holding the PDF asks HQ; the administrator's command line says the same.
  const genuine = await verifyOverHttp({ pdf: pdf.toString('base64') })
  expect(genuine).toMatchObject({ status: 'valid', genuine: true, unchanged: true, inForce: true })
  expect(genuine.message.ru).toBe('Документ подлинный, не изменён и действует.')
  const cli = await verifyCommand(hqServer.hq.db, saved)
  expect(cli.code).toBe(0)
  expect(cli.lines[0]).toBe('Документ подлинный, не изменён и действует.')

  // A forged copy: the premium one digit higher, under the genuine stamp and QR code.
  const archive = core.documents.get('osago-policy-archive')!
  const data = (await archive.load(policy.id, { action: 'save', printerName: null } as never)) as OsagoPrintData
  data.policy.calculation!.premiumKopecks += 100_000
  const forgedPdf = await renderWithStamp(
    archive.build(data, {
      offset: { xMm: 0, yMm: 0 },
      printerName: null,
      measure: await textMeasure(),
      now: new Date(),
    }),
    { creationDate: new Date() },
    entry.id,
    entry.content_sha256,
  )
  const forgedFile = saved.replace(/\.pdf$/, ' (подделка).pdf')
  writeFileSync(forgedFile, forgedPdf)
  expect(stampsIn(await pdfPagesText(forgedPdf))).toEqual([stamp])
  const forged = await verifyOverHttp({ pdf: forgedPdf.toString('base64') })
  expect(forged).toMatchObject({ status: 'altered', genuine: false, unchanged: false })
  expect(forged.message.ru).toMatch(/^Документ изменён: его текст не совпадает с текстом, выданным/)
  expect((await verifyCommand(hqServer.hq.db, forgedFile)).code).toBe(1)

  // A QR code made up for a document the company never issued.
  const madeUp = `BD1:${'01937A4E-5B2C-7D10-9A3F-4C2E8B6D1F00'}:${'A'.repeat(64)}`
  expect(await verifyOverHttp({ qr: madeUp })).toMatchObject({ status: 'unknown', genuine: false })
})
