import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

/**
 * Electron is mocked: these tests pin down what the shell asks Electron to do with a PDF — a hidden, sandboxed
 * window in its own locked-down session, printing at 100 % without margins on the chosen printer — and that the
 * temporary file never outlives the job.
 */
const state = vi.hoisted(() => ({
  windows: [] as any[],
  printResult: { success: true, reason: '' },
  loadedFileExists: false,
  saveResult: { canceled: false, filePath: '' } as { canceled: boolean; filePath?: string },
  saveCalls: [] as any[],
  sessionCalls: { request: undefined as any, check: undefined as any, beforeRequest: undefined as any },
}))

vi.mock('electron', () => {
  class BrowserWindow {
    destroyed = false
    loadedFile = ''
    printOptions: any
    webContents: any
    constructor(public options: any) {
      state.windows.push(this)
      this.webContents = {
        on: () => this.webContents,
        setWindowOpenHandler: () => {},
        mainFrame: { framesInSubtree: [{}, {}] },
        getPrintersAsync: async () => [
          { name: 'Kyocera_P2040', displayName: 'Kyocera P2040' },
          { name: 'HP_M404', displayName: 'HP M404' },
        ],
        print: (options: any, callback: (ok: boolean, reason: string) => void) => {
          this.printOptions = options
          callback(state.printResult.success, state.printResult.reason)
        },
      }
    }
    async loadFile(file: string) {
      this.loadedFile = file
      state.loadedFileExists = existsSync(file)
    }
    isDestroyed() {
      return this.destroyed
    }
    destroy() {
      this.destroyed = true
    }
  }
  const printSession = {
    setPermissionRequestHandler: (fn: any) => {
      state.sessionCalls.request = fn
    },
    setPermissionCheckHandler: (fn: any) => {
      state.sessionCalls.check = fn
    },
    webRequest: {
      onBeforeRequest: (fn: any) => {
        state.sessionCalls.beforeRequest = fn
      },
    },
  }
  return {
    BrowserWindow,
    session: { fromPartition: vi.fn(() => printSession) },
    dialog: {
      showSaveDialog: vi.fn(async (...args: any[]) => {
        state.saveCalls.push(args)
        return state.saveResult
      }),
    },
  }
})

const { createElectronPrintPlatform, isAllowedPrintUrl, PRINT_PARTITION } = await import('./printPlatform')
const electron = await import('electron')

let dir: string
const parent = { webContents: { getPrintersAsync: async () => [{ name: 'Kyocera_P2040' }, { name: 'HP_M404' }] } }
const pdf = Buffer.from('%PDF-1.3 test')

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bd-shell-print-'))
  state.windows.length = 0
  state.saveCalls.length = 0
  state.printResult = { success: true, reason: '' }
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

function platform(withParent = true) {
  return createElectronPrintPlatform({
    tempDir: join(dir, 'print'),
    parentWindow: () => (withParent ? (parent as any) : null),
    viewerTimeoutMs: 10,
  })
}

describe('Electron print platform', () => {
  it('prints on the chosen printer from a hidden sandboxed window, at 100 % without margins', async () => {
    expect(
      await platform().printPdf(pdf, { printerName: 'Kyocera_P2040', jobName: 'Полис ОСАГО ААК 0123456789 — бланк' }),
    ).toEqual({ printed: true })
    const win = state.windows[0]
    expect(win.options.show).toBe(false)
    expect(win.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      plugins: true,
    })
    expect(win.options.webPreferences.preload).toBeUndefined()
    expect(electron.session.fromPartition).toHaveBeenCalledWith(PRINT_PARTITION)
    expect(win.printOptions).toMatchObject({
      silent: true,
      deviceName: 'Kyocera_P2040',
      margins: { marginType: 'none' },
      pageSize: 'A4',
      scaleFactor: 100,
      printBackground: true,
    })
    // The PDF was on disk while the viewer loaded it, and is gone with the window afterwards.
    expect(state.loadedFileExists).toBe(true)
    expect(win.loadedFile.startsWith(join(dir, 'print'))).toBe(true)
    expect(readdirSync(join(dir, 'print'))).toEqual([])
    expect(win.destroyed).toBe(true)
  })

  it('without a printer lets the system dialog ask; cancelling there is not an error', async () => {
    state.printResult = { success: false, reason: 'Print job canceled' }
    expect(await platform().printPdf(pdf, { printerName: null, jobName: 'x' })).toEqual({ printed: false })
    expect(state.windows[0].printOptions.silent).toBe(false)
    expect(state.windows[0].printOptions.deviceName).toBeUndefined()
  })

  it("reports a failed job with the printer's reason and still cleans up", async () => {
    state.printResult = { success: false, reason: 'Print job failed' }
    await expect(platform().printPdf(pdf, { printerName: 'HP_M404', jobName: 'x' })).rejects.toMatchObject({
      code: 'CONFLICT',
      messageKey: 'print.errors.printFailed',
      params: { reason: 'Print job failed' },
    })
    expect(readdirSync(join(dir, 'print'))).toEqual([])
    expect(state.windows[0].destroyed).toBe(true)
  })

  it('saves where the user chose in the save dialog, adding .pdf; cancel saves nothing', async () => {
    state.saveResult = { canceled: false, filePath: join(dir, 'Заявление') }
    expect(await platform().savePdf(pdf, 'Заявление ОСАГО.pdf')).toEqual({ savedTo: join(dir, 'Заявление.pdf') })
    expect(readFileSync(join(dir, 'Заявление.pdf'))).toEqual(pdf)
    const [win, options] = state.saveCalls[0]
    expect(win).toBe(parent)
    expect(options).toMatchObject({
      defaultPath: 'Заявление ОСАГО.pdf',
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
    })
    state.saveResult = { canceled: true }
    expect(await platform(false).savePdf(pdf, 'x.pdf')).toEqual({ savedTo: null })
  })

  it('lists printers by their system names', async () => {
    expect(await platform().listPrinters()).toEqual(['Kyocera_P2040', 'HP_M404'])
    expect(await platform(false).listPrinters()).toEqual([])
  })

  it('locks the print session down: no permissions, nothing remote, no file outside the print folder', async () => {
    await platform().printPdf(pdf, { printerName: 'HP_M404', jobName: 'x' })
    let granted: boolean | undefined
    state.sessionCalls.request({}, 'media', (g: boolean) => (granted = g))
    expect(granted).toBe(false)
    expect(state.sessionCalls.check()).toBe(false)
    const tempDir = join(dir, 'print')
    const cancelled = (url: string) => {
      let r: { cancel: boolean } | undefined
      state.sessionCalls.beforeRequest({ url }, (x: { cancel: boolean }) => (r = x))
      return r!.cancel
    }
    expect(cancelled(pathToFileURL(join(tempDir, 'job.pdf')).toString())).toBe(false)
    expect(cancelled('chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/index.html')).toBe(false)
    expect(cancelled('https://example.com/x.pdf')).toBe(true)
    expect(cancelled('http://127.0.0.1/')).toBe(true)
    expect(cancelled('file:///etc/passwd')).toBe(true)
    expect(cancelled(pathToFileURL(join(tempDir, '..', 'other.pdf')).toString())).toBe(true)
    expect(isAllowedPrintUrl(pathToFileURL(join(tempDir, 'job.txt')).toString(), tempDir)).toBe(false)
    expect(isAllowedPrintUrl('not a url', tempDir)).toBe(false)
  })
})
