import { fork } from 'node:child_process'
import { resolve } from 'node:path'
import { SYNC_HEAP_FLAGS } from '../../shared/sync/heapFlags'
import type { FromHost, HostProcess } from './protocol'

const ROOT = resolve(import.meta.dirname, '..', '..')
export const HOST_SOURCE_ENTRY = resolve(import.meta.dirname, 'coreHost.ts')

export interface ForkHostOptions {
  /** The built `out/main/coreHost.js`, or (default) the source entry, run through tsx. */
  entry?: string
  env?: NodeJS.ProcessEnv
  /** 'pipe' keeps the host's output off the test's console; the app's utilityProcess inherits it. */
  stdio?: 'inherit' | 'pipe' | 'ignore'
}

/**
 * The core's host as a Node child process: what Electron's utilityProcess is in the app (its own process, its
 * own heap; a crash in a native module takes only the core down), so tests, the bench and the smoke test drive
 * the real proxy and the real host. `serialization: 'advanced'` clones messages as utilityProcess does.
 */
export function forkHost(opts: ForkHostOptions = {}): HostProcess {
  const entry = opts.entry ?? HOST_SOURCE_ENTRY
  const child = fork(entry, [], {
    cwd: ROOT,
    // The app's utilityProcess gets the same heap flags (electron/main/coreProxy.ts).
    execArgv: [...SYNC_HEAP_FLAGS, ...(entry.endsWith('.ts') ? ['--import', 'tsx'] : [])],
    env: opts.env ?? process.env,
    serialization: 'advanced',
    stdio:
      opts.stdio === 'pipe'
        ? ['ignore', 'pipe', 'pipe', 'ipc']
        : opts.stdio === 'ignore'
          ? ['ignore', 'ignore', 'ignore', 'ipc']
          : ['inherit', 'inherit', 'inherit', 'ipc'],
  })
  let exited = false
  const exitListeners: Array<(exit: { code: number | null; signal: string | null }) => void> = []
  const gone = (code: number | null, signal: string | null) => {
    if (exited) return
    exited = true
    for (const l of exitListeners) l({ code, signal })
  }
  child.on('exit', (code, signal) => gone(code, signal))
  // Spawning failed (no 'exit' follows) or a send raced the child's death (an 'exit' follows anyway).
  child.on('error', () => {
    if (child.pid === undefined) gone(null, null)
  })
  // Piped output is drained, or a chatty child would block on a full pipe.
  child.stdout?.resume()
  child.stderr?.resume()
  return {
    get pid() {
      return child.pid
    },
    send(message) {
      if (child.connected) child.send(message)
    },
    onMessage(listener) {
      child.on('message', (m) => listener(m as FromHost))
    },
    onExit(listener) {
      exitListeners.push(listener)
    },
    kill() {
      if (!exited) child.kill('SIGKILL')
    },
  }
}
