import type { Knex } from 'knex'
import type { Blank, BlankStatus } from '../../shared/blanks/schemas'

/** A type, not an interface, so that it fits `Writer.update`'s plain-record constraint. */
export type BlankRow = {
  id: string
  series: string
  number: string
  status: BlankStatus
  received_at: string
  received_by: string | null
  policy_id: string | null
  used_at: string | null
  used_by: string | null
  spoiled_at: string | null
  spoiled_by: string | null
  spoiled_reason: string | null
  created_at: string
  updated_at: string
  row_version: number
}

/** A row with the names of the people who received, used and spoiled it (joined by `withNames`). */
export type NamedBlankRow = BlankRow & {
  received_by_name: string | null
  used_by_name: string | null
  spoiled_by_name: string | null
}

/** People are shown by name, not by id: the stock report is read by the branch, not by machines. */
export function withNames(query: Knex.QueryBuilder): Knex.QueryBuilder {
  return query
    .select('b.*', 'r.full_name as received_by_name', 'u.full_name as used_by_name', 's.full_name as spoiled_by_name')
    .leftJoin('staff as r', 'r.id', 'b.received_by')
    .leftJoin('staff as u', 'u.id', 'b.used_by')
    .leftJoin('staff as s', 's.id', 'b.spoiled_by')
}

export function toBlank(row: NamedBlankRow): Blank {
  return {
    id: row.id,
    series: row.series,
    number: row.number,
    status: row.status,
    receivedAt: row.received_at,
    receivedBy: row.received_by_name,
    policyId: row.policy_id,
    usedAt: row.used_at,
    usedBy: row.used_by_name,
    spoiledAt: row.spoiled_at,
    spoiledBy: row.spoiled_by_name,
    spoiledReason: row.spoiled_reason,
    rowVersion: row.row_version,
  }
}
