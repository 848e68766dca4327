/**
 * Semantic versions (semver.org 2.0.0) as the app, HQ and electron-updater use them: HQ picks the newest release
 * under a branch's cap, the core never offers an older one. Numbers are compared as digit strings, so no size of
 * number loses precision; build metadata (`+…`) is ignored, as the spec says.
 */
const NUM = '0|[1-9]\\d*'
const PRE_ID = `(?:${NUM}|\\d*[A-Za-z-][0-9A-Za-z-]*)`
const SEMVER = new RegExp(
  `^(${NUM})\\.(${NUM})\\.(${NUM})(?:-(${PRE_ID}(?:\\.${PRE_ID})*))?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?$`,
)

export interface Version {
  core: [string, string, string]
  pre: string[]
}

export function parseVersion(text: string): Version | null {
  const m = SEMVER.exec(text)
  if (!m) return null
  return { core: [m[1]!, m[2]!, m[3]!], pre: m[4] === undefined ? [] : m[4].split('.') }
}

export function isVersion(text: string): boolean {
  return parseVersion(text) !== null
}

const isNumeric = (id: string) => /^\d+$/.test(id)

function compareNumeric(a: string, b: string): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1
  return a < b ? -1 : a > b ? 1 : 0
}

function compareIdentifiers(a: string, b: string): number {
  const [na, nb] = [isNumeric(a), isNumeric(b)]
  if (na && nb) return compareNumeric(a, b)
  if (na !== nb) return na ? -1 : 1
  return a < b ? -1 : a > b ? 1 : 0
}

/** −1, 0 or 1 by semver precedence; throws on a string that is not a version (callers validate first). */
export function compareVersions(a: string, b: string): -1 | 0 | 1 {
  const [va, vb] = [parseVersion(a), parseVersion(b)]
  if (!va || !vb) throw new Error(`not a semantic version: ${!va ? a : b}`)
  for (let i = 0; i < 3; i++) {
    const c = compareNumeric(va.core[i]!, vb.core[i]!)
    if (c !== 0) return c < 0 ? -1 : 1
  }
  // A pre-release sorts before its release: 1.0.0-rc.1 < 1.0.0.
  if (va.pre.length === 0 || vb.pre.length === 0)
    return va.pre.length === vb.pre.length ? 0 : va.pre.length === 0 ? 1 : -1
  for (let i = 0; i < Math.min(va.pre.length, vb.pre.length); i++) {
    const c = compareIdentifiers(va.pre[i]!, vb.pre[i]!)
    if (c !== 0) return c < 0 ? -1 : 1
  }
  return va.pre.length === vb.pre.length ? 0 : va.pre.length < vb.pre.length ? -1 : 1
}
