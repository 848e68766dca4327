import Database from 'better-sqlite3'
import { join, resolve } from 'node:path'
import { uuidv7 } from 'uuidv7'
import { ManualClock } from '../../core/app/clock'
import { createCore, type Core } from '../../core/app/createCore'
import { searchColumns as cascoSearchColumns } from '../../core/casco/cascoRows'
import { damage, submittedCase, submittedInspection } from '../../core/casco/testing/cascoCase'
import { searchColumns as inspectionSearchColumns } from '../../core/inspection/inspectionRows'
import { searchColumns as osagoSearchColumns } from '../../core/osago/osagoRows'
import { applicationSearchText } from '../../core/termination/applicationRows'
import { ADMIN, call, expectOk, signInAs } from '../../core/testing/testCore'
import type { CascoDraft } from '../../shared/casco/draft'
import { completeCascoDraft } from '../../shared/casco/draftFixture'
import { formatContractNumber } from '../../shared/casco/contractNumber'
import { addDays, todayIn } from '../../shared/dates/calendarDate'
import type { InspectionReport } from '../../shared/inspection/report'
import type { OsagoDraft } from '../../shared/osago/draft'
import { completeDraft } from '../../shared/osago/testing/completeDraft'
import type { ApplicationDetails, ApplicationStatus, ContractData } from '../../shared/termination/application'
import { formatIncomingNumber } from '../../shared/termination/incomingNumber'
import { person, plate, rng, vin, type Person } from './people'

/**
 * Seeds a branch database of N contracts — 70 % OSAGO policies, 25 % CASCO quotes and contracts, 5 % termination
 * applications — the way a branch after years of work holds them:
 *
 * 1. Real records through the app's own handlers (`core.dispatch` with signed-in clerk, inspector, supervisor and
 *    admin sessions, exactly as the renderer calls): OSAGO drafts, priced and issued policies on received blanks;
 *    CASCO drafts, quotes, cases submitted, inspected (photos through the photo pool), approved, and contracts
 *    issued; termination applications received, calculated, approved, paid and refused. These have their outbox
 *    and audit entries like any record.
 * 2. Bulk clones of those records up to N, in big transactions with prepared statements on the same file. Each
 *    clone gets a new UUIDv7 id, its own person (surname from ~3,000 with a realistic spread, name, phone,
 *    passport), VIN, plate, policy/blank/contract/incoming/inspection number, and its dates moved back by up to
 *    five years; its derived columns (insured_name, plate, vin, search_text …) come from the features' own row
 *    functions (core/osago/osagoRows.ts, core/casco/cascoRows.ts, core/inspection/inspectionRows.ts,
 *    core/termination/applicationRows.ts), so a change to them is what the bench measures. Clones skip the
 *    outbox and the audit log: they are history already synced, as a device restored from HQ holds it.
 *    Documents (drafts, reports, calculations) are the templates' with the person and vehicle replaced; dates
 *    inside the documents are the templates' (only the rows' columns move).
 */

export const RESOURCES_DIR = resolve(import.meta.dirname, '..', '..', 'resources')
export const TRUSTED_URL = 'app://branch-desk/index.html'
export const DB_FILE = 'branch-desk.sqlite'

/** How many records of each kind and stage are made through the handlers before cloning. */
export interface RealCounts {
  osagoIssued: number
  osagoCalculated: number
  osagoDraft: number
  cascoDraft: number
  cascoQuoted: number
  cascoSubmitted: number
  cascoApproved: number
  cascoIssued: number
  terminationReceived: number
  terminationCompleted: number
  terminationPaid: number
  terminationRefused: number
}

/** A few hundred real records: every stage several times over, so clones inherit a realistic status mix. */
export const FULL_REAL: RealCounts = {
  osagoIssued: 170,
  osagoCalculated: 20,
  osagoDraft: 20,
  cascoDraft: 20,
  cascoQuoted: 18,
  cascoSubmitted: 8,
  cascoApproved: 4,
  cascoIssued: 12,
  terminationReceived: 6,
  terminationCompleted: 10,
  terminationPaid: 10,
  terminationRefused: 4,
}

export interface SeedResult {
  contracts: number
  real: { osago: number; casco: number; termination: number; seconds: number }
  clones: { osago: number; casco: number; termination: number; seconds: number }
}

type Log = (line: string) => void
type Row = Record<string, unknown>

/** The kinds' shares of N (the rest of N are terminations). */
export function split(n: number): { osago: number; casco: number; termination: number } {
  const osago = Math.round(n * 0.7)
  const casco = Math.round(n * 0.25)
  return { osago, casco, termination: n - osago - casco }
}

export async function openBenchCore(dataDir: string, clock?: ManualClock): Promise<Core> {
  return createCore({
    dataDir,
    resourcesDir: RESOURCES_DIR,
    isTrustedUrl: (url) => url.startsWith('app://branch-desk/'),
    ...(clock ? { clock } : {}),
  })
}

/** Seeds `dataDir` (empty) with N contracts; returns what was made and how long each part took. */
export async function seedBranch(
  dataDir: string,
  contracts: number,
  opts: { real?: RealCounts; log?: Log } = {},
): Promise<SeedResult> {
  const log = opts.log ?? (() => {})
  const real = opts.real ?? FULL_REAL
  const want = split(contracts)
  let started = performance.now()
  const core = await openBenchCore(dataDir, new ManualClock(new Date()))
  let made: { osago: number; casco: number; termination: number }
  try {
    made = await makeRealRecords(core, real, log)
  } finally {
    await core.close()
  }
  const realSeconds = (performance.now() - started) / 1000
  log(
    `  real records through the handlers: ${made.osago} OSAGO, ${made.casco} CASCO, ${made.termination} terminations in ${realSeconds.toFixed(1)} s`,
  )
  started = performance.now()
  const clones = cloneToN(
    join(dataDir, DB_FILE),
    {
      osago: Math.max(0, want.osago - made.osago),
      casco: Math.max(0, want.casco - made.casco),
      termination: Math.max(0, want.termination - made.termination),
    },
    log,
  )
  const cloneSeconds = (performance.now() - started) / 1000
  return {
    contracts: made.osago + made.casco + made.termination + clones.osago + clones.casco + clones.termination,
    real: { ...made, seconds: realSeconds },
    clones: { ...clones, seconds: cloneSeconds },
  }
}

// ---------------------------------------------------------------------------------------------------------------
// 1. Real records through the handlers.

async function makeRealRecords(
  core: Core,
  n: RealCounts,
  log: Log,
): Promise<{ osago: number; casco: number; termination: number }> {
  const r = rng(1)
  await expectOk(
    call(core, 'setup/create-branch', {
      branch: { code: 'MSK-01', name: 'Филиал «Тверской»', city: 'Москва' },
      admin: ADMIN,
    }),
  )
  await signInAs(core, 'admin', 'admin')
  await signInAs(core, 'clerk', 'c')
  await signInAs(core, 'inspector', 'i')
  await signInAs(core, 'supervisor', 's')
  const today = todayIn('Europe/Moscow', core.clock.now())
  const terminations = n.terminationReceived + n.terminationCompleted + n.terminationPaid + n.terminationRefused
  const issuedCount = Math.max(n.osagoIssued, terminations)
  if (issuedCount > 0)
    await expectOk(
      call(
        core,
        'blanks/receive-range',
        { series: 'ААК', fromNumber: '0000000001', toNumber: String(issuedCount).padStart(10, '0') },
        'admin',
      ),
    )

  const osagoDraft = (who: Person) => {
    const d = completeDraft(today)
    Object.assign(d.insured, {
      surname: who.surname,
      name: who.name,
      patronymic: who.patronymic,
      gender: who.gender,
      phone: who.phone,
    })
    d.insured.passport = { ...d.insured.passport, ...who.passport }
    d.vehicle.vin = vin(r)
    d.vehicle.plate = r() < 0.8 ? plate(r) : ''
    return d
  }
  const issued: Array<{ id: string }> = []
  const osagoTotal = issuedCount + n.osagoCalculated + n.osagoDraft
  for (let i = 0; i < osagoTotal; i++) {
    const p = await expectOk(call(core, 'osago/create-draft', undefined, 'c'))
    const saved = await expectOk(
      call(core, 'osago/save-draft', { id: p.id, rowVersion: p.rowVersion, draft: osagoDraft(person(r)) }, 'c'),
    )
    if (i >= issuedCount + n.osagoCalculated) continue
    const calc = await expectOk(call(core, 'osago/calculate-policy', { id: p.id, rowVersion: saved.rowVersion }, 'c'))
    if (i >= issuedCount) continue
    const payment = {
      method: 'cash' as const,
      receiptNumber: `ФД ${i + 1}`,
      amountKopecks: calc.calculation!.premiumKopecks,
    }
    issued.push(
      await expectOk(call(core, 'osago/issue-policy', { id: p.id, rowVersion: calc.rowVersion, payment }, 'c')),
    )
  }
  log(`  OSAGO through the handlers: ${osagoTotal}`)

  const cascoEdit = (d: CascoDraft) => {
    const who = person(r)
    Object.assign(d.insured, {
      surname: who.surname,
      name: who.name,
      patronymic: who.patronymic,
      gender: who.gender,
      phone: who.phone,
    })
    d.insured.passport = { ...d.insured.passport, ...who.passport }
    d.vehicle.vin = vin(r)
    d.vehicle.plate = plate(r)
  }
  for (let i = 0; i < n.cascoDraft; i++) {
    const q = await expectOk(call(core, 'casco/create-quote', undefined, 'c'))
    const draft = completeCascoDraft(today)
    cascoEdit(draft)
    await expectOk(call(core, 'casco/save-draft', { id: q.id, rowVersion: q.rowVersion, draft }, 'c'))
  }
  for (let i = 0; i < n.cascoQuoted; i++) {
    const q = await expectOk(call(core, 'casco/create-quote', undefined, 'c'))
    const draft = completeCascoDraft(today)
    cascoEdit(draft)
    const saved = await expectOk(call(core, 'casco/save-draft', { id: q.id, rowVersion: q.rowVersion, draft }, 'c'))
    await expectOk(call(core, 'casco/calculate-quote', { id: saved.id, rowVersion: saved.rowVersion }, 'c'))
  }
  for (let i = 0; i < n.cascoSubmitted + n.cascoApproved + n.cascoIssued; i++) {
    const s = await submittedCase(core, 'c', cascoEdit)
    if (i < n.cascoSubmitted) continue
    await submittedInspection(core, 'i', s.id, i % 2 ? [damage()] : [])
    const c = await expectOk(call(core, 'approval/get-case', { quoteId: s.id }, 's'))
    await expectOk(
      call(
        core,
        'approval/decide',
        { quoteId: s.id, quoteRowVersion: c.quote.rowVersion, decision: 'approved', validUntil: addDays(today, 10) },
        's',
      ),
    )
    if (i < n.cascoSubmitted + n.cascoApproved) continue
    const approved = await expectOk(call(core, 'casco/get-quote', { id: s.id }, 'c'))
    const first = approved.result!.options[approved.chosenOption ?? 0]!.schedule.payments[0]!.amountKopecks
    await expectOk(
      call(
        core,
        'casco/issue-contract',
        {
          id: s.id,
          rowVersion: approved.rowVersion,
          payment: { method: 'cash', receiptNumber: `ФД ${i + 1}`, amountKopecks: first },
        },
        'c',
      ),
    )
  }
  const cascoTotal = n.cascoDraft + n.cascoQuoted + n.cascoSubmitted + n.cascoApproved + n.cascoIssued
  log(`  CASCO through the handlers: ${cascoTotal}`)

  for (let i = 0; i < terminations; i++) {
    const who = person(r)
    const details = {
      kind: 'osago-early-termination' as const,
      ground: 'owner-change' as const,
      eventDate: null,
      cascoChoice: null,
      insuredEventOccurred: false,
      applicant: {
        fullName: `${who.surname} ${who.name} ${who.patronymic}`,
        passport: `${who.passport.series} ${who.passport.number}`,
        phone: who.phone,
        address: null,
      },
      representative: null,
      payout: { method: 'cash' as const },
    }
    let a = await expectOk(
      call(
        core,
        'termination/register-application',
        { contract: { source: 'osago', id: issued[i]!.id }, details },
        'c',
      ),
    )
    if (i < n.terminationReceived) continue
    if (i < n.terminationReceived + n.terminationRefused) {
      await expectOk(
        call(
          core,
          'termination/refuse-application',
          { id: a.id, rowVersion: a.rowVersion, reason: 'Заявитель не собственник' },
          'c',
        ),
      )
      continue
    }
    a = await expectOk(
      call(
        core,
        'termination/set-documents',
        { id: a.id, rowVersion: a.rowVersion, documents: a.requiredDocuments },
        'c',
      ),
    )
    a = await expectOk(call(core, 'termination/complete-application', { id: a.id, rowVersion: a.rowVersion }, 'c'))
    if (a.calculation?.needsApproval)
      a = await expectOk(call(core, 'termination/approve-application', { id: a.id, rowVersion: a.rowVersion }, 's'))
    if (i < n.terminationReceived + n.terminationRefused + n.terminationCompleted) continue
    await expectOk(
      call(
        core,
        'termination/record-payout',
        { id: a.id, rowVersion: a.rowVersion, paymentDocument: `РКО ${i + 1}` },
        'c',
      ),
    )
  }
  log(`  terminations through the handlers: ${terminations}`)
  return { osago: osagoTotal, casco: cascoTotal, termination: terminations }
}

// ---------------------------------------------------------------------------------------------------------------
// 2. Bulk clones.

const DAY_MS = 86_400_000
const FIVE_YEARS_DAYS = 5 * 365
/**
 * Applications received longer ago than this are settled (paid or refused), as a working branch's are: a refund is
 * due within 10 working days (docs/refund-rules.md), so open ones are the last two weeks', a few of them overdue.
 */
const OPEN_WINDOW_DAYS = 14
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/
const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/
const BATCH = 5_000

/** Moves every date and time column of a row (not documents) back by `days`. */
function dateShifter(template: Row, documents: readonly string[]): (row: Row, days: number) => void {
  const times: string[] = []
  const dates: string[] = []
  const local: string[] = []
  for (const [k, v] of Object.entries(template)) {
    if (typeof v !== 'string' || documents.includes(k)) continue
    if (ISO_TIME.test(v)) times.push(k)
    else if (ISO_DATE.test(v)) dates.push(k)
    else if (LOCAL_TIME.test(v)) local.push(k)
  }
  return (row, days) => {
    const ms = days * DAY_MS
    for (const k of times) row[k] = new Date(Date.parse(row[k] as string) - ms).toISOString()
    for (const k of dates) row[k] = addDays(row[k] as string, -days)
    for (const k of local) {
      const v = row[k] as string
      row[k] = `${addDays(v.slice(0, 10), -days)}${v.slice(10)}`
    }
  }
}

interface Table {
  insert(row: Row): void
}

function table(db: Database.Database, name: string, columns: string[]): Table {
  const stmt = db.prepare(`INSERT INTO ${name} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`)
  return { insert: (row) => stmt.run(columns.map((c) => row[c] ?? null)) }
}

function setPerson(
  p: {
    surname: string
    name: string
    patronymic: string
    gender: string
    phone: string
    passport: { series: string; number: string }
  },
  who: Person,
): void {
  p.surname = who.surname
  p.name = who.name
  p.patronymic = who.patronymic
  p.gender = who.gender
  p.phone = who.phone
  p.passport.series = who.passport.series
  p.passport.number = who.passport.number
}

interface OsagoTemplate {
  policy: Row
  document: Row
  draft: OsagoDraft
  blank: Row | null
  shift: (row: Row, days: number) => void
  blankShift: ((row: Row, days: number) => void) | null
}

interface CascoTemplate {
  quote: Row
  document: Row
  draft: CascoDraft
  shift: (row: Row, days: number) => void
  inspections: Array<{ row: Row; report: InspectionReport; damages: Row[]; photos: Row[] }>
  decisions: Row[]
}

interface TerminationTemplate {
  row: Row
  contract: ContractData
  details: ApplicationDetails
  /** The policy's terminated_on as the handlers left it (null while the application is open or refused). */
  policyTerminatedOn: string | null
  shift: (row: Row, days: number) => void
}

function cloneToN(
  file: string,
  want: { osago: number; casco: number; termination: number },
  log: Log,
): { osago: number; casco: number; termination: number } {
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('foreign_keys = ON')
  // Seeding only: a crash mid-seed just means seeding again (the cache is written after it completes).
  db.pragma('synchronous = OFF')
  db.pragma('cache_size = -262144')
  try {
    const all = (sql: string, ...args: unknown[]) => db.prepare(sql).all(...args) as Row[]
    const columns = (t: string) =>
      (db.prepare(`PRAGMA table_info(${t})`).all() as Array<{ name: string }>).map((c) => c.name)
    const tables = Object.fromEntries(
      [
        'osago_policy',
        'osago_document',
        'policy_blank',
        'casco_quote',
        'casco_document',
        'inspection',
        'inspection_damage',
        'inspection_photo',
        'approval_decision',
        'termination_application',
      ].map((t) => [t, table(db, t, columns(t))]),
    )
    const branch = all('SELECT id, code FROM branch')[0] as { id: string; code: string }

    // Templates.
    const blanks = new Map(
      all('SELECT * FROM policy_blank WHERE policy_id IS NOT NULL').map((b) => [b.policy_id as string, b]),
    )
    const osagoDocs = new Map(all('SELECT * FROM osago_document').map((d) => [d.id as string, d]))
    const osago: OsagoTemplate[] = all(
      "SELECT * FROM osago_policy WHERE status <> 'discarded' ORDER BY created_at",
    ).map((policy) => {
      const document = osagoDocs.get(policy.id as string)!
      const blank = blanks.get(policy.id as string) ?? null
      return {
        policy,
        document,
        draft: JSON.parse(document.draft as string) as OsagoDraft,
        blank,
        shift: dateShifter(policy, ['payment']),
        blankShift: blank ? dateShifter(blank, []) : null,
      }
    })
    const cascoDocs = new Map(all('SELECT * FROM casco_document').map((d) => [d.id as string, d]))
    const casco: CascoTemplate[] = all("SELECT * FROM casco_quote WHERE status <> 'discarded' ORDER BY created_at").map(
      (quote) => {
        const document = cascoDocs.get(quote.id as string)!
        return {
          quote,
          document,
          draft: JSON.parse(document.draft as string) as CascoDraft,
          shift: dateShifter(quote, ['schedule', 'first_payment']),
          inspections: all('SELECT * FROM inspection WHERE quote_id = ?', quote.id).map((row) => ({
            row,
            report: JSON.parse(row.report as string) as InspectionReport,
            damages: all('SELECT * FROM inspection_damage WHERE inspection_id = ?', row.id),
            photos: all('SELECT * FROM inspection_photo WHERE inspection_id = ?', row.id),
          })),
          decisions: all('SELECT * FROM approval_decision WHERE quote_id = ?', quote.id),
        }
      },
    )
    const policyTerminated = new Map(
      all('SELECT id, terminated_on FROM osago_policy').map((p) => [p.id as string, p.terminated_on as string | null]),
    )
    const terminations: TerminationTemplate[] = all(
      "SELECT * FROM termination_application WHERE contract_source = 'osago' ORDER BY received_at",
    ).map((row) => ({
      row,
      contract: JSON.parse(row.contract as string) as ContractData,
      details: JSON.parse(row.details as string) as ApplicationDetails,
      policyTerminatedOn: policyTerminated.get(row.contract_id as string) ?? null,
      shift: dateShifter(row, [
        'contract',
        'details',
        'required_documents',
        'documents',
        'calculation',
        'late_payout',
        'deadline_changes',
      ]),
    }))
    // Policies an application ended are cloned only with an application: a plain clone is a policy in force.
    const plain = osago.filter((t) => t.policy.terminated_on === null)
    const issuedOsago = plain.filter((t) => t.policy.policy_number)
    const settled = terminations.filter((t) =>
      (['paid', 'refused', 'closed'] as ApplicationStatus[]).includes(t.row.status as ApplicationStatus),
    )
    if (
      osago.length === 0 ||
      (want.casco > 0 && casco.length === 0) ||
      (want.termination > 0 && (settled.length === 0 || issuedOsago.length === 0))
    )
      throw new Error('no templates to clone: make real records of every kind first')
    if (want.termination > want.osago) throw new Error('each cloned application needs a cloned OSAGO policy')

    const r = rng(42)
    const total = want.osago + want.casco + want.termination
    let policyNumber = 1_000_000_000
    let cascoSeq = Number((all('SELECT max(contract_seq) AS m FROM casco_quote')[0]!.m as number | null) ?? 0)
    const inspectionSeq = new Map<string, number>()
    const incomingSeq = new Map<string, number>()
    const series = ['ААК', 'ХХХ', 'ТТТ', 'ААВ']
    const made = { osago: 0, casco: 0, termination: 0 }
    const started = performance.now()
    let lastLog = started

    /** One OSAGO clone; `back` days into the past; a termination's policy is issued and may be terminated. */
    const cloneOsago = (
      t: OsagoTemplate,
      back: number,
      terminatedOn: string | null = null,
    ): { row: Row; who: Person } => {
      const who = person(r)
      setPerson(t.draft.insured as Parameters<typeof setPerson>[0], who)
      t.draft.vehicle.vin = vin(r)
      // Most cars on the road are registered; a new one is insured before it has plates.
      t.draft.vehicle.plate = r() < 0.85 ? plate(r) : ''
      const first = t.draft.drivers.mode === 'list' ? t.draft.drivers.list[0] : undefined
      if (first)
        Object.assign(first, { surname: who.surname, name: who.name, patronymic: who.patronymic, gender: who.gender })
      const id = uuidv7()
      const row: Row = { ...t.policy, id }
      t.shift(row, back)
      let number: string | null = null
      if (t.policy.policy_number) {
        const s = series[Math.floor(r() * series.length)]!
        const n = String(policyNumber++).padStart(10, '0')
        number = `${s} ${n}`
        row.policy_series = s
        row.policy_number = n
        if (t.blank) {
          const blank: Row = { ...t.blank, id: uuidv7(), series: s, number: n, policy_id: id }
          t.blankShift!(blank, back)
          tables.policy_blank!.insert(blank)
          row.blank_id = blank.id
        }
        // As osago/issue-policy passes the blank to searchColumns.
        number = `${s} ${n} ${s}${n}`
      }
      Object.assign(row, osagoSearchColumns(t.draft, number))
      row.terminated_on = terminatedOn
      tables.osago_policy!.insert(row)
      tables.osago_document!.insert({
        ...t.document,
        id,
        created_at: row.created_at,
        updated_at: row.updated_at,
        draft: JSON.stringify(t.draft),
      })
      made.osago++
      return { row, who }
    }

    const cloneCasco = (t: CascoTemplate, back: number) => {
      const who = person(r)
      setPerson(t.draft.insured as Parameters<typeof setPerson>[0], who)
      t.draft.vehicle.vin = vin(r)
      t.draft.vehicle.plate = plate(r)
      const first = t.draft.drivers.mode === 'list' ? t.draft.drivers.list[0] : undefined
      if (first)
        Object.assign(first, { surname: who.surname, name: who.name, patronymic: who.patronymic, gender: who.gender })
      const id = uuidv7()
      const row: Row = { ...t.quote, id }
      t.shift(row, back)
      if (t.quote.contract_number) {
        row.contract_seq = ++cascoSeq
        row.contract_number = formatContractNumber(t.quote.contract_branch as string, cascoSeq)
      }
      Object.assign(
        row,
        cascoSearchColumns(
          t.draft,
          t.quote.vehicle_name as string | null,
          (row.contract_number as string | null) ?? null,
        ),
      )
      tables.casco_quote!.insert(row)
      tables.casco_document!.insert({
        ...t.document,
        id,
        created_at: row.created_at,
        updated_at: row.updated_at,
        draft: JSON.stringify(t.draft),
      })
      const inspectionIds = new Map<string, string>()
      for (const i of t.inspections) {
        const ins: Row = { ...i.row, id: uuidv7(), quote_id: id }
        dateShifter(i.row, ['report'])(ins, back)
        inspectionIds.set(i.row.id as string, ins.id as string)
        const year = String(ins.created_at).slice(0, 4)
        const seq = (inspectionSeq.get(year) ?? 1000) + 1
        inspectionSeq.set(year, seq)
        ins.number = `${branch.code}/${year}/${String(seq).padStart(5, '0')}`
        const v = i.report.vehicle
        v.plate = t.draft.vehicle.plate
        v.vinDocument = v.vinBody = v.vinPlate = t.draft.vehicle.vin
        i.report.client.name = `${who.surname} ${who.name} ${who.patronymic}`
        i.report.client.phone = who.phone
        ins.report = JSON.stringify(i.report)
        Object.assign(ins, inspectionSearchColumns(i.report, ins.number as string))
        tables.inspection!.insert(ins)
        const damageIds = new Map<string, string>()
        for (const d of i.damages) {
          const dr: Row = { ...d, id: uuidv7(), inspection_id: ins.id }
          dateShifter(d, [])(dr, back)
          damageIds.set(d.id as string, dr.id as string)
          tables.inspection_damage!.insert(dr)
        }
        for (const p of i.photos) {
          const pr: Row = {
            ...p,
            id: uuidv7(),
            inspection_id: ins.id,
            damage_id: p.damage_id ? damageIds.get(p.damage_id as string) : null,
          }
          dateShifter(p, [])(pr, back)
          tables.inspection_photo!.insert(pr)
        }
      }
      for (const d of t.decisions) {
        const dr: Row = {
          ...d,
          id: uuidv7(),
          quote_id: id,
          inspection_id: d.inspection_id ? (inspectionIds.get(d.inspection_id as string) ?? null) : null,
        }
        dateShifter(d, ['conditions', 'checks'])(dr, back)
        tables.approval_decision!.insert(dr)
      }
      made.casco++
    }

    const cloneTermination = (t: TerminationTemplate, back: number, policyBack: number) => {
      const policy = cloneOsago(
        issuedOsago[made.termination % issuedOsago.length]!,
        policyBack,
        t.policyTerminatedOn === null ? null : addDays(t.policyTerminatedOn, -back),
      )
      const p = policy.row
      const number = `${p.policy_series as string} ${p.policy_number as string}`
      const holder = p.insured_name as string
      Object.assign(t.contract, {
        id: p.id,
        number,
        policyholderName: holder,
        plate: p.plate,
        vin: p.vin,
        conclusionDate: p.conclusion_date,
        startDate: p.start_date,
        endDate: p.end_date,
        premiumKopecks: p.premium_kopecks,
      })
      const applicant = t.details.applicant
      applicant.fullName = holder
      applicant.passport = { series: policy.who.passport.series, number: policy.who.passport.number }
      applicant.phone = policy.who.phone
      const row: Row = { ...t.row, id: uuidv7(), contract_id: p.id }
      t.shift(row, back)
      const year = Number(String(row.received_on).slice(0, 4))
      const seq = (incomingSeq.get(String(year)) ?? 10_000) + 1
      incomingSeq.set(String(year), seq)
      row.incoming_year = year
      row.incoming_seq = seq
      row.incoming_number = formatIncomingNumber(branch.code, year, seq)
      row.contract = JSON.stringify(t.contract)
      row.details = JSON.stringify(t.details)
      row.policyholder_name = holder
      row.contract_number = number
      row.search_text = applicationSearchText(row.incoming_number as string, t.contract, t.details)
      tables.termination_application!.insert(row)
      made.termination++
    }

    const done = () => made.osago + made.casco + made.termination
    // One transaction per batch: an application and its policy are two contracts made in one step.
    const batch = db.transaction((end: number) => {
      while (done() < end) {
        const left = { o: want.osago - made.osago, c: want.casco - made.casco, t: want.termination - made.termination }
        // Each application brings its own policy (counted as OSAGO): the other policies are left.o - left.t.
        const x = r() * (left.t + left.c + (left.o - left.t))
        const back = Math.floor(r() * FIVE_YEARS_DAYS)
        if (x < left.t) {
          // An application is received after its policy was concluded; older ones are settled.
          const pool = back > OPEN_WINDOW_DAYS ? settled : terminations
          cloneTermination(pool[made.termination % pool.length]!, back, back + 10 + Math.floor(r() * 300))
        } else if (x < left.t + left.c) {
          cloneCasco(casco[made.casco % casco.length]!, back)
        } else {
          cloneOsago(plain[made.osago % plain.length]!, back)
        }
      }
    })
    while (done() < total) {
      batch(Math.min(total, done() + BATCH))
      const now = performance.now()
      if (now - lastLog > 10_000) {
        lastLog = now
        log(
          `  cloned ${done().toLocaleString('en-US')} of ${total.toLocaleString('en-US')} (${Math.round(done() / ((now - started) / 1000))}/s)`,
        )
      }
    }
    // The counters the handlers number from must not fall behind the clones (a later real record gets a fresh number).
    const upsert = db.prepare(
      'INSERT INTO termination_sequence (branch_id, year, last_seq) VALUES (?, ?, ?) ON CONFLICT (branch_id, year) DO UPDATE SET last_seq = max(last_seq, excluded.last_seq)',
    )
    for (const [year, seq] of incomingSeq) upsert.run(branch.id, Number(year), seq)
    db.pragma('wal_checkpoint(TRUNCATE)')
    return made
  } finally {
    db.close()
  }
}
