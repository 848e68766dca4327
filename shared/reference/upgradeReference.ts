import { versionInForce, type Envelope } from './envelope'

/**
 * Brings a reference file HQ shipped to an older build up to this build's shape, before the schema judges it
 * (decision 59: a file that still fails is skipped and shown). Only fields this build added are filled, never a
 * value HQ wrote: where the law fixes the value (the premium ceiling multiples, 40-FZ art. 9 p. 2) it is taken as
 * this build's edition states the law, with its mark; anything else is the bundled edition's value, marked
 * unverified with a source saying the upgrade filled it, so the breakdown and the refund screens warn about it.
 * The bundled edition with the file's own version id fills verbatim: it is the same edition as this build
 * states it, so an older copy of a bundled file stays an identical copy. Pure: the caller reads the files.
 */
export interface ReferenceUpgrade {
  /** The file in this build's shape (the input itself when nothing was missing or it is not an object). */
  file: unknown
  /** Paths under `data` the upgrade filled, for the log. */
  filled: string[]
}

type Json = Record<string, unknown>
type Bundled = Envelope & { data: unknown }

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
const clone = <T>(v: T): T => structuredClone(v)

/** Upgrades of older shapes, by kind; a kind whose shape has not grown is not listed. */
const UPGRADES: Record<string, (data: Json, fill: Filler) => void> = {
  'osago-tariff': upgradeOsagoTariff,
  'termination-rules': upgradeTerminationRules,
}

export function upgradeReference(raw: unknown, bundled: readonly Bundled[]): ReferenceUpgrade {
  if (!isObject(raw) || typeof raw.kind !== 'string' || !isObject(raw.data)) return { file: raw, filled: [] }
  const upgrade = UPGRADES[raw.kind]
  const edition = upgrade ? fillingEdition(raw, bundled) : undefined
  if (!upgrade || !edition || !isObject(edition.data)) return { file: raw, filled: [] }
  const file = clone(raw) as Json & { data: Json }
  const filler = new Filler(edition as Bundled & { data: Json }, edition.version === raw.version)
  upgrade(file.data, filler)
  return filler.filled.length ? { file, filled: filler.filled } : { file: raw, filled: [] }
}

/** The bundled edition of the same version, else the one in force when the file starts, else the nearest earlier or the first. */
function fillingEdition(raw: Json, bundled: readonly Bundled[]): Bundled | undefined {
  const same = bundled.find((b) => b.version === raw.version)
  if (same) return same
  const from = typeof raw.effectiveFrom === 'string' ? raw.effectiveFrom : ''
  const byStart = [...bundled].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1))
  return versionInForce(byStart, from) ?? byStart.filter((b) => b.effectiveFrom <= from).pop() ?? byStart[0]
}

/** Fills missing fields from the bundled edition and records which. */
class Filler {
  readonly filled: string[] = []
  constructor(
    private readonly edition: Bundled & { data: Json },
    private readonly sameEdition: boolean,
  ) {}

  /** Fills `target[key]` (at `path` under data) from the edition, marked unverified, when HQ's file lacks it. */
  fromEdition(target: unknown, path: readonly string[]): void {
    this.fill(target, path, (v) => (this.sameEdition ? v : this.marked(v)))
  }

  /** The keys of the edition's object at `path` under data (this build's list: the edition passed its schema). */
  keysAt(path: readonly string[]): string[] {
    const value = at(this.edition.data, path)
    return isObject(value) ? Object.keys(value) : []
  }

  /** Like fromEdition for a value the law fixes: the edition states the law, so its mark stands. */
  fromLaw(target: unknown, path: readonly string[]): void {
    this.fill(target, path, (v) => (this.sameEdition ? v : this.sourced(v)))
  }

  private fill(target: unknown, path: readonly string[], adapt: (v: unknown) => unknown): void {
    const key = path[path.length - 1]
    if (!isObject(target) || key === undefined || key in target) return
    const value = at(this.edition.data, path)
    if (value === undefined) return
    target[key] = adapt(clone(value))
    this.filled.push(path.join('.'))
  }

  private note(source: unknown): string {
    const was = typeof source === 'string' && source ? `; the edition's source: ${source}` : ''
    return `filled by the reference upgrade from the bundled edition ${this.edition.version}: HQ's file predates this field${was}`
  }

  /** Every `{ value, verified, source? }` inside becomes unverified with the upgrade's source. */
  private marked(v: unknown): unknown {
    if (Array.isArray(v)) return v.map((x) => this.marked(x))
    if (!isObject(v)) return v
    if ('value' in v && typeof v.verified === 'boolean') return { ...v, verified: false, source: this.note(v.source) }
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, this.marked(x)]))
  }

  private sourced(v: unknown): unknown {
    if (!isObject(v)) return v
    if ('value' in v && typeof v.verified === 'boolean') return { ...v, source: this.note(v.source) }
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, this.sourced(x)]))
  }
}

function at(data: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((v, k) => (isObject(v) ? v[k] : undefined), data)
}

/** OSAGO tariff, issue 9: the premium ceiling (the law's multiples) and the least months of use per owner type. */
function upgradeOsagoTariff(data: Json, fill: Filler): void {
  fill.fromLaw(data, ['ceiling'])
  fill.fromEdition(data.ks, ['ks', 'minTotalMonths'])
}

/**
 * Termination rules, issue 9: each ground's refund rule and the two new grounds, the limitation period, posted
 * applications, the later cooling-off date, the late-payout consequence and statutory interest, and the CASCO
 * cases (the sale's termination date, loss, refusal).
 */
function upgradeTerminationRules(data: Json, fill: Filler): void {
  const osago = data.osago
  const grounds = isObject(osago) ? osago.grounds : undefined
  // A ground this build added is filled whole; a ground HQ's file has gets only the missing refund rule. This
  // build's grounds are the bundled edition's (its schema requires every one), so the reference layer need not
  // import termination's schema (that would be an import cycle: termination's schema reads the envelope).
  for (const ground of fill.keysAt(['osago', 'grounds'])) {
    fill.fromEdition(grounds, ['osago', 'grounds', ground])
    if (isObject(grounds)) fill.fromEdition(grounds[ground], ['osago', 'grounds', ground, 'refund'])
  }
  fill.fromEdition(data, ['limitationPeriod'])
  fill.fromEdition(data, ['postedApplication'])
  fill.fromEdition(data.coolingOff, ['coolingOff', 'laterDateOnRequest'])
  fill.fromEdition(data.latePayout, ['latePayout', 'consequence'])
  fill.fromEdition(data.latePayout, ['latePayout', 'statutoryInterest'])
  fill.fromEdition(data.cascoSale, ['cascoSale', 'terminationDate'])
  fill.fromEdition(data, ['cascoLoss'])
  fill.fromEdition(data, ['cascoRefusal'])
}
