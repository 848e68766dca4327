import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Knex } from 'knex'
import { emptyCascoDraft } from '../../shared/casco/draft'
import type { Channel, ChannelInput } from '../../shared/contract'
import { call, expectOk, makeTestCore, setupBranch, signInAs } from '../testing/testCore'
import type { Db } from './openDatabase'

/**
 * Issue 12: every list and search handler answers from indexes. Each handler runs at small N with its SQL captured
 * (knex 'query' event) and every SELECT is EXPLAINed: no table of records is scanned without an index, an index is
 * walked only by a SELECT that has its own LIMIT and no aggregate (a `count(*) … limit 1` still reads every row),
 * and no list sorts its rows in a temporary B-tree (any part of an ORDER BY). EXPLAIN names a table by its alias
 * (`SCAN b`), so aliases are mapped back to tables from the SQL. At 1M contracts those are the difference between
 * 1 ms and 20 s (`npm run bench:db` measures it; this test keeps the plans).
 */

/** The tables that grow with the years: records and their documents. */
const BIG = [
  'osago_policy',
  'osago_document',
  'casco_quote',
  'casco_document',
  'inspection',
  'termination_application',
  'manual_contract',
  'approval_decision',
  // ~700k blanks at 1M contracts; the conflicts sync keeps for good.
  'policy_blank',
  'sync_issue',
  // The ten-digit words of search_text (migration 20261205000019): several per record.
  'osago_policy_digits',
  'casco_quote_digits',
  'inspection_digits',
  'termination_application_digits',
  'manual_contract_digits',
]

interface Statement {
  sql: string
  bindings: readonly unknown[]
}

/** SQL words that may follow a table name where an alias would (knex always writes `as` before an alias). */
const NOT_ALIAS = new Set(
  'where on inner left right cross join natural order group limit union using indexed not having window'.split(' '),
)

interface Source {
  table: string | null // null: a subquery `( … ) as x`
  /** The SELECT it is read by has a LIMIT of its own and no aggregate of its own. */
  bounded: boolean
}

/**
 * Every name a plan can print for a row source (the table or its alias), with the SELECT that reads it: the text
 * between the enclosing parentheses (or the whole statement), without its nested parentheses.
 */
export function sourcesOf(sql: string): Map<string, Source[]> {
  // For each character: the start of the innermost parenthesised group holding it (-1: top level).
  const group: number[] = []
  const stack: number[] = [-1]
  for (let i = 0; i < sql.length; i++) {
    // `(` stays with the text before it (so `count(` reads as one), `)` with the group it closes.
    group.push(stack[stack.length - 1]!)
    if (sql[i] === '(') stack.push(i)
    if (sql[i] === ')' && stack.length > 1) stack.pop()
  }
  const ownText = (g: number) => {
    let out = ''
    for (let i = 0; i < sql.length; i++) if (group[i] === g) out += sql[i]
    return out
  }
  const boundedGroup = new Map<number, boolean>()
  const isBounded = (g: number) => {
    if (!boundedGroup.has(g)) {
      const text = ownText(g)
      const aggregate = /\b(count|sum|min|max|avg|total|group_concat)\s*\(|\bgroup\s+by\b/i.test(text)
      boundedGroup.set(g, /\blimit\b/i.test(text) && !aggregate)
    }
    return boundedGroup.get(g)!
  }
  const out = new Map<string, Source[]>()
  const add = (name: string, src: Source) => out.set(name, [...(out.get(name) ?? []), src])
  const id = '[`"]?(\\w+)[`"]?'
  const table = new RegExp(`\\b(?:from|join)\\s+${id}(?:\\s+(?:as\\s+)?${id})?`, 'gi')
  for (const m of sql.matchAll(table)) {
    const alias = m[2] && !NOT_ALIAS.has(m[2].toLowerCase()) ? m[2] : m[1]!
    add(alias, { table: m[1]!, bounded: isBounded(group[m.index]!) })
  }
  for (const m of sql.matchAll(new RegExp(`\\)\\s+as\\s+${id}`, 'gi'))) add(m[1]!, { table: null, bounded: true })
  return out
}

/**
 * What is wrong with one statement's plan (empty when it reads indexes only). `plan` is EXPLAIN QUERY PLAN's
 * detail lines, each indented two spaces per level (planOf), so a subquery's own scans can be told from the scan of
 * the subquery's rows.
 */
export function planProblems(sql: string, plan: readonly string[], list: boolean): string[] {
  const out: string[] = []
  const sources = sourcesOf(sql)
  // Subqueries (CO-ROUTINE / MATERIALIZE x) whose body has ended: a later `SCAN x` reads their rows, not a table.
  const open: Array<{ name: string; depth: number }> = []
  const closed = new Set<string>()
  for (const raw of plan) {
    const depth = raw.length - raw.trimStart().length
    const line = raw.trim()
    while (open.length && depth <= open[open.length - 1]!.depth) closed.add(open.pop()!.name)
    const sub = /^(?:CO-ROUTINE|MATERIALIZE) (\w+)/.exec(line)
    if (sub) open.push({ name: sub[1]!, depth })
    const scan = /^SCAN (\w+)(?: AS \w+)?(?: USING (?:COVERING )?INDEX (\w+))?/.exec(line)
    if (scan && !closed.has(scan[1]!)) {
      const named = (sources.get(scan[1]!) ?? []).filter((x) => x.table !== null)
      const tables = named.length ? named : [{ table: scan[1]!, bounded: false }]
      if (tables.some((x) => BIG.includes(x.table!))) {
        if (!scan[2]) out.push(`full scan: ${line}`)
        else if (!tables.every((x) => x.bounded)) out.push(`index walked by a SELECT without its own LIMIT: ${line}`)
      }
    }
    if (list && /TEMP B-TREE/.test(line)) out.push(`sorts in a temp B-tree: ${line}`)
  }
  return out
}

async function planOf(db: Db, s: Statement): Promise<string[]> {
  const rows = (await db.raw(`EXPLAIN QUERY PLAN ${s.sql}`, s.bindings as Knex.RawBinding[])) as Array<{
    id: number
    parent: number
    detail: string
  }>
  // Indented two spaces per level, as the sqlite3 shell draws the tree.
  const depth = new Map<number, number>([[0, -1]])
  return rows.map((r) => {
    const d = (depth.get(r.parent) ?? -1) + 1
    depth.set(r.id, d)
    return `${'  '.repeat(d)}${r.detail}`
  })
}

let t: Awaited<ReturnType<typeof makeTestCore>>
let captured: Statement[] = []

function capture(q: { sql: string; bindings?: readonly unknown[] }) {
  captured.push({ sql: q.sql, bindings: q.bindings ?? [] })
}

type Role = 'supervisor' | 'clerk' | 'inspector' | 'admin'

/** Every SELECT the channel ran for `role` (its window is signed in as that role), with its plan's problems. */
async function problemsOf<C extends Channel>(
  channel: C,
  input: ChannelInput<C>,
  list = true,
  role: Role = 'supervisor',
): Promise<string[]> {
  captured = []
  await expectOk(call(t.core, channel, input, role))
  const selects = captured.filter((s) => /^\s*(select|with)\b/i.test(s.sql))
  expect(selects.length).toBeGreaterThan(0)
  const out: string[] = []
  for (const s of selects) {
    for (const p of planProblems(s.sql, await planOf(t.core.db, s), list)) out.push(`${p}\n    in: ${s.sql}`)
  }
  return out
}

/** Rows straight into the tables (the plans, not the business rules, are under test), with names to find. */
async function seed(db: Db): Promise<void> {
  const staff = (await db('staff').first('id')) as { id: string }
  // Half the inspections are the inspector's own: their list and search read `inspector_id = me`.
  const inspector = (await db('staff').where({ login: 'inspector1' }).first('id')) as { id: string }
  const branch = (await db('branch').first('id')) as { id: string }
  const names = ['Иванов Пётр', 'Петрова Анна', 'Сидоров Иван', 'ООО «Ромашка»', 'Smith John']
  for (let i = 0; i < 40; i++) {
    const name = names[i % names.length]!
    const at = `2026-0${1 + (i % 9)}-1${i % 10}T10:00:00.000Z`
    const text = `${name.toLowerCase().replace(/ё/g, 'е')} а${100 + i}вс77 xta2101${String(i).padStart(10, '0')} 916123456${i % 10}`
    await db('osago_policy').insert({
      id: `o${i}`,
      created_at: at,
      updated_at: at,
      status: i % 7 === 0 ? 'discarded' : 'draft',
      insured_name: name,
      plate: `А${100 + i}ВС77`,
      vin: `XTA2101${String(i).padStart(10, '0')}`,
      search_text: text,
    })
    await db('osago_document').insert({ id: `o${i}`, created_at: at, updated_at: at, draft: '{}' })
    await db('casco_quote').insert({
      id: `c${i}`,
      created_at: at,
      updated_at: at,
      status: i % 3 === 0 ? 'submitted' : 'draft',
      insured_name: name,
      plate: `А${100 + i}ВС77`,
      search_text: text,
    })
    await db('casco_document').insert({
      id: `c${i}`,
      created_at: at,
      updated_at: at,
      draft: JSON.stringify(emptyCascoDraft('2026-01-10')),
    })
    await db('inspection').insert({
      id: `i${i}`,
      created_at: at,
      updated_at: at,
      number: `ОС-${i}`,
      status: 'draft',
      report: '{}',
      checklist_version: 'x',
      inspector_id: i % 2 ? inspector.id : staff.id,
      search_text: `ос-${i} ${text}`,
    })
    await db('termination_application').insert({
      id: `t${i}`,
      created_at: at,
      updated_at: at,
      branch_id: branch.id,
      incoming_year: 2026,
      incoming_seq: i + 1,
      incoming_number: `МСК-2026-${i}`,
      received_at: at,
      received_on: at.slice(0, 10),
      status: 'received',
      contract_source: 'manual',
      contract_id: `m${i}`,
      contract: '{"product":"osago"}',
      kind: 'cooling-off',
      details: '{"ground":"sale"}',
      required_documents: '[]',
      policyholder_name: name,
      contract_number: `ХХХ ${i}`,
      search_text: text,
    })
    await db('manual_contract').insert({
      id: `m${i}`,
      created_at: at,
      updated_at: at,
      product: 'casco',
      contract_number: `К-${i}`,
      policyholder_type: 'individual',
      policyholder_name: name,
      conclusion_date: at.slice(0, 10),
      start_date: at.slice(0, 10),
      end_date: '2027-01-01',
      premium_kopecks: 100,
      search_text: text,
    })
    const status = (['available', 'used', 'spoiled'] as const)[i % 3]!
    await db('policy_blank').insert({
      id: `b${i}`,
      created_at: at,
      updated_at: at,
      series: i % 2 ? 'ХХХ' : 'ТТТ',
      number: String(1_000_000 + i).padStart(10, '0'),
      status,
      received_at: at,
      received_by: staff.id,
      policy_id: status === 'used' ? `o${i}` : null,
      used_at: status === 'used' ? at : null,
      spoiled_at: status === 'spoiled' ? at : null,
      spoiled_reason: status === 'spoiled' ? 'torn' : null,
    })
    await db('sync_issue').insert({
      id: `s${i}`,
      kind: 'conflict',
      entity: 'osago_policy',
      entity_id: `o${i}`,
      reason_code: 'changedElsewhere',
      reason_params: '{}',
      changed_by: staff.id,
      recorded_at: at,
      seen_at: i % 4 ? at : null,
    })
  }
}

/** Searches of every shape: substring ≥ 3, one and two characters, VIN, plate (either alphabet), series+number. */
const QUERIES = [
  'иванов',
  'ИВАН',
  'и',
  'ив',
  '9161234567',
  // A whole phone as typed (the ten-digit words' table), one that no record has (then the FTS phrase), a part of one.
  '+7 (916) 123-45-63',
  '8 916 000-00-00',
  '8 916 12',
  'XTA21010000000003',
  'A103BC77',
  'ХХХ 0123456789',
  '%_"',
]

beforeAll(async () => {
  t = await makeTestCore()
  await setupBranch(t.core)
  await signInAs(t.core, 'supervisor', 'supervisor')
  await signInAs(t.core, 'clerk', 'clerk')
  await signInAs(t.core, 'inspector', 'inspector')
  await signInAs(t.core, 'admin', 'admin')
  await t.core.db.raw('PRAGMA foreign_keys = OFF')
  await seed(t.core.db)
  await t.core.db.raw('PRAGMA foreign_keys = ON')
  t.core.db.on('query', capture)
}, 60_000)

afterAll(async () => {
  t.core.db.off('query', capture)
  await t.dispose()
})

describe('query plans of every list and search (issue 12)', () => {
  it('finds a full scan, an unbounded index walk and a sorted list in the plans that had them', () => {
    // Today's (before issue 12) LIKE search and its COUNT over the whole table, as EXPLAIN printed them.
    expect(
      planProblems(
        "select count(*) as n from osago_policy where status != 'discarded' and search_text like ?",
        ['SCAN osago_policy'],
        true,
      ),
    ).toHaveLength(1)
    expect(
      planProblems(
        'select * from termination_application where search_text LIKE ? order by received_at desc limit ?',
        ['SCAN termination_application', 'USE TEMP B-TREE FOR ORDER BY'],
        true,
      ),
    ).toHaveLength(2)
    expect(
      planProblems(
        'select count(*) from casco_quote',
        ['SCAN casco_quote USING COVERING INDEX casco_quote_status_idx'],
        true,
      ),
    ).toHaveLength(1)
    expect(
      planProblems(
        'select * from osago_policy order by updated_at desc limit 50',
        ['SCAN osago_policy USING INDEX osago_updated_idx'],
        true,
      ),
    ).toEqual([])
  })

  it('sees through aliases, LIMITs that bound another SELECT, and a partly sorted ORDER BY', () => {
    // The plan prints the alias only.
    expect(planProblems('select * from `policy_blank` as `b` where `b`.`spoiled_by` = ?', ['SCAN b'], true)).toEqual([
      'full scan: SCAN b',
    ])
    expect(planProblems('SELECT * FROM inspection i WHERE i.vin = ?', ['SCAN i'], true)).toHaveLength(1)
    // knex `.first()` puts `limit 1` on a count: it still reads the whole index.
    expect(
      planProblems(
        'select count(*) as `n` from `policy_blank` as `b` limit ?',
        ['SCAN b USING COVERING INDEX policy_blank_status_idx'],
        true,
      ),
    ).toHaveLength(1)
    // A LIMIT in a subquery bounds the subquery, not the outer walk.
    expect(
      planProblems(
        'select * from `sync_issue` as `i` where `i`.`id` not in (select id from x limit 5)',
        ['SCAN i USING INDEX sync_issue_unseen_idx', 'LIST SUBQUERY 1', '  SCAN x'],
        true,
      ),
    ).toHaveLength(1)
    // The bounded count lists use: the walk is the inner SELECT's, under its own LIMIT; `SCAN c` reads its rows.
    expect(
      planProblems(
        'select count(*) as `n` from (select 1 from `casco_quote` as `c` where `status` = ? limit ?) as `c` limit ?',
        ['CO-ROUTINE c', '  SCAN c USING COVERING INDEX casco_quote_status_idx', 'SCAN c'],
        true,
      ),
    ).toEqual([])
    expect(
      planProblems(
        'select * from `osago_policy` order by `x` desc, `updated_at` desc limit ?',
        ['SCAN osago_policy USING INDEX osago_day_idx', 'USE TEMP B-TREE FOR RIGHT PART OF ORDER BY'],
        true,
      ),
    ).toHaveLength(1)
    expect(planProblems('select 1', ['USE TEMP B-TREE FOR LAST TERM OF ORDER BY'], true)).toHaveLength(1)
  })

  it('fails a list whose index is dropped (a planted full scan and sort, through the handler)', async () => {
    const db = t.core.db
    const index = (await db('sqlite_master').where({ name: 'sync_issue_order_idx' }).first('sql')) as { sql: string }
    await db.raw('DROP INDEX sync_issue_order_idx')
    try {
      const problems = await problemsOf('sync/list-issues', {})
      expect(problems.some((p) => p.startsWith('full scan: SCAN i'))).toBe(true)
      expect(problems.some((p) => p.startsWith('sorts in a temp B-tree'))).toBe(true)
    } finally {
      await db.raw(index.sql)
    }
    expect(await problemsOf('sync/list-issues', {})).toEqual([])
  })

  it('flags the LIKE search the lists used before issue 12 on this database', async () => {
    const db = t.core.db
    const old = db('osago_policy').whereNot('status', 'discarded').where('search_text', 'like', '%иван%')
    const count = old.clone().count({ n: '*' }).toSQL()
    const page = old.clone().orderBy('updated_at', 'desc').limit(50).toSQL()
    const problems = [
      ...planProblems(count.sql, await planOf(db, count), true),
      ...planProblems(page.sql, await planOf(db, page), true),
    ]
    expect(problems.some((p) => p.startsWith('full scan: SCAN osago_policy'))).toBe(true)
  })

  it('OSAGO list: first page, status and date filters, every search', async () => {
    expect(await problemsOf('osago/list-policies', {})).toEqual([])
    expect(await problemsOf('osago/list-policies', { status: 'issued' })).toEqual([])
    for (const query of QUERIES) expect(await problemsOf('osago/list-policies', { query })).toEqual([])
    expect(await problemsOf('osago/list-policies', { query: 'иван', status: 'draft' })).toEqual([])
    // A date range is listed in osago_day_updated_idx's order: a page, never a sort of the whole range.
    expect(await problemsOf('osago/list-policies', { dateFrom: '2026-01-01', dateTo: '2026-01-31' })).toEqual([])
    expect(await problemsOf('osago/list-policies', { dateFrom: '2026-01-01' })).toEqual([])
    expect(await problemsOf('osago/list-policies', { dateTo: '2026-12-31', status: 'draft' })).toEqual([])
    expect(await problemsOf('osago/list-policies', { dateFrom: '2026-01-01', query: 'иван' })).toEqual([])
    expect(await problemsOf('osago/list-policies', { dateFrom: '2026-01-01' }, true, 'clerk')).toEqual([])
  })

  it('CASCO lists, the approval queue and the quotes waiting for an inspection', async () => {
    expect(await problemsOf('casco/list-quotes', {})).toEqual([])
    expect(await problemsOf('casco/list-quotes', { status: 'submitted' })).toEqual([])
    for (const query of QUERIES) expect(await problemsOf('casco/list-quotes', { query })).toEqual([])
    for (const scope of ['ready', 'waiting', 'decided'] as const) {
      expect(await problemsOf('approval/list-queue', { scope })).toEqual([])
      expect(await problemsOf('approval/list-queue', { scope, query: 'иван' })).toEqual([])
    }
    expect(await problemsOf('casco/list-for-inspection', {})).toEqual([])
    expect(await problemsOf('casco/list-for-inspection', { query: 'ив' })).toEqual([])
  })

  it('inspections, terminations, the contract search and the dashboard', async () => {
    expect(await problemsOf('inspection/list', {})).toEqual([])
    for (const query of QUERIES) expect(await problemsOf('inspection/list', { query })).toEqual([])
    expect(await problemsOf('termination/list-applications', {})).toEqual([])
    expect(await problemsOf('termination/list-applications', { status: 'received' })).toEqual([])
    for (const query of QUERIES) expect(await problemsOf('termination/list-applications', { query })).toEqual([])
    // Not lists: they sort the few rows they picked by id (open applications of ≤ 60 contracts, the deadlines due).
    for (const query of QUERIES.filter((q) => q.length >= 3))
      expect(await problemsOf('termination/find-contracts', { query }, false)).toEqual([])
    expect(await problemsOf('termination/list-deadlines', {}, false)).toEqual([])
  })

  it('the inspector sees their own inspections: the list and the search read inspector_id', async () => {
    expect(await problemsOf('inspection/list', {}, true, 'inspector')).toEqual([])
    for (const query of QUERIES) expect(await problemsOf('inspection/list', { query }, true, 'inspector')).toEqual([])
  })

  it('the global search, as each role', async () => {
    for (const role of ['supervisor', 'clerk', 'inspector'] as const)
      for (const query of QUERIES) expect(await problemsOf('search/global', { query }, true, role)).toEqual([])
  })

  it('blanks: the list (each filter) and the stock', async () => {
    expect(await problemsOf('blanks/list-blanks', {})).toEqual([])
    expect(await problemsOf('blanks/list-blanks', { status: 'available' })).toEqual([])
    expect(await problemsOf('blanks/list-blanks', { series: 'ХХХ' })).toEqual([])
    expect(await problemsOf('blanks/list-blanks', { status: 'used', series: 'ТТТ', offset: 10 })).toEqual([])
    expect(await problemsOf('blanks/list-blanks', {}, true, 'clerk')).toEqual([])
    // The one accepted whole walk: the stock groups policy_blank_series_status_idx (covering, in series order, no
    // table row, no sort; blanksHandlers says why). Anything else in its plan is still a problem.
    const stock = await problemsOf('blanks/get-stock', undefined)
    expect(stock.filter((p) => !/^index walked .*USING COVERING INDEX policy_blank_series_status_idx/.test(p))).toEqual(
      [],
    )
    expect(stock).toHaveLength(1)
  })

  it('the home screen, as each role: drafts, cases, approvals waiting and renewals (issue 14)', async () => {
    // The admin's: blanks available per series, unprinted policies, unseen sync issues, staff (core/home/adminAttention.ts).
    for (const role of ['supervisor', 'clerk', 'inspector', 'admin'] as const)
      expect(await problemsOf('home/get-work', {}, true, role)).toEqual([])
  })

  it('the renewal worklist: both products by their end-date index, merged in order, paged (issue 15)', async () => {
    for (const page of [{}, { limit: 10, offset: 20 }])
      expect(await problemsOf('renewal/list-expiring', page, true, 'clerk')).toEqual([])
  })

  it("the radar of the branch's dates, as each role (issue 17), on the home screen and its own", async () => {
    // Not a paged list: the dates of a 60-day horizon (and the overdue ones), ordered by urgency in the core, so a
    // sort of those few rows is no problem; a scan of a table that grows with the years is.
    const found: string[] = []
    for (const role of ['supervisor', 'clerk', 'inspector', 'admin'] as const)
      found.push(...(await problemsOf('radar/get', {}, false, role)).map((p) => `${role}: ${p}`))
    expect(found).toEqual([])
  })

  it('sync issues: unseen first, newest first, from an index', async () => {
    expect(await problemsOf('sync/list-issues', {})).toEqual([])
    expect(await problemsOf('sync/list-issues', { limit: 10, offset: 20 })).toEqual([])
    expect(await problemsOf('sync/list-issues', {}, true, 'clerk')).toEqual([])
  })
})
