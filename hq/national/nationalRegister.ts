/**
 * The national OSAGO database as HQ sees it: a policy is checked, then registered. The real service (its
 * protocol, certificates and contract) is outside this project; HQ talks to it only through this interface, and
 * `SimulatedNationalRegister` stands in for it everywhere (development, tests, demos).
 */
export interface PolicyForRegister {
  policyId: string
  branchCode: string
  series: string
  number: string
  startDate: string | null
  endDate: string | null
  premiumKopecks: number | null
  vin: string | null
  plate: string | null
}

export type RegisterOutcome =
  { status: 'registered'; registrationId: string; registeredAt: string } | { status: 'refused'; reason: string }

export interface NationalRegister {
  readonly name: string
  register(policy: PolicyForRegister, now: Date): Promise<RegisterOutcome>
}

/** One person asked about for their KBM class: by a driver's licence, an owner's passport or an organisation's INN. */
export interface KbmQuery {
  ref: string
  kind: 'licence' | 'passport' | 'inn'
  /** Normalised: digits and upper-case letters only. */
  document: string
  surname: string
  name: string
  patronymic: string
  birthDate: string
}

export interface KbmRegisterAnswer {
  ref: string
  class: string
  requestId: string
  checkedAt: string
  /** False when the register holds nothing on the document (the first-time class 3 is answered then). */
  found: boolean
}

/**
 * The national database's KBM request (issue 15 point 5; docs/domain/kbm-check.md): the class of each person at
 * the moment asked, with the register's request id. A register apart from policy registration, as the real service
 * is; `SimulatedNationalRegister` answers both.
 */
export interface NationalKbmRegister {
  readonly name: string
  checkKbm(queries: readonly KbmQuery[], now: Date): Promise<KbmRegisterAnswer[]>
}
