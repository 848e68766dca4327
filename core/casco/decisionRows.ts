import type {
  ApprovalCheck,
  ApprovalDecision,
  ApprovalDecisionKind,
  ReturnTarget,
} from '../../shared/approval/decision'
import type { Db } from '../db/openDatabase'

export interface DecisionRow {
  id: string
  quote_id: string
  quote_row_version: number
  inspection_id: string | null
  decision: ApprovalDecisionKind
  return_to: ReturnTarget | null
  comment: string | null
  conditions: string | null
  valid_until: string | null
  checks: string
  decided_by: string
  decided_by_name: string
  decided_at: string
  created_at: string
}

export function toDecision(row: DecisionRow): ApprovalDecision {
  return {
    id: row.id,
    quoteId: row.quote_id,
    quoteRowVersion: row.quote_row_version,
    inspectionId: row.inspection_id,
    decision: row.decision,
    returnTo: row.return_to,
    comment: row.comment,
    conditions: row.conditions ? (JSON.parse(row.conditions) as string[]) : [],
    validUntil: row.valid_until,
    checks: JSON.parse(row.checks) as ApprovalCheck[],
    decidedBy: row.decided_by,
    decidedByName: row.decided_by_name,
    decidedAt: row.decided_at,
  }
}

/** Every decision on a quote, oldest first (the id is a UUIDv7, so it breaks ties in time order). */
export async function listDecisions(db: Db, quoteId: string): Promise<ApprovalDecision[]> {
  const rows = (await db('approval_decision')
    .where({ quote_id: quoteId })
    .orderBy([{ column: 'decided_at' }, { column: 'id' }])) as DecisionRow[]
  return rows.map(toDecision)
}

/** The decision in force on a quote: the latest one. */
export async function lastDecision(db: Db, quoteId: string): Promise<ApprovalDecision | null> {
  const row = (await db('approval_decision')
    .where({ quote_id: quoteId })
    .orderBy([
      { column: 'decided_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .first()) as DecisionRow | undefined
  return row ? toDecision(row) : null
}
