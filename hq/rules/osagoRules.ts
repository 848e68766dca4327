import { ownerRuleProblems, readOsagoApplication } from '../../shared/osago/application'
import { organisationProblemsAt, partyProblemsAt } from '../../shared/party/validate'
import { z } from 'zod'
import { draftToApplicationInput, readOsagoDraft } from '../../shared/osago/draft'
import { isOsagoContract, OSAGO_CONTRACT_STATUSES, osagoLifecycle } from '../../shared/osago/lifecycle'
import { OSAGO_STATUSES } from '../../shared/osago/policy'
import type { RecordData } from '../records'
import { linkedContractVerdict, parseJson, unchanged } from './ruleKit'
import { checkSchema, documentSchema as documentColumn, syncedRow } from './schemaCheck'
import { defer, reject, type EntityRule, type ProposedChange, type RuleContext, type Verdict } from './types'

/** Statuses whose record carries the application that was priced (and then issued). */
const PRICED = new Set<string>(['calculated', ...OSAGO_CONTRACT_STATUSES])

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * Organisations in the application as the branch stored them: today's shape carries a legal form. An owner stored
 * as `{ name, inn, ogrn, address }` (before form and KPP were asked) passed the checks of its time and is not
 * judged again by rules it never saw.
 */
function organisationProblems(raw: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {}
  const insured = raw.insured
  if (isObject(insured) && 'form' in insured) Object.assign(out, partyProblemsAt(insured, 'insured'))
  const owner = raw.owner
  if (
    !raw.ownerIsInsured &&
    isObject(owner) &&
    owner.type === 'legal' &&
    isObject(owner.entity) &&
    'form' in owner.entity
  ) {
    Object.assign(out, organisationProblemsAt(owner.entity, 'owner.entity'))
  }
  return out
}

/** Equal as JSON values whatever the key order or spacing a device serialised them with. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]))
  }
  if (!isObject(a) || !isObject(b)) return false
  const keys = Object.keys(a)
  return keys.length === Object.keys(b).length && keys.every((k) => k in b && sameJson(a[k], b[k]))
}

/**
 * Whether this change asks HQ to judge the application: on the move into `calculated` (the branch priced it), or
 * when the application itself changed. An issued or printed policy whose application did not change (printing,
 * reissue on a new blank) is not judged again: it may predate a rule (an organisation owner with a named list,
 * issued before 40-FZ art. 16 was enforced here) and its contract already stands.
 */
function applicationToJudge(before: RecordData | null, after: RecordData, field: string): boolean {
  if (after.status === 'calculated' && before?.status !== 'calculated') return true
  if (!before) return true
  const was = parseJson(before[field])
  const now = parseJson(after[field])
  return was === undefined || now === undefined || !sameJson(was, now)
}

/** The owner rules and an organisation's identifiers on an application (or a draft shaped like one). */
function judgeApplication(raw: unknown, field: string): Verdict {
  if (!isObject(raw)) return reject('invalid-data', { field, message: 'the application is not a JSON object' })
  const rules = ownerRuleProblems(readOsagoApplication(raw))
  if (rules['drivers.mode']) return reject('osago-drivers-not-limitable', {})
  const first = Object.entries({ ...rules, ...organisationProblems(raw) })[0]
  return first ? reject('invalid-data', { field: `${field}.${first[0]}`, message: first[1] }) : null
}

/**
 * What HQ checks in a priced OSAGO application beyond the status machine: only a citizen owner may limit the
 * drivers list (40-FZ art. 16 p. 1), and an organisation's INN, KPP and OGRN are well formed with their check
 * digits. A draft is work in progress and is not judged; an unchanged application is not judged twice
 * (applicationToJudge).
 *
 * The application is the policy's document (osago_document.draft, migration 20261205000015), which the branch
 * writes before the policy's move: HQ judges the document it holds when the policy moves into `calculated`. A
 * device on the previous version sends the application inside the policy row; it is judged there, as before.
 */
export async function osagoApplicationVerdict(
  ctx: RuleContext,
  id: string,
  before: RecordData | null,
  after: RecordData,
): Promise<Verdict> {
  if (!PRICED.has(String(after.status))) return null
  // The previous version's row: its application (if any) travels inside it.
  if ('application' in after || 'draft' in after) {
    if (after.application === null || after.application === undefined) return null
    if (!applicationToJudge(before, after, 'application')) return null
    return judgeApplication(parseJson(after.application), 'application')
  }
  if (after.status !== 'calculated' || before?.status === 'calculated') return null
  const document = await ctx.lookup('osago_document', id)
  if (!document) return defer('subject-unknown', { entity: 'osago_document' })
  const draft = parseJson(document.data.draft)
  if (!isObject(draft)) return reject('invalid-data', { field: 'draft', message: 'the draft is not a JSON object' })
  return judgeApplication(draftToApplicationInput(readOsagoDraft(draft)), 'draft')
}

/**
 * A renewal (core/renewal) names the policy it renews: an issued or printed OSAGO policy of this branch that HQ
 * holds, set when the new policy's draft is created and never changed (hq/rules/ruleKit.ts linkedContractVerdict).
 */
export function osagoRenewalVerdict(ctx: RuleContext, change: ProposedChange): Promise<Verdict> {
  return linkedContractVerdict(ctx, change, 'renews_policy_id', 'osago_policy', isOsagoContract)
}

const documentSchema = z.looseObject({
  ...syncedRow,
  draft: documentColumn,
  calculation: documentColumn.nullable().optional(),
})

/** Statuses in which the policy's documents are the contract's and never change again: past the editable ones. */
const FROZEN = new Set<string>(OSAGO_STATUSES.filter((s) => !osagoLifecycle.isEditable(s)))

/**
 * The policy's documents (osago_document: the draft and the calculation; same id as the policy). They belong to
 * the policy: its branch's, created after it, and unchanged once the policy is issued, printed or discarded (a
 * device never edits them then; the first copy of a document the migration moved out of an issued policy is an
 * insert and is taken).
 */
export const osagoDocumentRule: EntityRule = {
  async check(ctx, change) {
    const bad = checkSchema(documentSchema, change.after)
    if (bad) return bad
    const policy = await ctx.lookup('osago_policy', change.id)
    if (!policy) return defer('subject-unknown', { entity: 'osago_policy' })
    if (policy.branchCode !== ctx.branch.code) return reject('not-owner', {})
    if (change.before && FROZEN.has(String(policy.data.status)))
      return unchanged(change.before, change.after, ['draft', 'calculation'])
    return null
  },
}
