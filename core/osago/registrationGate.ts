import { isOsagoContract } from '../../shared/osago/lifecycle'
import type { OsagoStatus } from '../../shared/osago/policy'
import type { BlankPrintGate, OsagoRegistration, RegistrationRecord } from '../../shared/osago/registration'
import type { HqSettings } from '../../shared/sync/protocol'

/**
 * HQ's "print before national registration" setting, enforced for the paper blank (decision 28):
 * - a refusal by the register is final for the blank, whatever the setting: the policy must be put right first;
 * - a device that has never heard from HQ (`settings` null) has no register to wait for;
 * - a branch allowed to print first prints;
 * - otherwise the blank waits until the register has registered the policy.
 */
export function blankPrintGate(settings: HqSettings | null, registration: RegistrationRecord | null): BlankPrintGate {
  if (registration?.status === 'refused')
    return { allowed: false, why: 'registration-refused', refusalReason: registration.refusalReason }
  if (settings === null || settings.printBeforeRegistration) return { allowed: true }
  if (registration?.status === 'registered') return { allowed: true }
  return { allowed: false, why: 'awaiting-registration' }
}

/** Where a policy stands with the register, for the policy screen (`osago/get-registration`). */
export function registrationView(
  policyStatus: OsagoStatus,
  settings: HqSettings | null,
  registration: RegistrationRecord | null,
): OsagoRegistration {
  if (!isOsagoContract(policyStatus)) {
    return {
      status: 'not-issued',
      registrationId: null,
      registeredAt: null,
      refusalReason: null,
      blankPrintAllowed: false,
    }
  }
  return {
    // An answer already pulled is shown even if the device later lost its HQ settings.
    status: registration?.status ?? (settings === null ? 'not-enrolled' : 'pending'),
    registrationId: registration?.registrationId ?? null,
    registeredAt: registration?.registeredAt ?? null,
    refusalReason: registration?.refusalReason ?? null,
    blankPrintAllowed: blankPrintGate(settings, registration).allowed,
  }
}
