import type { ForkOptions, UtilityProcess } from 'electron'
import { open, rm } from 'node:fs/promises'
import { constants as osConstants, setPriority } from 'node:os'
import { dirname, resolve } from 'node:path'
import { deserialize } from 'node:v8'
import type { FileDialogs } from '../../core/files/fileDialogs'
import {
  fromWireError,
  shellTransferDir,
  toWireError,
  type FromHost,
  type HostCoreOptions,
  type HostProcess,
  type ShellCapabilities,
  type ShellRequestKind,
  type ShellRequests,
} from '../../core/host/protocol'
import type { CallOrigin, Dispatch } from '../../core/ipc/dispatch'
import type { PrintPlatform } from '../../core/print/platform'
import type { SecretStore } from '../../core/sync/secretStore'
import { SYNC_HEAP_FLAGS } from '../../shared/sync/heapFlags'
import type { Updater } from '../../core/update/updater'
import { fail } from '../../shared/contract/result'
import { translate } from '../../shared/i18n/messages'
import { APP_ORIGIN } from './contentSecurityPolicy'

/**
 * The main process's side of the core (docs/decisions.md, 32–34): the core runs in its own process
 * and this proxy is all the main thread holds of it — `dispatch` for ipcMain, `sessions.forget` for a closed
 * window, `close` for quitting. It answers the core's requests from the shell's own platforms (safeStorage,
 * dialogs, printing), restarts a host that died, and never does core work itself. It imports 'electron' for types
 * only, so the tests, the bench and the smoke test run it under Node with the host in a child process.
 */

/** What the main side answers the core with; a missing one leaves the core's own fallback in place. */
export interface ShellPlatforms {
  secrets?: SecretStore
  files?: FileDialogs
  print?: PrintPlatform
  /** electron-updater (electron/main/updater.ts): the core checks and installs through it, hears its downloads. */
  updater?: Updater
}

export interface CoreProxyOptions {
  /** Starts a host process: `utilityProcessHost` in the app, `forkHost` (core/host/forkHost.ts) under Node. */
  spawn: () => HostProcess
  core: HostCoreOptions
  shell?: ShellPlatforms
  log: (message: string, error?: unknown) => void
  /** Unexpected exits tolerated within `restartWindowMs`; one more and the proxy stops restarting. */
  maxRestarts?: number
  restartWindowMs?: number
  /** How long quitting waits for the core to close the database before the process is killed. */
  closeTimeoutMs?: number
  /** Answers larger than this come as files (core/host/protocol.ts LARGE_REPLY_BYTES by default). */
  largeReplyBytes?: number
  /**
   * Runs the core's process below normal priority (the app does): on a two-core branch PC a PDF with 20 photos
   * and a sync would otherwise take the cores from the main process and the window, which then stall.
   */
  belowNormalPriority?: boolean
}

export interface CoreProxy {
  dispatch: Dispatch
  sessions: { forget(clientId: string): void }
  /** Closes the core (sync stopped, database closed) and waits for its process to end. */
  close(): Promise<void>
  /** The current host's process id. */
  readonly pid: number | undefined
  /** Resolves when the current host (after a restart, the new one) is ready; rejects if it could not start. */
  ready(): Promise<void>
}

/** A call that could not be answered: the core's process stopped, is closed, or could not start. */
export class CoreHostGone extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'CoreHostGone'
  }
}

interface Pending {
  channel: string
  resolve: (r: Awaited<ReturnType<Dispatch>>) => void
  reject: (e: Error) => void
}

interface Generation {
  proc: HostProcess
  /** The host listens (its `hello`): only then may anything be sent. */
  listening: Promise<void>
  heard: () => void
  ready: Promise<void>
  isReady: boolean
  settleReady: { resolve: () => void; reject: (e: Error) => void }
  pending: Map<number, Pending>
  exited: Promise<void>
  hasExited: boolean
  /** Stopped on purpose (close, or a start that failed): not a crash, no restart. */
  expectedExit: boolean
}

/** Starts the host and resolves once the core is ready; rejects with the core's own error if it cannot start. */
export async function startCoreProxy(opts: CoreProxyOptions): Promise<CoreProxy> {
  const shell = opts.shell ?? {}
  const capabilities: ShellCapabilities = {
    secrets: shell.secrets?.protection ?? null,
    files: Boolean(shell.files),
    folders: Boolean(shell.files?.chooseFolder),
    print: Boolean(shell.print),
    updater: shell.updater
      ? { currentVersion: shell.updater.currentVersion, supported: shell.updater.supported }
      : null,
  }
  const transferDir = resolve(shellTransferDir(opts.core.dataDir))
  const maxRestarts = opts.maxRestarts ?? 3
  const restartWindowMs = opts.restartWindowMs ?? 60_000
  const crashes: number[] = []
  let nextId = 1
  let closing: Promise<void> | null = null
  let gaveUp: CoreHostGone | null = null
  /** A host that dies before the first ready fails the start itself: the caller shows why, nothing restarts. */
  let started = false

  function launch(): Generation {
    const proc = opts.spawn()
    let settleReady!: Generation['settleReady']
    const ready = new Promise<void>((resolve, reject) => (settleReady = { resolve, reject }))
    ready.catch(() => {}) // observed by whoever waits on it; a failed start is also logged or thrown below
    let markExited!: () => void
    let heard!: () => void
    const listening = new Promise<void>((r) => (heard = r))
    const gen: Generation = {
      proc,
      listening,
      heard,
      ready,
      isReady: false,
      settleReady,
      pending: new Map(),
      hasExited: false,
      expectedExit: false,
      exited: new Promise<void>((r) => (markExited = r)),
    }
    proc.onMessage((message) => onMessage(gen, message))
    proc.onExit((exit) => {
      gen.hasExited = true
      markExited()
      onExit(gen, exit)
    })
    return gen
  }

  function onMessage(gen: Generation, message: FromHost): void {
    switch (message.type) {
      case 'hello':
        // Only now is a utilityProcess's pid known for certain (it is undefined until the process has spawned).
        if (opts.belowNormalPriority) lowerPriority(gen.proc.pid)
        gen.heard()
        gen.proc.send({
          type: 'init',
          init: {
            core: opts.core,
            shell: capabilities,
            ...(opts.largeReplyBytes !== undefined ? { largeReplyBytes: opts.largeReplyBytes } : {}),
          },
        })
        return
      case 'ready':
        gen.isReady = true
        gen.settleReady.resolve()
        return
      case 'init-failed': {
        gen.expectedExit = true
        gen.settleReady.reject(fromWireError(message.error))
        gen.proc.kill()
        return
      }
      case 'reply': {
        const p = gen.pending.get(message.id)
        if (!p) return
        gen.pending.delete(message.id)
        if (message.ok) p.resolve(message.result)
        else p.reject(fromWireError(message.error))
        return
      }
      case 'reply-file': {
        const p = gen.pending.get(message.id)
        gen.pending.delete(message.id)
        // Removed once read, but only a file the guard in `transferred` accepted.
        void transferred(message.file, '.reply')
          .then(async (bytes) => {
            await rm(message.file, { force: true }).catch(() => {})
            p?.resolve(deserialize(bytes) as Awaited<ReturnType<Dispatch>>)
          })
          .catch((e: unknown) => p?.reject(e as Error))
        return
      }
      case 'request':
        void answer(gen, message.id, message.kind, message.input)
        return
      case 'log':
        opts.log(message.message, message.error ? fromWireError(message.error) : undefined)
        return
      case 'closed':
        gen.expectedExit = true
        return
    }
  }

  function onExit(gen: Generation, exit: { code: number | null; signal: string | null }): void {
    const how = `exit code ${exit.code ?? 'none'}${exit.signal ? `, signal ${exit.signal}` : ''}`
    for (const [, p] of gen.pending) {
      p.reject(
        new CoreHostGone(
          `The core's process stopped (${how}) before answering "${p.channel}"; the call may not have completed`,
        ),
      )
    }
    gen.pending.clear()
    if (!gen.isReady) gen.settleReady.reject(new CoreHostGone(`The core's process stopped while starting (${how})`))
    if (gen.expectedExit || closing || !started || gen !== current) return
    const now = Date.now()
    crashes.push(now)
    while (crashes.length > 0 && crashes[0]! < now - restartWindowMs) crashes.shift()
    if (crashes.length > maxRestarts) {
      gaveUp = new CoreHostGone(
        `The core's process stopped ${crashes.length} times within ${Math.round(restartWindowMs / 1000)} s; it is not restarted again until Branch Desk restarts`,
      )
      opts.log(gaveUp.message)
      return
    }
    opts.log(`The core's process stopped unexpectedly (${how}); starting it again`)
    current = launch()
    current.ready.catch((e: unknown) => opts.log("The core's process could not start again", e))
  }

  function lowerPriority(pid: number | undefined): void {
    if (pid === undefined) return
    try {
      setPriority(pid, osConstants.priority.PRIORITY_BELOW_NORMAL)
    } catch (e) {
      opts.log("The core's process could not be set to a lower priority; it runs at normal priority", e)
    }
  }

  async function perform<K extends ShellRequestKind>(
    kind: K,
    input: ShellRequests[K]['input'],
  ): Promise<ShellRequests[K]['output']> {
    type Out = ShellRequests[K]['output']
    const need = <T>(platform: T | undefined): T => {
      if (!platform) throw new Error(`The shell offers no platform for "${kind}"`)
      return platform
    }
    switch (kind) {
      case 'secrets.get':
        return (await need(shell.secrets).get((input as ShellRequests['secrets.get']['input']).name)) as Out
      case 'secrets.set': {
        const { name, value } = input as ShellRequests['secrets.set']['input']
        await need(shell.secrets).set(name, value)
        return null as Out
      }
      case 'secrets.delete':
        await need(shell.secrets).delete((input as ShellRequests['secrets.delete']['input']).name)
        return null as Out
      case 'dialogs.save': {
        const { suggestedName, kind: fileKind } = input as ShellRequests['dialogs.save']['input']
        return (await need(shell.files).chooseSavePath(suggestedName, fileKind)) as Out
      }
      case 'dialogs.open':
        return (await need(shell.files).chooseOpenPath((input as ShellRequests['dialogs.open']['input']).kind)) as Out
      case 'dialogs.folder': {
        const files = need(shell.files)
        if (!files.chooseFolder) throw new Error('The shell offers no folder dialog')
        return (await files.chooseFolder((input as ShellRequests['dialogs.folder']['input']).title)) as Out
      }
      case 'updater.check':
        return (await need(shell.updater).check((input as ShellRequests['updater.check']['input']).feed)) as Out
      case 'updater.quit-and-install':
        need(shell.updater).quitAndInstall()
        return null as Out
      case 'updater.relaunch':
        need(shell.updater).relaunch()
        return null as Out
      case 'print.list-printers':
        return (await need(shell.print).listPrinters()) as Out
      case 'print.print-pdf': {
        const { file, printerName, jobName } = input as ShellRequests['print.print-pdf']['input']
        return (await need(shell.print).printPdf(await transferred(file), { printerName, jobName })) as Out
      }
      case 'print.save-pdf': {
        const { file, suggestedName } = input as ShellRequests['print.save-pdf']['input']
        return (await need(shell.print).savePdf(await transferred(file), suggestedName)) as Out
      }
    }
    throw new Error(`Unknown request from the core: ${String(kind)}`)
  }

  /** A file the core left for the main side: only ever one directly in the transfer folder. Read off the thread. */
  async function transferred(file: string, extension: '.pdf' | '.reply' = '.pdf'): Promise<Buffer> {
    const path = resolve(file)
    if (dirname(path) !== transferDir || !path.endsWith(extension))
      throw new Error(`The core named a file outside its transfer folder: ${file}`)
    return readWhole(path)
  }

  async function answer(gen: Generation, id: number, kind: ShellRequestKind, input: unknown): Promise<void> {
    try {
      const value = await perform(kind, input as never)
      if (!gen.hasExited) gen.proc.send({ type: 'answer', id, ok: true, value })
    } catch (e) {
      if (!gen.hasExited) gen.proc.send({ type: 'answer', id, ok: false, error: toWireError(e) })
    }
  }

  let current = launch()
  // Downloads go on whatever the core's process does; a host that is restarting misses an event, and its state
  // machine finds the download again at its next check.
  shell.updater?.onEvent((event) => {
    const gen = current
    if (gen.isReady && !gen.hasExited) gen.proc.send({ type: 'updater-event', event })
  })
  await current.ready
  started = true

  const dispatch: Dispatch = async (channel: unknown, input: unknown, origin: CallOrigin) => {
    if (closing) throw new CoreHostGone(`The core is closed; "${String(channel)}" was not run`)
    if (gaveUp) throw gaveUp
    const gen = current
    await gen.ready
    if (gen.hasExited) throw new CoreHostGone(`The core's process has stopped; "${String(channel)}" was not run`)
    return new Promise((resolve, reject) => {
      const id = nextId++
      gen.pending.set(id, { channel: String(channel), resolve, reject })
      gen.proc.send({ type: 'dispatch', id, channel, input, origin })
    })
  }

  return {
    dispatch,
    sessions: {
      forget(clientId) {
        const gen = current
        gen.ready.then(
          () => {
            if (!gen.hasExited) gen.proc.send({ type: 'forget', clientId })
          },
          () => {},
        )
      },
    },
    close() {
      closing ??= (async () => {
        const gen = current
        if (gen.hasExited) return
        const timer = setTimeout(() => {
          opts.log(`The core did not close within ${opts.closeTimeoutMs ?? 15_000} ms; its process is stopped`)
          gen.proc.kill()
        }, opts.closeTimeoutMs ?? 15_000)
        // A host still starting hears `close` after `init`, and closes the core it is building.
        void Promise.race([gen.listening, gen.exited]).then(() => {
          if (!gen.hasExited) gen.proc.send({ type: 'close' })
        })
        await gen.exited
        clearTimeout(timer)
      })()
      return closing
    },
    get pid() {
      return current.proc.pid
    },
    ready: () => (gaveUp ? Promise.reject(gaveUp) : current.ready),
  }
}

/**
 * A file in as few reads as the system allows: the size is known, so one buffer and one read on the thread pool,
 * rather than readFile's 512 KB chunks, each a turn of this thread.
 */
async function readWhole(path: string): Promise<Buffer> {
  const handle = await open(path, 'r')
  try {
    const { size } = await handle.stat()
    const buffer = Buffer.allocUnsafe(size)
    let done = 0
    while (done < size) {
      const { bytesRead } = await handle.read(buffer, done, size - done, done)
      if (bytesRead === 0) break
      done += bytesRead
    }
    return done === size ? buffer : buffer.subarray(0, done)
  } finally {
    await handle.close()
  }
}

/**
 * What ipcMain registers: a call the core could not answer (its process stopped mid-call) comes back to the
 * window as an error it can show, in the app's first language — the main side does not know the window's.
 */
export function windowDispatch(dispatch: Dispatch, log?: (message: string, error?: unknown) => void): Dispatch {
  return async (channel, input, origin) => {
    try {
      return await dispatch(channel, input, origin)
    } catch (e) {
      log?.(`A call to "${String(channel)}" was not answered by the core`, e)
      return fail('INTERNAL', translate('ru', 'errors.coreStopped'))
    }
  }
}

/**
 * The senders the core accepts (isAppUrl's rule, as data the core's process can hold): the app's own origin and,
 * in development, the dev server's. Each ends with '/', so no other origin can start with one of them.
 */
export function appUrlPrefixes(devServerUrl?: string): string[] {
  return [`${APP_ORIGIN}/`, ...(devServerUrl ? [`${new URL(devServerUrl).origin}/`] : [])]
}

/** Electron's utilityProcess as a HostProcess: the app's way to run out/main/coreHost.js. */
export function utilityProcessHost(
  fork: (modulePath: string, args?: string[], options?: ForkOptions) => UtilityProcess,
  entry: string,
): HostProcess {
  const child = fork(entry, [], { serviceName: 'Branch Desk core', stdio: 'inherit', execArgv: [...SYNC_HEAP_FLAGS] })
  const exitListeners: Array<(exit: { code: number | null; signal: string | null }) => void> = []
  child.once('exit', (code: number) => {
    for (const l of exitListeners) l({ code, signal: null })
  })
  return {
    get pid() {
      return child.pid
    },
    send: (message) => child.postMessage(message),
    onMessage: (listener) => {
      child.on('message', (message: FromHost) => listener(message))
    },
    onExit: (listener) => {
      exitListeners.push(listener)
    },
    kill: () => {
      child.kill()
    },
  }
}
