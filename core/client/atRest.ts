import { execFile } from 'node:child_process'

/**
 * Personal data at rest on a branch computer (an inspector's laptop above all): the database and the photo pool
 * live in the data folder, and the decision (docs/decisions.md, «Personal data at rest») is that the operating
 * system's disk encryption protects them — BitLocker on Windows, FileVault on macOS, LUKS/dm-crypt on Linux —
 * checked at each start and shown to the branch admin when it is off or cannot be told. An encrypted SQLite build
 * was not taken: better-sqlite3 is fixed by the stack, a SQLCipher build compiles from source on every platform
 * and would still leave the photos, backups and logs in the clear.
 */
export type AtRestState =
  { state: 'encrypted'; how: string } | { state: 'not-encrypted'; how: string } | { state: 'unknown'; reason: string }

/** How the system is asked: the shell's platform, or in tests a recording stand-in (`RecordingAtRestPlatform`). */
export interface AtRestPlatform {
  /** Whether the volume holding `dataDir` is encrypted by the operating system. Never throws: `unknown` instead. */
  check(dataDir: string): Promise<AtRestState>
}

type Run = (file: string, args: readonly string[]) => Promise<string>

const run: Run = (file, args) =>
  new Promise((resolve, reject) =>
    execFile(file, args, { timeout: 5000, windowsHide: true }, (error, stdout) =>
      error ? reject(error) : resolve(String(stdout)),
    ),
  )

/**
 * The operating system's answer for the volume of `dataDir`, read from its own tool: `manage-bde -status <drive>`
 * (Windows: «Protection On»/«Защита включена»), `fdesetup status` (macOS), `lsblk` (Linux: a `crypt` device among
 * the parents of the folder's device). Exported with `run` injectable so each platform's parsing is tested on the
 * tool's real output.
 */
export function osAtRestPlatform(platform: NodeJS.Platform = process.platform, exec: Run = run): AtRestPlatform {
  return {
    async check(dataDir) {
      try {
        if (platform === 'win32') {
          const drive = /^[a-zA-Z]:/.exec(dataDir)?.[0] ?? 'C:'
          const out = await exec('manage-bde', ['-status', drive])
          if (/Protection On|Защита включена/i.test(out)) return { state: 'encrypted', how: `BitLocker ${drive}` }
          if (/Protection Off|Защита отключена/i.test(out)) return { state: 'not-encrypted', how: `BitLocker ${drive}` }
          return { state: 'unknown', reason: 'manage-bde' }
        }
        if (platform === 'darwin') {
          const out = await exec('fdesetup', ['status'])
          if (/FileVault is On/i.test(out)) return { state: 'encrypted', how: 'FileVault' }
          if (/FileVault is Off/i.test(out)) return { state: 'not-encrypted', how: 'FileVault' }
          return { state: 'unknown', reason: 'fdesetup' }
        }
        if (platform === 'linux') {
          const source = (await exec('findmnt', ['-n', '-o', 'SOURCE', '--target', dataDir])).trim()
          if (!source.startsWith('/dev/')) return { state: 'unknown', reason: `findmnt: ${source || 'none'}` }
          // The device and every device it sits on: a crypt layer anywhere below means the folder is encrypted.
          const out = await exec('lsblk', ['-s', '-n', '-o', 'TYPE', source])
          const types = out
            .split('\n')
            .map((l) => l.trim())
            .filter(Boolean)
          return types.includes('crypt')
            ? { state: 'encrypted', how: 'LUKS/dm-crypt' }
            : { state: 'not-encrypted', how: 'lsblk' }
        }
        return { state: 'unknown', reason: platform }
      } catch (e) {
        return { state: 'unknown', reason: e instanceof Error ? e.message.slice(0, 200) : String(e) }
      }
    },
  }
}

/** Test stand-in: records the folders it was asked about and answers what the test set. */
export class RecordingAtRestPlatform implements AtRestPlatform {
  readonly asked: string[] = []
  constructor(public answer: AtRestState = { state: 'encrypted', how: 'test' }) {}
  async check(dataDir: string): Promise<AtRestState> {
    this.asked.push(dataDir)
    return this.answer
  }
}
