import { spawn } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { createReadStream, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { join, resolve } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { cpuBetween, procCpuSplit, type CpuReading } from './cpuTime'

/**
 * Step 2 of `bench:sync`: photos through the app (device → HQ, the real sync engine and HQ process) beside a raw
 * HTTP upload of the same bytes to a plain Node server writing to disk (bench/sync/rawUploadServer.ts: stream in,
 * write, fsync once), in the same run, alternating which goes first so neither always meets a warmer machine.
 */
export interface PhotoFile {
  sha256: string
  path: string
  size: number
}

export interface Spread {
  min: number
  median: number
  max: number
  runs: number[]
}

export interface PhotoFigures {
  /** Medians of the runs, MB/s (MB = 2^20 bytes). */
  photoMBps: number
  rawUploadMBps: number
  app: Spread
  raw: Spread
  mb: number
}

const MB = 1024 * 1024

export function spread(xs: number[]): Spread {
  const s = [...xs].sort((a, b) => a - b)
  return { min: s[0]!, median: s[Math.floor((s.length - 1) / 2)]!, max: s.at(-1)!, runs: xs }
}

/** Incompressible photo-sized files named by their SHA-256, as the device's photo store keeps them. */
export function makePhotos(dir: string, totalMb: number, photoMb: number): PhotoFile[] {
  mkdirSync(dir, { recursive: true })
  const files: PhotoFile[] = []
  for (let i = 0; i < Math.max(1, Math.round(totalMb / photoMb)); i++) {
    const bytes = randomBytes(photoMb * MB)
    const sha256 = createHash('sha256').update(bytes).digest('hex')
    writeFileSync(join(dir, sha256), bytes)
    files.push({ sha256, path: join(dir, sha256), size: bytes.length })
  }
  return files
}

export interface RawServer {
  url: string
  pid: number | undefined
  stop(): Promise<void>
}

export async function startRawServer(dir: string): Promise<RawServer> {
  mkdirSync(dir, { recursive: true })
  const script = resolve(import.meta.dirname, 'rawUploadServer.ts')
  const child = spawn(process.execPath, ['--import', 'tsx', script, dir], { stdio: ['ignore', 'pipe', 'inherit'] })
  const exited = new Promise<void>((r) => child.once('exit', () => r()))
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
    const late = setTimeout(() => child.kill('SIGKILL'), 5000)
    await exited
    clearTimeout(late)
  }
  try {
    const port = await new Promise<number>((ok, fail) => {
      let out = ''
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString()
        if (out.includes('\n')) ok(Number(out.trim()))
      })
      child.once('exit', (code) => fail(new Error(`raw upload server exited (${code})`)))
      setTimeout(() => fail(new Error('raw upload server did not start')), 30_000).unref()
    })
    return { url: `http://127.0.0.1:${port}`, pid: child.pid, stop }
  } catch (e) {
    await stop()
    throw e
  }
}

/** One plain PUT per file, the file streamed into the request; resolves when the server has synced it. */
export async function rawUpload(url: string, files: PhotoFile[]): Promise<void> {
  for (const f of files) {
    await new Promise<void>((ok, fail) => {
      const req = request(`${url}/${f.sha256}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/octet-stream', 'content-length': String(f.size) },
      })
      req.once('response', (res) => {
        res.resume()
        res.once('end', () => (res.statusCode === 201 ? ok() : fail(new Error(`raw upload: ${res.statusCode}`))))
      })
      req.once('error', fail)
      pipeline(createReadStream(f.path), req).catch(fail)
    })
  }
}

/**
 * Runs the comparison `runs` times on fresh files of `totalMb` each. `appUpload` must upload the files through
 * the app and resolve only once HQ holds every one of them complete.
 */
export async function benchPhotos(opts: {
  work: string
  /** Where the device's photo source reads files from. */
  photoDir: string
  totalMb: number
  photoMb: number
  runs: number
  appUpload: (files: PhotoFile[]) => Promise<void>
  /** CPU seconds of the app's sides so far (HQ, PostgreSQL, the device: bench/sync/cpuTime.ts), to print per run. */
  appCpu?: () => CpuReading
  log?: (line: string) => void
  /** Marks each timed upload's start and end (BENCH_MARKS: on the clock of CPU profiles). */
  mark?: (what: string) => void
}): Promise<PhotoFigures> {
  const rawDir = join(opts.work, 'raw-uploads')
  const server = await startRawServer(rawDir)
  const app: number[] = []
  const raw: number[] = []
  let mb = 0
  try {
    for (let run = 0; run < opts.runs; run++) {
      const files = makePhotos(opts.photoDir, opts.totalMb, opts.photoMb)
      mb = files.reduce((s, f) => s + f.size, 0) / MB
      const timed = async (fn: () => Promise<void>, what: string) => {
        opts.mark?.(`${what}-${run + 1}-start`)
        const t0 = performance.now()
        await fn()
        opts.mark?.(`${what}-${run + 1}-end`)
        return mb / ((performance.now() - t0) / 1000)
      }
      // CPU of each side per 100 MB: on a loaded machine the rates swing, the CPU a side spends per byte does not.
      const per100 = (s: number) => ((s * 1000 * 100) / mb).toFixed(0)
      const ownCpu = () => {
        const u = process.cpuUsage()
        return { user: u.user / 1e6, system: u.system / 1e6 }
      }
      const none = { user: 0, system: 0 }
      // "total (kernel part)": the kernel's part is the copies through the socket and into the page cache, and fsync.
      const split = (a: { user: number; system: number }, b: { user: number; system: number }) =>
        `${per100(b.user + b.system - a.user - a.system)} (${per100(b.system - a.system)}) ms`
      let appCpu = ''
      const appRun = async () => {
        const before = opts.appCpu?.()
        const rate = await timed(() => opts.appUpload(files), 'app')
        if (before) {
          const c = cpuBetween(before, opts.appCpu!())
          appCpu =
            `HQ ${per100(c.hq)} (${per100(c.hqSystem)}) ms, PostgreSQL ${per100(c.postgres)} ms, ` +
            `device ${per100(c.device)} (${per100(c.deviceSystem)}) ms`
        }
        return rate
      }
      let rawCpu = ''
      const rawRun = async () => {
        const serverCpu = () => (server.pid ? procCpuSplit(server.pid) : none)
        const [server0, client0] = [serverCpu(), ownCpu()]
        const rate = await timed(() => rawUpload(server.url, files), 'raw')
        rawCpu = `server ${split(server0, serverCpu())}, client ${split(client0, ownCpu())}`
        return rate
      }
      let a: number
      let r: number
      if (run % 2 === 0) {
        r = await rawRun()
        a = await appRun()
      } else {
        a = await appRun()
        r = await rawRun()
      }
      app.push(a)
      raw.push(r)
      opts.log?.(`   run ${run + 1}: app ${a.toFixed(1)} MB/s, raw ${r.toFixed(1)} MB/s (${(a / r).toFixed(2)}×)`)
      opts.log?.(`      CPU per 100 MB, total (kernel's part): app ${appCpu || '–'}; raw ${rawCpu}`)
      // The bytes are at HQ and at the raw server now: the device's copies go. What each server wrote stays until the
      // step ends, on both sides alike, as HQ keeps its photos: the raw server's files deleted after each run gave its
      // next run page cache the kernel had just freed, which HQ never gets (a plain server writing as HQ does kept
      // its kernel time per 100 MB flat when its files were deleted after each run, and not when they were kept).
      for (const f of files) rmSync(f.path, { force: true })
    }
  } finally {
    await server.stop()
    rmSync(rawDir, { recursive: true, force: true })
  }
  const appS = spread(app)
  const rawS = spread(raw)
  return { photoMBps: appS.median, rawUploadMBps: rawS.median, app: appS, raw: rawS, mb }
}
