import { fourEyesApproval } from './approvalRules'
import { osagoPolicyRule, policyBlankRule } from './blankRules'
import { osagoDocumentRule } from './osagoRules'
import { branchRule, settingRule, staffRule } from './branchRules'
import { approvalDecisionKey, cascoDocumentRule, cascoQuoteRule } from './cascoRules'
import { inspectionDamageRule, inspectionPhotoRule, inspectionRule } from './inspectionRules'
import { manualContractRule, terminationApplicationRule } from './terminationRules'
import { checkSchema, syncedRow } from './schemaCheck'
import { clientLinkRule, clientRule, clientVersionRule } from './clientRules'
import { osagoChangeRule } from './osagoChangeRules'
import { documentLedgerRule } from './documentLedgerRules'
import { cashDayRule, paymentRule } from './paymentRules'
import { z } from 'zod'
import { reject, type EntityRule } from './types'
import { CASCO_CASE_DECIDERS } from '../../shared/staff/roleGroups'
import { approvalLifecycle } from '../../shared/approval/lifecycle'

/**
 * A record of the branch with no state machine at HQ yet: ownership, row versions, the shape every synced row has
 * and (where given) its business key are still checked. Features tighten their entity here as they need.
 */
export const ownedRecordRule: EntityRule = {
  check: (_ctx, change) => checkSchema(z.looseObject(syncedRow), change.after),
}

/** Records only HQ writes (national registration, refunds paid): a device never changes them. */
export const hqOwnedRule: EntityRule = {
  check: () => reject('hq-owned', {}),
}

/**
 * REGISTRATION POINT: how HQ judges each synced entity. A change to an entity missing here is deferred (kept on
 * the device and sent again), never accepted unchecked and never thrown away.
 *
 * Approval checks: a decision table registers `fourEyesApproval({...})` naming where its approver, the subject's
 * author and the inspector are. `approval_decision` is wired below to the columns of migration 0008; its
 * inspection side waits for the inspection table (0007) — until HQ holds the named inspection, the decision is
 * deferred, not accepted.
 */
export const ENTITY_RULES: Record<string, EntityRule> = {
  branch: branchRule,
  staff: staffRule,
  setting: settingRule,
  policy_blank: policyBlankRule,
  osago_policy: osagoPolicyRule,
  osago_document: osagoDocumentRule,
  osago_registration: hqOwnedRule,
  printer_profile: ownedRecordRule,
  // Numbers a branch device gives out on its own (contract, inspection and incoming numbers) are unique at HQ:
  // two computers of a branch numbering offline can collide, and the second one is refused, not merged.
  // Each of these entities has its status machine (derived from the branch code that writes it) and its
  // cross-record checks: cascoRules.ts, inspectionRules.ts, terminationRules.ts.
  casco_quote: cascoQuoteRule,
  casco_document: cascoDocumentRule,
  inspection: inspectionRule,
  inspection_damage: inspectionDamageRule,
  inspection_photo: inspectionPhotoRule,
  manual_contract: manualContractRule,
  termination_application: terminationApplicationRule,
  // The client card: owned by its branch, merged by its admin; versions only inserted; links to the branch's records.
  client: clientRule,
  client_version: clientVersionRule,
  client_link: clientLinkRule,
  // Changes to issued OSAGO policies and duplicates of lost ones (core/osagoChange).
  osago_change: osagoChangeRule,
  // Issued documents, chained per branch computer: append-only, each entry onto HQ's last one (decision 108).
  document_ledger: documentLedgerRule,
  // The payments journal (only inserted) and the branch's cash days (core/payments).
  payment: paymentRule,
  cash_day: cashDayRule,
  approval_decision: {
    ...fourEyesApproval({
      decidedBy: 'decided_by',
      deciders: CASCO_CASE_DECIDERS,
      subject: { entity: 'casco_quote', idField: 'quote_id', authorField: 'created_by' },
      inspection: { entity: 'inspection', idField: 'inspection_id', inspectorField: 'inspector_id' },
      lifecycle: approvalLifecycle,
    }),
    // A decision that moves its quote is keyed by the quote version it judged: the quote's move finds it by this.
    naturalKey: approvalDecisionKey,
  },
}

export function ruleFor(entity: string): EntityRule | undefined {
  return Object.prototype.hasOwnProperty.call(ENTITY_RULES, entity) ? ENTITY_RULES[entity] : undefined
}
