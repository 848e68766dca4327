import { spawn, type ChildProcess } from 'node:child_process'
import { resolve } from 'node:path'
import { HQ_HEAP_FLAGS } from '../../shared/sync/heapFlags'

const ROOT = resolve(import.meta.dirname, '..', '..')

export interface HqProcess {
  url: string
  child: ChildProcess
  output(): string
  /** SIGKILL: no shutdown, no flush — what a power cut or the OOM killer does. */
  kill(): Promise<void>
  stop(): Promise<void>
}

/**
 * `npm run hq` as a separate process (the way it runs in production), on the given environment. Resolves once
 * HQ answers its health check.
 */
export async function startHqProcess(env: Record<string, string>, port: number): Promise<HqProcess> {
  // As `npm run hq` starts it (package.json; scripts/heapFlags.test.ts holds the two together).
  const child = spawn(process.execPath, [...HQ_HEAP_FLAGS, '--import', 'tsx', resolve(ROOT, 'hq/main.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      REGISTER_INTERVAL_MS: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString()
  })
  child.stderr!.on('data', (d: Buffer) => {
    out += d.toString()
  })
  const exited = new Promise<void>((r) => child.once('exit', () => r()))
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 30_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`HQ exited (${child.exitCode}): ${out}`)
    try {
      const res = await fetch(`${url}/v1/health`)
      if (res.ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`HQ did not start: ${out}`)
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  return {
    url,
    child,
    output: () => out,
    async kill() {
      if (child.exitCode === null) child.kill('SIGKILL')
      await exited
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM')
      await exited
    },
  }
}
