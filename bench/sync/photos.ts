import { spawn } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { createReadStream, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { join, resolve } from 'node:path'
import { pipeline } from 'node:stream/promises'

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
    return { url: `http://127.0.0.1:${port}`, stop }
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
  log?: (line: string) => void
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
      const timed = async (fn: () => Promise<void>) => {
        const t0 = performance.now()
        await fn()
        return mb / ((performance.now() - t0) / 1000)
      }
      let a: number
      let r: number
      if (run % 2 === 0) {
        r = await timed(() => rawUpload(server.url, files))
        a = await timed(() => opts.appUpload(files))
      } else {
        a = await timed(() => opts.appUpload(files))
        r = await timed(() => rawUpload(server.url, files))
      }
      app.push(a)
      raw.push(r)
      opts.log?.(`   run ${run + 1}: app ${a.toFixed(1)} MB/s, raw ${r.toFixed(1)} MB/s (${(a / r).toFixed(2)}×)`)
      // The bytes are at HQ and at the raw server now: free the disk for the next run.
      for (const f of files) rmSync(f.path, { force: true })
      rmSync(rawDir, { recursive: true, force: true })
      mkdirSync(rawDir, { recursive: true })
    }
  } finally {
    await server.stop()
  }
  const appS = spread(app)
  const rawS = spread(raw)
  return { photoMBps: appS.median, rawUploadMBps: rawS.median, app: appS, raw: rawS, mb }
}
