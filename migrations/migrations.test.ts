import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Knex } from 'knex'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../core/db/openDatabase'
import { MIGRATIONS, migrationSource } from './index'
import { searchColumns as cascoSearchColumns } from '../core/casco/cascoRows'
import { searchColumns as osagoSearchColumns } from '../core/osago/osagoRows'
import { emptyCascoDraft } from '../shared/casco/draft'
import { emptyDraft as emptyOsagoDraft } from '../shared/osago/draft'

/**
 * Each migration is run from the schema before it (with data in it), then down and up again, so that a branch
 * upgrading from any shipped version gets there and a failed upgrade can be rolled back.
 */
let dir: string
let db: Db
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bd-mig-'))
  db = await openDatabase(join(dir, 'db.sqlite'), { migrate: false })
})
afterEach(async () => {
  await db.destroy()
  rmSync(dir, { recursive: true, force: true })
})

async function tables(): Promise<string[]> {
  const rows = (await db.raw(
    "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'knex_%' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  )) as { name: string }[]
  return rows.map((r) => r.name)
}

describe('migrations', () => {
  it('are named <timestamp>_<what> and ordered', () => {
    const names = MIGRATIONS.map((m) => m.name)
    expect([...names].sort()).toEqual(names)
    for (const n of names) expect(n).toMatch(/^\d{14}_[a-z0-9_]+$/)
  })

  it('20261121000001_foundation: from an empty database', async () => {
    await db.migrate.latest({ migrationSource: migrationSource('20261121000001_foundation') })
    expect(await tables()).toEqual(['audit_log', 'branch', 'outbox', 'setting', 'sign_in_guard', 'staff'])
    // The role check constraint and foreign key are real.
    await db('branch').insert({ id: 'b', code: 'A', name: 'A', city: 'A', created_at: 'x', updated_at: 'x' })
    await expect(
      db('staff').insert({
        id: 's',
        branch_id: 'b',
        login: 'l',
        full_name: 'f',
        role: 'ceo',
        password_hash: 'h',
        created_at: 'x',
        updated_at: 'x',
      }),
    ).rejects.toThrow(/CHECK/)
    await expect(
      db('staff').insert({
        id: 's',
        branch_id: 'nope',
        login: 'l',
        full_name: 'f',
        role: 'clerk',
        password_hash: 'h',
        created_at: 'x',
        updated_at: 'x',
      }),
    ).rejects.toThrow(/FOREIGN KEY/)
    await db.migrate.rollback({ migrationSource: migrationSource() }, true)
    expect(await tables()).toEqual([])
    await db.migrate.latest({ migrationSource: migrationSource() })
    expect(await tables()).toContain('outbox')
  })

  it('20261121000002_blanks: from the foundation schema with a branch and staff in it', async () => {
    await db.migrate.latest({ migrationSource: migrationSource('20261121000001_foundation') })
    await db('branch').insert({ id: 'b', code: 'A', name: 'A', city: 'A', created_at: 'x', updated_at: 'x' })
    await db('staff').insert({
      id: 's',
      branch_id: 'b',
      login: 'admin',
      full_name: 'f',
      role: 'admin',
      password_hash: 'h',
      created_at: 'x',
      updated_at: 'x',
    })
    await db('outbox').insert({
      change_id: 'c',
      entity: 'staff',
      entity_id: 's',
      op: 'insert',
      row_version: 1,
      data: '{}',
      changed_at: 'x',
    })

    await db.migrate.latest({ migrationSource: migrationSource('20261121000002_blanks') })
    expect(await tables()).toContain('policy_blank')
    expect(await db('staff')).toHaveLength(1)
    expect(await db('outbox')).toHaveLength(1)
    const blank = (id: string, number: string, extra: Record<string, unknown> = {}) => ({
      id,
      series: 'ХХХ',
      number,
      status: 'available',
      received_at: 'x',
      received_by: 's',
      created_at: 'x',
      updated_at: 'x',
      ...extra,
    })
    await db('policy_blank').insert(blank('1', '0000000001'))
    await db('policy_blank').insert(
      blank('2', '0000000002', { status: 'used', policy_id: 'p', used_at: 'x', used_by: 's' }),
    )
    await db('policy_blank').insert(
      blank('3', '0000000003', {
        status: 'spoiled',
        policy_id: 'p',
        spoiled_at: 'x',
        spoiled_by: 's',
        spoiled_reason: 'r',
      }),
    )
    // One number once; statuses, staff references and the fields each status needs are enforced.
    await expect(db('policy_blank').insert(blank('4', '0000000001'))).rejects.toThrow(/UNIQUE/)
    await expect(db('policy_blank').insert(blank('4', '0000000004', { status: 'lost' }))).rejects.toThrow(
      /CHECK|do not match the status/,
    )
    await expect(db('policy_blank').insert(blank('4', '0000000004', { received_by: 'nobody' }))).rejects.toThrow(
      /FOREIGN KEY/,
    )
    await expect(db('policy_blank').insert(blank('4', '0000000004', { status: 'used' }))).rejects.toThrow(
      /do not match the status/,
    )
    // A policy holds one used blank at a time.
    await expect(
      db('policy_blank').insert(blank('4', '0000000004', { status: 'used', policy_id: 'p', used_at: 'x' })),
    ).rejects.toThrow(/UNIQUE/)
    await expect(
      db('policy_blank').where({ id: '2' }).update({ status: 'available', policy_id: null, used_at: null }),
    ).rejects.toThrow(/never returns/)

    // Rolling back this migration leaves the foundation and its data as they were; up again works.
    await db.migrate.down({ migrationSource: migrationSource('20261121000002_blanks') })
    expect(await tables()).toEqual(['audit_log', 'branch', 'outbox', 'setting', 'sign_in_guard', 'staff'])
    expect(await db('staff')).toHaveLength(1)
    await db.migrate.latest({ migrationSource: migrationSource('20261121000002_blanks') })
    expect(await db('policy_blank')).toHaveLength(0)
  })

  it('20261121000003_printing: from the blanks schema with data in it', async () => {
    await db.migrate.latest({ migrationSource: migrationSource('20261121000002_blanks') })
    await db('setting').insert({ id: 's1', key: 'security', value: '{}', created_at: 'x', updated_at: 'x' })
    const before = await tables()

    await db.migrate.latest({ migrationSource: migrationSource('20261121000003_printing') })
    expect(await tables()).toEqual([...before, 'printer_profile'].sort())
    expect(await db('setting')).toHaveLength(1)
    const profile = (id: string, name: string, x: number, y: number) => ({
      id,
      printer_name: name,
      offset_x_mm: x,
      offset_y_mm: y,
      created_at: 'x',
      updated_at: 'x',
    })
    await db('printer_profile').insert(profile('p1', 'Kyocera', 1.5, -2.5))
    expect(await db('printer_profile').first()).toMatchObject({ offset_x_mm: 1.5, offset_y_mm: -2.5, row_version: 1 })
    // One profile per printer; offsets beyond ±20 mm are refused by the database too.
    await expect(db('printer_profile').insert(profile('p2', 'Kyocera', 0, 0))).rejects.toThrow(/UNIQUE/)
    await expect(db('printer_profile').insert(profile('p2', 'HP', 20.5, 0))).rejects.toThrow(/limited to 20 mm/)
    await expect(db('printer_profile').where({ id: 'p1' }).update({ offset_y_mm: -21 })).rejects.toThrow(
      /limited to 20 mm/,
    )

    await db.migrate.down({ migrationSource: migrationSource('20261121000003_printing') })
    expect(await tables()).toEqual(before)
    expect(await db('setting')).toHaveLength(1)
    await db.migrate.latest({ migrationSource: migrationSource('20261121000003_printing') })
    expect(await db('printer_profile')).toHaveLength(0)
  })

  it('20261121000005_termination: from the OSAGO schema with a branch, staff and an issued policy in it', async () => {
    await db.migrate.latest({ migrationSource: migrationSource('20261121000004_osago') })
    await db('branch').insert({ id: 'b', code: 'A', name: 'A', city: 'A', created_at: 'x', updated_at: 'x' })
    await db('staff').insert({
      id: 's',
      branch_id: 'b',
      login: 'clerk',
      full_name: 'f',
      role: 'clerk',
      password_hash: 'h',
      created_at: 'x',
      updated_at: 'x',
    })
    await db('osago_policy').insert({ id: 'p', status: 'issued', draft: '{}', created_at: 'x', updated_at: 'x' })

    await db.migrate.latest({ migrationSource: migrationSource('20261121000005_termination') })
    expect(await db('osago_policy').first()).toMatchObject({ id: 'p', status: 'issued', terminated_on: null })
    await db('osago_policy').where({ id: 'p' }).update({ terminated_on: '2026-03-01' })
    const app = (id: string, seq: number, extra: Record<string, unknown> = {}) => ({
      id,
      created_at: 'x',
      updated_at: 'x',
      branch_id: 'b',
      incoming_year: 2026,
      incoming_seq: seq,
      incoming_number: `A-2026-${seq}`,
      received_at: 'x',
      received_on: '2026-03-01',
      received_by: 's',
      status: 'received',
      contract_source: 'osago',
      contract_id: `c${seq}`,
      contract: '{}',
      kind: 'osago-early-termination',
      details: '{}',
      required_documents: '[]',
      policyholder_name: 'n',
      contract_number: 'n',
      search_text: 'n',
      ...extra,
    })
    await db('termination_application').insert(app('1', 1))
    // Numbers are unique per branch and year and never change; one open application per contract.
    await expect(db('termination_application').insert(app('2', 1, { incoming_number: 'other' }))).rejects.toThrow(
      /UNIQUE/,
    )
    await expect(db('termination_application').insert(app('2', 2, { contract_id: 'c1' }))).rejects.toThrow(/UNIQUE/)
    await expect(db('termination_application').insert(app('2', 2, { status: 'sent' }))).rejects.toThrow(
      /CHECK|do not match/,
    )
    await expect(db('termination_application').insert(app('2', 2, { received_by: 'nobody' }))).rejects.toThrow(
      /FOREIGN KEY/,
    )
    await expect(
      db('termination_application').where({ id: '1' }).update({ incoming_number: 'A-2026-9' }),
    ).rejects.toThrow(/never changes/)
    // Each status carries its facts: no payment without a payment document, no refusal without a reason.
    await expect(
      db('termination_application').where({ id: '1' }).update({ status: 'paid', paid_on: '2026-03-02' }),
    ).rejects.toThrow(/do not match/)
    await expect(
      db('termination_application').where({ id: '1' }).update({ status: 'refused', refused_at: 'y' }),
    ).rejects.toThrow(/do not match/)
    await expect(db('termination_application').where({ id: '1' }).update({ status: 'calculated' })).rejects.toThrow(
      /do not match/,
    )
    await db('termination_application')
      .where({ id: '1' })
      .update({ status: 'refused', refused_at: 'y', refusal_reason: 'r' })
    await db('termination_application').insert(app('2', 2, { contract_id: 'c1' }))
    await db('manual_contract').insert({
      id: 'm',
      created_at: 'x',
      updated_at: 'x',
      product: 'casco',
      contract_number: '1',
      policyholder_type: 'individual',
      policyholder_name: 'n',
      conclusion_date: '2026-01-01',
      start_date: '2026-01-01',
      end_date: '2026-12-31',
      premium_kopecks: 1,
      search_text: 'n',
    })
    await expect(
      db('manual_contract').insert({
        id: 'm2',
        created_at: 'x',
        updated_at: 'x',
        product: 'life',
        contract_number: '1',
        policyholder_type: 'individual',
        policyholder_name: 'n',
        conclusion_date: 'x',
        start_date: 'x',
        end_date: 'x',
        premium_kopecks: 1,
        search_text: 'n',
      }),
    ).rejects.toThrow(/CHECK/)

    await db.migrate.down({ migrationSource: migrationSource('20261121000005_termination') })
    expect(await tables()).not.toContain('termination_application')
    expect(await db('osago_policy').first()).toEqual(expect.not.objectContaining({ terminated_on: expect.anything() }))
    expect(await db('osago_policy')).toHaveLength(1)
    await db.migrate.latest({ migrationSource: migrationSource('20261121000005_termination') })
    expect(await db('termination_application')).toHaveLength(0)
  })

  it('20261121000006_casco: from the OSAGO schema with staff and a policy in it', async () => {
    await db.migrate.latest({ migrationSource: migrationSource('20261121000004_osago') })
    await db('branch').insert({ id: 'b', code: 'A', name: 'A', city: 'A', created_at: 'x', updated_at: 'x' })
    await db('staff').insert({
      id: 's',
      branch_id: 'b',
      login: 'clerk',
      full_name: 'f',
      role: 'clerk',
      password_hash: 'h',
      created_at: 'x',
      updated_at: 'x',
    })
    await db('osago_policy').insert({ id: 'p', status: 'draft', draft: '{}', created_at: 'x', updated_at: 'x' })

    await db.migrate.latest({ migrationSource: migrationSource('20261121000006_casco') })
    expect(await db('osago_policy')).toHaveLength(1)
    const quote = (id: string, extra: Record<string, unknown> = {}) => ({
      id,
      status: 'draft',
      draft: '{}',
      created_by: 's',
      created_at: 'x',
      updated_at: 'x',
      ...extra,
    })
    const issued = {
      status: 'issued',
      chosen_option: 'o',
      total_kopecks: 100,
      schedule: '{}',
      first_payment: '{}',
      contract_branch: 'A',
    }
    await db('casco_quote').insert(quote('1'))
    await db('casco_quote').insert(quote('2', { ...issued, contract_seq: 1, contract_number: 'A-1' }))
    await expect(db('casco_quote').insert(quote('3', { status: 'sold' }))).rejects.toThrow(/CHECK/)
    await expect(db('casco_quote').insert(quote('3', { created_by: 'nobody' }))).rejects.toThrow(/FOREIGN KEY/)
    // An issued contract has its number, schedule and payment; numbers are unique per branch and never change.
    await expect(db('casco_quote').insert(quote('3', { ...issued, contract_seq: 2 }))).rejects.toThrow(
      /needs its number/,
    )
    await expect(
      db('casco_quote').insert(quote('3', { ...issued, contract_seq: 1, contract_number: 'A-1b' })),
    ).rejects.toThrow(/UNIQUE/)
    await expect(db('casco_quote').where({ id: '1' }).update(issued)).rejects.toThrow(/needs its number/)
    await expect(
      db('casco_quote').where({ id: '2' }).update({ contract_number: 'A-9', contract_seq: 9 }),
    ).rejects.toThrow(/never changed/)
    await db('casco_quote').where({ id: '2' }).update({ status: 'printed', printed_at: 'y' })

    await db.migrate.down({ migrationSource: migrationSource('20261121000006_casco') })
    expect(await tables()).not.toContain('casco_quote')
    expect(await db('osago_policy')).toHaveLength(1)
    await db.migrate.latest({ migrationSource: migrationSource('20261121000006_casco') })
    expect(await db('casco_quote')).toHaveLength(0)
  })

  it('20261121000007_inspection: from the CASCO schema with staff and a quote in it', async () => {
    const before = MIGRATIONS[MIGRATIONS.findIndex((m) => m.name === '20261121000007_inspection') - 1]!.name
    await db.migrate.latest({ migrationSource: migrationSource(before) })
    await db('branch').insert({ id: 'b', code: 'A', name: 'A', city: 'A', created_at: 'x', updated_at: 'x' })
    await db('staff').insert({
      id: 'i',
      branch_id: 'b',
      login: 'insp',
      full_name: 'f',
      role: 'inspector',
      password_hash: 'h',
      created_at: 'x',
      updated_at: 'x',
    })
    await db('casco_quote').insert({
      id: 'q',
      status: 'draft',
      draft: '{}',
      created_by: 'i',
      created_at: 'x',
      updated_at: 'x',
    })

    await db.migrate.latest({ migrationSource: migrationSource('20261121000007_inspection') })
    expect(await db('casco_quote')).toHaveLength(1)
    const inspection = (id: string, extra: Record<string, unknown> = {}) => ({
      id,
      number: `A/${id}`,
      status: 'draft',
      report: '{}',
      checklist_version: 'v',
      inspector_id: 'i',
      created_at: 'x',
      updated_at: 'x',
      ...extra,
    })
    await db('inspection').insert(inspection('1', { quote_id: 'q' }))
    // A quote may come later or from another device: no foreign key on it. The inspector must exist.
    await db('inspection').insert(inspection('2', { quote_id: 'not-yet-synced' }))
    await expect(db('inspection').insert(inspection('3', { number: 'A/1' }))).rejects.toThrow(/UNIQUE/)
    await expect(db('inspection').insert(inspection('3', { status: 'approved' }))).rejects.toThrow(/CHECK/)
    await expect(db('inspection').insert(inspection('3', { inspector_id: 'nobody' }))).rejects.toThrow(/FOREIGN KEY/)
    const damage = (id: string, extra: Record<string, unknown> = {}) => ({
      id,
      inspection_id: '1',
      seq: Number(id),
      view: 'left',
      x: 0.5,
      y: 0.5,
      created_at: 'x',
      updated_at: 'x',
      ...extra,
    })
    await db('inspection_damage').insert(damage('1'))
    await expect(db('inspection_damage').insert(damage('2', { seq: 1 }))).rejects.toThrow(/UNIQUE/)
    await expect(db('inspection_damage').insert(damage('2', { view: 'underside' }))).rejects.toThrow(/CHECK/)
    await expect(db('inspection_damage').insert(damage('2', { x: 1.5 }))).rejects.toThrow(/CHECK/)
    const photo = (id: string, extra: Record<string, unknown> = {}) => ({
      id,
      inspection_id: '1',
      sha256: `h${id}`,
      shot: 'front',
      captured_at: 'x',
      source: 'file',
      width: 1,
      height: 1,
      bytes: 1,
      format: 'jpeg',
      created_at: 'x',
      updated_at: 'x',
      ...extra,
    })
    await db('inspection_photo').insert(photo('1'))
    await db('inspection_photo').insert(photo('2', { shot: 'damage', damage_id: '1' }))
    // A damage photo names its row and no other shot does; one picture once per inspection while it is in use.
    await expect(db('inspection_photo').insert(photo('3', { shot: 'damage' }))).rejects.toThrow(/damage_id is required/)
    await expect(db('inspection_photo').insert(photo('3', { damage_id: '1' }))).rejects.toThrow(/damage_id is required/)
    await expect(db('inspection_photo').where({ id: '2' }).update({ damage_id: null })).rejects.toThrow(
      /damage_id is required/,
    )
    await expect(db('inspection_photo').insert(photo('3', { sha256: 'h1' }))).rejects.toThrow(/UNIQUE/)
    await db('inspection_photo').where({ id: '1' }).update({ removed_at: 'y' })
    await db('inspection_photo').insert(photo('3', { sha256: 'h1' }))
    await expect(db('inspection_photo').insert(photo('4', { source: 'scanner' }))).rejects.toThrow(/CHECK/)

    await db.migrate.down({ migrationSource: migrationSource('20261121000007_inspection') })
    expect(await tables()).not.toContain('inspection')
    expect(await db('casco_quote')).toHaveLength(1)
    await db.migrate.latest({ migrationSource: migrationSource('20261121000007_inspection') })
    expect(await db('inspection')).toHaveLength(0)
  })

  it('20261121000008_approval: from the schema before it, with a quote in it; decisions are append-only', async () => {
    const before = MIGRATIONS[MIGRATIONS.findIndex((m) => m.name === '20261121000008_approval') - 1]!.name
    await db.migrate.latest({ migrationSource: migrationSource(before) })
    await db('branch').insert({ id: 'b', code: 'A', name: 'A', city: 'A', created_at: 'x', updated_at: 'x' })
    for (const [id, role] of [
      ['c', 'clerk'],
      ['v', 'supervisor'],
    ] as const) {
      await db('staff').insert({
        id,
        branch_id: 'b',
        login: id,
        full_name: id,
        role,
        password_hash: 'h',
        created_at: 'x',
        updated_at: 'x',
      })
    }
    await db('casco_quote').insert({
      id: 'q',
      status: 'submitted',
      draft: '{}',
      created_by: 'c',
      created_at: 'x',
      updated_at: 'x',
    })

    await db.migrate.latest({ migrationSource: migrationSource('20261121000008_approval') })
    expect(await db('casco_quote')).toHaveLength(1)
    const decision = (id: string, extra: Record<string, unknown>) => ({
      id,
      quote_id: 'q',
      quote_row_version: 1,
      checks: '[]',
      decided_by: 'v',
      decided_by_name: 'V',
      decided_at: 'x',
      created_at: 'x',
      updated_at: 'x',
      ...extra,
    })
    await db('approval_decision').insert(
      decision('1', { decision: 'returned', return_to: 'inspector', comment: 'Нет фото VIN' }),
    )
    await db('approval_decision').insert(
      decision('2', {
        decision: 'approved-with-conditions',
        conditions: '["Бампер исключён"]',
        valid_until: '2026-12-01',
      }),
    )
    await expect(
      db('approval_decision').insert(decision('3', { decision: 'rejected', comment: '  ' })),
    ).rejects.toThrow(/do not match/)
    await expect(db('approval_decision').insert(decision('3', { decision: 'returned', comment: 'x' }))).rejects.toThrow(
      /do not match/,
    )
    await expect(
      db('approval_decision').insert(
        decision('3', { decision: 'approved-with-conditions', conditions: '[]', valid_until: 'd' }),
      ),
    ).rejects.toThrow(/do not match/)
    await expect(db('approval_decision').insert(decision('3', { decision: 'approved' }))).rejects.toThrow(
      /do not match/,
    )
    await expect(db('approval_decision').insert(decision('3', { decision: 'maybe', comment: 'x' }))).rejects.toThrow(
      /CHECK|do not match/,
    )
    await expect(
      db('approval_decision').insert(decision('3', { decision: 'rejected', comment: 'x', quote_id: 'nope' })),
    ).rejects.toThrow(/FOREIGN KEY/)
    // The quote's author never decides on it; nothing decided is edited or removed.
    await expect(
      db('approval_decision').insert(decision('3', { decision: 'rejected', comment: 'x', decided_by: 'c' })),
    ).rejects.toThrow(/author/)
    await expect(db('approval_decision').where({ id: '1' }).update({ comment: 'changed' })).rejects.toThrow(
      /append-only/,
    )
    await expect(db('approval_decision').where({ id: '1' }).delete()).rejects.toThrow(/append-only/)

    await db.migrate.down({ migrationSource: migrationSource('20261121000008_approval') })
    expect(await tables()).not.toContain('approval_decision')
    expect(await db('casco_quote')).toHaveLength(1)
    await db.migrate.latest({ migrationSource: migrationSource('20261121000008_approval') })
    expect(await db('approval_decision')).toHaveLength(0)
  })

  it('20261121000009_sync: from the schema before it, with pending and sent outbox rows in it', async () => {
    await db.migrate.latest({ migrationSource: migrationSource('20261121000008_approval') })
    const change = (id: string, sent: string | null) => ({
      change_id: id,
      entity: 'setting',
      entity_id: 's',
      op: 'insert',
      row_version: 1,
      data: '{}',
      changed_at: 'x',
      sent_at: sent,
    })
    await db('outbox').insert([change('c1', null), change('c2', 'y')])

    await db.migrate.latest({ migrationSource: migrationSource('20261121000009_sync') })
    expect(await tables()).toEqual(
      expect.arrayContaining(['sync_issue', 'sync_pull_deferred', 'sync_state', 'sync_blob', 'osago_registration']),
    )
    // Existing rows keep their state; the new columns start empty.
    expect(await db('outbox').orderBy('seq').select('change_id', 'sent_at', 'outcome', 'attempts')).toEqual([
      { change_id: 'c1', sent_at: null, outcome: null, attempts: 0 },
      { change_id: 'c2', sent_at: 'y', outcome: null, attempts: 0 },
    ])
    await expect(db('outbox').where({ change_id: 'c1' }).update({ outcome: 'maybe' })).rejects.toThrow(/CHECK/)
    const issue = {
      id: 'i1',
      change_id: 'c1',
      kind: 'conflict',
      entity: 'setting',
      entity_id: 's',
      reason_code: 'stale',
      reason_params: '{}',
      recorded_at: 'x',
    }
    await db('sync_issue').insert(issue)
    await expect(db('sync_issue').insert({ ...issue, id: 'i2' })).rejects.toThrow(/UNIQUE/)
    await expect(db('sync_issue').insert({ ...issue, id: 'i2', change_id: 'c2', kind: 'lost' })).rejects.toThrow(
      /CHECK/,
    )
    // A change that lost is kept for good.
    await expect(db('sync_issue').where({ id: 'i1' }).delete()).rejects.toThrow(/kept for good/)
    await db('sync_issue').where({ id: 'i1' }).update({ seen_at: 'z' })
    await expect(
      db('osago_registration').insert({ id: 'p', created_at: 'x', updated_at: 'x', policy_id: 'p', status: 'pending' }),
    ).rejects.toThrow(/CHECK/)

    await db.migrate.down({ migrationSource: migrationSource('20261121000009_sync') })
    expect(await tables()).not.toContain('sync_issue')
    expect(await db('outbox').orderBy('seq').select('change_id', 'sent_at')).toEqual([
      { change_id: 'c1', sent_at: null },
      { change_id: 'c2', sent_at: 'y' },
    ])
    await db.migrate.latest({ migrationSource: migrationSource('20261121000009_sync') })
    expect(await db('sync_issue')).toHaveLength(0)
  })

  it('20261121000010_casco_termination: from the schema before it, keeping applications, quotes and their triggers', async () => {
    await db.migrate.latest({ migrationSource: migrationSource('20261121000009_sync') })
    const objects = async () =>
      (
        (await db.raw(
          "SELECT name FROM sqlite_master WHERE tbl_name IN ('casco_quote', 'termination_application') AND sql IS NOT NULL ORDER BY name",
        )) as { name: string }[]
      ).map((r) => r.name)
    const before = await objects()
    await db('casco_quote').insert({ id: 'q1', status: 'draft', draft: '{}', created_at: 'x', updated_at: 'x' })
    await db.migrate.latest({ migrationSource: migrationSource('20261121000010_casco_termination') })
    expect(await db('casco_quote').where({ id: 'q1' }).first()).toMatchObject({ status: 'draft', terminated_on: null })
    expect(await objects()).toEqual(before)
    const ddl = (
      (await db.raw("SELECT sql FROM sqlite_master WHERE name = 'termination_application'")) as { sql: string }[]
    )[0]!.sql
    expect(ddl).toContain("in ('osago','casco','manual')")
    await db.migrate.down({ migrationSource: migrationSource('20261121000010_casco_termination') })
    expect(Object.keys(await db('casco_quote').where({ id: 'q1' }).first())).not.toContain('terminated_on')
    expect(await objects()).toEqual(before)
  })

  it('20261205000012_termination_grounds: from the schema before it, CASCO loss and refusal kinds and the late-payout column', async () => {
    const before = MIGRATIONS[MIGRATIONS.findIndex((m) => m.name === '20261205000012_termination_grounds') - 1]!.name
    await db.migrate.latest({ migrationSource: migrationSource(before) })
    const objects = async () =>
      (
        (await db.raw(
          "SELECT name FROM sqlite_master WHERE tbl_name = 'termination_application' AND sql IS NOT NULL ORDER BY name",
        )) as { name: string }[]
      ).map((r) => r.name)
    const columns = async () => Object.keys(await db('termination_application').columnInfo())
    const kept = await objects()
    await db('branch').insert({ id: 'b', code: 'A', name: 'A', city: 'A', created_at: 'x', updated_at: 'x' })
    const row = (id: string, kind: string, n: number) => ({
      id,
      created_at: 'x',
      updated_at: 'x',
      branch_id: 'b',
      incoming_year: 2026,
      incoming_seq: n,
      incoming_number: `A-2026-0000${n}`,
      received_at: 'x',
      received_on: '2026-12-05',
      status: 'received',
      contract_source: 'manual',
      contract_id: `m${n}`,
      contract: '{}',
      kind,
      details: '{}',
      required_documents: '[]',
      policyholder_name: 'П',
      contract_number: '1',
      search_text: '',
    })
    await db('termination_application').insert(row('t1', 'casco-sale', 1))
    await expect(db('termination_application').insert(row('t2', 'casco-loss', 2))).rejects.toThrow(/CHECK/)

    await db.migrate.latest({ migrationSource: migrationSource('20261205000012_termination_grounds') })
    expect(await objects()).toEqual(kept)
    expect(await columns()).toContain('late_payout')
    await db('termination_application').insert(row('t2', 'casco-loss', 2))
    await db('termination_application').insert(row('t3', 'casco-refusal', 3))
    await expect(db('termination_application').insert(row('t4', 'casco-theft', 4))).rejects.toThrow(/CHECK/)
    // The shape triggers survived the rebuild: a received application cannot carry a payout.
    await expect(db('termination_application').where({ id: 't1' }).update({ paid_on: '2026-12-06' })).rejects.toThrow(
      /status/,
    )
    expect(await db('termination_application').where({ id: 't1' }).first()).toMatchObject({
      kind: 'casco-sale',
      late_payout: null,
    })

    await db.migrate.down({ migrationSource: migrationSource('20261205000012_termination_grounds') })
    expect(await columns()).not.toContain('late_payout')
    expect(await objects()).toEqual(kept)
    expect((await db('termination_application').select('id')).map((r: { id: string }) => r.id)).toEqual(['t1'])
  })

  it('20261205000013_calendar_deadlines: from the schema before it, adds the notice column and the state table; down removes them', async () => {
    const before = MIGRATIONS[MIGRATIONS.findIndex((m) => m.name === '20261205000013_calendar_deadlines') - 1]!.name
    await db.migrate.latest({ migrationSource: migrationSource(before) })
    const columns = async () => Object.keys(await db('termination_application').columnInfo())
    const tablesBefore = await tables()
    await db.migrate.latest({ migrationSource: migrationSource('20261205000013_calendar_deadlines') })
    expect(await columns()).toContain('deadline_changes')
    expect(await tables()).toEqual([...tablesBefore, 'reference_state'].sort())
    await db('reference_state').insert({ kind: 'production-calendar', data: '{}', versions: '[]', applied_at: 'x' })
    await expect(
      db('reference_state').insert({ kind: 'production-calendar', data: '{}', versions: '[]', applied_at: 'y' }),
    ).rejects.toThrow(/UNIQUE/)
    await db.migrate.down({ migrationSource: migrationSource('20261205000013_calendar_deadlines') })
    expect(await columns()).not.toContain('deadline_changes')
    expect(await tables()).toEqual(tablesBefore)
  })

  it('20261205000014_backup: from the schema before it, adds the device-local backup state; down removes it', async () => {
    const before = MIGRATIONS[MIGRATIONS.findIndex((m) => m.name === '20261205000014_backup') - 1]!.name
    await db.migrate.latest({ migrationSource: migrationSource(before) })
    const tablesBefore = await tables()
    await db('sync_state').insert({ key: 'cursor', value: '7' })
    await db.migrate.latest({ migrationSource: migrationSource('20261205000014_backup') })
    expect(await tables()).toEqual([...tablesBefore, 'backup_state'].sort())
    await db('backup_state').insert({ key: 'folder', value: '"E:\\\\Backups"' })
    await expect(db('backup_state').insert({ key: 'folder', value: '"F:"' })).rejects.toThrow(/UNIQUE/)
    await db.migrate.down({ migrationSource: migrationSource('20261205000014_backup') })
    expect(await tables()).toEqual(tablesBefore)
    expect(await db('sync_state').where({ key: 'cursor' }).first()).toEqual({ key: 'cursor', value: '7' })
  })

  it('20261205000015_osago_documents: from the schema before it, moves draft and calculation into osago_document', async () => {
    const before = MIGRATIONS[MIGRATIONS.findIndex((m) => m.name === '20261205000015_osago_documents') - 1]!.name
    await db.migrate.latest({ migrationSource: migrationSource(before) })
    const draft = JSON.stringify({ insured: { surname: 'Иванов' }, vehicle: { vin: 'XTA21099012345678' } })
    const calculation = JSON.stringify({ premiumKopecks: 1234500, tariffVersion: 't' })
    const policy = (id: string, extra: Record<string, unknown>) => ({
      id,
      created_at: '2026-11-01T10:00:00.000Z',
      updated_at: '2026-11-02T10:00:00.000Z',
      row_version: 4,
      draft,
      insured_name: 'Иванов',
      ...extra,
    })
    await db('osago_policy').insert(policy('a', { status: 'draft' }))
    await db('osago_policy').insert(
      policy('b', { status: 'calculated', application: draft, calculation, premium_kopecks: 1234500 }),
    )

    await db.migrate.latest({ migrationSource: migrationSource('20261205000015_osago_documents') })
    const cols = ((await db.raw('SELECT name FROM pragma_table_info(?)', ['osago_policy'])) as { name: string }[]).map(
      (c) => c.name,
    )
    expect(cols).not.toContain('draft')
    expect(cols).not.toContain('application')
    expect(cols).not.toContain('calculation')
    expect(await db('osago_policy').where({ id: 'b' }).first()).toMatchObject({
      status: 'calculated',
      premium_kopecks: 1234500,
      row_version: 4,
    })
    expect(await db('osago_document').orderBy('id')).toEqual([
      {
        id: 'a',
        created_at: '2026-11-01T10:00:00.000Z',
        updated_at: '2026-11-02T10:00:00.000Z',
        row_version: 1,
        draft,
        calculation: null,
      },
      {
        id: 'b',
        created_at: '2026-11-01T10:00:00.000Z',
        updated_at: '2026-11-02T10:00:00.000Z',
        row_version: 1,
        draft,
        calculation,
      },
    ])
    // HQ gets each document as a record of its own, documents as objects.
    const outbox = (await db('outbox').orderBy('seq')) as Array<{ entity: string; entity_id: string; data: string }>
    expect(outbox.map((o) => [o.entity, o.entity_id])).toEqual([
      ['osago_document', 'a'],
      ['osago_document', 'b'],
    ])
    expect(JSON.parse(outbox[1]!.data)).toMatchObject({
      id: 'b',
      draft: JSON.parse(draft),
      calculation: JSON.parse(calculation),
    })
    // One document per policy, and only for a policy that exists.
    await expect(
      db('osago_document').insert({ id: 'a', created_at: 'x', updated_at: 'x', draft: '{}' }),
    ).rejects.toThrow(/UNIQUE/)
    await expect(
      db('osago_document').insert({ id: 'nope', created_at: 'x', updated_at: 'x', draft: '{}' }),
    ).rejects.toThrow(/FOREIGN KEY/)
    // The list's order and day are indexed.
    const plan = (await db.raw(
      "EXPLAIN QUERY PLAN SELECT id FROM osago_policy WHERE status <> 'discarded' ORDER BY updated_at DESC LIMIT 50",
    )) as Array<{ detail: string }>
    expect(plan.map((p) => p.detail).join(' | ')).toMatch(/osago_updated_idx/)

    await db.migrate.down({ migrationSource: migrationSource('20261205000015_osago_documents') })
    expect(await tables()).not.toContain('osago_document')
    expect(await db('osago_policy').orderBy('id').select('id', 'draft', 'application', 'calculation')).toEqual([
      { id: 'a', draft, application: null, calculation: null },
      { id: 'b', draft, application: draft, calculation },
    ])
  })

  it('20261205000016_write_journal: one insert files audit entries, and outbox changes for local changes; down removes it', async () => {
    const before = MIGRATIONS[MIGRATIONS.findIndex((m) => m.name === '20261205000016_write_journal') - 1]!.name
    await db.migrate.latest({ migrationSource: migrationSource(before) })
    await db.migrate.latest({ migrationSource: migrationSource('20261205000016_write_journal') })
    const entry = (audit: string, change: string | null) => ({
      change_id: change,
      op: change ? 'update' : null,
      row_version: change ? 2 : null,
      data: change ? '{"id":"s1"}' : null,
      audit_id: audit,
      at: '2026-12-05T10:00:00.000Z',
      actor_id: 'u1',
      actor_login: 'clerk',
      action: 'settings.saved',
      entity: change ? 'setting' : null,
      entity_id: change ? 's1' : null,
      before: null,
      after: '{"id":"s1"}',
    })
    // A local change and an event that changes no synced row (a sign-in), in one statement, in order.
    await db('write_journal').insert([entry('a1', 'c1'), entry('a2', null)])
    expect(await db('audit_log').orderBy('seq').select('id', 'actor_login', 'entity', 'after')).toEqual([
      { id: 'a1', actor_login: 'clerk', entity: 'setting', after: '{"id":"s1"}' },
      { id: 'a2', actor_login: 'clerk', entity: null, after: '{"id":"s1"}' },
    ])
    expect(await db('outbox').select('change_id', 'entity', 'entity_id', 'op', 'row_version', 'changed_by')).toEqual([
      { change_id: 'c1', entity: 'setting', entity_id: 's1', op: 'update', row_version: 2, changed_by: 'u1' },
    ])
    // The audit log stays append-only behind the view.
    await expect(db('audit_log').where({ id: 'a1' }).update({ action: 'x' })).rejects.toThrow(/append-only/)
    await db.migrate.down({ migrationSource: migrationSource('20261205000016_write_journal') })
    await expect(db('write_journal').insert(entry('a3', null))).rejects.toThrow(/no such table/)
  })

  it('20261205000017_casco_documents: from the schema before it, moves draft, quote input and result into casco_document', async () => {
    const before = MIGRATIONS[MIGRATIONS.findIndex((m) => m.name === '20261205000017_casco_documents') - 1]!.name
    await db.migrate.latest({ migrationSource: migrationSource(before) })
    const draft = JSON.stringify({ insured: { surname: 'Смирнов' }, vehicle: { vin: 'Z94C251ABMR123456', year: 2021 } })
    const quoteInput = JSON.stringify({ sumInsuredKopecks: 150000000, termMonths: 12 })
    const quoteResult = JSON.stringify({ tariffVersion: 't', options: [{ premiumKopecks: 13176540 }] })
    const quote = (id: string, extra: Record<string, unknown>) => ({
      id,
      created_at: '2026-11-01T10:00:00.000Z',
      updated_at: '2026-11-02T10:00:00.000Z',
      row_version: 3,
      draft,
      insured_name: 'Смирнов',
      ...extra,
    })
    await db('casco_quote').insert(quote('a', { status: 'draft' }))
    await db('casco_quote').insert(
      quote('b', { status: 'quoted', quote_input: quoteInput, quote_result: quoteResult, sum_insured_kopecks: 1 }),
    )

    await db.migrate.latest({ migrationSource: migrationSource('20261205000017_casco_documents') })
    const cols = ((await db.raw('SELECT name FROM pragma_table_info(?)', ['casco_quote'])) as { name: string }[]).map(
      (c) => c.name,
    )
    expect(cols).not.toContain('draft')
    expect(cols).not.toContain('quote_input')
    expect(cols).not.toContain('quote_result')
    expect(await db('casco_quote').where({ id: 'b' }).first()).toMatchObject({
      status: 'quoted',
      sum_insured_kopecks: 1,
      row_version: 3,
    })
    const doc = (id: string, priced: boolean) => ({
      id,
      created_at: '2026-11-01T10:00:00.000Z',
      updated_at: '2026-11-02T10:00:00.000Z',
      row_version: 1,
      draft,
      quote_input: priced ? quoteInput : null,
      quote_result: priced ? quoteResult : null,
    })
    expect(await db('casco_document').orderBy('id')).toEqual([doc('a', false), doc('b', true)])
    // HQ gets each document as a record of its own, documents as objects.
    const outbox = (await db('outbox').orderBy('seq')) as Array<{
      entity: string
      entity_id: string
      op: string
      data: string
    }>
    expect(outbox.map((o) => [o.entity, o.entity_id, o.op])).toEqual([
      ['casco_document', 'a', 'insert'],
      ['casco_document', 'b', 'insert'],
    ])
    expect(JSON.parse(outbox[1]!.data)).toEqual({
      ...doc('b', true),
      draft: JSON.parse(draft),
      quote_input: JSON.parse(quoteInput),
      quote_result: JSON.parse(quoteResult),
    })
    // One document per quote, and only for a quote that exists.
    await expect(
      db('casco_document').insert({ id: 'a', created_at: 'x', updated_at: 'x', draft: '{}' }),
    ).rejects.toThrow(/UNIQUE/)
    await expect(
      db('casco_document').insert({ id: 'nope', created_at: 'x', updated_at: 'x', draft: '{}' }),
    ).rejects.toThrow(/FOREIGN KEY/)

    await db.migrate.down({ migrationSource: migrationSource('20261205000017_casco_documents') })
    expect(await tables()).not.toContain('casco_document')
    expect(await db('casco_quote').orderBy('id').select('id', 'draft', 'quote_input', 'quote_result')).toEqual([
      { id: 'a', draft, quote_input: null, quote_result: null },
      { id: 'b', draft, quote_input: quoteInput, quote_result: quoteResult },
    ])
  })

  it('20261205000018_search_index: search_text as the row functions write it, FTS kept by triggers; down removes it', async () => {
    const before = MIGRATIONS[MIGRATIONS.findIndex((m) => m.name === '20261205000018_search_index') - 1]!.name
    await db.migrate.latest({ migrationSource: migrationSource(before) })
    await db.raw('PRAGMA foreign_keys = OFF')
    const at = '2026-11-02T10:00:00.000Z'
    const draft = emptyOsagoDraft('2026-11-02')
    if (draft.insured.kind !== 'person') throw new Error('a person is the default insured')
    Object.assign(draft.insured, {
      surname: 'Семёнов',
      name: 'Пётр',
      phone: '+7 (916) 123-45-67',
      passport: { ...draft.insured.passport, series: '4519', number: '123456' },
    })
    draft.vehicle.plate = 'А123ВС77'
    // As the previous version wrote it: lower case, ё as е, no phone or passport.
    const oldText = 'семенов петр а123вс77 ххх 0123456789 ххх0123456789'
    await db('osago_policy').insert({
      id: 'p',
      created_at: at,
      updated_at: at,
      status: 'issued',
      policy_series: 'ХХХ',
      policy_number: '0123456789',
      search_text: oldText,
    })
    await db('osago_document').insert({ id: 'p', created_at: at, updated_at: at, draft: JSON.stringify(draft) })
    const casco = emptyCascoDraft('2026-11-02')
    Object.assign(casco.insured, { surname: 'Орлова', name: 'Анна', phone: '8 903 000-11-22' })
    await db('casco_quote').insert({
      id: 'q',
      created_at: at,
      updated_at: at,
      status: 'draft',
      search_text: 'орлова анна',
    })
    await db('casco_document').insert({ id: 'q', created_at: at, updated_at: at, draft: JSON.stringify(casco) })

    await db.migrate.latest({ migrationSource: migrationSource('20261205000018_search_index') })
    const text = async (table: string, id: string) =>
      ((await db(table).where({ id }).first('search_text')) as { search_text: string }).search_text
    // Exactly what the row functions now write for the same record.
    expect(await text('osago_policy', 'p')).toBe(osagoSearchColumns(draft, 'ХХХ 0123456789 ХХХ0123456789').search_text)
    expect(await text('osago_policy', 'p')).toBe(`${oldText} 9161234567 4519 123456 4519123456`)
    expect(await text('casco_quote', 'q')).toBe(cascoSearchColumns(casco, null).search_text)
    const fts = async (table: string, match: string) =>
      ((await db.raw(`SELECT rowid FROM ${table}_fts WHERE ${table}_fts MATCH ?`, [match])) as unknown[]).length
    expect(await fts('osago_policy', '"менов"')).toBe(1)
    expect(await fts('osago_policy', '"4567"')).toBe(1)
    expect(await fts('casco_quote', '"903000"')).toBe(1)
    // The triggers keep the index true for whatever writes the table (the Writer, sync pull, a later migration).
    await db('osago_policy').where({ id: 'p' }).update({ search_text: 'кузнецов' })
    expect(await fts('osago_policy', '"менов"')).toBe(0)
    expect(await fts('osago_policy', '"кузнец"')).toBe(1)
    await db('osago_policy').insert({
      id: 'p2',
      created_at: at,
      updated_at: at,
      status: 'draft',
      search_text: 'кузнецова',
    })
    expect(await fts('osago_policy', '"кузнец"')).toBe(2)
    await db('osago_policy').where({ id: 'p2' }).delete()
    expect(await fts('osago_policy', '"кузнец"')).toBe(1)
    // Each FTS index agrees with its table's rows after the migration's rebuild and the triggers' updates.
    // rank = 1: also compare the index with the external content table (FTS5, SQLite ≥ 3.44).
    const integrity = (table: string) =>
      db.raw(`INSERT INTO ${table}_fts(${table}_fts, rank) VALUES ('integrity-check', 1)`)
    for (const table of ['osago_policy', 'casco_quote', 'inspection', 'termination_application', 'manual_contract'])
      await expect(integrity(table)).resolves.toBeDefined()
    // …and the check does fail on an index out of step with its table (an entry with no row), until rebuilt.
    await db.raw("INSERT INTO casco_quote_fts(rowid, search_text) VALUES (999, 'нет такой строки')")
    await expect(integrity('casco_quote')).rejects.toThrow(/malformed|corrupt/i)
    await db.raw("INSERT INTO casco_quote_fts(casco_quote_fts) VALUES ('rebuild')")
    await expect(integrity('casco_quote')).resolves.toBeDefined()
    const indexes = ((await db.raw("SELECT name FROM sqlite_master WHERE type = 'index'")) as { name: string }[]).map(
      (r) => r.name,
    )
    expect(indexes).toEqual(
      expect.arrayContaining([
        'casco_quote_updated_idx',
        'termination_received_idx',
        'osago_policy_prefix2_idx',
        'osago_day_updated_idx',
        'policy_blank_series_status_idx',
        'sync_issue_order_idx',
      ]),
    )

    await db.migrate.down({ migrationSource: migrationSource('20261205000018_search_index') })
    expect(await tables()).not.toContain('osago_policy_fts')
    const left = (await db.raw("SELECT name FROM sqlite_master WHERE name LIKE '%fts%' OR name LIKE '%prefix%'")) as []
    expect(left).toEqual([])
    // The previous version's LIKE still finds the record (search_text keeps the lower-case form it reads).
    expect(await db('osago_policy').where('search_text', 'like', '%кузнец%').count({ n: '*' })).toEqual([{ n: 1 }])
    await db.migrate.latest({ migrationSource: migrationSource('20261205000018_search_index') })
    // Up again recomputes from the row (the hand-set «кузнецов» is gone), never appending the parts a second time.
    expect(await text('osago_policy', 'p')).toBe(`${oldText} 9161234567 4519 123456 4519123456`)
    expect(await fts('osago_policy', '"кузнец"')).toBe(0)
    expect(await fts('osago_policy', '"4519123456"')).toBe(1)
  })

  it('20261205000019_search_digits: ten-digit words of search_text in an indexed table kept by triggers', async () => {
    const name = '20261205000019_search_digits'
    const before = MIGRATIONS[MIGRATIONS.findIndex((m) => m.name === name) - 1]!.name
    await db.migrate.latest({ migrationSource: migrationSource(before) })
    await db.raw('PRAGMA foreign_keys = OFF')
    const at = '2026-11-02T10:00:00.000Z'
    const row = (id: string, search_text: string | null) => ({
      id,
      created_at: at,
      updated_at: at,
      status: 'draft',
      search_text,
    })
    // A phone, a passport with and without its space, a blank number; quotes, a backslash and a tab do not break it.
    await db('osago_policy').insert(row('p', 'семенов "петр" a\\b ххх 0123456789 9161234567 4519 123456 4519123456'))
    await db('osago_policy').insert(row('n', null))
    await db('casco_quote').insert({ ...row('q', 'орлова\tанна 9030001122 79030001122 903000112') })
    await db.migrate.latest({ migrationSource: migrationSource(name) })
    const words = async (table: string, id: string) =>
      ((await db(`${table}_digits`).where({ id }).orderBy('digits').select('digits')) as { digits: string }[]).map(
        (r) => r.digits,
      )
    expect(await words('osago_policy', 'p')).toEqual(['0123456789', '4519123456', '9161234567'])
    expect(await words('osago_policy', 'n')).toEqual([])
    // Eleven or nine digits are not a whole phone's word.
    expect(await words('casco_quote', 'q')).toEqual(['9030001122'])
    const lookup = (digits: string) =>
      db.raw('EXPLAIN QUERY PLAN SELECT id FROM osago_policy_digits WHERE digits = ?', [digits]) as Promise<
        { detail: string }[]
      >
    expect((await lookup('9161234567')).map((r) => r.detail)).toEqual([
      expect.stringMatching(/^SEARCH osago_policy_digits USING PRIMARY KEY \(digits=\?\)/),
    ])

    // The triggers keep it for whatever writes the table (the Writer, sync pull, the bench's clones, a migration).
    await db('osago_policy').insert(row('p2', 'кузнецов 9260000000'))
    expect(await words('osago_policy', 'p2')).toEqual(['9260000000'])
    await db('osago_policy').where({ id: 'p2' }).update({ search_text: 'кузнецов 9260000001 9260000001' })
    expect(await words('osago_policy', 'p2')).toEqual(['9260000001'])
    await db('osago_policy').where({ id: 'p2' }).update({ status: 'issued' })
    expect(await words('osago_policy', 'p2')).toEqual(['9260000001'])
    await db('osago_policy').where({ id: 'n' }).update({ search_text: 'новый 9991112233' })
    expect(await words('osago_policy', 'n')).toEqual(['9991112233'])
    await db('osago_policy').where({ id: 'p2' }).delete()
    expect(await words('osago_policy', 'p2')).toEqual([])
    // A text that still is not JSON-safe (another control character) adds no words and does not fail the write.
    await db('inspection').insert({
      ...row('i', 'ос-1 \u0001 9161234567'),
      number: 'ОС-1',
      report: '{}',
      checklist_version: 'x',
      inspector_id: 'x',
    })
    expect(await words('inspection', 'i')).toEqual([])

    await db.migrate.down({ migrationSource: migrationSource(name) })
    expect((await tables()).filter((t) => t.endsWith('_digits'))).toEqual([])
    const triggers = (await db.raw(
      "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%digits%'",
    )) as []
    expect(triggers).toEqual([])
    await db.migrate.latest({ migrationSource: migrationSource(name) })
    expect(await words('osago_policy', 'p')).toEqual(['0123456789', '4519123456', '9161234567'])
    expect(await words('osago_policy', 'n')).toEqual(['9991112233'])
  })

  it('20261205000020_osago_end_date: policies in force found by their last day, in its order', async () => {
    const name = '20261205000020_osago_end_date'
    const before = MIGRATIONS[MIGRATIONS.findIndex((m) => m.name === name) - 1]!.name
    await db.migrate.latest({ migrationSource: migrationSource(before) })
    const at = '2026-11-02T10:00:00.000Z'
    for (const [id, status, end_date] of [
      ['a', 'issued', '2027-01-10'],
      ['b', 'printed', '2026-12-20'],
      ['c', 'draft', '2026-12-01'],
      ['d', 'issued', null],
    ] as const)
      await db('osago_policy').insert({ id, created_at: at, updated_at: at, status, end_date })
    // The home screen's renewals (core/home/homeWork.ts): a range on the end date, in its order, no sort.
    const renewals = db('osago_policy')
      .whereRaw("+status IN ('issued', 'printed')")
      .whereNull('terminated_on')
      .where('end_date', '>=', '2026-12-05')
      .where('end_date', '<=', '2027-02-03')
      .orderBy('end_date')
      .limit(6)
      .select('id')
    const plan = async () => {
      const q = renewals.toSQL()
      return ((await db.raw(`EXPLAIN QUERY PLAN ${q.sql}`, q.bindings as Knex.RawBinding[])) as { detail: string }[])
        .map((r) => r.detail)
        .join('; ')
    }
    expect(await plan()).toMatch(/^SCAN osago_policy; USE TEMP B-TREE FOR ORDER BY$/)
    await db.migrate.latest({ migrationSource: migrationSource(name) })
    expect(await plan()).toMatch(/^SEARCH osago_policy USING INDEX osago_end_idx \(end_date>\? AND end_date<\?\)$/)
    expect(((await renewals) as { id: string }[]).map((r) => r.id)).toEqual(['b', 'a'])
    await db.migrate.down({ migrationSource: migrationSource(name) })
    expect(await db('sqlite_master').where({ name: 'osago_end_idx' })).toEqual([])
    expect(await plan()).toMatch(/^SCAN osago_policy/)
    await db.migrate.latest({ migrationSource: migrationSource(name) })
    expect(await plan()).toMatch(/osago_end_idx/)
  })

  it('20261205000021_kbm_recheck: a policy re-checked once, the flagged ones found by the partial index', async () => {
    const name = '20261205000021_kbm_recheck'
    const before = MIGRATIONS[MIGRATIONS.findIndex((m) => m.name === name) - 1]!.name
    await db.migrate.latest({ migrationSource: migrationSource(before) })
    expect(await db.schema.hasTable('kbm_recheck')).toBe(false)
    await db.migrate.latest({ migrationSource: migrationSource(name) })
    const row = { checked_at: '2026-12-06T10:00:00.000Z', results: '[]' }
    await db('kbm_recheck').insert([
      { policy_id: 'a', differs: 1, ...row },
      { policy_id: 'b', differs: 0, ...row },
    ])
    // Once per policy: a second answer for the same policy is refused, never kept twice.
    await expect(db('kbm_recheck').insert({ policy_id: 'a', differs: 0, ...row })).rejects.toThrow(/UNIQUE/)
    const flagged = db('kbm_recheck').where({ differs: 1 }).orderBy('checked_at').select('policy_id')
    const q = flagged.toSQL()
    const plan = (await db.raw(`EXPLAIN QUERY PLAN ${q.sql}`, q.bindings as Knex.RawBinding[])) as { detail: string }[]
    expect(plan.map((r) => r.detail).join('; ')).toMatch(/kbm_recheck_differs_idx/)
    expect(((await flagged) as { policy_id: string }[]).map((r) => r.policy_id)).toEqual(['a'])
    await db.migrate.down({ migrationSource: migrationSource(name) })
    expect(await db.schema.hasTable('kbm_recheck')).toBe(false)
  })

  it('20261206000001_kbm_recheck_dismissal: a flag dismissed with its reason leaves the flagged index', async () => {
    const name = '20261206000001_kbm_recheck_dismissal'
    const before = MIGRATIONS[MIGRATIONS.findIndex((m) => m.name === name) - 1]!.name
    await db.migrate.latest({ migrationSource: migrationSource(before) })
    const row = { checked_at: '2026-12-06T10:00:00.000Z', results: '[]' }
    await db('kbm_recheck').insert([
      { policy_id: 'a', differs: 1, ...row },
      { policy_id: 'b', differs: 1, ...row },
      { policy_id: 'c', differs: 0, ...row },
    ])
    await db.migrate.latest({ migrationSource: migrationSource(name) })
    // Rows re-checked before keep their answer, none dismissed.
    expect(await db('kbm_recheck').orderBy('policy_id').pluck('dismissed_at')).toEqual([null, null, null])
    await db('kbm_recheck')
      .where({ policy_id: 'b' })
      .update({ dismissed_at: '2026-12-07T09:00:00.000Z', dismissed_by: 's1', dismiss_reason: 'Справка из АИС' })
    const flagged = db('kbm_recheck')
      .where({ differs: 1 })
      .whereNull('dismissed_at')
      .orderBy('checked_at')
      .select('policy_id')
    const q = flagged.toSQL()
    const plan = (await db.raw(`EXPLAIN QUERY PLAN ${q.sql}`, q.bindings as Knex.RawBinding[])) as { detail: string }[]
    expect(plan.map((r) => r.detail).join('; ')).toMatch(/kbm_recheck_flagged_idx/)
    expect(((await flagged) as { policy_id: string }[]).map((r) => r.policy_id)).toEqual(['a'])
    await db.migrate.down({ migrationSource: migrationSource(name) })
    expect(await db.schema.hasColumn('kbm_recheck', 'dismissed_at')).toBe(false)
    expect(await db('kbm_recheck').count({ n: '*' }).first()).toEqual({ n: 3 })
    expect(await db('sqlite_master').where({ name: 'kbm_recheck_differs_idx' }).pluck('name')).toEqual([
      'kbm_recheck_differs_idx',
    ])
  })

  it('20261205000022_renewal_links: a renewal names what it renews; CASCO contracts found by their last day', async () => {
    const name = '20261205000022_renewal_links'
    const before = MIGRATIONS[MIGRATIONS.findIndex((m) => m.name === name) - 1]!.name
    await db.migrate.latest({ migrationSource: migrationSource(before) })
    const at = '2026-11-02T10:00:00.000Z'
    await db('osago_policy').insert({
      id: 'old',
      created_at: at,
      updated_at: at,
      status: 'issued',
      end_date: '2027-01-10',
    })
    await db('casco_quote').insert({
      id: 'cold',
      created_at: at,
      updated_at: at,
      // An issued contract needs its number and schedule (trigger): the end date is what matters here.
      status: 'quoted',
      end_date: '2027-01-11',
    })
    await db.migrate.latest({ migrationSource: migrationSource(name) })
    // Rows from before keep their data and renew nothing.
    expect(await db('osago_policy').where({ id: 'old' }).first('status', 'renews_policy_id')).toEqual({
      status: 'issued',
      renews_policy_id: null,
    })
    await db('osago_policy').insert({
      id: 'new',
      created_at: at,
      updated_at: at,
      status: 'draft',
      renews_policy_id: 'old',
    })
    await db('casco_quote').insert({
      id: 'cnew',
      created_at: at,
      updated_at: at,
      status: 'draft',
      renews_contract_id: 'cold',
    })
    const plan = async (q: Knex.QueryBuilder) => {
      const s = q.toSQL()
      return ((await db.raw(`EXPLAIN QUERY PLAN ${s.sql}`, s.bindings as Knex.RawBinding[])) as { detail: string }[])
        .map((r) => r.detail)
        .join('; ')
    }
    expect(await plan(db('osago_policy').where({ renews_policy_id: 'old' }).select('id'))).toMatch(/osago_renews_idx/)
    expect(await plan(db('casco_quote').where({ renews_contract_id: 'cold' }).select('id'))).toMatch(/casco_renews_idx/)
    const ending = db('casco_quote')
      .whereRaw('+status = ?', ['quoted'])
      .where('end_date', '>=', '2026-12-01')
      .orderBy('end_date')
      .limit(5)
      .select('id')
    expect(await plan(ending)).toMatch(/^SEARCH casco_quote USING INDEX casco_end_idx \(end_date>\?\)$/)
    expect(((await ending) as { id: string }[]).map((r) => r.id)).toEqual(['cold'])
    await db.migrate.down({ migrationSource: migrationSource(name) })
    expect(
      await db('sqlite_master').whereIn('name', ['osago_renews_idx', 'casco_renews_idx', 'casco_end_idx']),
    ).toEqual([])
    expect(await db('osago_policy').where({ id: 'new' }).first('status')).toEqual({ status: 'draft' })
    await db.migrate.latest({ migrationSource: migrationSource(name) })
    expect(await db('osago_policy').where({ id: 'new' }).first('renews_policy_id')).toEqual({ renews_policy_id: null })
  })

  it('20261205000023_osago_change: changes of issued policies; a blank may be recorded lost, the table rebuilt whole', async () => {
    const name = '20261205000023_osago_change'
    const before = MIGRATIONS[MIGRATIONS.findIndex((m) => m.name === name) - 1]!.name
    await db.migrate.latest({ migrationSource: migrationSource(before) })
    const at = '2026-11-02T10:00:00.000Z'
    await db('branch').insert({ id: 'b', code: 'A', name: 'A', city: 'A', created_at: at, updated_at: at })
    await db('staff').insert({
      id: 's',
      branch_id: 'b',
      login: 'admin',
      full_name: 'f',
      role: 'admin',
      password_hash: 'h',
      created_at: at,
      updated_at: at,
    })
    const blank = (id: string, number: string, extra: Record<string, unknown> = {}) => ({
      id,
      series: 'ХХХ',
      number,
      status: 'available',
      received_at: at,
      received_by: 's',
      created_at: at,
      updated_at: at,
      ...extra,
    })
    const used = { status: 'used', policy_id: 'p', used_at: at, used_by: 's' }
    await db('policy_blank').insert(blank('1', '0000000001', used))
    await db('policy_blank').insert(blank('2', '0000000002'))
    await db('policy_blank').insert(
      blank('3', '0000000003', { status: 'spoiled', spoiled_at: at, spoiled_by: 's', spoiled_reason: 'r' }),
    )
    await expect(db('policy_blank').where({ id: '1' }).update({ status: 'lost' })).rejects.toThrow(/CHECK|status/)
    const indexes = async () =>
      (
        (await db('sqlite_master').where({ tbl_name: 'policy_blank', type: 'index' }).whereNotNull('sql')) as Array<{
          name: string
        }>
      )
        .map((r) => r.name)
        .sort()
    const indexesBefore = await indexes()
    await db.migrate.latest({ migrationSource: migrationSource(name) })
    // Every row kept, every index back; the used blank can now be recorded lost, with its policy and reason.
    expect((await db('policy_blank').orderBy('id')).map((r: { status: string }) => r.status)).toEqual([
      'used',
      'available',
      'spoiled',
    ])
    expect(await indexes()).toEqual(indexesBefore)
    await expect(db('policy_blank').where({ id: '1' }).update({ status: 'lost' })).rejects.toThrow(
      /fields do not match/,
    )
    await db('policy_blank')
      .where({ id: '1' })
      .update({ status: 'lost', lost_at: at, lost_by: 's', lost_reason: 'lost' })
    // Lost is final, a used blank still never returns to stock, and a number is still unique.
    await expect(db('policy_blank').where({ id: '1' }).update({ status: 'used' })).rejects.toThrow(/never returns/)
    await expect(db('policy_blank').insert(blank('4', '0000000002'))).rejects.toThrow(/UNIQUE/)
    await db('osago_policy').insert({ id: 'p', created_at: at, updated_at: at, status: 'issued' })
    const change = {
      id: 'c',
      created_at: at,
      updated_at: at,
      policy_id: 'p',
      kind: 'duplicate',
      status: 'applied',
      print_form: 'duplicate',
      effective_date: '2026-11-02',
      before: '{}',
      after: '{}',
    }
    await db('osago_change').insert(change)
    await expect(db('osago_change').insert({ ...change, id: 'd', status: 'done' })).rejects.toThrow(/CHECK/)
    await expect(db('osago_change').insert({ ...change, id: 'e', policy_id: 'none' })).rejects.toThrow(/FOREIGN/)
    const plan = await db.raw("EXPLAIN QUERY PLAN SELECT * FROM osago_change WHERE policy_id = 'p'")
    expect((plan as { detail: string }[]).map((r) => r.detail).join('; ')).toMatch(/osago_change_policy_idx/)

    await db.migrate.down({ migrationSource: migrationSource(name) })
    expect(await tables()).not.toContain('osago_change')
    // The previous schema has no lost blank: it goes back as spoiled with its reason.
    expect(await db('policy_blank').where({ id: '1' }).first('status', 'spoiled_reason')).toEqual({
      status: 'spoiled',
      spoiled_reason: 'lost',
    })
    await expect(db('policy_blank').where({ id: '2' }).update({ status: 'lost' })).rejects.toThrow(/CHECK|status/)
    expect(await indexes()).toEqual(indexesBefore)
    await db.migrate.latest({ migrationSource: migrationSource(name) })
    expect(await tables()).toContain('osago_change')
  })

  it('20261205000024_client: client cards, versions and links; search and match keys by index, never a scan', async () => {
    const name = '20261205000024_client'
    const before = MIGRATIONS[MIGRATIONS.findIndex((m) => m.name === name) - 1]!.name
    await db.migrate.latest({ migrationSource: migrationSource(before) })
    expect(await db.schema.hasTable('client')).toBe(false)
    await db.migrate.latest({ migrationSource: migrationSource(name) })
    const at = '2026-12-06T10:00:00.000Z'
    const base = { created_at: at, updated_at: at, branch_id: 'b', kind: 'person', party: '{}' }
    await db('client').insert([
      {
        ...base,
        id: 'c1',
        display_name: 'Смирнов Алексей',
        passport: '4519123456',
        phone: '9161234567',
        search_text: 'смирнов алексей 9161234567 4519 123456 4519123456',
      },
      {
        ...base,
        id: 'c2',
        kind: 'organisation',
        display_name: 'ООО Ромашка',
        inn: '7707083893',
        search_text: 'ооо ромашка 7707083893',
      },
    ])
    await db('client_link').insert({
      id: 'l1',
      created_at: at,
      updated_at: at,
      client_id: 'c1',
      entity: 'osago_policy',
      entity_id: 'p',
      role: 'insured',
    })
    // One link per record and role: a second card cannot claim the same policy as its insured.
    await expect(
      db('client_link').insert({
        id: 'l2',
        created_at: at,
        updated_at: at,
        client_id: 'c2',
        entity: 'osago_policy',
        entity_id: 'p',
        role: 'insured',
      }),
    ).rejects.toThrow(/UNIQUE/)
    const plan = async (q: Knex.QueryBuilder | Knex.Raw) => {
      const s = q.toSQL()
      const sql = Array.isArray(s) ? s[0]!.sql : s.sql
      const bindings = Array.isArray(s) ? s[0]!.bindings : s.bindings
      return ((await db.raw(`EXPLAIN QUERY PLAN ${sql}`, bindings as Knex.RawBinding[])) as { detail: string }[])
        .map((r) => r.detail)
        .join('; ')
    }
    for (const q of [
      db('client').where({ status: 'active', passport: '4519123456' }).select('id'),
      db('client').where({ status: 'active', inn: '7707083893' }).select('id'),
      db('client').where({ status: 'active', phone: '9161234567' }).select('id'),
      db('client_link').where({ client_id: 'c1' }).select('entity', 'entity_id'),
      db('client')
        .join('client_fts', 'client_fts.rowid', 'client.rowid')
        .whereRaw('client_fts MATCH ?', ['"смирн"'])
        .select('client.id'),
      db('client')
        .whereIn('id', db('client_digits').where({ digits: '4519123456' }).select('id'))
        .select('id'),
    ])
      expect(await plan(q)).not.toMatch(/SCAN (client|client_link)(\b|$)(?! VIRTUAL)/)
    const fts = (await db.raw('SELECT rowid FROM client_fts WHERE client_fts MATCH \'"ромаш"\'')) as unknown[]
    expect(fts).toHaveLength(1)
    expect(await db('client_digits').orderBy('digits').pluck('digits')).toEqual([
      '4519123456',
      '7707083893',
      '9161234567',
    ])
    await db('client').where({ id: 'c1' }).update({ search_text: 'смирнов алексей 9037654321' })
    expect(await db('client_digits').where({ id: 'c1' }).pluck('digits')).toEqual(['9037654321'])
    await db.migrate.down({ migrationSource: migrationSource(name) })
    for (const table of ['client', 'client_version', 'client_link', 'client_fts', 'client_digits'])
      expect(await db.schema.hasTable(table)).toBe(false)
    await db.migrate.latest({ migrationSource: migrationSource(name) })
  })

  it('20261206000007_blank_moves: blanks that moved after a moment found by the partial index on their last move', async () => {
    const name = '20261206000007_blank_moves'
    const before = MIGRATIONS[MIGRATIONS.findIndex((m) => m.name === name) - 1]!.name
    await db.migrate.latest({ migrationSource: migrationSource(before) })
    const moved = db('policy_blank')
      .whereRaw("status <> 'available'")
      .whereRaw('coalesce(lost_at, spoiled_at, used_at) >= ?', ['2026-12-01T00:00:00.000Z'])
      .select('id')
    const plan = async () => {
      const q = moved.toSQL()
      return ((await db.raw(`EXPLAIN QUERY PLAN ${q.sql}`, q.bindings as Knex.RawBinding[])) as { detail: string }[])
        .map((r) => r.detail)
        .join('; ')
    }
    expect(await plan()).not.toMatch(/policy_blank_moved_idx/)
    await db.migrate.latest({ migrationSource: migrationSource(name) })
    expect(await plan()).toMatch(/^SEARCH policy_blank USING INDEX policy_blank_moved_idx \(<expr>>\?\)$/)
    await db.migrate.down({ migrationSource: migrationSource(name) })
    expect(await db('sqlite_master').where({ name: 'policy_blank_moved_idx' })).toEqual([])
    await db.migrate.latest({ migrationSource: migrationSource(name) })
    expect(await plan()).toMatch(/policy_blank_moved_idx/)
  })

  it('20261206000003_fiscal_settings: this computer’s register as device-local key/values, dropped on the way down', async () => {
    const name = '20261206000003_fiscal_settings'
    const before = MIGRATIONS[MIGRATIONS.findIndex((m) => m.name === name) - 1]!.name
    await db.migrate.latest({ migrationSource: migrationSource(before) })
    expect(await tables()).not.toContain('fiscal_setting')
    await db.migrate.latest({ migrationSource: migrationSource(name) })
    await db('fiscal_setting').insert({ key: 'register', value: '{"driver":"none"}' })
    await expect(db('fiscal_setting').insert({ key: 'register', value: '{}' })).rejects.toThrow(/UNIQUE/)
    await expect(db('fiscal_setting').insert({ key: 'other', value: null })).rejects.toThrow(/NOT NULL/)
    await db.migrate.down({ migrationSource: migrationSource(name) })
    expect(await tables()).not.toContain('fiscal_setting')
    await db.migrate.latest({ migrationSource: migrationSource(name) })
    expect(await db('fiscal_setting').count({ n: '*' }).first()).toEqual({ n: 0 })
  })

  it('20261206000004_payments: the journal and the cash day; a day read by its index, amounts positive', async () => {
    const name = '20261206000004_payments'
    const before = MIGRATIONS[MIGRATIONS.findIndex((m) => m.name === name) - 1]!.name
    await db.migrate.latest({ migrationSource: migrationSource(before) })
    expect(await db.schema.hasTable('payment')).toBe(false)
    await db.migrate.latest({ migrationSource: migrationSource(name) })
    const at = '2026-12-06T10:00:00.000Z'
    const synced = { created_at: at, updated_at: at, branch_id: 'b' }
    await db('cash_day').insert({ ...synced, id: 'd1', day: '2026-12-06', status: 'open' })
    await expect(db('cash_day').insert({ ...synced, id: 'd2', day: '2026-12-06', status: 'open' })).rejects.toThrow(
      /UNIQUE/,
    )
    await expect(db('cash_day').insert({ ...synced, id: 'd3', day: '2026-12-07', status: 'done' })).rejects.toThrow(
      /CHECK/,
    )
    const payment = {
      ...synced,
      id: 'p1',
      direction: 'in',
      purpose: 'osago_premium',
      record_type: 'osago_policy',
      record_id: 'x',
      amount_kopecks: 512_345,
      method: 'cash',
      receipt: '{"number":"ФД 1","fiscal":null}',
      clerk_id: 's',
      clerk_name: 'Сотрудник',
      paid_at: at,
      business_day: '2026-12-06',
      cash_day_id: 'd1',
    }
    await db('payment').insert(payment)
    await db('payment').insert({ ...payment, id: 'p2', direction: 'out', reverses_id: 'p1', reason: 'ошибка' })
    for (const bad of [{ amount_kopecks: 0 }, { amount_kopecks: -5 }, { amount_kopecks: 1.5 }])
      await expect(db('payment').insert({ ...payment, id: 'p3', ...bad })).rejects.toThrow(/positive/)
    await expect(db('payment').insert({ ...payment, id: 'p4', method: 'cheque' })).rejects.toThrow(/CHECK/)
    await expect(db('payment').insert({ ...payment, id: 'p5', purpose: 'gift' })).rejects.toThrow(/CHECK/)
    await expect(db('payment').insert({ ...payment, id: 'p6', cash_day_id: 'none' })).rejects.toThrow(/FOREIGN/)
    const plan = async (q: Knex.QueryBuilder) => {
      const s = q.toSQL()
      return ((await db.raw(`EXPLAIN QUERY PLAN ${s.sql}`, s.bindings as Knex.RawBinding[])) as { detail: string }[])
        .map((r) => r.detail)
        .join('; ')
    }
    expect(await plan(db('payment').where({ business_day: '2026-12-06' }).orderBy('paid_at', 'desc'))).toMatch(
      /payment_day_idx/,
    )
    expect(
      await plan(db('payment').where({ business_day: '2026-12-06', clerk_id: 's' }).orderBy('paid_at', 'desc')),
    ).toMatch(/payment_day_clerk_idx/)
    expect(await plan(db('payment').where({ record_type: 'osago_policy', record_id: 'x' }))).toMatch(
      /payment_record_idx/,
    )
    expect(await plan(db('payment').where({ reverses_id: 'p1' }))).toMatch(/payment_reverses_idx/)
    await db.migrate.down({ migrationSource: migrationSource(name) })
    for (const table of ['payment', 'cash_day']) expect(await db.schema.hasTable(table)).toBe(false)
    await db.migrate.latest({ migrationSource: migrationSource(name) })
    expect(await db.schema.hasTable('payment')).toBe(true)
  })

  it('20261206000006_document_ledger: issued documents, one gapless sequence per chain, found by record and kind', async () => {
    const name = '20261206000006_document_ledger'
    const before = MIGRATIONS[MIGRATIONS.findIndex((m) => m.name === name) - 1]!.name
    await db.migrate.latest({ migrationSource: migrationSource(before) })
    expect(await db.schema.hasTable('document_ledger')).toBe(false)
    await db.migrate.latest({ migrationSource: migrationSource(name) })
    const at = '2026-12-06T10:00:00.000Z'
    const entry = {
      id: 'd1',
      created_at: at,
      updated_at: at,
      branch_id: 'b',
      chain_id: 'c',
      seq: 1,
      kind: 'osago-policy-archive',
      record_type: 'osago_policy',
      record_id: 'p',
      content_sha256: 'a'.repeat(64),
      issued_at: at,
      prev_hash: '0'.repeat(64),
      entry_hash: 'b'.repeat(64),
    }
    await db('document_ledger').insert(entry)
    await expect(db('document_ledger').insert({ ...entry, id: 'd2' })).rejects.toThrow(/UNIQUE/)
    await db('document_ledger').insert({ ...entry, id: 'd3', chain_id: 'other' })
    const s = db('document_ledger').where({ record_id: 'p', kind: 'osago-policy-archive' }).toSQL()
    const plan = (await db.raw(`EXPLAIN QUERY PLAN ${s.sql}`, s.bindings as Knex.RawBinding[])) as { detail: string }[]
    expect(plan.map((r) => r.detail).join('; ')).toMatch(/document_ledger_record_idx/)
    await db('document_ledger_chain').insert({ chain_id: 'c', created_at: at })
    await db.migrate.down({ migrationSource: migrationSource(name) })
    for (const table of ['document_ledger', 'document_ledger_chain'])
      expect(await db.schema.hasTable(table)).toBe(false)
    await db.migrate.latest({ migrationSource: migrationSource(name) })
    expect(await db.schema.hasTable('document_ledger')).toBe(true)
  })

  it('the full chain runs up, down and up again', async () => {
    await db.migrate.latest({ migrationSource: migrationSource() })
    const [, done] = (await db.migrate.list({ migrationSource: migrationSource() })) as [unknown[], unknown[]]
    expect(done).toHaveLength(0)
    await db.migrate.rollback({ migrationSource: migrationSource() }, true)
    await db.migrate.latest({ migrationSource: migrationSource() })
  })
})
