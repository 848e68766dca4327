import { afterAll, beforeAll, expect, it } from 'vitest'
import { call, expectOk } from '../testing/testCore'
import { AtolWebSimulator, SIMULATED_REGISTER } from '../fiscal/testing/atolWebSimulator'
import { makeDesk, type Desk } from './testing/desk'

/**
 * With this computer's register set (ATOL's web server — here its named simulator), a premium taken and a refund
 * paid in cash are receipts the register prints (приход, возврат прихода; 54-FZ), and the journal keeps the
 * receipt's fiscal attributes, not the number the clerk typed.
 */
let desk: Desk
let sim: AtolWebSimulator

beforeAll(async () => {
  desk = await makeDesk()
  sim = new AtolWebSimulator({ pollsBeforeReady: 0 })
  const url = await sim.start()
  await expectOk(call(desk.core, 'fiscal/set-settings', { driver: 'atol-web', url, timeoutSeconds: 20 }, 'a'))
}, 60_000)
afterAll(async () => {
  await sim.stop()
  await desk.dispose()
})

interface StoredReceipt {
  number: string
  fiscal: { fnNumber: string; fdNumber: number; fiscalSign: string; driver: string } | null
}
const receiptsOf = async (purpose: string) =>
  ((await desk.core.db('payment').where({ purpose }).orderBy('paid_at').pluck('receipt')) as string[]).map(
    (r) => JSON.parse(r) as StoredReceipt,
  )

it('a premium taken by card is a «приход» receipt of the register; its fiscal attributes are in the journal', async () => {
  await desk.issueOsago('card')
  const [amount] = (await desk.core
    .db('payment')
    .where({ purpose: 'osago_premium' })
    .pluck('amount_kopecks')) as number[]
  const sold = sim.documents.filter((d) => d.type === 'sell')
  expect(sold).toHaveLength(1)
  expect(sold[0]).toMatchObject({ totalKopecks: amount, payments: [{ type: 'electronically' }] })
  const [receipt] = await receiptsOf('osago_premium')
  expect(receipt!.fiscal).toMatchObject({
    fnNumber: SIMULATED_REGISTER.fnNumber,
    fdNumber: sold[0]!.fdNumber,
    fiscalSign: sold[0]!.fiscalSign,
  })
  // The typed «ФД 101» the form sent is not what is stored: the register's receipt is.
  expect(receipt!.number).toBe(`ФД ${sold[0]!.fdNumber} ФП ${sold[0]!.fiscalSign}`)
})

it('a termination refund paid in cash is a «возврат прихода» receipt of the register', async () => {
  const before = sim.documents.filter((d) => d.type === 'sellReturn').length
  await desk.refund('cash')
  const returned = sim.documents.filter((d) => d.type === 'sellReturn')
  expect(returned).toHaveLength(before + 1)
  const [receipt] = await receiptsOf('termination_refund')
  expect(receipt!.fiscal).toMatchObject({ fdNumber: returned.at(-1)!.fdNumber })
  expect(returned.at(-1)!.payments).toEqual([{ type: 'cash', kopecks: returned.at(-1)!.totalKopecks }])
})
