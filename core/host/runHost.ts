import { randomUUID } from 'node:crypto'
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { serialize } from 'node:v8'
import { createCore, type Core } from '../app/createCore'
import type { Result } from '../../shared/contract/result'
import {
  fromWireError,
  LARGE_REPLY_BYTES,
  shellTransferDir,
  toWireError,
  type HostInit,
  type HostPort,
  type ShellRequestKind,
  type ShellRequests,
  type ToHost,
} from './protocol'
import { remoteFileDialogs, remotePrintPlatform, remoteSecrets, remoteUpdater, type ShellRequest } from './shellClient'

export interface RunHostOptions {
  /** Ends the process once the core has closed the database (the entry passes `process.exit`). */
  exit: (code: number) => void
}

/**
 * The core's host: waits for `init`, builds the core with the main side's platforms behind requests, then
 * answers dispatches until told to close. Nothing here knows which transport carries the messages.
 */
export function runHost(port: HostPort, opts: RunHostOptions): void {
  let core: Core | null = null
  let ready: Promise<Core> | null = null
  let closing: Promise<void> | null = null
  let transferDir = ''
  let largeReplyBytes = LARGE_REPLY_BYTES
  let nextRequestId = 1
  let updater: ReturnType<typeof remoteUpdater> | null = null
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()

  const log = (message: string, error?: unknown) =>
    port.send(error === undefined ? { type: 'log', message } : { type: 'log', message, error: toWireError(error) })

  const request: ShellRequest = <K extends ShellRequestKind>(kind: K, input: ShellRequests[K]['input']) =>
    new Promise<ShellRequests[K]['output']>((resolve, reject) => {
      const id = nextRequestId++
      waiting.set(id, { resolve: resolve as (v: unknown) => void, reject })
      port.send({ type: 'request', id, kind, input })
    })

  async function start(init: HostInit): Promise<Core> {
    const { trustedUrlPrefixes, backgroundSync, update, ...coreOptions } = init.core
    transferDir = shellTransferDir(coreOptions.dataDir)
    largeReplyBytes = init.largeReplyBytes ?? LARGE_REPLY_BYTES
    // Files a previous run left for a main side that never read them (it died first).
    await clearFolder(transferDir)
    updater = init.shell.updater ? remoteUpdater(request, init.shell.updater, log) : null
    return createCore({
      ...coreOptions,
      isTrustedUrl: (url) => trustedUrlPrefixes.some((prefix) => url.startsWith(prefix)),
      log,
      ...(init.shell.print ? { print: remotePrintPlatform(request, shellTransferDir(coreOptions.dataDir)) } : {}),
      ...(init.shell.files ? { files: remoteFileDialogs(request, { folders: init.shell.folders ?? false }) } : {}),
      ...(update || updater ? { update: { ...update, ...(updater ? { updater } : {}) } } : {}),
      sync: {
        background: backgroundSync ?? false,
        ...(init.shell.secrets ? { secrets: remoteSecrets(request, init.shell.secrets) } : {}),
      },
    })
  }

  /**
   * A big answer (a report's PDF is tens of MB of base64) through the pipe would be copied and parsed in pieces on
   * the main thread; as a file, the main side reads it off its thread and clones it back in one step.
   */
  async function reply(id: number, result: Result<unknown>): Promise<void> {
    const bytes = serialize(result)
    if (bytes.length <= largeReplyBytes) {
      port.send({ type: 'reply', id, ok: true, result })
      return
    }
    await mkdir(transferDir, { recursive: true, mode: 0o700 })
    const file = join(transferDir, `${randomUUID()}.reply`)
    await writeFile(file, bytes, { mode: 0o600 })
    port.send({ type: 'reply-file', id, file })
  }

  function close(): Promise<void> {
    closing ??= (async () => {
      try {
        if (ready) await (await ready.catch(() => null))?.close()
      } catch (e) {
        log('The core did not close cleanly', e)
      }
    })()
    return closing
  }

  async function handle(message: ToHost): Promise<void> {
    switch (message.type) {
      case 'init': {
        if (ready) return
        ready = start(message.init)
        try {
          core = await ready
          port.send({ type: 'ready' })
        } catch (e) {
          port.send({ type: 'init-failed', error: toWireError(e) })
        }
        return
      }
      case 'dispatch': {
        try {
          if (!ready || closing) throw new Error('The core is not running')
          const result = await (await ready).dispatch(message.channel, message.input, message.origin)
          await reply(message.id, result)
        } catch (e) {
          port.send({ type: 'reply', id: message.id, ok: false, error: toWireError(e) })
        }
        return
      }
      case 'forget':
        core?.sessions.forget(message.clientId)
        return
      case 'updater-event':
        updater?.deliver(message.event)
        return
      case 'answer': {
        const w = waiting.get(message.id)
        if (!w) return
        waiting.delete(message.id)
        if (message.ok) w.resolve(message.value)
        else w.reject(fromWireError(message.error))
        return
      }
      case 'close':
        await close()
        port.send({ type: 'closed' })
        opts.exit(0)
        return
    }
  }

  port.onMessage((message) => {
    handle(message).catch((e: unknown) => log(`The core host could not handle "${message.type}"`, e))
  })
  port.send({ type: 'hello' })
  // A fork whose parent died: close the database rather than be killed mid-write by the OS later.
  port.onDisconnect(() => {
    void close().finally(() => opts.exit(0))
  })
}

async function clearFolder(dir: string): Promise<void> {
  let names: string[]
  try {
    names = await readdir(dir)
  } catch {
    return
  }
  await Promise.all(names.map((n) => rm(join(dir, n), { force: true, recursive: true })))
}
