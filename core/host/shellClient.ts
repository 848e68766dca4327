import { randomUUID } from 'node:crypto'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { FileDialogs } from '../files/fileDialogs'
import type { PrintPlatform } from '../print/platform'
import type { SecretStore } from '../sync/api'
import type { Updater, UpdaterEvent } from '../update/api'
import type { ShellRequestKind, ShellRequests } from './protocol'

/** Asks the main side and waits for its answer (a rejected promise carries the main side's error). */
export type ShellRequest = <K extends ShellRequestKind>(
  kind: K,
  input: ShellRequests[K]['input'],
) => Promise<ShellRequests[K]['output']>

/**
 * The HQ token and bundle key stay with the main process (safeStorage exists only there); the core asks for them
 * by name each time and keeps no copy beyond the call that needs one.
 */
export function remoteSecrets(request: ShellRequest, protection: SecretStore['protection']): SecretStore {
  return {
    protection,
    get: (name) => request('secrets.get', { name }),
    set: async (name, value) => {
      await request('secrets.set', { name, value })
    },
    delete: async (name) => {
      await request('secrets.delete', { name })
    },
  }
}

/** The shell's dialogs; the folder dialog only where the shell offers one (else backups say «no dialogs»). */
export function remoteFileDialogs(request: ShellRequest, opts: { folders?: boolean } = {}): FileDialogs {
  return {
    chooseSavePath: (suggestedName, kind) => request('dialogs.save', { suggestedName, kind }),
    chooseOpenPath: (kind) => request('dialogs.open', { kind }),
    ...(opts.folders ? { chooseFolder: (title: string) => request('dialogs.folder', { title }) } : {}),
  }
}

/**
 * electron-updater stays in the main process (it quits the app, runs the installer); the core's update state
 * machine drives it by requests and hears its download events as `updater-event` messages, handed to `deliver`.
 * `quitAndInstall` and `relaunch` are fire-and-forget as on the Updater itself: a failure is logged.
 */
export function remoteUpdater(
  request: ShellRequest,
  known: { currentVersion: string; supported: boolean },
  log: (message: string, error?: unknown) => void,
): Updater & { deliver(event: UpdaterEvent): void } {
  let listener: ((event: UpdaterEvent) => void) | null = null
  return {
    currentVersion: known.currentVersion,
    supported: known.supported,
    check: (feed) => request('updater.check', { feed }),
    onEvent(next) {
      listener = next
    },
    deliver(event) {
      listener?.(event)
    },
    quitAndInstall() {
      request('updater.quit-and-install', {}).catch((e: unknown) => log('The shell could not install the update', e))
    },
    relaunch() {
      request('updater.relaunch', {}).catch((e: unknown) => log('The shell could not restart the app', e))
    },
  }
}

/**
 * Printing by the main side. A PDF of a 20-photo report is tens of megabytes: it goes as a file in the user-data
 * folder (private to the user, mode 0600), never as a message, and is deleted once the shell has answered.
 */
export function remotePrintPlatform(request: ShellRequest, transferDir: string): PrintPlatform {
  async function withFile<T>(pdf: Buffer, use: (file: string) => Promise<T>): Promise<T> {
    await mkdir(transferDir, { recursive: true, mode: 0o700 })
    const file = join(transferDir, `${randomUUID()}.pdf`)
    await writeFile(file, pdf, { mode: 0o600 })
    try {
      return await use(file)
    } finally {
      await rm(file, { force: true })
    }
  }
  return {
    listPrinters: () => request('print.list-printers', {}),
    printPdf: (pdf, { printerName, jobName }) =>
      withFile(pdf, (file) => request('print.print-pdf', { file, printerName, jobName })),
    savePdf: (pdf, suggestedName) => withFile(pdf, (file) => request('print.save-pdf', { file, suggestedName })),
  }
}
