import type { Knex } from 'knex'

/**
 * Reserves `count` positions in HQ's global change sequence and returns the first. The counter row stays locked
 * until the transaction commits, so sequence numbers become visible in the order they were handed out and a
 * pull cursor can never step over a change that commits later. Callers take it as late as possible in their
 * transaction: it serialises writers for the rest of it.
 */
export async function allocateSeq(trx: Knex.Transaction, count: number): Promise<number> {
  await trx('hq_counter').where({ name: 'seq' }).increment('value', count)
  const row = (await trx('hq_counter').where({ name: 'seq' }).first('value')) as { value: number | string }
  return Number(row.value) - count + 1
}
