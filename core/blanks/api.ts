import type { Db } from '../db/openDatabase'

/** What other parts of the core may use from core/blanks (scripts/featureBoundaries.test.ts): a blank's use. */
export { assignBlank, loseBlank, spoilBlank } from './blankUse'
/** The blank report's rows for a period (core/reports). */
export { blankMovesBetween } from './blankMoves'

/**
 * Blanks on hand per series (the radar's «running low», core/radar): the available blanks only, a range of
 * policy_blank_status_idx — the stock on hand, not the used ones.
 */
export async function availableBlanksBySeries(db: Db): Promise<Array<{ series: string; onHand: number }>> {
  const rows = (await db('policy_blank')
    .where({ status: 'available' })
    .groupBy('series')
    .orderBy('series')
    .select('series')
    .count({ n: '*' })) as Array<{ series: string; n: number }>
  return rows.map((r) => ({ series: r.series, onHand: Number(r.n) }))
}
