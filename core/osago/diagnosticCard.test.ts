import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { addDays, todayIn } from '../../shared/dates/calendarDate'
import type { OsagoDraft } from '../../shared/osago/draft'
import { completeDraft } from '../../shared/osago/testing/completeDraft'
import { call, expectOk, makeTestCore, setupBranch, signInAs } from '../testing/testCore'

/** The diagnostic card's issue date through the core: checked on calculate, kept in the application. */
let t: Awaited<ReturnType<typeof makeTestCore>>
let today: string
beforeEach(async () => {
  t = await makeTestCore()
  today = todayIn('Europe/Moscow', t.clock.now())
  await setupBranch(t.core)
  await signInAs(t.core, 'clerk', 'c')
})
afterEach(async () => t.dispose())

/** A taxi: its purpose needs a diagnostic card. */
async function taxiWithCard(card: OsagoDraft['vehicle']['diagnosticCard']) {
  const draft = completeDraft(today)
  draft.vehicle.purpose = 'taxi'
  draft.vehicle.diagnosticCard = card
  const p = await expectOk(call(t.core, 'osago/create-draft', undefined, 'c'))
  const saved = await expectOk(call(t.core, 'osago/save-draft', { id: p.id, rowVersion: p.rowVersion, draft }, 'c'))
  return call(t.core, 'osago/calculate-policy', { id: p.id, rowVersion: saved.rowVersion }, 'c')
}

describe('the diagnostic card at the counter', () => {
  it('keeps the issue date in the validated application', async () => {
    const card = { number: '123456789012345', issueDate: addDays(today, -30), validUntil: addDays(today, 335) }
    const policy = await expectOk(taxiWithCard(card))
    expect((policy.application as { vehicle: { diagnosticCard: unknown } }).vehicle.diagnosticCard).toEqual(card)
  })

  it('refuses a card issued after today, or not before its end, at the field', async () => {
    const future = await taxiWithCard({
      number: '123456789012345',
      issueDate: addDays(today, 1),
      validUntil: addDays(today, 366),
    })
    expect(future).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        fieldErrors: { 'vehicle.diagnosticCard.issueDate': 'osago.form.diagnosticIssuedInFuture' },
      },
    })
    // A card that ends on its issue day has ended before cover starts too: the core names the expiry there.
    const reversed = await taxiWithCard({
      number: '123456789012345',
      issueDate: addDays(today, -10),
      validUntil: addDays(today, -10),
    })
    expect(reversed).toMatchObject({
      ok: false,
      error: { fieldErrors: { 'vehicle.diagnosticCard.validUntil': 'osago.form.diagnosticCardExpired' } },
    })
    const missing = await taxiWithCard({ number: '123456789012345', issueDate: '', validUntil: addDays(today, 300) })
    expect(missing).toMatchObject({
      ok: false,
      error: { fieldErrors: { 'vehicle.diagnosticCard.issueDate': expect.stringMatching(/^validation\./) } },
    })
  })

  it('still opens a draft saved before the issue date was asked, and asks for it', async () => {
    const draft = completeDraft(today)
    draft.vehicle.purpose = 'taxi'
    const old = {
      ...draft,
      vehicle: { ...draft.vehicle, diagnosticCard: { number: '123456789012345', validUntil: addDays(today, 300) } },
    }
    const p = await expectOk(call(t.core, 'osago/create-draft', undefined, 'c'))
    const saved = await expectOk(
      call(
        t.core,
        'osago/save-draft',
        { id: p.id, rowVersion: p.rowVersion, draft: old as unknown as OsagoDraft },
        'c',
      ),
    )
    expect(saved.draft.vehicle.diagnosticCard).toEqual({
      number: '123456789012345',
      issueDate: '',
      validUntil: addDays(today, 300),
    })
    expect(await call(t.core, 'osago/calculate-policy', { id: p.id, rowVersion: saved.rowVersion }, 'c')).toMatchObject(
      {
        ok: false,
        error: { fieldErrors: { 'vehicle.diagnosticCard.issueDate': expect.stringMatching(/^validation\./) } },
      },
    )
  })
})
