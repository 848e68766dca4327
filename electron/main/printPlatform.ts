import { BrowserWindow, dialog, session as sessions, type Session } from 'electron'
import { randomUUID } from 'node:crypto'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { AppError } from '../../core/app/appError'
import type { PrintPlatform } from '../../core/print/platform'
import { lockDownWebContents } from './windowSecurity'

/**
 * Printing and saving for the core, done the only way the shell can: the PDF is written to a private temp
 * folder, opened in a hidden window by Chromium's PDF viewer and printed with `webContents.print`. Blanks need
 * the page exactly as laid out, so the job goes at 100 % with no margins; positions are corrected by the
 * printer's offsets in the core, never by scaling here.
 */
export const PRINT_PARTITION = 'branch-desk-print'

export interface ElectronPrintOptions {
  /** A folder only this app writes to; each job's PDF lives there until the job is handed over. */
  tempDir: string
  /** The window dialogs belong to (the user's current app window). */
  parentWindow: () => BrowserWindow | null
  /** How long the PDF viewer may take to become printable. */
  viewerTimeoutMs?: number
}

export function createElectronPrintPlatform(opts: ElectronPrintOptions): PrintPlatform {
  const tempDir = resolve(opts.tempDir)
  let printSession: Session | null = null

  const sessionForPrinting = () => {
    printSession ??= hardenPrintSession(sessions.fromPartition(PRINT_PARTITION), tempDir)
    return printSession
  }

  return {
    async listPrinters() {
      const win = opts.parentWindow()
      if (!win) return []
      const printers = await win.webContents.getPrintersAsync()
      return printers.map((p) => p.name)
    },

    async printPdf(pdf, { printerName, jobName }) {
      await mkdir(tempDir, { recursive: true })
      const file = join(tempDir, `${randomUUID()}.pdf`)
      await writeFile(file, pdf)
      const win = new BrowserWindow({
        show: false,
        title: jobName,
        webPreferences: {
          session: sessionForPrinting(),
          sandbox: true,
          contextIsolation: true,
          nodeIntegration: false,
          webSecurity: true,
          // Chromium's PDF viewer is a plugin: without it the window shows nothing to print.
          plugins: true,
        },
      })
      lockDownWebContents(win.webContents)
      try {
        await win.loadFile(file)
        await viewerReady(win, opts.viewerTimeoutMs ?? 5000)
        const printed = await new Promise<boolean>((done, fail) => {
          win.webContents.print(
            {
              // A printer chosen in the app prints without a dialog; no choice → the system dialog.
              silent: printerName !== null,
              ...(printerName !== null ? { deviceName: printerName } : {}),
              printBackground: true,
              margins: { marginType: 'none' },
              pageSize: 'A4',
              scaleFactor: 100,
              landscape: false,
            },
            (success, failureReason) => {
              if (success) done(true)
              else if (/cancel/i.test(failureReason)) done(false)
              else fail(new AppError('CONFLICT', 'print.errors.printFailed', { reason: failureReason }))
            },
          )
        })
        return { printed }
      } finally {
        if (!win.isDestroyed()) win.destroy()
        await rm(file, { force: true })
      }
    },

    async savePdf(pdf, suggestedName) {
      const parent = opts.parentWindow()
      const options = { defaultPath: suggestedName, filters: [{ name: 'PDF', extensions: ['pdf'] }] }
      const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options)
      if (result.canceled || !result.filePath) return { savedTo: null }
      const path = /\.pdf$/i.test(result.filePath) ? result.filePath : `${result.filePath}.pdf`
      await writeFile(path, pdf)
      return { savedTo: path }
    },
  }
}

/**
 * The PDF viewer loads in a frame of its own after the page itself; printing before it exists prints a blank
 * page. Waits until a sub-frame is there (bounded), then one more tick for the viewer to lay out.
 */
async function viewerReady(win: BrowserWindow, timeoutMs: number): Promise<void> {
  const started = Date.now()
  while (win.webContents.mainFrame.framesInSubtree.length < 2 && Date.now() - started < timeoutMs) {
    await new Promise((r) => setTimeout(r, 50))
  }
  await new Promise((r) => setTimeout(r, 200))
}

/**
 * The print windows' own session: nothing remote, no local file outside the print folder, no permissions.
 * The app's session refuses file:// altogether, which is why printing does not share it.
 */
export function hardenPrintSession(s: Session, tempDir: string): Session {
  s.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  s.setPermissionCheckHandler(() => false)
  s.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedPrintUrl(details.url, tempDir) }))
  return s
}

export function isAllowedPrintUrl(url: string, tempDir: string): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (parsed.protocol === 'file:') {
    const rel = relative(resolve(tempDir), fileURLToPath(parsed))
    return rel !== '' && !rel.startsWith('..') && !rel.includes(`..${sep}`) && rel.endsWith('.pdf')
  }
  // The viewer itself: a built-in extension and Chromium's own resources. Anything on a network is refused.
  return ['chrome-extension:', 'chrome:', 'data:', 'blob:'].includes(parsed.protocol)
}
