import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { addDays, todayIn } from '../../../shared/dates/calendarDate'
import { formatDateRu } from '../../../shared/print/format'
import { formatRubles } from '../../../shared/money/format'
import type { DocumentKind } from '../../../shared/print/contract'
import { completeDraft } from '../../../shared/osago/testing/completeDraft'
import { RecordingPrintPlatform } from '../../print/recordingPlatform'
import { keepPdf, pdfText, pdfToPng } from '../../print/testing/pdfTools'
import { previewPdf } from '../../print/testing/previewPdf'
import { call, expectOk, makeTestCore, setupBranch, signInAs } from '../../testing/testCore'

/** The change's documents through the real print channels, read back with pdftotext (and kept as PNG to look at). */
let t: Awaited<ReturnType<typeof makeTestCore>>
let today: string
beforeEach(async () => {
  t = await makeTestCore({ print: new RecordingPrintPlatform({ saveDir: join(tmpdir(), 'bd-change-saved') }) })
  today = todayIn('Europe/Moscow', t.clock.now())
  await setupBranch(t.core)
  await signInAs(t.core, 'admin', 'admin')
  await expectOk(
    call(t.core, 'blanks/receive-range', { series: 'ААК', fromNumber: '0000000101', toNumber: '0000000105' }, 'admin'),
  )
  await signInAs(t.core, 'clerk', 'c')
})
afterEach(async () => t.dispose())

const oneLine = (s: string) => s.replace(/\s+/g, ' ')
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i

async function issued() {
  const p = await expectOk(call(t.core, 'osago/create-draft', undefined, 'c'))
  const c = await expectOk(
    call(t.core, 'osago/calculate-policy', { id: p.id, rowVersion: p.rowVersion, draft: completeDraft(today) }, 'c'),
  )
  const payment = { method: 'cash' as const, receiptNumber: 'ФД 1', amountKopecks: c.calculation!.premiumKopecks }
  return expectOk(call(t.core, 'osago/issue-policy', { id: p.id, rowVersion: c.rowVersion, payment }, 'c'))
}

async function preview(kind: DocumentKind, id: string, name: string) {
  const r = await expectOk(call(t.core, 'print/preview-document', { kind, id }, 'c'))
  const path = keepPdf(name, await previewPdf(t.dir, r))
  return { path, text: oneLine(pdfText(path)) }
}

describe('the change addendum and the duplicate on paper', () => {
  it('writes out the added driver, the formula with every number and the amount; re-issued on the new blank', async () => {
    const policy = await issued()
    t.clock.set(new Date(t.clock.now().getTime() + 100 * 86_400_000))
    await call(t.core, 'session/unlock-screen', { password: 'Own12345' }, 'c')
    let ch = await expectOk(call(t.core, 'osagoChange/start-change', { policyId: policy.id, kind: 'add-driver' }, 'c'))
    const after = structuredClone(ch.after)
    if (after.drivers.mode !== 'list') throw new Error('list expected')
    // A young driver, licensed a month ago: KVS goes up.
    after.drivers.list.push({
      ...after.drivers.list[0]!,
      surname: 'Кузнецов',
      name: 'Павел',
      birthDate: addDays(today, -19 * 366),
      licenseSince: addDays(today, -30),
      licence: { series: '9930', number: '123123' },
    })
    ch = await expectOk(
      call(t.core, 'osagoChange/calculate-change', { id: ch.id, rowVersion: ch.rowVersion, after }, 'c'),
    )
    const draftDoc = await preview('osago-change-addendum', ch.id, 'osago-change-draft')
    expect(draftDoc.text).toContain('не применено')
    const k = ch.calculation!
    ch = await expectOk(
      call(
        t.core,
        'osagoChange/apply-change',
        {
          id: ch.id,
          rowVersion: ch.rowVersion,
          payment: { method: 'card', receiptNumber: 'ФД 2', amountKopecks: k.amountKopecks },
        },
        'c',
      ),
    )
    const { path, text } = await preview('osago-change-addendum', ch.id, 'osago-change-addendum')
    expect(text).toContain('Расчёт изменения договора ОСАГО ААК 0000000102')
    expect(text).toContain('Вид изменения Добавить водителя')
    expect(text).toContain(`Изменение действует с ${formatDateRu(addDays(today, 100))}`)
    expect(text).toContain('Кузнецов Павел Игоревич, ВУ 9930 123123')
    expect(text).toMatch(
      new RegExp(
        `\\(${formatRubles(k.newPremiumKopecks)} − ${formatRubles(k.currentPremiumKopecks)}\\) × 266 / 365 = `.replace(
          /\u00a0/g,
          '\\s',
        ),
      ),
    )
    expect(text).toContain(`Дополнительная премия к оплате: ${formatRubles(k.amountKopecks)}`.replace(/\u00a0/g, ' '))
    expect(text).toMatch(/\d \d{3},\d{2} ₽/)
    expect(text).toContain('Оплачено')
    expect(text).not.toContain('не применено')
    expect(text).toContain('Основание: ст. 16 п. 3 Федерального закона № 40-ФЗ')
    expect(text).not.toMatch(UUID)
    expect(pdfToPng(path, 'osago-change-addendum')).toHaveLength(1)

    // The policy on its new blank carries the new driver — from the change's documents and from the policy's own.
    const blank = await preview('osago-change-policy-blank', ch.id, 'osago-change-blank')
    expect(blank.text).toContain('Кузнецов')
    const own = await preview('osago-policy-blank', policy.id, 'osago-change-own-blank')
    expect(own.text).toContain('Кузнецов')
  })

  it('prints an addendum for a passport and the duplicate marked on its new blank', async () => {
    const policy = await issued()
    let ch = await expectOk(call(t.core, 'osagoChange/start-change', { policyId: policy.id, kind: 'passport' }, 'c'))
    const after = structuredClone(ch.after)
    if (after.insured.kind !== 'person') throw new Error('person expected')
    after.insured.passport.number = '765432'
    ch = await expectOk(
      call(t.core, 'osagoChange/calculate-change', { id: ch.id, rowVersion: ch.rowVersion, after }, 'c'),
    )
    ch = await expectOk(call(t.core, 'osagoChange/apply-change', { id: ch.id, rowVersion: ch.rowVersion }, 'c'))
    const add = await preview('osago-change-addendum', ch.id, 'osago-change-passport')
    expect(add.text).toContain('Дополнение к полису ОСАГО ААК 0000000101')
    expect(add.text).toContain('Паспорт страхователя')
    expect(add.text).toContain('765432')
    expect(add.text).toContain('Доплата и возврат не требуются')

    const p = await expectOk(call(t.core, 'osago/get-policy', { id: policy.id }, 'c'))
    const dup = await expectOk(
      call(
        t.core,
        'osagoChange/issue-duplicate',
        { policyId: p.id, policyRowVersion: p.rowVersion, reason: 'Утерян' },
        'c',
      ),
    )
    const { path, text } = await preview('osago-change-policy-blank', dup.id, 'osago-duplicate')
    expect(text).toContain('ДУБЛИКАТ')
    // The duplicate carries the data as the passport change left it.
    expect(text).toContain('765432')
    expect(text).not.toMatch(UUID)
    expect(pdfToPng(path, 'osago-duplicate')).toHaveLength(1)
    // Printed, the policy is on paper again.
    await expectOk(
      call(t.core, 'print/print-document', { kind: 'osago-change-policy-blank', id: dup.id, printerName: 'HP' }, 'c'),
    )
    expect(await call(t.core, 'osago/get-policy', { id: p.id }, 'c')).toMatchObject({ value: { status: 'printed' } })
  })
})
