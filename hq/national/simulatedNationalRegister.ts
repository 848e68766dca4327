import { createHash } from 'node:crypto'
import type { NationalRegister, PolicyForRegister, RegisterOutcome } from './nationalRegister'

/**
 * A SIMULATOR of the national OSAGO register — not the real service. It accepts any complete policy with a
 * deterministic registration id (`SIM-…`), refuses one with missing essentials, and refuses a second policy on
 * the same blank, which is what the real register's uniqueness checks would catch first.
 */
export class SimulatedNationalRegister implements NationalRegister {
  readonly name = 'simulated-national-register'
  private readonly blanks = new Map<string, string>()

  async register(policy: PolicyForRegister, now: Date): Promise<RegisterOutcome> {
    if (!policy.series || !policy.number || !policy.startDate || !policy.endDate || policy.premiumKopecks == null) {
      return { status: 'refused', reason: 'incomplete-policy' }
    }
    const blank = `${policy.series} ${policy.number}`
    const holder = this.blanks.get(blank)
    if (holder && holder !== policy.policyId) return { status: 'refused', reason: 'blank-already-registered' }
    this.blanks.set(blank, policy.policyId)
    const registrationId = `SIM-${createHash('sha256').update(policy.policyId).digest('hex').slice(0, 12).toUpperCase()}`
    return { status: 'registered', registrationId, registeredAt: now.toISOString() }
  }
}
