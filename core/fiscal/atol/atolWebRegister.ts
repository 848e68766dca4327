import { randomUUID } from 'node:crypto'
import type { z } from 'zod'
import { setTimeout as sleep } from 'node:timers/promises'
import { roublesToKopecks } from '../../../shared/fiscal/roubles'
import type { FiscalAttributes, FiscalCashier, FiscalReceiptRequest, FiscalRegister, RegisterStatus } from '../api'
import { FiscalError } from '../fiscalError'
import { ATOL_ERROR, atolErrorKey } from './atolErrors'
import {
  operatorOf,
  receiptResultSchema,
  receiptTask,
  requestStateSchema,
  shiftStatusResultSchema,
  type FiscalParams,
} from './atolTasks'

export interface AtolWebOptions {
  /** The web server's base address, e.g. http://127.0.0.1:16732. */
  url: string
  /** How long one operation may take, from handing the task over to its result. */
  timeoutMs: number
  /** Pause between two polls of a task's state. */
  pollIntervalMs?: number
  fetch?: typeof fetch
}

/**
 * The first register driver: ATOL's «Драйвер ККТ» v10 through its web server (docs/domain/payments.md#atol-web-server-protocol,
 * decision 102). A task list goes in with POST /api/v2/requests {uuid, request: [task]}; the driver then polls
 * GET /api/v2/requests/{uuid} until the task is `ready` or `error` (or the time is up). Each operation has its own
 * uuid, so a task is never executed twice by the server.
 */
export class AtolWebRegister implements FiscalRegister {
  readonly driver = 'atol-web'
  private readonly base: string
  private readonly pollIntervalMs: number
  private readonly fetch: typeof fetch

  constructor(private readonly opts: AtolWebOptions) {
    this.base = opts.url.replace(/\/+$/u, '')
    this.pollIntervalMs = opts.pollIntervalMs ?? 250
    this.fetch = opts.fetch ?? globalThis.fetch
  }

  async receipt(req: FiscalReceiptRequest): Promise<FiscalAttributes> {
    const task = receiptTask(req)
    let result: unknown
    try {
      result = await this.run(task, 'unknown')
    } catch (e) {
      // A closed shift refused the receipt before anything was printed: open it for this cashier and go on.
      if (!(e instanceof FiscalError) || e.driverCode !== ATOL_ERROR.DENIED_IN_CLOSED_SHIFT) throw e
      await this.openShift(req.cashier)
      result = await this.run(task, 'unknown')
    }
    const params = parse(receiptResultSchema, result, 'unknown').fiscalParams
    if (params.fiscalReceiptNumber === undefined) throw badAnswer('fiscalReceiptNumber', 'unknown')
    if (params.total !== undefined && roublesToKopecks(params.total) !== req.amountKopecks)
      throw badAnswer(`total ${params.total}`, 'unknown')
    return attributesOf(params, params.fiscalReceiptNumber)
  }

  async status(): Promise<RegisterStatus> {
    const result = await this.run({ type: 'getShiftStatus' }, 'failed')
    const { state, number } = parse(shiftStatusResultSchema, result, 'failed').shiftStatus
    return {
      shiftOpen: state !== 'closed',
      shiftNumber: state === 'closed' ? null : number,
      expired: state === 'expired',
    }
  }

  async openShift(cashier: FiscalCashier): Promise<void> {
    await this.run({ type: 'openShift', operator: operatorOf(cashier) }, 'failed')
  }

  async closeShift(cashier: FiscalCashier): Promise<{ zReportFdNumber: number }> {
    const result = await this.run({ type: 'closeShift', operator: operatorOf(cashier) }, 'unknown')
    return { zReportFdNumber: parse(receiptResultSchema, result, 'unknown').fiscalParams.fiscalDocumentNumber }
  }

  /**
   * Hands one task over and waits for its result. `lateOutcome`: what a timeout or a garbled answer means once the
   * task was accepted — `unknown` for a task that prints a fiscal document, `failed` for a query.
   */
  private async run(task: Record<string, unknown>, lateOutcome: 'failed' | 'unknown'): Promise<unknown> {
    const deadline = Date.now() + this.opts.timeoutMs
    const uuid = randomUUID()
    const posted = await this.http('POST', '/api/v2/requests', deadline, 'failed', { uuid, request: [task] })
    if (posted.status !== 201 && posted.status !== 200) throw rejected(posted)
    for (;;) {
      const got = await this.http('GET', `/api/v2/requests/${uuid}`, deadline, lateOutcome)
      if (got.status !== 200) throw rejected(got, lateOutcome)
      const state = parse(requestStateSchema, got.body, lateOutcome).results[0]!
      if (state.status === 'ready') return state.result
      if (state.status === 'error') {
        const code = state.errorCode ?? -1
        throw new FiscalError(atolErrorKey(code), { code, description: state.errorDescription ?? '' }, 'failed', code)
      }
      if (state.status === 'blocked') throw new FiscalError('fiscal.errors.queueBlocked', {}, lateOutcome)
      if (state.status === 'interrupted' || state.status === 'canceled')
        throw new FiscalError('fiscal.errors.interrupted', {}, lateOutcome)
      if (Date.now() + this.pollIntervalMs >= deadline) throw this.timeout(lateOutcome)
      await sleep(this.pollIntervalMs)
    }
  }

  private async http(
    method: 'GET' | 'POST',
    path: string,
    deadline: number,
    outcome: 'failed' | 'unknown',
    body?: unknown,
  ): Promise<{ status: number; body: unknown }> {
    const left = deadline - Date.now()
    if (left <= 0) throw this.timeout(outcome)
    let res: Response
    try {
      res = await this.fetch(`${this.base}${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(left),
      })
    } catch (e) {
      if (e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError')) throw this.timeout(outcome)
      // Nothing reached the server when a POST could not connect; a lost poll leaves the task's fate unknown.
      throw new FiscalError('fiscal.errors.unreachable', { url: this.base }, method === 'POST' ? 'failed' : outcome)
    }
    const text = await res.text()
    let parsed: unknown = null
    if (text) {
      try {
        parsed = JSON.parse(text)
      } catch {
        throw badAnswer(text.slice(0, 80), outcome)
      }
    }
    return { status: res.status, body: parsed }
  }

  private timeout(outcome: 'failed' | 'unknown'): FiscalError {
    return new FiscalError(
      outcome === 'unknown' ? 'fiscal.errors.timeoutMaybePrinted' : 'fiscal.errors.timeout',
      { seconds: Math.ceil(this.opts.timeoutMs / 1000) },
      outcome,
    )
  }
}

function attributesOf(p: FiscalParams, receiptInShift: number): FiscalAttributes {
  return {
    registerSerial: p.registrationNumber,
    fnNumber: p.fnNumber,
    fdNumber: p.fiscalDocumentNumber,
    fiscalSign: String(p.fiscalDocumentSign),
    shiftNumber: p.shiftNumber,
    receiptInShift,
    issuedAt: new Date(p.fiscalDocumentDateTime).toISOString(),
    driver: 'atol-web',
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown, outcome: 'failed' | 'unknown'): T {
  const r = schema.safeParse(value)
  if (r.success) return r.data
  throw badAnswer(r.error.issues.map((i) => i.path.map(String).join('.')).join(', '), outcome)
}

function badAnswer(detail: string, outcome: 'failed' | 'unknown'): FiscalError {
  return new FiscalError('fiscal.errors.badAnswer', { detail }, outcome)
}

function rejected(res: { status: number; body: unknown }, outcome: 'failed' | 'unknown' = 'failed'): FiscalError {
  const error = (res.body as { error?: { code?: unknown; description?: unknown } } | null)?.error
  const description = typeof error?.description === 'string' ? error.description : ''
  return new FiscalError('fiscal.errors.rejected', { status: res.status, description }, outcome)
}
