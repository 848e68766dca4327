import type { BlankMoves } from '../../shared/reports/blankReport'
import type { Db } from '../db/openDatabase'

/**
 * The blanks that matter to a period, for its blank report (shared/reports/blankReport.ts): received before its end
 * and still in stock, or last moved after its start. Two index reads (migration 20261206000007): stock by status,
 * the rest by the moment of their last move. The bounds are instants a day wider than the period's days on each
 * side, whatever the branch's zone; the report puts each move on its branch day itself.
 */
export async function blankMovesBetween(
  db: Db,
  bounds: { fromInstant: string; toInstant: string },
): Promise<BlankMoves[]> {
  const columns = [
    'series',
    'number',
    'status',
    'received_at',
    'used_at',
    'spoiled_at',
    'spoiled_reason',
    'lost_at',
    'lost_reason',
  ]
  const inStock = db('policy_blank')
    .select(columns)
    .where('status', 'available')
    .where('received_at', '<', bounds.toInstant)
  const moved = db('policy_blank')
    .select(columns)
    .whereRaw("status <> 'available'")
    .whereRaw('coalesce(lost_at, spoiled_at, used_at) >= ?', [bounds.fromInstant])
    .where('received_at', '<', bounds.toInstant)
  return (await inStock.unionAll(moved)) as BlankMoves[]
}
