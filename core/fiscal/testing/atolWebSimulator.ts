import { createHmac } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { roublesToKopecks } from '../../../shared/fiscal/roubles'
import { ATOL_ERROR } from '../atol/atolErrors'

/**
 * «АТОЛ веб-сервер симулятор»: a stand-in for the web server of ATOL's «Драйвер ККТ» v10 with one register behind it,
 * on 127.0.0.1 at a free port, speaking the same JSON task protocol (docs/domain/payments.md#atol-web-server-protocol):
 * POST /api/v2/requests {uuid, request} → 201; GET /api/v2/requests/{uuid} → {results: [{status, errorCode,
 * errorDescription, result}]}. It checks tasks as the protocol documents them (types, positions, sums, payments),
 * keeps a shift (24 hours, then «expired»), numbers fiscal documents and receipts, computes a deterministic fiscal
 * sign, and can be told to fail the way a register fails: paper out, the shift over 24 hours, the fiscal drive full,
 * or a task that never finishes.
 */
export type SimulatedFailure = 'paperOut' | 'fnFull' | 'hang' | null

export interface SimulatorOptions {
  /** The register's clock; the shift's 24 hours run on it. */
  now?: () => Date
  /** How many polls see a task `inProgress` before its result (a printer takes a moment). */
  pollsBeforeReady?: number
  firstDocumentNumber?: number
}

export interface SimulatedDocument {
  fdNumber: number
  type: 'sell' | 'sellReturn' | 'openShift' | 'closeShift'
  shiftNumber: number
  receiptInShift: number | null
  totalKopecks: number | null
  payments: { type: string; kopecks: number }[]
  operator: string | null
  itemNames: string[]
  fiscalSign: string
  dateTime: string
}

interface Task {
  uuid: string
  pollsLeft: number
  state: { status: string; errorCode: number; errorDescription: string; result: unknown }
}

const FN_NUMBER = '9999078902001234'
const REGISTRATION_NUMBER = '0000000001002292'
const SHIFT_HOURS = 24
const TAX_TYPES = [
  'none',
  'vat0',
  'vat5',
  'vat7',
  'vat10',
  'vat20',
  'vat22',
  'vat105',
  'vat107',
  'vat110',
  'vat120',
  'vat122',
]
const PAYMENT_METHODS = [
  'fullPrepayment',
  'prepayment',
  'advance',
  'fullPayment',
  'partialPayment',
  'credit',
  'creditPayment',
]
const PAYMENT_OBJECTS = [
  'commodity',
  'excise',
  'job',
  'service',
  'gamblingBet',
  'gamblingPrize',
  'lottery',
  'lotteryPrize',
  'intellectualActivity',
  'payment',
  'agentCommission',
  'composite',
  'another',
]
const PAYMENT_TYPES = ['cash', 'electronically', 'prepaid', 'credit', 'other']

class TaskError extends Error {
  constructor(
    readonly code: number,
    description: string,
  ) {
    super(description)
  }
}

export class AtolWebSimulator {
  /** Every fiscal document the register made, in order. */
  readonly documents: SimulatedDocument[] = []
  /** Every task list POSTed, as received. */
  readonly received: unknown[] = []
  private readonly tasks = new Map<string, Task>()
  private readonly now: () => Date
  private readonly pollsBeforeReady: number
  private server: Server | null = null
  private failure: SimulatedFailure = null
  private nextFd: number
  private shift: { number: number; open: boolean; openedAt: Date | null; receipts: number } = {
    number: 0,
    open: false,
    openedAt: null,
    receipts: 0,
  }

  constructor(opts: SimulatorOptions = {}) {
    this.now = opts.now ?? (() => new Date())
    this.pollsBeforeReady = opts.pollsBeforeReady ?? 1
    this.nextFd = opts.firstDocumentNumber ?? 1
  }

  /** Starts listening; the base address to give the driver. */
  async start(): Promise<string> {
    const server = createServer((req, res) => void this.handle(req, res))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    this.server = server
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  }

  async stop(): Promise<void> {
    const server = this.server
    this.server = null
    if (!server) return
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  /** What the next fiscal tasks run into, until told otherwise. */
  failWith(failure: SimulatedFailure): void {
    this.failure = failure
  }

  /** Opens the shift as if it had been opened at `at` (a shift left open overnight and longer). */
  openShiftAt(at: Date, operator = 'Кассир'): void {
    this.shift = { number: this.shift.number + 1, open: true, openedAt: at, receipts: 0 }
    this.document('openShift', operator, null, [], [], at)
  }

  get shiftState(): 'closed' | 'opened' | 'expired' {
    if (!this.shift.open) return 'closed'
    return this.expired() ? 'expired' : 'opened'
  }

  private expired(): boolean {
    const openedAt = this.shift.openedAt
    return openedAt !== null && this.now().getTime() - openedAt.getTime() > SHIFT_HOURS * 3600_000
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    if (req.method === 'POST' && url.pathname === '/api/v2/requests') return this.post(await readBody(req), res)
    const m = /^\/api\/v2\/requests\/([^/]+)$/u.exec(url.pathname)
    if (req.method === 'GET' && m) return this.get(decodeURIComponent(m[1]!), res)
    send(res, 404, { error: { code: 404, description: 'Not found' } })
  }

  private post(text: string, res: ServerResponse): void {
    let body: unknown
    try {
      body = JSON.parse(text)
    } catch {
      return send(res, 400, { error: { code: 400, description: 'Invalid JSON' } })
    }
    this.received.push(body)
    const b = body as { uuid?: unknown; request?: unknown }
    if (typeof b !== 'object' || b === null || typeof b.uuid !== 'string' || b.uuid === '')
      return send(res, 400, { error: { code: 400, description: 'uuid is required' } })
    // The documented body takes one task object or a list of them.
    const list = Array.isArray(b.request) ? (b.request as unknown[]) : b.request ? [b.request] : []
    if (list.length === 0) return send(res, 400, { error: { code: 400, description: 'request is required' } })
    if (this.tasks.has(b.uuid)) return send(res, 409, { error: { code: 409, description: 'uuid already exists' } })
    // Only one task per list is what Branch Desk sends; the rest of a list runs the same way in order.
    const states = list.map((t) => this.execute(t))
    this.tasks.set(b.uuid, { uuid: b.uuid, pollsLeft: this.pollsBeforeReady, state: states[states.length - 1]! })
    send(res, 201, { uuid: b.uuid, number: this.tasks.size })
  }

  private get(uuid: string, res: ServerResponse): void {
    const task = this.tasks.get(uuid)
    if (!task) return send(res, 404, { error: { code: 404, description: 'Task not found' } })
    const hung = this.failure === 'hang'
    if (hung || task.pollsLeft > 0) {
      if (!hung) task.pollsLeft--
      return send(res, 200, {
        results: [{ status: 'inProgress', errorCode: 0, errorDescription: 'Ошибок нет', result: null }],
      })
    }
    send(res, 200, { results: [task.state] })
  }

  private execute(raw: unknown): Task['state'] {
    try {
      return { status: 'ready', errorCode: 0, errorDescription: 'Ошибок нет', result: this.run(raw) }
    } catch (e) {
      if (!(e instanceof TaskError)) throw e
      return { status: 'error', errorCode: e.code, errorDescription: e.message, result: null }
    }
  }

  private run(raw: unknown): unknown {
    if (typeof raw !== 'object' || raw === null) throw invalid('task is not an object')
    const task = raw as Record<string, unknown>
    switch (task.type) {
      case 'getShiftStatus':
        return {
          shiftStatus: {
            state: this.shiftState,
            number: this.shift.number,
            expiredTime: this.shift.openedAt
              ? moscowTime(new Date(this.shift.openedAt.getTime() + SHIFT_HOURS * 3600_000))
              : undefined,
          },
        }
      case 'openShift': {
        const operator = operatorName(task.operator, false)
        this.fiscalPreconditions()
        if (this.shift.open)
          throw new TaskError(ATOL_ERROR.DENIED_IN_OPENED_SHIFT, 'Смена открыта - операция невозможна')
        this.shift = { number: this.shift.number + 1, open: true, openedAt: this.now(), receipts: 0 }
        return { fiscalParams: this.document('openShift', operator, null, [], []), warnings: null }
      }
      case 'closeShift': {
        const operator = operatorName(task.operator, false)
        this.fiscalPreconditions()
        if (!this.shift.open)
          throw new TaskError(ATOL_ERROR.DENIED_IN_CLOSED_SHIFT, 'Смена закрыта - операция невозможна')
        const receiptsCount = this.shift.receipts
        const params = this.document('closeShift', operator, null, [], [])
        this.shift = { ...this.shift, open: false, openedAt: null }
        return { fiscalParams: { ...params, receiptsCount }, warnings: null }
      }
      case 'sell':
      case 'sellReturn':
        return this.receipt(task.type, task)
      default:
        throw invalid(`unknown task type ${String(task.type)}`)
    }
  }

  private receipt(type: 'sell' | 'sellReturn', task: Record<string, unknown>): unknown {
    const operator = operatorName(task.operator, true)
    const items = task.items
    if (!Array.isArray(items) || items.length === 0) throw invalid('items: at least one position')
    let totalKopecks = 0
    const names: string[] = []
    for (const [i, it] of (items as Record<string, unknown>[]).entries()) {
      if (it?.type !== 'position') throw invalid(`items[${i}].type`)
      if (typeof it.name !== 'string' || it.name.length === 0 || it.name.length > 128) throw invalid(`items[${i}].name`)
      const price = money(it.price, `items[${i}].price`)
      const amount = money(it.amount, `items[${i}].amount`)
      const thousandths = quantity(it.quantity, `items[${i}].quantity`)
      // amount = price × quantity, to the kopeck (half up).
      if (BigInt(amount) * 1000n !== roundToThousand(BigInt(price) * BigInt(thousandths)))
        throw invalid(`items[${i}].amount is not price × quantity`)
      const tax = it.tax as { type?: unknown } | undefined
      if (!tax || typeof tax.type !== 'string' || !TAX_TYPES.includes(tax.type)) throw invalid(`items[${i}].tax.type`)
      if (it.paymentMethod !== undefined && !PAYMENT_METHODS.includes(String(it.paymentMethod)))
        throw invalid(`items[${i}].paymentMethod`)
      if (it.paymentObject !== undefined && !PAYMENT_OBJECTS.includes(String(it.paymentObject)))
        throw invalid(`items[${i}].paymentObject`)
      totalKopecks += amount
      names.push(it.name)
    }
    if (task.total !== undefined && money(task.total, 'total') !== totalKopecks)
      throw invalid('total is not the sum of the positions')
    const payments = task.payments
    if (!Array.isArray(payments) || payments.length === 0) throw invalid('payments: at least one')
    const paid = (payments as Record<string, unknown>[]).map((p, i) => {
      if (typeof p?.type !== 'string' || !PAYMENT_TYPES.includes(p.type)) throw invalid(`payments[${i}].type`)
      const kopecks = money(p.sum, `payments[${i}].sum`)
      if (kopecks === 0) throw invalid(`payments[${i}].sum`)
      return { type: p.type, kopecks }
    })
    const paidTotal = paid.reduce((s, p) => s + p.kopecks, 0)
    const nonCash = paid.filter((p) => p.type !== 'cash').reduce((s, p) => s + p.kopecks, 0)
    if (paidTotal < totalKopecks) throw new TaskError(66, 'Чек оплачен не полностью')
    if (nonCash > totalKopecks) throw new TaskError(52, 'Сумма безналичных оплат превышает сумму чека')
    this.fiscalPreconditions()
    if (!this.shift.open) throw new TaskError(ATOL_ERROR.DENIED_IN_CLOSED_SHIFT, 'Смена закрыта - операция невозможна')
    if (this.expired()) throw new TaskError(ATOL_ERROR.SHIFT_EXPIRED, 'Смена превысила 24 часа')
    this.shift.receipts++
    const params = this.document(type, operator, totalKopecks, paid, names)
    return {
      fiscalParams: { ...params, fiscalReceiptNumber: this.shift.receipts, total: Number(kopeckText(totalKopecks)) },
      warnings: null,
    }
  }

  /** What stops any fiscal document: no paper, a full fiscal drive. */
  private fiscalPreconditions(): void {
    if (this.failure === 'paperOut') throw new TaskError(ATOL_ERROR.NO_PAPER, 'Нет бумаги')
    if (this.failure === 'fnFull') throw new TaskError(ATOL_ERROR.FN_OVERFLOW, 'Переполнение ФН')
  }

  private document(
    type: SimulatedDocument['type'],
    operator: string | null,
    totalKopecks: number | null,
    payments: SimulatedDocument['payments'],
    itemNames: string[],
    at: Date = this.now(),
  ): Record<string, unknown> {
    const fdNumber = this.nextFd++
    const dateTime = moscowTime(at)
    const fiscalSign = fiscalSignOf(fdNumber, dateTime, type, totalKopecks ?? 0)
    const receiptInShift = type === 'sell' || type === 'sellReturn' ? this.shift.receipts : null
    this.documents.push({
      fdNumber,
      type,
      shiftNumber: this.shift.number,
      receiptInShift,
      totalKopecks,
      payments,
      operator,
      itemNames,
      fiscalSign,
      dateTime,
    })
    return {
      fiscalDocumentDateTime: dateTime,
      fiscalDocumentNumber: fdNumber,
      fiscalDocumentSign: fiscalSign,
      fnNumber: FN_NUMBER,
      registrationNumber: REGISTRATION_NUMBER,
      shiftNumber: this.shift.number,
      fnsUrl: 'www.nalog.gov.ru',
    }
  }
}

/** A fiscal sign as the simulator's drive computes it: HMAC of the document's data, 32 bits, up to 10 digits. */
export function fiscalSignOf(fdNumber: number, dateTime: string, type: string, totalKopecks: number): string {
  const mac = createHmac('sha256', `simulated-fn-${FN_NUMBER}`)
    .update(`${fdNumber}|${dateTime}|${type}|${totalKopecks}`)
    .digest()
  return String(mac.readUInt32BE(0))
}

export const SIMULATED_REGISTER = { fnNumber: FN_NUMBER, registrationNumber: REGISTRATION_NUMBER } as const

function invalid(what: string): TaskError {
  return new TaskError(ATOL_ERROR.INVALID_PARAM, `Неверный параметр: ${what}`)
}

function operatorName(raw: unknown, required: boolean): string | null {
  if (raw === undefined && !required) return null
  const op = raw as { name?: unknown; vatin?: unknown } | undefined
  if (!op || typeof op.name !== 'string' || op.name.trim() === '') throw invalid('operator.name')
  if (op.vatin !== undefined && (typeof op.vatin !== 'string' || !/^(\d{10}|\d{12})$/u.test(op.vatin)))
    throw invalid('operator.vatin')
  return op.name
}

function money(raw: unknown, what: string): number {
  try {
    return roublesToKopecks(raw as number)
  } catch {
    throw invalid(what)
  }
}

function quantity(raw: unknown, what: string): number {
  const m = typeof raw === 'number' && raw > 0 ? /^(\d+)(?:\.(\d{1,3}))?$/u.exec(String(raw)) : null
  if (!m) throw invalid(what)
  return Number(m[1]) * 1000 + Number((m[2] ?? '').padEnd(3, '0'))
}

function roundToThousand(n: bigint): bigint {
  return ((n + 500n) / 1000n) * 1000n
}

function kopeckText(k: number): string {
  const d = String(k).padStart(3, '0')
  return `${d.slice(0, -2)}.${d.slice(-2)}`
}

/** The register prints Moscow time with its offset, as in «2026-12-06T11:30:00+03:00». */
function moscowTime(d: Date): string {
  return `${new Date(d.getTime() + 3 * 3600_000).toISOString().slice(0, 19)}+03:00`
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = ''
    req.setEncoding('utf8')
    req.on('data', (c: string) => (text += c))
    req.on('end', () => resolve(text))
    req.on('error', reject)
  })
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
  res.end(JSON.stringify(body))
}
