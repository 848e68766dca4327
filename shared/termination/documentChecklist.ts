import type { DocumentChecklist, TerminationDocument, TerminationGround, TerminationRules } from './rulesSchema'

export type ChecklistCase =
  | { kind: 'osago-early-termination'; ground: TerminationGround }
  | { kind: 'cooling-off' }
  | { kind: 'casco-sale' }
  | { kind: 'casco-loss' }
  | { kind: 'casco-refusal' }

export interface ChecklistResult {
  /** Document codes; texts under `termination.document.<code>`. */
  documents: TerminationDocument[]
  verified: boolean
}

/** Documents the branch collects before accepting a termination, from the rules version in force. */
export function documentChecklist(
  rules: TerminationRules,
  which: ChecklistCase,
  options: { representative: boolean },
): ChecklistResult {
  const entry =
    which.kind === 'osago-early-termination'
      ? rules.osago.grounds[which.ground].documents
      : which.kind === 'cooling-off'
        ? rules.coolingOff.documents
        : which.kind === 'casco-sale'
          ? rules.cascoSale.documents
          : which.kind === 'casco-loss'
            ? rules.cascoLoss.documents
            : rules.cascoRefusal.documents
  return { documents: merge(entry.value, options.representative), verified: entry.verified }
}

function merge(list: DocumentChecklist, representative: boolean): TerminationDocument[] {
  const all = representative ? [...list.required, ...list.whenRepresentative] : list.required
  return [...new Set(all)]
}

/** Whether a refund of this size needs the supervisor's approval before payout. */
export function needsSupervisorApproval(refundKopecks: number, rules: TerminationRules): boolean {
  return refundKopecks > rules.supervisorApproval.refundThresholdKopecks.value
}

/**
 * The checklist for one application at the counter: the ground's list from the rules, the notarised power of
 * attorney when a representative applies, and bank details only for a refund by bank transfer — a client paid at
 * the cash desk brings none (and a CASCO re-issued to the new owner pays nothing out).
 */
export function applicationChecklist(
  rules: TerminationRules,
  which: ChecklistCase,
  options: { representative: boolean; payout: 'cash' | 'transfer' | null },
): ChecklistResult {
  const list = documentChecklist(rules, which, { representative: options.representative })
  return {
    ...list,
    documents: options.payout === 'transfer' ? list.documents : list.documents.filter((d) => d !== 'bankDetails'),
  }
}

/** Required documents not ticked yet, in the checklist's order. */
export function missingDocuments(
  required: readonly TerminationDocument[],
  ticked: readonly TerminationDocument[],
): TerminationDocument[] {
  const have = new Set(ticked)
  return required.filter((d) => !have.has(d))
}

/** Whether the rules return nothing in this case (the contract still ends): then no payout details are asked for. */
export function refundsNothing(rules: TerminationRules, which: ChecklistCase): boolean {
  switch (which.kind) {
    case 'osago-early-termination':
      return rules.osago.grounds[which.ground].refund.value === 'none'
    case 'casco-sale':
      return rules.cascoSale.refundRule.value.method === 'none'
    case 'casco-loss':
      return rules.cascoLoss.refundRule.value.method === 'none'
    case 'casco-refusal':
      return rules.cascoRefusal.refundRule.value.method === 'none'
    case 'cooling-off':
      return false
  }
}
