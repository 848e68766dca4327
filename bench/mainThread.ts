/**
 * `npm run bench:main-thread` (issue 10, «never freezes»): how long the Electron main thread stalls, and how
 * long a window waits for IPC answers, while the inspection report PDF with 20 photos renders and a sync with HQ
 * runs at the same time — the report once previewed (the answer names a one-time file in the transfer folder; the
 * window loads it from app://…/transfer/<name>, served by the shell's own handler, electron/main/transferFiles.ts)
 * and once printed (its PDF handed to the shell's printing as a file). Two designs
 * side by side on the same data:
 *   before — the core on the main thread (createCore in this process, as the app did up to issue 10);
 *   after  — the core in its own process (core/host in a Node child, as Electron's utilityProcess in the app),
 *            the main side being the app's own code: electron/main/coreProxy.ts and ipcBridge.ts.
 * The main side runs under Node with a stand-in for Electron's ipcMain (below): each call is registered by
 * `registerIpc` exactly as in the app, its reply structured-cloned as Electron does before sending it to a window.
 * Measured on this process's event loop: the longest stall (perf_hooks.monitorEventLoopDelay, 1 ms resolution,
 * and a 5 ms setInterval drift probe) and the p95 of a window's status calls (`app/get-status` due every 20 ms,
 * each timed from when it was due).
 * Each repeat gets a fresh copy of the same data folder and its own HQ (a separate process on SQLite), so the
 * sync has the same work every time. Prints figures only; the target is a stall of at most 50 ms.
 *
 *   npm run bench:main-thread          REPEATS=5, BENCH_PHOTO_SIZE=4000x3000 (12 MP), BENCH_DRAFTS=100, BENCH_ONLY=after
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { availableParallelism, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import { serialize } from 'node:v8'
import { createCore } from '../core/app/createCore'
import { forkHost } from '../core/host/forkHost'
import { photoLikeJpeg, uploadPhoto } from '../core/inspection/testing/photos'
import { RecordingPrintPlatform } from '../core/print/recordingPlatform'
import type { Dispatch } from '../core/ipc/dispatch'
import { plainFileSecretStore } from '../core/sync/secretStore'
// The bench measures the shell's own main-side code (neither module loads 'electron' at run time).
import { startCoreProxy, windowDispatch } from '../electron/main/coreProxy'
import { serveTransferFile } from '../electron/main/transferFiles'
import { shellTransferDir } from '../core/host/protocol'
import { registerIpc } from '../electron/main/ipcBridge'
import { ensureBranch, issueEnrolmentCode } from '../hq/admin'
import { openHqDatabase } from '../hq/db'
import { startHqProcess, type HqProcess } from '../hq/testing/hqProcess'
import type { Channel, ChannelInput, ChannelOutput } from '../shared/contract'
import type { Result } from '../shared/contract/result'
import { todayIn } from '../shared/dates/calendarDate'
import { completeReport } from '../shared/inspection/testing/completeReport'
import { completeDraft } from '../shared/osago/testing/completeDraft'

const RESOURCES = resolve(import.meta.dirname, '..', 'resources')
const REPEATS = Number(process.env.REPEATS ?? 5)
const [PHOTO_W, PHOTO_H] = (process.env.BENCH_PHOTO_SIZE ?? '4000x3000').split('x').map(Number) as [number, number]
const PHOTOS = 20
const DRAFTS = Number(process.env.BENCH_DRAFTS ?? 100)
/** One design only (BENCH_ONLY=before|after), for a profile of it. */
const ONLY = process.env.BENCH_ONLY as Design | undefined
const APP_URL = 'app://branch-desk/index.html'
const BRANCH = { code: 'MSK-01', name: 'Филиал «Тверской»', city: 'Москва' }
const ADMIN = { login: 'admin', fullName: 'Иванова Мария Петровна', password: 'Admin12345' }
/** What ipcMain hands a handler, as registerIpc reads it. */
type IpcMainInvokeEvent = Parameters<Parameters<Parameters<typeof registerIpc>[0]['handle']>[1]>[0]

const SHOTS = [
  'corner-front-left',
  'corner-front-right',
  'corner-rear-left',
  'corner-rear-right',
  'front',
  'rear',
  'left-side',
  'right-side',
  'vin-body',
  'vin-plate',
  'odometer',
  'dashboard',
  'rear-interior',
  'wheels',
  'keys',
  'sts-front',
  'sts-back',
  'pts',
  'owner-document',
  'extra',
]

/** Everything this bench started, stopped in reverse order whatever fails (and on Ctrl+C). */
const cleanups: Array<() => Promise<void> | void> = []
async function cleanUp(): Promise<void> {
  while (cleanups.length > 0) {
    try {
      await cleanups.pop()!()
    } catch (e) {
      console.error('cleanup:', e)
    }
  }
}
function onCleanup(fn: () => Promise<void> | void): () => Promise<void> {
  cleanups.push(fn)
  return async () => {
    const i = cleanups.indexOf(fn)
    if (i >= 0) cleanups.splice(i, 1)
    await fn()
  }
}

/**
 * A stand-in for Electron's ipcMain and a window's webContents: handlers registered by the app's own
 * `registerIpc`; an invoke carries the sender and frame Electron would, and the reply is serialized on this thread
 * as Electron serializes it for the window.
 */
function standInIpcMain() {
  const handlers = new Map<string, (event: IpcMainInvokeEvent, input: unknown) => unknown>()
  let longestReplyClone = 0
  return {
    /** The longest single structured clone of a reply for a window (Electron does it on the main thread too). */
    get longestReplyClone() {
      return longestReplyClone
    },
    ipcMain: {
      handle: (channel: string, fn: (event: IpcMainInvokeEvent, input: unknown) => unknown) =>
        void handlers.set(channel, fn),
    },
    async invoke<C extends Channel>(
      webContentsId: number,
      channel: C,
      input: ChannelInput<C>,
    ): Promise<ChannelOutput<C>> {
      const event = {
        sender: { id: webContentsId },
        senderFrame: { url: APP_URL, parent: null },
      } as unknown as IpcMainInvokeEvent
      const reply = (await handlers.get(channel)!(event, input)) as Result<ChannelOutput<C>>
      const t0 = performance.now()
      serialize(reply)
      longestReplyClone = Math.max(longestReplyClone, performance.now() - t0)
      if (!reply.ok) throw new Error(`${channel}: ${reply.error.code} ${reply.error.message}`)
      return reply.value
    },
  }
}

/** What the window's pdf.js does with a preview: loads its file through the app:// handler, every byte of it. */
async function loadPreview(transferDir: string, name: string): Promise<number> {
  const response = await serveTransferFile(transferDir, name)
  if (response.status !== 200 || !response.body) throw new Error(`preview ${name}: HTTP ${response.status}`)
  let bytes = 0
  for await (const chunk of response.body) bytes += chunk.byteLength
  return bytes
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer()
    s.on('error', fail)
    s.listen(0, '127.0.0.1', () => {
      const a = s.address()
      s.close(() => done(typeof a === 'object' && a ? a.port : 0))
    })
  })
}

const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.max(0, Math.ceil((p / 100) * xs.length) - 1))]!
const median = (xs: number[]) => percentile(xs, 50)

/** The data folder every repeat starts from: a branch, its staff, OSAGO drafts and an inspection with 20 photos. */
async function buildTemplate(dir: string): Promise<{ inspectionId: string }> {
  const core = await createCore({
    dataDir: dir,
    resourcesDir: RESOURCES,
    isTrustedUrl: (url) => url.startsWith('app://branch-desk/'),
  })
  try {
    const call = async <C extends Channel>(
      channel: C,
      input: ChannelInput<C>,
      clientId: string,
    ): Promise<ChannelOutput<C>> => {
      const r = (await core.dispatch(channel, input, { clientId, senderUrl: APP_URL, isMainFrame: true })) as Result<
        ChannelOutput<C>
      >
      if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`)
      return r.value
    }
    await call('setup/create-branch', { branch: BRANCH, admin: ADMIN }, 'a')
    await call('session/sign-in', { login: ADMIN.login, password: ADMIN.password }, 'a')
    for (const [login, role] of [
      ['inspector', 'inspector'],
      ['clerk', 'clerk'],
    ] as const) {
      await call('staff/create-staff', { login, fullName: `Сотрудник ${login}`, role, password: 'Temp12345' }, 'a')
      await call('session/sign-in', { login, password: 'Temp12345' }, login)
      await call('session/change-password', { currentPassword: 'Temp12345', newPassword: 'Own12345' }, login)
    }
    const today = todayIn('Europe/Moscow')
    for (let i = 0; i < DRAFTS; i++) {
      const d = await call('osago/create-draft', undefined, 'clerk')
      await call('osago/save-draft', { id: d.id, rowVersion: d.rowVersion, draft: completeDraft(today) }, 'clerk')
    }
    let inspection = await call('inspection/create', undefined, 'inspector')
    inspection = await call(
      'inspection/save-report',
      { id: inspection.id, rowVersion: inspection.rowVersion, report: completeReport() },
      'inspector',
    )
    for (let i = 0; i < PHOTOS; i++) {
      const bytes = await photoLikeJpeg(PHOTO_W, PHOTO_H, { seed: i + 1, quality: 92 })
      const r = await uploadPhoto(core, 'inspector', { inspectionId: inspection.id, shot: SHOTS[i]! }, bytes, {
        fileName: `IMG_${1000 + i}.JPG`,
      })
      if (!r.ok) throw new Error(r.error.message)
    }
    return { inspectionId: inspection.id }
  } finally {
    await core.close()
  }
}

/** HQ as its own process on a fresh SQLite folder, with a one-time enrolment code for the branch. */
async function startHq(dir: string): Promise<{ hq: HqProcess; code: string; stop: () => Promise<void> }> {
  const port = await freePort()
  const hq = await startHqProcess(
    {
      HQ_DATA_DIR: dir,
      LOG_LEVEL: 'warn',
      BLOB_CHUNK_MAX: String(8 * 1024 * 1024),
      ENROL_ATTEMPTS_PER_MINUTE: '10000',
    },
    port,
  )
  const stop = onCleanup(() => hq.stop())
  const db = await openHqDatabase({ client: 'sqlite', file: join(dir, 'hq.sqlite') }, { migrate: false })
  try {
    await ensureBranch(db, BRANCH, new Date())
    return { hq, code: (await issueEnrolmentCode(db, BRANCH.code, new Date(), 1)).code, stop }
  } finally {
    await db.destroy()
  }
}

type Design = 'before' | 'after'
/**
 * What the report is for: `preview` answers the window with the name of the PDF's file, which the window then loads
 * through the app:// handler (streamed by the main side); `print` hands it to the shell's printing (a file).
 */
type Scenario = 'preview' | 'print'
const SCENARIOS: Scenario[] = ['preview', 'print']
const PRINTER = 'Kyocera ECOSYS P2040dn'
interface RunFigures {
  stallEld: number
  stallDrift: number
  replyClone: number
  mainCpuMs: number
  mainElu: number
  ipcP95: number
  ipcMax: number
  ipcCalls: number
  pdfMs: number
  syncMs: number
  pdfMb: number
  pages: number
  pushedOk: boolean
}

/** One repeat of one design: a fresh data folder and HQ, the windows' calls through the stand-in ipcMain. */
async function runOnce(
  design: Design,
  scenario: Scenario,
  template: string,
  work: string,
  inspectionId: string,
): Promise<RunFigures> {
  const dir = mkdtempSync(join(work, `${design}-`))
  // The shell's printing as the tests have it: jobs kept in memory, nothing reaches a printer.
  const printer = new RecordingPrintPlatform({ saveDir: join(dir, 'saved'), printers: [PRINTER] })
  const removeDir = onCleanup(() => rmSync(dir, { recursive: true, force: true }))
  const dataDir = join(dir, 'data')
  cpSync(template, dataDir, { recursive: true })
  const { hq, code, stop: stopHq } = await startHq(join(dir, 'hq'))
  let dispatch: Dispatch
  let closeCore: () => Promise<void>
  if (design === 'before') {
    const core = await createCore({
      dataDir,
      resourcesDir: RESOURCES,
      isTrustedUrl: (url) => url.startsWith('app://branch-desk/'),
      print: printer,
    })
    dispatch = core.dispatch
    closeCore = onCleanup(() => core.close())
  } else {
    const proxy = await startCoreProxy({
      spawn: () => forkHost({ stdio: 'inherit' }),
      core: { dataDir, resourcesDir: RESOURCES, trustedUrlPrefixes: ['app://branch-desk/'] },
      // What safeStorage is in the app: the main side's secret store, in files beside the data.
      shell: { secrets: plainFileSecretStore(join(dataDir, 'secrets')), print: printer },
      log: (message, error) => console.error(message, error ?? ''),
      // As the app runs it (electron/main/index.ts).
      belowNormalPriority: true,
    })
    dispatch = windowDispatch(proxy.dispatch)
    closeCore = onCleanup(() => proxy.close())
  }
  try {
    const windows = standInIpcMain()
    registerIpc(windows.ipcMain, dispatch)
    const [adminWindow, inspectorWindow, statusWindow] = [1, 2, 3]
    await windows.invoke(adminWindow, 'session/sign-in', { login: ADMIN.login, password: ADMIN.password })
    await windows.invoke(inspectorWindow, 'session/sign-in', { login: 'inspector', password: 'Own12345' })
    await windows.invoke(adminWindow, 'sync/enrol', { hqUrl: hq.url, code, deviceName: `Касса ${design}` })
    // Warm-up: the first status call and PDF module loads are not what a working day looks like.
    await windows.invoke(statusWindow, 'app/get-status', undefined)

    const eld = monitorEventLoopDelay({ resolution: 1 })
    let last = performance.now()
    let drift = 0
    const ticker = setInterval(() => {
      const now = performance.now()
      drift = Math.max(drift, now - last - 5)
      last = now
    }, 5)
    // The window asks every 20 ms on its own clock (it is another process): a call due while this thread is
    // stalled waits from the moment it was due, not from when the stalled loop got round to sending it.
    const latencies: number[] = []
    let probing = true
    const probe = (async () => {
      const calls: Array<Promise<void>> = []
      const first = performance.now()
      for (let k = 0; probing; k++) {
        const due = first + k * 20
        const wait = due - performance.now()
        if (wait > 0) await new Promise((r) => setTimeout(r, wait))
        calls.push(
          windows
            .invoke(statusWindow, 'app/get-status', undefined)
            .then(() => void latencies.push(performance.now() - due)),
        )
      }
      await Promise.all(calls)
    })()
    eld.enable()
    const cpu0 = process.cpuUsage()
    const elu0 = performance.eventLoopUtilization()
    const t0 = performance.now()
    const timed = async <T>(p: Promise<T>): Promise<[T, number]> => [await p, performance.now() - t0]
    const report = { kind: 'inspection-report', id: inspectionId } as const
    const [[pdf, pdfMs], [sync, syncMs]] = await Promise.all([
      timed(
        scenario === 'preview'
          ? windows
              .invoke(inspectorWindow, 'print/preview-document', report)
              .then(async (p) => ({ bytes: await loadPreview(shellTransferDir(dataDir), p.file), pages: p.pageCount }))
          : windows
              .invoke(inspectorWindow, 'print/print-document', { ...report, printerName: PRINTER })
              .then(() => ({ bytes: printer.jobs.at(-1)!.pdf.length, pages: Number.NaN })),
      ),
      timed(windows.invoke(adminWindow, 'sync/sync-now', undefined)),
    ])
    probing = false
    await probe
    const cpu = process.cpuUsage(cpu0)
    const elu = performance.eventLoopUtilization(elu0)
    eld.disable()
    clearInterval(ticker)
    return {
      stallEld: eld.max / 1e6,
      stallDrift: drift,
      replyClone: windows.longestReplyClone,
      mainCpuMs: (cpu.user + cpu.system) / 1000,
      mainElu: elu.utilization * 100,
      ipcP95: percentile(latencies, 95),
      ipcMax: Math.max(...latencies),
      ipcCalls: latencies.length,
      pdfMs,
      syncMs,
      pdfMb: pdf.bytes / 1024 / 1024,
      pages: pdf.pages,
      pushedOk: sync.ok,
    }
  } finally {
    await closeCore()
    await stopHq()
    await removeDir()
  }
}

const f = (v: number) => `${v.toFixed(0).padStart(5)}`
const row = (label: string, before: number[], after: number[]) =>
  `${label.padEnd(38)} ${f(Math.min(...before))} ${f(median(before))} ${f(Math.max(...before))}    ${f(Math.min(...after))} ${f(median(after))} ${f(Math.max(...after))}`

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'branch-desk-bench-main-'))
  onCleanup(() => rmSync(work, { recursive: true, force: true }))
  const template = join(work, 'template')
  mkdirSync(template)
  console.log(
    `Preparing the data: ${PHOTOS} photo-like ${PHOTO_W}×${PHOTO_H} JPEGs imported through the channels, ${DRAFTS} OSAGO drafts…`,
  )
  const { inspectionId } = await buildTemplate(template)

  const figures = new Map<string, RunFigures[]>()
  const runsOf = (scenario: Scenario, design: Design) => figures.get(`${scenario} ${design}`) ?? []
  for (let r = 0; r < REPEATS; r++) {
    for (const scenario of SCENARIOS) {
      // Alternate which design goes first, so neither always runs on a warmer machine.
      const order = (r % 2 === 0 ? ['before', 'after'] : ['after', 'before']) as Design[]
      for (const design of order.filter((d) => !ONLY || d === ONLY)) {
        const run = await runOnce(design, scenario, template, work, inspectionId)
        figures.set(`${scenario} ${design}`, [...runsOf(scenario, design), run])
        console.log(
          `  repeat ${r + 1} ${scenario.padEnd(7)} ${design.padEnd(6)} stall ${run.stallEld.toFixed(0)} ms (drift ${run.stallDrift.toFixed(0)} ms, reply clone ${run.replyClone.toFixed(0)} ms), ` +
            `IPC p95 ${run.ipcP95.toFixed(0)} ms over ${run.ipcCalls} calls, main CPU ${run.mainCpuMs.toFixed(0)} ms, PDF ${run.pdfMs.toFixed(0)} ms, sync ${run.syncMs.toFixed(0)} ms${run.pushedOk ? '' : ' (sync run failed)'}`,
        )
      }
    }
  }
  if (ONLY) return
  const pick = (runs: RunFigures[], k: keyof RunFigures) => runs.map((x) => Number(x[k]))
  const sample = runsOf('preview', 'before')[0]!
  console.log('')
  console.log(
    `Node ${process.version}, ${process.platform}/${process.arch}, ${availableParallelism()} CPUs; ${REPEATS} repeats per design and load`,
  )
  console.log(
    `Report: inspection report with ${PHOTOS} photos (${sample.pages} pages, ${sample.pdfMb.toFixed(1)} MB PDF), rendered while a sync pushes the branch (${DRAFTS} drafts, ${PHOTOS} photos) to HQ`,
  )
  console.log(
    `All figures in ms (but the busy share), min / median / max over repeats. Other processes on this machine stall it too: the CPU time`,
  )
  console.log(`and busy share say how much of a stall was this thread's own work.`)
  for (const scenario of SCENARIOS) {
    const b = runsOf(scenario, 'before')
    const a = runsOf(scenario, 'after')
    console.log('')
    console.log(
      scenario === 'preview'
        ? 'PREVIEW — the answer names a file; the window loads the PDF from app://…/transfer/ (streamed by the main side)'
        : "PRINT — the PDF goes to the shell's printing (as a file in the user-data folder)",
    )
    console.log(`${''.padEnd(38)} before: core on main thread   after: core in its own process`)
    console.log(row('main thread longest stall (ELD)', pick(b, 'stallEld'), pick(a, 'stallEld')))
    console.log(row('main thread longest stall (drift)', pick(b, 'stallDrift'), pick(a, 'stallDrift')))
    console.log(row('  longest reply clone for a window', pick(b, 'replyClone'), pick(a, 'replyClone')))
    console.log(row('main process CPU time', pick(b, 'mainCpuMs'), pick(a, 'mainCpuMs')))
    console.log(row('main event loop busy (%)', pick(b, 'mainElu'), pick(a, 'mainElu')))
    console.log(row('window IPC p95 (app/get-status)', pick(b, 'ipcP95'), pick(a, 'ipcP95')))
    console.log(row('window IPC max', pick(b, 'ipcMax'), pick(a, 'ipcMax')))
    console.log(row('report answered after', pick(b, 'pdfMs'), pick(a, 'pdfMs')))
    console.log(row('sync answered after', pick(b, 'syncMs'), pick(a, 'syncMs')))
  }
  console.log('')
  console.log('Target: the main thread stalls at most 50 ms.')
}

process.once('SIGINT', () => {
  void cleanUp().finally(() => process.exit(130))
})
try {
  await main()
} catch (e) {
  console.error(e)
  process.exitCode = 1
} finally {
  await cleanUp()
}
