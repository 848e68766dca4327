import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { kbmSimulatorFileSchema, type KbmSimulatorData } from '../../shared/kbm/simulatorData'
import type {
  KbmQuery,
  KbmRegisterAnswer,
  NationalKbmRegister,
  NationalRegister,
  PolicyForRegister,
  RegisterOutcome,
} from './nationalRegister'

/** The simulator's test people, bundled with the project (docs/domain/kbm-check.md#the-simulator). */
export const KBM_SIMULATOR_FILE = fileURLToPath(new URL('../../resources/hq/kbm-simulator.json', import.meta.url))

/** Reads the simulator's test people; a broken file stops with the file and the field named. */
export function readKbmSimulatorData(file: string = KBM_SIMULATOR_FILE): KbmSimulatorData {
  const parsed = kbmSimulatorFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')))
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new Error(`${file}: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`)
  }
  return parsed.data.data
}

/**
 * A SIMULATOR of the national OSAGO register — not the real service. It accepts any complete policy with a
 * deterministic registration id (`SIM-…`), refuses one with missing essentials, and refuses a second policy on
 * the same blank, which is what the real register's uniqueness checks would catch first.
 */
export class SimulatedNationalRegister implements NationalRegister, NationalKbmRegister {
  readonly name = 'simulated-national-register'
  private readonly blanks = new Map<string, string>()
  private kbmPeople: KbmSimulatorData | null

  /** `kbm`: the test people (tests pass their own); read from resources/hq/kbm-simulator.json when first asked. */
  constructor(kbm?: KbmSimulatorData) {
    this.kbmPeople = kbm ?? null
  }

  /**
   * KBM answers from the test data: a listed document gets its class, anyone else the first-time class 3 with
   * `found: false` (docs/domain/kbm-check.md#the-simulator). The request id is derived from what was asked and when,
   * so the same question at the same moment gets the same id — tests and demos can name it.
   */
  async checkKbm(queries: readonly KbmQuery[], now: Date): Promise<KbmRegisterAnswer[]> {
    const data = (this.kbmPeople ??= readKbmSimulatorData())
    const checkedAt = now.toISOString()
    return queries.map((q) => {
      const person = data.people.find((p) => p.kind === q.kind && p.document === q.document)
      const digest = createHash('sha256').update(`${q.kind}:${q.document}:${checkedAt}`).digest('hex')
      return {
        ref: q.ref,
        class: person?.class ?? data.unknownClass,
        requestId: `KBM-SIM-${digest.slice(0, 12).toUpperCase()}`,
        checkedAt,
        found: person !== undefined,
      }
    })
  }

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
