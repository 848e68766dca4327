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
