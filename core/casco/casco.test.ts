import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CASCO_QUOTE_STATUSES } from '../../shared/casco/contract'
import { completeCascoDraft } from '../../shared/casco/draftFixture'
import { addDays, addYears } from '../../shared/dates/calendarDate'
import { call, expectOk, makeTestCore, setupBranch, signInAs } from '../testing/testCore'
import { damage, quotedCase, submittedCase, submittedInspection, today } from './testing/cascoCase'

let t: Awaited<ReturnType<typeof makeTestCore>>
beforeEach(async () => {
  t = await makeTestCore()
  await setupBranch(t.core)
  await signInAs(t.core, 'clerk', 'c')
  await signInAs(t.core, 'inspector', 'i')
  await signInAs(t.core, 'supervisor', 's')
})
afterEach(async () => t.dispose())

async function approve(quoteId: string, validUntil = addDays(today(t.core), 10)) {
  const c = await expectOk(call(t.core, 'approval/get-case', { quoteId }, 's'))
  return expectOk(
    call(
      t.core,
      'approval/decide',
      { quoteId, quoteRowVersion: c.quote.rowVersion, decision: 'approved', validUntil },
      's',
    ),
  )
}

describe('CASCO quote', () => {
  it('has exactly the statuses the database accepts', async () => {
    const row = (id: string, status: string) => ({ id, status, created_at: 'x', updated_at: 'x' })
    const issued = { chosen_option: '0', total_kopecks: 1, schedule: '{}', first_payment: '{}', contract_branch: 'B' }
    for (const [i, status] of CASCO_QUOTE_STATUSES.entries()) {
      const extra =
        status === 'issued' || status === 'printed' ? { ...issued, contract_seq: i, contract_number: `B-${i}` } : {}
      await t.core.db('casco_quote').insert({ ...row(`s${i}`, status), ...extra })
    }
    await expect(t.core.db('casco_quote').insert(row('bad', 'expired'))).rejects.toThrow(/CHECK/)
  })

  it('starts with three options, autosaves with outbox and audit entries and refuses a stale save', async () => {
    const q = await expectOk(call(t.core, 'casco/create-quote', undefined, 'c'))
    expect(q).toMatchObject({ status: 'draft', rowVersion: 1, result: null, createdBy: { name: 'Сотрудник clerk1' } })
    expect(q.draft.options).toHaveLength(3)
    expect(q.draft.contract.quoteDate).toBe(today(t.core))
    const draft = completeCascoDraft(today(t.core))
    const saved = await expectOk(call(t.core, 'casco/save-draft', { id: q.id, rowVersion: 1, draft }, 'c'))
    expect(saved.rowVersion).toBe(2)
    expect(await t.core.db('outbox').where({ entity: 'casco_quote', entity_id: q.id })).toHaveLength(2)
    expect(await t.core.db('outbox').where({ entity: 'casco_document', entity_id: q.id })).toHaveLength(2)
    expect(
      (await t.core.db('audit_log').where({ entity: 'casco_quote', entity_id: q.id })).map(
        (a: { action: string }) => a.action,
      ),
    ).toEqual(['casco.quote-created', 'casco.draft-saved'])
    expect(await call(t.core, 'casco/save-draft', { id: q.id, rowVersion: 1, draft }, 'c')).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    })
    // The list finds it by surname (Cyrillic, any case) and by model while it is a draft.
    const found = await expectOk(call(t.core, 'casco/list-quotes', { query: 'СМИРНОВ', limit: 50, offset: 0 }, 'c'))
    expect(found.items).toMatchObject([
      { id: q.id, insuredName: 'Смирнов Алексей Игоревич', vehicleName: 'Kia Rio', plate: 'А123ВС777' },
    ])
    expect((await expectOk(call(t.core, 'casco/list-quotes', { query: 'rio', limit: 50, offset: 0 }, 'c'))).total).toBe(
      1,
    )
    expect((await expectOk(call(t.core, 'casco/list-quotes', { query: '%', limit: 50, offset: 0 }, 'c'))).total).toBe(0)
  })

  it('prices the options live and shows the first missing value at its field', async () => {
    const draft = completeCascoDraft(today(t.core))
    const live = await expectOk(call(t.core, 'casco/preview-quote', { draft }, 'c'))
    if (!live.ok) throw new Error(live.message)
    expect(live.quote.options.map((o) => o.premiumKopecks)).toEqual([13176540, 10620090, 2950740])
    expect(live.quote.options[0]!.underwritingFlags.map((f) => f.code)).toEqual(['theftProneModel', 'antiTheftMissing'])
    draft.vehicle.year = null
    expect(await expectOk(call(t.core, 'casco/preview-quote', { draft }, 'c'))).toMatchObject({
      ok: false,
      field: 'vehicle.year',
      message: 'Год выпуска: четыре цифры',
    })
    draft.vehicle.year = 2021
    draft.drivers = {
      mode: 'list',
      list: [
        {
          surname: 'А',
          name: 'Б',
          patronymic: '',
          gender: 'male',
          birthDate: '',
          licence: { series: '', number: '' },
          licenseSince: '2010-01-01',
        },
      ],
    }
    expect(await expectOk(call(t.core, 'casco/preview-quote', { draft }, 'c'))).toMatchObject({
      ok: false,
      field: 'drivers.list.0.birthDate',
    })
    // A listed driver's missing field is named, not "drivers: a list or unlimited".
    draft.drivers = {
      mode: 'list',
      list: [
        {
          surname: 'А',
          name: 'Б',
          patronymic: '',
          gender: null,
          birthDate: '1990-01-01',
          licence: { series: '', number: '' },
          licenseSince: '2010-01-01',
        },
      ],
    }
    expect(await expectOk(call(t.core, 'casco/preview-quote', { draft }, 'c'))).toMatchObject({
      ok: false,
      field: 'drivers.list.0.gender',
      message: 'Выберите пол',
    })
    draft.drivers = completeCascoDraft(today(t.core)).drivers
    draft.options[1]!.franchise = { type: 'unconditional', mode: 'percent', value: 99 }
    expect(await expectOk(call(t.core, 'casco/preview-quote', { draft }, 'c'))).toMatchObject({
      ok: false,
      field: 'options.1.franchise.value',
      messageKey: 'casco.errors.franchiseTooLarge',
    })
  })

  it('calculates, lets the clerk choose only an eligible option, and an edit takes the quote back to draft', async () => {
    const created = await expectOk(call(t.core, 'casco/create-quote', undefined, 'c'))
    const draft = completeCascoDraft(today(t.core))
    // Non-dealer repair is offered for foreign makes only: a Lada cannot have it under RESOauto.
    draft.vehicle = { ...draft.vehicle, makeId: 'lada', modelId: 'lada-largus' }
    draft.options[1]!.settlement = 'nonDealer'
    const saved = await expectOk(call(t.core, 'casco/save-draft', { id: created.id, rowVersion: 1, draft }, 'c'))
    const quoted = await expectOk(
      call(t.core, 'casco/calculate-quote', { id: saved.id, rowVersion: saved.rowVersion }, 'c'),
    )
    expect(quoted).toMatchObject({
      status: 'quoted',
      chosenOption: null,
      sumInsuredKopecks: 1_500_000_00,
      tariffVersion: quoted.result!.tariffVersion,
    })
    expect(quoted.startDate).toBe(addDays(today(t.core), 1))
    expect(quoted.endDate).toBe(`${Number(today(t.core).slice(0, 4)) + 1}${today(t.core).slice(4)}`)
    expect(quoted.result!.options.map((o) => o.eligible)).toEqual([true, false, true])
    expect(
      await call(t.core, 'casco/choose-option', { id: quoted.id, rowVersion: quoted.rowVersion, option: 1 }, 'c'),
    ).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'Вариант 2 нельзя оформить: не выполнены условия программы' },
    })
    expect(
      await call(t.core, 'casco/submit-for-approval', { id: quoted.id, rowVersion: quoted.rowVersion }, 'c'),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'Выберите вариант клиента' } })
    const chosen = await expectOk(
      call(t.core, 'casco/choose-option', { id: quoted.id, rowVersion: quoted.rowVersion, option: 2 }, 'c'),
    )
    expect(chosen).toMatchObject({
      chosenOption: 2,
      premiumKopecks: quoted.result!.options[2]!.premiumKopecks,
      totalKopecks: quoted.result!.options[2]!.schedule.totalKopecks,
    })
    const edited = await expectOk(
      call(
        t.core,
        'casco/save-draft',
        { id: chosen.id, rowVersion: chosen.rowVersion, draft: { ...draft, sumInsuredKopecks: 1_400_000_00 } },
        'c',
      ),
    )
    expect(edited).toMatchObject({ status: 'draft', result: null, chosenOption: null, premiumKopecks: null })
  })

  it('refuses to calculate with field errors the form can show, and a quote dated another day', async () => {
    const created = await expectOk(call(t.core, 'casco/create-quote', undefined, 'c'))
    const draft = completeCascoDraft(today(t.core))
    draft.sumInsuredKopecks = 2_000_000_00
    draft.vehicle.mileageKm = null
    const saved = await expectOk(call(t.core, 'casco/save-draft', { id: created.id, rowVersion: 1, draft }, 'c'))
    const r = await call(t.core, 'casco/calculate-quote', { id: saved.id, rowVersion: saved.rowVersion }, 'c')
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fieldErrors: { 'vehicle.mileageKm': 'casco.input.mileage' } },
    })
    const fixed = await expectOk(
      call(
        t.core,
        'casco/save-draft',
        {
          id: saved.id,
          rowVersion: saved.rowVersion,
          draft: { ...draft, vehicle: { ...draft.vehicle, mileageKm: 1000 } },
        },
        'c',
      ),
    )
    expect(
      await call(t.core, 'casco/calculate-quote', { id: fixed.id, rowVersion: fixed.rowVersion }, 'c'),
    ).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fieldErrors: { sumInsuredKopecks: 'casco.input.sumInsuredAboveValue' } },
    })
    // The drivers' rule OSAGO applies (shared/validation/driverDates.ts): a 17-year-old on the start date and a
    // licence dated after the quote are refused at their fields, the age's message with its «{min}».
    const young = completeCascoDraft(today(t.core))
    const adult = young.drivers.mode === 'list' ? young.drivers.list[0]! : null
    const seventeen = addYears(young.contract.startDate, -17)
    young.drivers = {
      mode: 'list',
      list: [
        { ...adult!, birthDate: seventeen, licenseSince: addYears(seventeen, 16) },
        { ...adult!, licenseSince: addDays(today(t.core), 1) },
      ],
    }
    const withYoung = await expectOk(
      call(t.core, 'casco/save-draft', { id: saved.id, rowVersion: fixed.rowVersion, draft: young }, 'c'),
    )
    expect(
      await call(t.core, 'casco/calculate-quote', { id: withYoung.id, rowVersion: withYoung.rowVersion }, 'c'),
    ).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: 'Водителю на дату начала договора меньше 18 лет',
        fieldErrors: {
          'drivers.list.0.birthDate': 'validation.driverAge.tooYoung',
          'drivers.list.1.licenseSince': 'validation.licenseSince.future',
        },
        fieldParams: { 'drivers.list.0.birthDate': { min: 18 } },
      },
    })
    const old = await expectOk(
      call(
        t.core,
        'casco/save-draft',
        {
          id: saved.id,
          rowVersion: withYoung.rowVersion,
          draft: { ...completeCascoDraft(addDays(today(t.core), -1)) },
        },
        'c',
      ),
    )
    expect(await call(t.core, 'casco/calculate-quote', { id: old.id, rowVersion: old.rowVersion }, 'c')).toMatchObject({
      ok: false,
      error: { fieldErrors: { 'contract.quoteDate': 'casco.ui.errors.quoteDateNotToday' } },
    })
  })

  it('submits only a complete case, after which the quote is read-only', async () => {
    const q = await quotedCase(t.core, 'c', (d) => {
      d.insured.passport.series = ''
      d.vehicle.vin = 'Z94C251ABMR12345O'
    })
    const r = await call(t.core, 'casco/submit-for-approval', { id: q.id, rowVersion: q.rowVersion }, 'c')
    expect(r).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        fieldErrors: {
          'insured.passport.series': expect.any(String),
          'vehicle.vin': 'validation.vin.forbiddenLetters',
        },
      },
    })
    const s = await submittedCase(t.core, 'c')
    expect(s).toMatchObject({
      status: 'submitted',
      submittedBy: { name: 'Сотрудник clerk1' },
      inspection: null,
      decisions: [],
    })
    expect(
      await call(t.core, 'casco/save-draft', { id: s.id, rowVersion: s.rowVersion, draft: s.draft }, 'c'),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(await call(t.core, 'casco/discard-quote', { id: s.id, rowVersion: s.rowVersion }, 'c')).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    })
    expect(
      await call(
        t.core,
        'casco/issue-contract',
        {
          id: s.id,
          rowVersion: s.rowVersion,
          payment: { method: 'cash', receiptNumber: 'ФД 1', amountKopecks: s.totalKopecks! },
        },
        'c',
      ),
    ).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'Договор можно заключить только по согласованному расчёту' },
    })
  })

  it('issues an approved quote: a per-branch number, a schedule to the kopeck and the first instalment', async () => {
    const s = await submittedCase(t.core, 'c', (d) => {
      d.options[0]!.plan = 'four'
    })
    await submittedInspection(t.core, 'i', s.id, [damage()])
    await approve(s.id)
    const approved = await expectOk(call(t.core, 'casco/get-quote', { id: s.id }, 'c'))
    expect(approved).toMatchObject({
      status: 'approved',
      inspection: { status: 'submitted' },
      decisions: [{ decision: 'approved', decidedByName: 'Сотрудник supervisor1' }],
    })
    const option = approved.result!.options[0]!
    const wrong = await call(
      t.core,
      'casco/issue-contract',
      {
        id: s.id,
        rowVersion: approved.rowVersion,
        payment: { method: 'card', receiptNumber: 'ФД 7', amountKopecks: approved.totalKopecks! },
      },
      'c',
    )
    expect(wrong).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fieldErrors: { 'payment.amountKopecks': 'casco.ui.errors.firstPaymentMismatch' } },
    })
    const first = option.schedule.payments[0]!.amountKopecks
    const issued = await expectOk(
      call(
        t.core,
        'casco/issue-contract',
        {
          id: s.id,
          rowVersion: approved.rowVersion,
          payment: { method: 'card', receiptNumber: 'ФД 7', amountKopecks: first },
        },
        'c',
      ),
    )
    expect(issued).toMatchObject({
      status: 'issued',
      contractNumber: 'MSK-01-К000001',
      firstPayment: { amountKopecks: first, method: 'card', receiptNumber: 'ФД 7' },
      issuedBy: { name: 'Сотрудник clerk1' },
    })
    const schedule = issued.schedule!
    expect(schedule.plan).toBe('four')
    expect(schedule.payments.map((p) => p.dueDate)).toEqual([0, 3, 6, 9].map((m) => addMonthsIso(today(t.core), m)))
    expect(schedule.payments.reduce((a, p) => a + p.amountKopecks, 0)).toBe(schedule.totalKopecks)
    const amounts = schedule.payments.map((p) => p.amountKopecks)
    expect(Math.max(...amounts) - Math.min(...amounts)).toBeLessThanOrEqual(1)
    expect(schedule.totalKopecks).toBe(option.schedule.totalKopecks)
    expect(issued.totalKopecks).toBe(schedule.totalKopecks)
    // Found by its number; the next contract of the branch gets the next number.
    expect(
      (await expectOk(call(t.core, 'casco/list-quotes', { query: 'к000001', limit: 50, offset: 0 }, 'c'))).items.map(
        (x) => x.id,
      ),
    ).toEqual([s.id])
    const s2 = await submittedCase(t.core, 'c')
    await submittedInspection(t.core, 'i', s2.id)
    await approve(s2.id)
    const a2 = await expectOk(call(t.core, 'casco/get-quote', { id: s2.id }, 'c'))
    const i2 = await expectOk(
      call(
        t.core,
        'casco/issue-contract',
        {
          id: s2.id,
          rowVersion: a2.rowVersion,
          payment: { method: 'cash', receiptNumber: 'ФД 8', amountKopecks: a2.totalKopecks! },
        },
        'c',
      ),
    )
    expect(i2.contractNumber).toBe('MSK-01-К000002')
    // A whole number, typed with a Latin K and in lower case, is read from the number's own index.
    for (const query of ['msk-01-k000002', 'MSK-01-К000001'])
      expect(
        (await expectOk(call(t.core, 'casco/list-quotes', { query, limit: 50, offset: 0 }, 'c'))).items.map(
          (x) => x.id,
        ),
      ).toEqual([query.endsWith('2') ? s2.id : s.id])
    expect(
      await call(
        t.core,
        'casco/issue-contract',
        {
          id: s2.id,
          rowVersion: i2.rowVersion,
          payment: { method: 'cash', receiptNumber: 'ФД 8', amountKopecks: a2.totalKopecks! },
        },
        'c',
      ),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  })

  it('refuses to issue on an expired approval; the clerk submits it again', async () => {
    const s = await submittedCase(t.core, 'c')
    await submittedInspection(t.core, 'i', s.id)
    await approve(s.id, today(t.core))
    t.clock.advance(24 * 3600_000)
    await expectOk(call(t.core, 'session/unlock-screen', { password: 'Own12345' }, 'c'))
    const a = await expectOk(call(t.core, 'casco/get-quote', { id: s.id }, 'c'))
    expect(
      await call(
        t.core,
        'casco/issue-contract',
        {
          id: s.id,
          rowVersion: a.rowVersion,
          payment: { method: 'cash', receiptNumber: 'ФД 1', amountKopecks: a.totalKopecks! },
        },
        'c',
      ),
    ).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining('отправьте расчёт на согласование снова') },
    })
    expect(
      await expectOk(call(t.core, 'casco/submit-for-approval', { id: s.id, rowVersion: a.rowVersion }, 'c')),
    ).toMatchObject({ status: 'submitted' })
  })

  it('lists quotes still needing a report to inspectors and supervisors only', async () => {
    const a = await quotedCase(t.core, 'c')
    const b = await submittedCase(t.core, 'c')
    await submittedInspection(t.core, 'i', b.id)
    const list = await expectOk(call(t.core, 'casco/list-for-inspection', {}, 'i'))
    expect(list.map((x) => x.id)).toEqual([a.id])
    expect(list[0]).toMatchObject({
      insuredName: 'Смирнов Алексей Игоревич',
      vehicleName: 'Kia Rio',
      year: 2021,
      plate: 'А123ВС777',
    })
    expect(await call(t.core, 'casco/list-for-inspection', {}, 'c')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(await call(t.core, 'casco/create-quote', undefined, 'i')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
  })

  it('starts an inspection for a quote from its client and vehicle, in the one created write', async () => {
    const q = await quotedCase(t.core, 'c', (d) => {
      d.vehicle.year = 2022
      d.vehicle.plate = 'В456ОР799'
      d.insured.phone = '+7 903 765-43-21'
    })
    const i = await expectOk(call(t.core, 'inspection/create', { quoteId: q.id }, 'i'))
    expect(i.report.client).toEqual({ name: 'Смирнов Алексей Игоревич', phone: '+7 903 765-43-21' })
    expect(i.report.vehicle).toMatchObject({
      make: 'Kia',
      model: 'Rio',
      year: 2022,
      plate: 'В456ОР799',
      vinDocument: 'Z94C251ABMR123456',
      // What the inspector reads off the car is theirs to type.
      vinBody: '',
      vinPlate: '',
      colour: '',
    })
    // One write: the created row already carries it (outbox, audit and the list's columns), no second save.
    const outbox = (await t.core.db('outbox').where({ entity: 'inspection', entity_id: i.id })) as Array<{
      data: string
    }>
    expect(outbox).toHaveLength(1)
    expect(JSON.parse(outbox[0]!.data)).toMatchObject({ plate: 'В456ОР799', client_name: 'Смирнов Алексей Игоревич' })
    expect((await t.core.db('audit_log').where({ entity_id: i.id })).map((r: { action: string }) => r.action)).toEqual([
      'inspection.created',
    ])
    const found = await expectOk(call(t.core, 'inspection/list', { query: 'В456ОР799', limit: 50, offset: 0 }, 'i'))
    expect(found.items.map((x) => x.id)).toEqual([i.id])
    // A model the catalogue does not list and a car with no VIN: the name and the body number as typed.
    const other = await quotedCase(t.core, 'c', (d) => {
      d.vehicle.modelId = null
      d.vehicle.otherName = 'Rio X-Line'
      d.vehicle.vinMissing = true
      d.vehicle.vin = ''
      d.vehicle.bodyNumber = 'KNADN512ABC123456'
    })
    const j = await expectOk(call(t.core, 'inspection/create', { quoteId: other.id }, 'i'))
    expect(j.report.vehicle).toMatchObject({ make: 'Kia', model: 'Rio X-Line', vinDocument: 'KNADN512ABC123456' })
    // The inspector may still correct what came from the quote.
    const edited = await expectOk(
      call(
        t.core,
        'inspection/save-report',
        { id: i.id, rowVersion: i.rowVersion, report: { ...i.report, vehicle: { ...i.report.vehicle, year: 2021 } } },
        'i',
      ),
    )
    expect(edited.report.vehicle.year).toBe(2021)
    // A walk-in check still starts empty.
    const walkIn = await expectOk(call(t.core, 'inspection/create', undefined, 'i'))
    expect(walkIn.report.client).toEqual({ name: '', phone: '' })
    expect(walkIn.report.vehicle.make).toBe('')
  })
})

function addMonthsIso(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const index = y * 12 + (m - 1) + months
  const ty = Math.floor(index / 12)
  const tm = (index % 12) + 1
  const last = new Date(Date.UTC(ty, tm, 0)).getUTCDate()
  return `${ty}-${String(tm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`
}
