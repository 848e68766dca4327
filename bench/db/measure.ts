import type { Core } from '../../core/app/createCore'
import type { Channel } from '../../shared/contract'
import type { Result } from '../../shared/contract/result'
import { rng } from './people'
import { TRUSTED_URL } from './seed'

/**
 * The operations measured, each through `core.dispatch` exactly as the renderer's `call()` reaches it over IPC
 * (input parsed by the contract's schema, the session's role checked, then the handler), with a signed-in clerk's
 * session: the lists' first pages with default filters, the home screen's deadline card, the search boxes of the
 * OSAGO, CASCO and termination lists with inputs of each kind taken from random stored records, and the global
 * search (Ctrl+K), and the radar of the branch's dates. Every search knows which record it was taken from and counts whether that record came back.
 */

export const OPERATIONS = [
  'osagoList',
  'cascoList',
  'terminationsList',
  'dashboard',
  'searchPolicyNumber',
  'searchBlankNumber',
  'searchVin',
  'searchPlate',
  'searchSurnamePrefix',
  'searchPhone',
  'searchPassport',
  'searchCascoContract',
  'searchIncomingNumber',
  'globalSearch',
  // Last: it reads every policy in force and its document, which would warm the cache for the operations after it.
  'radar',
] as const
export type Operation = (typeof OPERATIONS)[number]

export interface OperationFigures {
  /** Calls timed (after two untimed warm-up calls). */
  n: number
  p50: number
  p95: number
  max: number
  /** Searches: calls whose answer held the record the query was taken from (lists: calls that answered). */
  found: number
  /** Why the operation was not measured: its handler is not in this build. */
  missing?: string
}

interface Call {
  channel: Channel
  input: unknown
  /** The record the query was taken from: a hit when the answer lists it. */
  expect?: string
  /** Surname prefixes match thousands of rows: a hit when the answer is not empty. */
  anyHit?: boolean
}

interface Sample {
  id: string
  surname: string
  phone: string
  passport: string
  vin: string | null
  plate: string | null
  series: string | null
  number: string | null
}

const CLIENT = 'bench-clerk'

async function dispatch(core: Core, channel: Channel, input: unknown, client = CLIENT): Promise<Result<unknown>> {
  return core.dispatch(channel, input, { clientId: client, senderUrl: TRUSTED_URL, isMainFrame: true }) as Promise<
    Result<unknown>
  >
}

/** Signs the seeded clerk in on the bench's window (seed.ts made clerk1 through the staff screens' channels). */
export async function signInClerk(core: Core): Promise<void> {
  const r = await dispatch(core, 'session/sign-in', { login: 'clerk1', password: 'Own12345' })
  if (!r.ok) throw new Error(`sign-in failed: ${r.error.code}`)
}

/** Random records of each kind (by rowid, outside the timings): the inputs of the searches. */
async function samples(
  core: Core,
  count: number,
): Promise<{ osago: Sample[]; casco: string[][]; incoming: string[][] }> {
  const r = rng(7)
  const db = core.db
  const maxRow = async (t: string) => Number(((await db(t).max({ m: 'rowid' }).first()) as { m: number | null }).m ?? 0)
  const osago: Sample[] = []
  const top = await maxRow('osago_policy')
  for (let tries = 0; osago.length < count && tries < count * 20; tries++) {
    const row = (await db('osago_policy as p')
      .join('osago_document as d', 'd.id', 'p.id')
      .where('p.rowid', 1 + Math.floor(r() * top))
      .first('p.id', 'p.vin', 'p.plate', 'p.policy_series', 'p.policy_number', 'd.draft')) as
      | {
          id: string
          vin: string | null
          plate: string | null
          policy_series: string | null
          policy_number: string | null
          draft: string
        }
      | undefined
    // The number searches need issued policies: every other sample is taken only when it has a number.
    if (!row || (osago.length % 2 === 0 && !row.policy_number)) continue
    const draft = JSON.parse(row.draft) as {
      insured: { surname?: string; phone?: string; passport?: { series: string; number: string } }
    }
    osago.push({
      id: row.id,
      surname: draft.insured.surname ?? '',
      phone: draft.insured.phone ?? '',
      passport: draft.insured.passport ? `${draft.insured.passport.series} ${draft.insured.passport.number}` : '',
      vin: row.vin,
      plate: row.plate,
      series: row.policy_series,
      number: row.policy_number,
    })
  }
  const cascoTop = await maxRow('casco_quote')
  const cascoRows: string[][] = []
  for (let tries = 0; cascoRows.length < count && tries < count * 50; tries++) {
    const row = (await db('casco_quote')
      .where('rowid', 1 + Math.floor(r() * cascoTop))
      .whereNotNull('contract_number')
      .first('id', 'contract_number')) as { id: string; contract_number: string } | undefined
    if (row) cascoRows.push([row.id, row.contract_number])
  }
  const termTop = await maxRow('termination_application')
  const incoming: string[][] = []
  for (let tries = 0; incoming.length < count && tries < count * 20; tries++) {
    const row = (await db('termination_application')
      .where('rowid', 1 + Math.floor(r() * termTop))
      .first('id', 'incoming_number')) as { id: string; incoming_number: string } | undefined
    if (row) incoming.push([row.id, row.incoming_number])
  }
  return { osago, casco: cascoRows, incoming }
}

function plan(op: Operation, s: Awaited<ReturnType<typeof samples>>, i: number): Call | null {
  const o = s.osago[i % Math.max(1, s.osago.length)]
  const issued = s.osago.filter((x) => x.number)
  const withPlate = s.osago.filter((x) => x.plate)
  const n = issued[i % Math.max(1, issued.length)]
  const list = (query: string, expect?: string, anyHit = false): Call => ({
    channel: 'osago/list-policies',
    input: { query },
    ...(expect ? { expect } : {}),
    anyHit,
  })
  switch (op) {
    case 'osagoList':
      return { channel: 'osago/list-policies', input: {} }
    case 'cascoList':
      return { channel: 'casco/list-quotes', input: {} }
    case 'terminationsList':
      return { channel: 'termination/list-applications', input: {} }
    case 'dashboard':
      return { channel: 'termination/list-deadlines', input: { dueSoonDays: 3 } }
    case 'radar':
      // The branch's calendar of dates (issue 17): every kind the clerk may open, diagnostic cards ending included.
      return { channel: 'radar/get', input: {} }
    case 'searchPolicyNumber':
      return n ? list(`${n.series} ${n.number}`, n.id) : null
    case 'searchBlankNumber':
      return n ? list(n.number!, n.id) : null
    case 'searchVin':
      return o?.vin ? list(o.vin, o.id) : null
    case 'searchPlate': {
      const p = withPlate[i % Math.max(1, withPlate.length)]
      return p ? list(p.plate!, p.id) : null
    }
    case 'searchSurnamePrefix':
      // What a clerk types before the list narrows: the first 4–6 letters.
      return o ? list(o.surname.slice(0, 4 + (i % 3)), undefined, true) : null
    case 'searchPhone':
      return o?.phone ? list(o.phone, o.id) : null
    case 'searchPassport':
      return o?.passport ? list(o.passport, o.id) : null
    case 'searchCascoContract': {
      const c = s.casco[i % Math.max(1, s.casco.length)]
      return c ? { channel: 'casco/list-quotes', input: { query: c[1] }, expect: c[0] } : null
    }
    case 'searchIncomingNumber': {
      const t = s.incoming[i % Math.max(1, s.incoming.length)]
      return t ? { channel: 'termination/list-applications', input: { query: t[1] }, expect: t[0] } : null
    }
    case 'globalSearch': {
      // As typed into Ctrl+K: a number, a plate, a VIN, a surname, a phone, in turn.
      const kinds = [
        n ? { q: `${n.series} ${n.number}`, id: n.id } : null,
        o?.plate ? { q: o.plate, id: o.id } : null,
        o?.vin ? { q: o.vin, id: o.id } : null,
        o ? { q: o.surname.slice(0, 5), id: null } : null,
        o?.phone ? { q: o.phone, id: o.id } : null,
      ].filter((k) => k !== null)
      const k = kinds[i % kinds.length]
      if (!k) return null
      return {
        channel: 'search/global' as Channel,
        input: { query: k.q },
        ...(k.id ? { expect: k.id } : {}),
        anyHit: k.id === null,
      }
    }
  }
}

/** The ids an answer lists (lists' `items`, the global search's `hits`). */
function idsOf(value: unknown): { ids: string[]; any: boolean } {
  const v = value as { items?: Array<{ id: string }>; hits?: Array<{ id: string }> }
  const rows = v.items ?? v.hits ?? []
  return { ids: rows.map((x) => x.id), any: rows.length > 0 }
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!

/**
 * Measures each operation: two untimed warm-up calls, then up to `reps` timed calls with varied inputs; an
 * operation that takes longer than `budgetMs` in all stops after `minReps` calls (the «before» figures at 1M
 * contracts run 10–30 s a call), and says how many it made.
 */
export async function measure(
  core: Core,
  opts: { reps: number; minReps: number; budgetMs: number; only?: readonly Operation[]; log?: (s: string) => void },
): Promise<Record<Operation, OperationFigures>> {
  const s = await samples(core, Math.max(opts.reps, 10) + 2)
  const out = {} as Record<Operation, OperationFigures>
  for (const op of opts.only ?? OPERATIONS) {
    const first = plan(op, s, 0)
    if (first && !(first.channel in core.handlers)) {
      out[op] = { n: 0, p50: NaN, p95: NaN, max: NaN, found: 0, missing: `no handler for ${first.channel}` }
      continue
    }
    const times: number[] = []
    let found = 0
    let spent = 0
    let slowest = { ms: 0, input: '' }
    for (let i = 0; i < opts.reps + 2; i++) {
      const c = plan(op, s, i)
      if (!c) break
      const t0 = performance.now()
      const r = await dispatch(core, c.channel, c.input)
      const ms = performance.now() - t0
      if (!r.ok)
        throw new Error(`${op}: ${c.channel} ${JSON.stringify(c.input)} answered ${r.error.code} ${r.error.message}`)
      if (i < 2) continue
      times.push(ms)
      spent += ms
      if (ms > slowest.ms) slowest = { ms, input: JSON.stringify(c.input) }
      const got = idsOf(r.value)
      if (c.expect ? got.ids.includes(c.expect) : c.anyHit ? got.any : true) found++
      if (spent > opts.budgetMs && times.length >= opts.minReps) break
    }
    const sorted = [...times].sort((a, b) => a - b)
    out[op] = sorted.length
      ? { n: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1)!, found }
      : { n: 0, p50: NaN, p95: NaN, max: NaN, found: 0, missing: 'no stored record to take an input from' }
    opts.log?.(
      `  ${op}: ${sorted.length} calls, p95 ${out[op].p95.toFixed(2)} ms, slowest ${slowest.ms.toFixed(1)} ms for ${slowest.input}`,
    )
  }
  return out
}
