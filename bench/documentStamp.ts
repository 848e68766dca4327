/**
 * What the verification stamp adds to a print (decision 108): the OSAGO policy's archive copy and the CASCO contract
 * (with its schedule and inspection report), as the print channels make them, on a real core. «before» is the
 * plain render (what a print cost before the stamp, and what a preview still costs); «after» is the stamped render
 * (one render into open pages, the hash of the drawn text, the stamp drawn, the file read back by pdf.js and hashed
 * again). Ten of each after two warm-up runs; min / median / max in milliseconds.
 *
 *   flock /tmp/bench.lock npx tsx bench/documentStamp.ts
 */
import { addDays } from '../shared/dates/calendarDate'
import { completeDraft } from '../shared/osago/testing/completeDraft'
import { todayIn } from '../shared/dates/calendarDate'
import { damage, submittedCase, submittedInspection, today } from '../core/casco/testing/cascoCase'
import type { DocumentKind } from '../shared/print/contract'
import { renderPdf, textMeasure } from '../core/print/pdfEngine'
import { renderStamped } from '../core/print/stampedPdf'
import { call, expectOk, makeTestCore, setupBranch, signInAs } from '../core/testing/testCore'

const RUNS = 10

const t = await makeTestCore()
try {
  await setupBranch(t.core)
  await signInAs(t.core, 'admin', 'a')
  await expectOk(
    call(t.core, 'blanks/receive-range', { series: 'ААК', fromNumber: '0123456789', toNumber: '0123456799' }, 'a'),
  )
  await signInAs(t.core, 'clerk', 'c')
  await signInAs(t.core, 'inspector', 'i')
  await signInAs(t.core, 'supervisor', 's')

  const draft = await expectOk(call(t.core, 'osago/create-draft', undefined, 'c'))
  const saved = await expectOk(
    call(
      t.core,
      'osago/save-draft',
      { id: draft.id, rowVersion: draft.rowVersion, draft: completeDraft(todayIn('Europe/Moscow', t.clock.now())) },
      'c',
    ),
  )
  const priced = await expectOk(
    call(t.core, 'osago/calculate-policy', { id: saved.id, rowVersion: saved.rowVersion }, 'c'),
  )
  const policy = await expectOk(
    call(
      t.core,
      'osago/issue-policy',
      {
        id: priced.id,
        rowVersion: priced.rowVersion,
        payment: { method: 'cash', receiptNumber: 'ФД 451', amountKopecks: priced.calculation!.premiumKopecks },
      },
      'c',
    ),
  )

  const q = await submittedCase(t.core, 'c', (d) => {
    d.options[0]!.plan = 'four'
  })
  await submittedInspection(t.core, 'i', q.id, [damage()])
  const c = await expectOk(call(t.core, 'approval/get-case', { quoteId: q.id }, 's'))
  await expectOk(
    call(
      t.core,
      'approval/decide',
      {
        quoteId: q.id,
        quoteRowVersion: c.quote.rowVersion,
        decision: 'approved',
        validUntil: addDays(today(t.core), 10),
        comment: '',
        conditions: [],
      } as never,
      's',
    ),
  )
  const approved = await expectOk(call(t.core, 'casco/get-quote', { id: q.id }, 'c'))
  await expectOk(
    call(
      t.core,
      'casco/issue-contract',
      {
        id: approved.id,
        rowVersion: approved.rowVersion,
        payment: {
          method: 'cash',
          receiptNumber: 'ФД 555',
          amountKopecks: approved.result!.options[0]!.schedule.payments[0]!.amountKopecks,
        },
      },
      'c',
    ),
  )

  const stats = (ms: number[]) => {
    const s = [...ms].sort((a, b) => a - b)
    return `min ${s[0]!.toFixed(0)} · median ${((s[4]! + s[5]!) / 2).toFixed(0)} · max ${s.at(-1)!.toFixed(0)} ms`
  }
  for (const [kind, id] of [
    ['osago-policy-archive', policy.id],
    ['casco-contract', q.id],
  ] as Array<[DocumentKind, string]>) {
    const doc = t.core.documents.get(kind)!
    const clerk = (await t.core.db('staff').where({ login: 'clerk1' }).first()) as { id: string; full_name: string }
    const user = { id: clerk.id, login: 'clerk1', fullName: clerk.full_name, role: 'clerk' as const }
    const handler = {
      clientId: 'c',
      locale: 'ru' as const,
      user,
      actor: { userId: user.id, login: user.login },
      now: t.clock.now(),
    }
    const data = await doc.load(id, { handler, action: 'save', printerName: null })
    const deps = { offset: { xMm: 0, yMm: 0 }, printerName: null, measure: await textMeasure(), now: t.clock.now() }
    const opts = { creationDate: t.clock.now() }
    const before = async () => renderPdf(doc.build(data, deps), opts)
    const after = async () =>
      (
        await renderStamped(
          () => doc.build(data, deps),
          opts,
          async () => id,
        )
      ).pdf
    for (let i = 0; i < 2; i++) {
      await before()
      await after()
    }
    const times = { before: [] as number[], after: [] as number[] }
    let pages = 0
    for (let i = 0; i < RUNS; i++)
      for (const [name, run] of [
        ['before', before],
        ['after', after],
      ] as const) {
        const start = performance.now()
        const pdf = await run()
        times[name].push(performance.now() - start)
        pages = Number(/\/Type \/Pages\s*\/Count (\d+)/.exec(pdf.toString('latin1'))?.[1] ?? 0)
      }
    console.log(`${kind} (${pages} pages)\n  before: ${stats(times.before)}\n  after:  ${stats(times.after)}`)
  }
} finally {
  await t.dispose()
}
