import { approvalLifecycle } from '../approval/lifecycle'
import { blanksLifecycle } from '../blanks/lifecycle'
import { cascoLifecycle } from '../casco/lifecycle'
import type { Channel } from '../contract'
import { inspectionLifecycle } from '../inspection/lifecycle'
import { osagoLifecycle } from '../osago/lifecycle'
import { osagoChangeLifecycle } from '../osagoChange/lifecycle'
import { cashDayLifecycle } from '../payments/lifecycle'
import { terminationLifecycle } from '../termination/lifecycle'
import type { Lifecycle } from './lifecycle'

/**
 * Every feature's lifecycle, by feature (the folder name in shared/, core/ and renderer/, and the prefix of its
 * channels). The Writer finds a table's lifecycle through core/db/syncedTables.ts; HQ's rules import the one they
 * judge; the conformance test (hq/rules/lifecycleConformance.test.ts) walks this list.
 */
export const LIFECYCLES = {
  osago: osagoLifecycle,
  casco: cascoLifecycle,
  inspection: inspectionLifecycle,
  termination: terminationLifecycle,
  blanks: blanksLifecycle,
  approval: approvalLifecycle,
  osagoChange: osagoChangeLifecycle,
  payments: cashDayLifecycle,
} as const satisfies Record<string, Lifecycle>

/** The lifecycle of the record a channel works on: its feature's (`osago/issue-policy` → OSAGO), if it has one. */
export function lifecycleOfChannel(channel: Channel): Lifecycle | undefined {
  const feature = channel.slice(0, channel.indexOf('/'))
  return (LIFECYCLES as Record<string, Lifecycle>)[feature]
}
