import { join } from 'node:path'
import type { CallOrigin } from '../ipc/dispatch'
import type { CoreOptions } from '../app/createCore'
import type { FileKind } from '../files/fileDialogs'
import type { UpdateFeed, UpdateOptions, UpdaterEvent } from '../update/api'
import type { ErrorCode, Result } from '../../shared/contract/result'
import { AppError } from '../app/appError'

/**
 * The messages between the main process (electron/main/coreProxy.ts) and the core's host process
 * (core/host/coreHost.ts). Two ways: the main side asks the core to dispatch calls; the core asks the main side
 * for what only the shell has — the HQ token (safeStorage), save/open dialogs, printing (docs/decisions.md, 32–34).
 * Every message is structured-cloneable (Electron's utilityProcess and Node's `fork` with advanced serialization
 * both clone). Big things never travel here: a PDF for the shell is a file in the user-data folder, named by path.
 */

/**
 * What of CoreOptions can cross a process boundary: everything but functions and the shell's platforms. The
 * updater is one of those (electron-updater lives in the main process): only its settings travel here.
 */
export type HostCoreOptions = Omit<
  CoreOptions,
  'isTrustedUrl' | 'clock' | 'log' | 'print' | 'files' | 'sync' | 'update'
> & {
  update?: Omit<UpdateOptions, 'updater'>
  /**
   * Senders the core accepts, as URL prefixes (`app://branch-desk/`, a dev server's `http://localhost:5173/`).
   * A prefix ends with '/', so `http://localhost:5173@evil.example/` does not pass for the dev server.
   */
  trustedUrlPrefixes: string[]
  /** Background sync (the app); tests drive runs themselves. */
  backgroundSync?: boolean
}

/** Which platforms the main side answers for; a missing one falls back to the core's own (no dialogs, plain-file secrets). */
export interface ShellCapabilities {
  /** The secret store's protection as the sync screen shows it, or null: the core keeps plain files itself. */
  secrets: 'os-encrypted' | 'plain-file' | null
  files: boolean
  /** The shell's folder dialog (backups); only with `files`. */
  folders?: boolean
  print: boolean
  /** The main side's updater (electron-updater) as the core's update state machine needs to know it; null: none. */
  updater?: { currentVersion: string; supported: boolean } | null
}

export interface HostInit {
  core: HostCoreOptions
  shell: ShellCapabilities
  /** Answers whose clone is larger go as a file (default LARGE_REPLY_BYTES; tests lower it). */
  largeReplyBytes?: number
}

/** Above this, an answer is written to the transfer folder rather than sent through the pipe. */
export const LARGE_REPLY_BYTES = 1024 * 1024

/** Requests from the core to the main side, with what each answers. */
export interface ShellRequests {
  'secrets.get': { input: { name: string }; output: string | null }
  'secrets.set': { input: { name: string; value: string }; output: null }
  'secrets.delete': { input: { name: string }; output: null }
  'dialogs.save': { input: { suggestedName: string; kind: FileKind }; output: string | null }
  'dialogs.open': { input: { kind: FileKind }; output: string | null }
  'dialogs.folder': { input: { title: string }; output: string | null }
  'updater.check': { input: { feed: UpdateFeed }; output: { version: string } | null }
  'updater.quit-and-install': { input: Record<string, never>; output: null }
  'updater.relaunch': { input: Record<string, never>; output: null }
  'print.list-printers': { input: Record<string, never>; output: string[] }
  /** `file`: a PDF the core wrote into its transfer folder; the core deletes it once answered. */
  'print.print-pdf': {
    input: { file: string; printerName: string | null; jobName: string }
    output: { printed: boolean }
  }
  'print.save-pdf': { input: { file: string; suggestedName: string }; output: { savedTo: string | null } }
}
export type ShellRequestKind = keyof ShellRequests

/** An error as it crosses the boundary: an AppError keeps its code and i18n key, so the caller's language applies. */
export interface WireError {
  name: string
  message: string
  stack?: string
  app?: {
    code: ErrorCode
    messageKey: string
    params: Record<string, string | number>
    fieldErrors?: Record<string, string>
    fieldParams?: Record<string, Record<string, string | number>>
  }
  /** The error's own plain fields (`code: 'SQLITE_CORRUPT'`, `path`, a reference error's `file`): what the shell tells the user from. */
  props?: Record<string, string | number | boolean>
}

/** Main side → host. */
export type ToHost =
  | { type: 'init'; init: HostInit }
  | { type: 'dispatch'; id: number; channel: unknown; input: unknown; origin: CallOrigin }
  | { type: 'forget'; clientId: string }
  | { type: 'close' }
  /** The main side's updater downloading (progress, done, failed): for the core's update state machine. */
  | { type: 'updater-event'; event: UpdaterEvent }
  | { type: 'answer'; id: number; ok: true; value: unknown }
  | { type: 'answer'; id: number; ok: false; error: WireError }

/**
 * Host → main side. `hello` comes first, once the host listens: a message sent to a Node child before it listens
 * is dropped, so the main side sends nothing before it.
 */
export type FromHost =
  | { type: 'hello' }
  | { type: 'ready' }
  | { type: 'init-failed'; error: WireError }
  | { type: 'reply'; id: number; ok: true; result: Result<unknown> }
  | { type: 'reply'; id: number; ok: false; error: WireError }
  /** An answer too big for a message (a 20-photo report's PDF): its structured clone (v8.serialize) in a file. */
  | { type: 'reply-file'; id: number; file: string }
  | { type: 'request'; id: number; kind: ShellRequestKind; input: unknown }
  | { type: 'log'; message: string; error?: WireError }
  | { type: 'closed' }

/** The host process as the main side holds it: Electron's utilityProcess in the app, a Node child under test. */
export interface HostProcess {
  readonly pid: number | undefined
  send(message: ToHost): void
  onMessage(listener: (message: FromHost) => void): void
  /** Once, when the process is gone for whatever reason. `signal` is null where the platform does not say. */
  onExit(listener: (exit: { code: number | null; signal: string | null }) => void): void
  kill(): void
}

/** The main side as the host sees it: `process.parentPort` in a utilityProcess, the IPC channel of a fork. */
export interface HostPort {
  send(message: FromHost): void
  onMessage(listener: (message: ToHost) => void): void
  /** The main side went away (a fork's channel closed); a utilityProcess is ended by Electron instead. */
  onDisconnect(listener: () => void): void
}

export function toWireError(e: unknown): WireError {
  if (e instanceof AppError) {
    return {
      name: e.name,
      message: e.message,
      ...(e.stack ? { stack: e.stack } : {}),
      app: {
        code: e.code,
        messageKey: e.messageKey,
        params: e.params,
        ...(e.fieldErrors ? { fieldErrors: e.fieldErrors } : {}),
        ...(e.fieldParams ? { fieldParams: e.fieldParams } : {}),
      },
    }
  }
  if (e instanceof Error) {
    const props: Record<string, string | number | boolean> = {}
    for (const [k, v] of Object.entries(e))
      if (['string', 'number', 'boolean'].includes(typeof v)) props[k] = v as string | number | boolean
    return {
      name: e.name,
      message: e.message,
      ...(e.stack ? { stack: e.stack } : {}),
      ...(Object.keys(props).length > 0 ? { props } : {}),
    }
  }
  return { name: 'Error', message: String(e) }
}

export function fromWireError(w: WireError): Error {
  const e = w.app
    ? new AppError(w.app.code, w.app.messageKey, w.app.params, w.app.fieldErrors, w.app.fieldParams)
    : new Error(w.message)
  if (!w.app) {
    e.name = w.name
    Object.assign(e, w.props)
  }
  if (w.stack) e.stack = w.stack
  return e
}

/**
 * Where the core leaves files for the main side — a PDF to print or save, an answer too big for a message: inside
 * the user-data folder (clients' data stays in the user's own profile), one file each, deleted once read.
 */
export const shellTransferDir = (dataDir: string): string => join(dataDir, 'shell-transfer')
