import type { OsagoDraft } from '../osago/draft'
import type { ChangeKind, ChangePath } from './changeRules'

/** A deep copy of plain JSON data (drafts are JSON documents). */
function copy<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T
}

function at(root: unknown, path: string): { parent: Record<string, unknown>; key: string } | null {
  const parts = path.split('.')
  let node = root
  for (const part of parts.slice(0, -1)) {
    if (typeof node !== 'object' || node === null) return null
    node = (node as Record<string, unknown>)[part]
  }
  if (typeof node !== 'object' || node === null) return null
  return { parent: node as Record<string, unknown>, key: parts[parts.length - 1]! }
}

/**
 * The policy's data after a change: the data before it, with exactly the parts the kind changes taken from the
 * clerk's edit (`changes` in resources/rules/osago-change-rules.json). Anything else the edit carries is ignored,
 * so a change of plate can never slip in a new driver. A part missing on either side (an owner block on a policy
 * whose insured owns the vehicle) is left as it was.
 */
export function applyChangeToDraft(
  before: OsagoDraft,
  edited: OsagoDraft,
  kind: Pick<ChangeKind, 'changes'>,
): OsagoDraft {
  const after = copy(before)
  for (const path of kind.changes) {
    const from = at(edited, path)
    const to = at(after, path)
    if (!from || !to || !(from.key in from.parent) || !(to.key in to.parent)) continue
    to.parent[to.key] = copy(from.parent[from.key])
  }
  return after
}

/** Which of the kind's parts differ between two drafts (the addendum prints these). */
export function changedPaths(before: OsagoDraft, after: OsagoDraft, paths: readonly ChangePath[]): ChangePath[] {
  return paths.filter((p) => {
    const a = at(before, p)
    const b = at(after, p)
    return JSON.stringify(a?.parent[a.key]) !== JSON.stringify(b?.parent[b.key])
  })
}

/** Field errors (dotted path → i18n key) when the edit does not do what its kind says. */
export function kindProblems(kind: ChangeKind['code'], before: OsagoDraft, after: OsagoDraft): Record<string, string> {
  const count = (d: OsagoDraft) => (d.drivers.mode === 'list' ? d.drivers.list.length : 0)
  if (kind === 'add-driver' || kind === 'remove-driver') {
    if (before.drivers.mode !== 'list' || after.drivers.mode !== 'list')
      return { drivers: 'osagoChange.errors.driversNotListed' }
    if (kind === 'add-driver' && count(after) <= count(before)) return { drivers: 'osagoChange.errors.noDriverAdded' }
    if (kind === 'remove-driver' && count(after) >= count(before))
      return { drivers: 'osagoChange.errors.noDriverRemoved' }
  }
  if (kind === 'period-of-use' && before.contract.periodsOfUse.length === 0)
    return { 'contract.periodsOfUse': 'osagoChange.errors.wholeTermAlready' }
  if (kind === 'period-of-use' && after.contract.periodsOfUse.length <= before.contract.periodsOfUse.length)
    return { 'contract.periodsOfUse': 'osagoChange.errors.noPeriodAdded' }
  return {}
}
