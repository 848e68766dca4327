import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadReferenceData, type ReferenceData } from '../reference/loadReferenceData'
import { ReferenceDataError } from '../reference/readResource'
import { referenceReloaded } from '../reference/referenceEvents'

export interface ReferenceTarget {
  bundledDir: string
  /** `<dataDir>/reference-updates`: loaded after the bundled files at every start. */
  overrideDir: string
  /** The live reference data of the running core, refreshed in place when a file is installed. */
  reference: ReferenceData
}

const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, '_')

/**
 * Installs a reference file HQ published. It is tried first together with everything already installed, in a
 * scratch copy: a file the app would refuse at start-up (bad schema, a version clash) is never written where it
 * would stop the next start. The running core then sees the new versions at once.
 */
export function installReference(
  target: ReferenceTarget,
  kind: string,
  version: string,
  content: string,
): { installed: boolean } {
  const dir = join(target.overrideDir, 'reference', 'hq')
  const file = join(dir, `${safe(kind)}--${safe(version)}.json`)
  if (existsSync(file) && readFileSync(file, 'utf8') === content) return { installed: false }
  const scratch = mkdtempSync(join(tmpdir(), 'bd-ref-'))
  try {
    if (existsSync(target.overrideDir)) cpSync(target.overrideDir, scratch, { recursive: true })
    mkdirSync(join(scratch, 'reference', 'hq'), { recursive: true })
    const tried = join(scratch, 'reference', 'hq', `${safe(kind)}--${safe(version)}.json`)
    writeFileSync(tried, content)
    // Files installed earlier that this build skips must not block a new one; the new one itself must be taken.
    const refused = loadReferenceData({ bundledDir: target.bundledDir, overrideDir: scratch }).skipped.find(
      (s) => s.file === tried,
    )
    if (refused) throw new ReferenceDataError(file, '(file)', refused.reason)
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
  mkdirSync(dir, { recursive: true })
  writeFileSync(`${file}.tmp`, content)
  renameSync(`${file}.tmp`, file)
  Object.assign(target.reference, loadReferenceData({ bundledDir: target.bundledDir, overrideDir: target.overrideDir }))
  referenceReloaded(target.reference)
  return { installed: true }
}
