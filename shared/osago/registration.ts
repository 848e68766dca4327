/**
 * An issued OSAGO policy and the national register (the RSA database): HQ registers the policy and the branch
 * learns the answer with its next pull (table `osago_registration`). These types are shared by the core (which
 * decides whether the policy may go onto its paper blank) and the renderer (which shows where it stands).
 */

/**
 * - `not-issued`: a draft, a calculation or a discarded draft; there is nothing to register yet.
 * - `not-enrolled`: the device has never heard from HQ, so no register stands between the branch and the blank.
 * - `pending`: issued, HQ has not answered yet (or the device has not pulled its answer).
 * - `registered` / `refused`: the register's answer as HQ passed it on.
 */
export const REGISTRATION_STATES = ['not-issued', 'not-enrolled', 'pending', 'registered', 'refused'] as const
export type OsagoRegistrationState = (typeof REGISTRATION_STATES)[number]

/** Output of `osago/get-registration`. */
export interface OsagoRegistration {
  status: OsagoRegistrationState
  registrationId: string | null
  /** ISO timestamp, as the register gave it. */
  registeredAt: string | null
  /** The register's reason as it came (a code such as `incomplete-policy`, or its text); see refusalReasonText. */
  refusalReason: string | null
  /** The register does not stand in the way of printing on the blank (other print rules still apply). */
  blankPrintAllowed: boolean
}

/** The register's answer for one policy, as the branch holds it. */
export interface RegistrationRecord {
  status: 'registered' | 'refused'
  registrationId: string | null
  registeredAt: string | null
  refusalReason: string | null
}

/** Whether the policy may be printed on its blank as far as the register is concerned, and if not, why. */
export type BlankPrintGate =
  | { allowed: true }
  | { allowed: false; why: 'awaiting-registration' }
  | { allowed: false; why: 'registration-refused'; refusalReason: string | null }

/**
 * The register refuses with a code (the simulator: `incomplete-policy`, `blank-already-registered`); a code we
 * know has a text, anything else is shown as it came, since the real register may answer in words.
 */
export function refusalReasonText(
  reason: string | null,
  i18n: { t: (key: string) => string; has: (key: string) => boolean },
): string {
  if (!reason?.trim()) return i18n.t('osago.registration.reasonUnknown')
  const key = `osago.registration.reasons.${reason}`
  return i18n.has(key) ? i18n.t(key) : reason
}
