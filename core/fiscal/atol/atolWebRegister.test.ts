import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { fiscalRegisterFor, type FiscalReceiptRequest } from '../api'
import { FiscalError } from '../fiscalError'
import { AtolWebSimulator, SIMULATED_REGISTER, fiscalSignOf } from '../testing/atolWebSimulator'
import { ATOL_ERROR } from './atolErrors'
import { AtolWebRegister } from './atolWebRegister'

/** The ATOL web-server driver against the named simulator of that server (core/fiscal/testing/atolWebSimulator.ts). */
let clock: Date
let sim: AtolWebSimulator
let url: string
const fast = (timeoutMs = 3000) => new AtolWebRegister({ url, timeoutMs, pollIntervalMs: 5 })

const cashier = { name: 'Петрова Анна Сергеевна', inn: '500100732259' }
const premium: FiscalReceiptRequest = {
  operation: 'sell',
  amountKopecks: 1_234_567,
  method: 'cash',
  itemName: 'Страховая премия ОСАГО ХХХ 0123456789',
  cashier,
}

beforeEach(async () => {
  clock = new Date('2026-12-06T06:30:00.000Z')
  sim = new AtolWebSimulator({ now: () => clock, pollsBeforeReady: 2, firstDocumentNumber: 100 })
  url = await sim.start()
})
afterEach(async () => {
  await sim.stop()
})

async function failure(p: Promise<unknown>): Promise<FiscalError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  )
  expect(e).toBeInstanceOf(FiscalError)
  return e as FiscalError
}

describe('ATOL web-server driver', () => {
  it('sell: opens the closed shift for the cashier, then a receipt of one VAT-free service paid in cash', async () => {
    const register = fast()
    expect(await register.status()).toEqual({ shiftOpen: false, shiftNumber: null, expired: false })

    const attrs = await register.receipt(premium)

    expect(attrs).toEqual({
      registerSerial: SIMULATED_REGISTER.registrationNumber,
      fnNumber: SIMULATED_REGISTER.fnNumber,
      fdNumber: 101, // 100 is the shift's opening report
      fiscalSign: fiscalSignOf(101, '2026-12-06T09:30:00+03:00', 'sell', 1_234_567),
      shiftNumber: 1,
      receiptInShift: 1,
      issuedAt: '2026-12-06T06:30:00.000Z',
      driver: 'atol-web',
    })
    expect(sim.documents.map((d) => [d.type, d.fdNumber, d.operator])).toEqual([
      ['openShift', 100, cashier.name],
      ['sell', 101, cashier.name],
    ])
    // What went on the wire: roubles with two decimals, the protocol's names.
    const sent = sim.received.at(-1) as { uuid: string; request: Record<string, unknown>[] }
    expect(sent.uuid).toMatch(/^[0-9a-f-]{36}$/)
    expect(sent.request).toEqual([
      {
        type: 'sell',
        operator: { name: cashier.name, vatin: cashier.inn },
        items: [
          {
            type: 'position',
            name: premium.itemName,
            price: 12345.67,
            quantity: 1,
            amount: 12345.67,
            tax: { type: 'none' },
            paymentMethod: 'fullPayment',
            paymentObject: 'service',
          },
        ],
        payments: [{ type: 'cash', sum: 12345.67 }],
        total: 12345.67,
      },
    ])
    expect(await register.status()).toEqual({ shiftOpen: true, shiftNumber: 1, expired: false })
  })

  it('sellReturn by card, numbered on in the same shift; the client’s contact goes as clientInfo', async () => {
    const register = fast()
    await register.openShift(cashier)
    const sale = await register.receipt({ ...premium, method: 'card' })
    const refund = await register.receipt({
      operation: 'sellReturn',
      amountKopecks: 50_000,
      method: 'bank',
      itemName: 'Возврат части премии ОСАГО ХХХ 0123456789',
      cashier: { name: 'Петрова А. С.' },
      clientContact: '+79161234567',
    })
    expect([sale.receiptInShift, refund.receiptInShift, refund.fdNumber - sale.fdNumber]).toEqual([1, 2, 1])
    const doc = sim.documents.at(-1)!
    expect(doc).toMatchObject({
      type: 'sellReturn',
      totalKopecks: 50_000,
      payments: [{ type: 'electronically', kopecks: 50_000 }],
    })
    const task = (sim.received.at(-1) as { request: Record<string, unknown>[] }).request[0]!
    expect(task.clientInfo).toEqual({ emailOrPhone: '+79161234567' })
    expect(task.operator).toEqual({ name: 'Петрова А. С.' })
  })

  it('closes the shift (Z report) and the next receipt opens shift 2', async () => {
    const register = fast()
    await register.receipt(premium)
    const z = await register.closeShift(cashier)
    expect(z).toEqual({ zReportFdNumber: 102 })
    expect(await register.status()).toEqual({ shiftOpen: false, shiftNumber: null, expired: false })
    const next = await register.receipt(premium)
    expect([next.shiftNumber, next.receiptInShift, next.fdNumber]).toEqual([2, 1, 104])
  })

  it('polls until the task is ready (the server answers inProgress first)', async () => {
    const slow = new AtolWebSimulator({ now: () => clock, pollsBeforeReady: 5 })
    const slowUrl = await slow.start()
    try {
      const register = new AtolWebRegister({ url: slowUrl, timeoutMs: 3000, pollIntervalMs: 5 })
      await register.openShift(cashier)
      expect((await register.receipt(premium)).receiptInShift).toBe(1)
    } finally {
      await slow.stop()
    }
  })

  it('paper out: the register’s error 44, nothing fiscalised, a retry after loading paper works', async () => {
    const register = fast()
    await register.openShift(cashier)
    sim.failWith('paperOut')
    const e = await failure(register.receipt(premium))
    expect([e.messageKey, e.outcome, e.driverCode]).toEqual(['fiscal.errors.noPaper', 'failed', ATOL_ERROR.NO_PAPER])
    expect(sim.documents.filter((d) => d.type === 'sell')).toEqual([])
    sim.failWith(null)
    expect((await register.receipt(premium)).receiptInShift).toBe(1)
  })

  it('a shift open for more than 24 hours refuses receipts until it is closed', async () => {
    sim.openShiftAt(new Date(clock.getTime() - 25 * 3600_000))
    const register = fast()
    expect(await register.status()).toEqual({ shiftOpen: true, shiftNumber: 1, expired: true })
    const e = await failure(register.receipt(premium))
    expect([e.messageKey, e.outcome, e.driverCode]).toEqual(['fiscal.errors.shiftExpired', 'failed', 68])
    await register.closeShift(cashier)
    expect((await register.receipt(premium)).shiftNumber).toBe(2)
  })

  it('a full fiscal drive refuses every fiscal document', async () => {
    sim.failWith('fnFull')
    const e = await failure(fast().receipt(premium))
    expect([e.messageKey, e.driverCode]).toEqual(['fiscal.errors.fnFull', ATOL_ERROR.FN_OVERFLOW])
    expect(sim.documents).toEqual([])
  })

  it('a task that never finishes: a timeout, and for a receipt the outcome is unknown (it may have printed)', async () => {
    const register = fast(300)
    await register.openShift(cashier)
    sim.failWith('hang')
    const started = Date.now()
    const e = await failure(register.receipt(premium))
    expect(Date.now() - started).toBeLessThan(2000)
    expect([e.messageKey, e.outcome, e.params]).toEqual([
      'fiscal.errors.timeoutMaybePrinted',
      'unknown',
      { seconds: 1 },
    ])
    // The register did print it: exactly why the clerk is told to look before retrying.
    expect(sim.documents.filter((d) => d.type === 'sell')).toHaveLength(1)
    const q = await failure(register.status())
    expect([q.messageKey, q.outcome]).toEqual(['fiscal.errors.timeout', 'failed'])
  })

  it('no server at the address: unreachable, nothing sent', async () => {
    await sim.stop()
    const e = await failure(fast().receipt(premium))
    expect([e.messageKey, e.outcome, e.params]).toEqual(['fiscal.errors.unreachable', 'failed', { url }])
  })

  it('a server that does not answer at all times out', async () => {
    const { createServer } = await import('node:http')
    const silent = createServer(() => undefined)
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r))
    try {
      const port = (silent.address() as { port: number }).port
      const register = new AtolWebRegister({ url: `http://127.0.0.1:${port}`, timeoutMs: 200, pollIntervalMs: 5 })
      const e = await failure(register.receipt(premium))
      expect(e.messageKey).toBe('fiscal.errors.timeout')
    } finally {
      silent.closeAllConnections()
      await new Promise<void>((r) => silent.close(() => r()))
    }
  })

  it('the simulator checks tasks as the protocol documents them', async () => {
    const post = async (body: unknown) => {
      const res = await fetch(`${url}/api/v2/requests`, { method: 'POST', body: JSON.stringify(body) })
      return { status: res.status, body: (await res.json()) as unknown }
    }
    const result = async (uuid: string) => {
      for (;;) {
        const r = (await (await fetch(`${url}/api/v2/requests/${uuid}`)).json()) as {
          results: { status: string; errorCode: number; errorDescription: string }[]
        }
        if (r.results[0]!.status !== 'inProgress') return r.results[0]!
      }
    }
    expect((await post({ request: [{ type: 'getShiftStatus' }] })).status).toBe(400)
    expect((await post({ uuid: 'a' })).status).toBe(400)
    expect((await post({ uuid: 'a', request: { type: 'openShift', operator: { name: 'Кассир' } } })).status).toBe(201)
    expect((await post({ uuid: 'a', request: [{ type: 'getShiftStatus' }] })).status).toBe(409)
    expect((await fetch(`${url}/api/v2/requests/nope`)).status).toBe(404)
    const position = { type: 'position', name: 'Премия', price: 10, quantity: 1, amount: 10, tax: { type: 'none' } }
    const sell = (over: Record<string, unknown>) => ({
      type: 'sell',
      operator: { name: 'Кассир' },
      items: [position],
      payments: [{ type: 'cash', sum: 10 }],
      ...over,
    })
    const cases: [string, Record<string, unknown>, number][] = [
      ['three decimals', sell({ items: [{ ...position, price: 10.005, amount: 10.005 }] }), 13],
      ['amount ≠ price × quantity', sell({ items: [{ ...position, quantity: 2 }] }), 13],
      ['unknown tax', sell({ items: [{ ...position, tax: { type: 'vat18x' } }] }), 13],
      ['total ≠ positions', sell({ total: 11 }), 13],
      ['underpaid', sell({ payments: [{ type: 'cash', sum: 9.99 }] }), 66],
      ['card over the total', sell({ payments: [{ type: 'electronically', sum: 11 }] }), 52],
      ['no operator', sell({ operator: undefined }), 13],
      ['bad payment type', sell({ payments: [{ type: 'card', sum: 10 }] }), 13],
      ['unknown task', { type: 'fly' }, 13],
    ]
    for (const [what, task, code] of cases) {
      const uuid = `case-${what}`
      expect((await post({ uuid, request: [task] })).status, what).toBe(201)
      expect(await result(uuid), what).toMatchObject({ status: 'error', errorCode: code })
    }
    // Cash over the total is change; a valid task goes through.
    expect((await post({ uuid: 'ok', request: [sell({ payments: [{ type: 'cash', sum: 50 }] })] })).status).toBe(201)
    expect(await result('ok')).toMatchObject({ status: 'ready', errorCode: 0 })
  })

  it('fiscalRegisterFor: none → typed numbers; atol-web → this driver with the timeout in seconds', () => {
    expect(fiscalRegisterFor(null)).toBeNull()
    expect(fiscalRegisterFor({ driver: 'none' })).toBeNull()
    expect(fiscalRegisterFor({ driver: 'atol-web', url, timeoutSeconds: 30 })?.driver).toBe('atol-web')
  })
})
