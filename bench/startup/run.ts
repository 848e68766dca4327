/**
 * `npm run bench:startup [-- --runs N] [-- --json]`: navigation → an interactive sign-in (the login field shown, by
 * the page's own clock from navigation start, and then taking a keystroke) for the built renderer (out/renderer,
 * bound to a real core on a fresh branch as the E2E harness does, without the harness's route for preview files: a
 * Playwright route pauses every request of the page, a cost per file the app's window does not have and the minimal
 * page does not pay) beside a minimal Vue + Vuetify page (bench/startup/minimal, built here with the same Vite
 * plugins at their defaults, so with Vue's Options API, which the app's build leaves out) in the same run,
 * alternating, each run in a fresh browser context (nothing cached: the app reads its files from disk at every
 * start). Both are served by the same static server on 127.0.0.1. Prints min/median/max per page
 * and the ratio of medians; with --json the last line is {"appMs", "minimalMs", "ratio"} (medians). Figures only,
 * never pass/fail. Run `npm run build` first (the script does it when out/renderer is missing).
 * `--app-dir <dir>` measures another built renderer instead of out/renderer; `--baseline-dir <dir>` adds a second
 * build of the app (e.g. one made before a change with `npx electron-vite build --outDir /tmp/before`, its renderer
 * in /tmp/before/renderer) to the same alternation, so before and after are compared in one run. The app's pages get
 * the startup state the shell gives a new window (bindCore computes it from the core before each navigation, as the
 * shell does before it creates the window: outside the measured time in both).
 */
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { extname, join, normalize, relative, resolve } from 'node:path'
import { spawnSync } from 'node:child_process'
import { chromium, type Browser } from '@playwright/test'
import vue from '@vitejs/plugin-vue'
import { build } from 'vite'
import vuetify from 'vite-plugin-vuetify'
import { createCore, type Core } from '../../core/app/createCore'
import { bindCore } from '../../e2e/harness/bindCore'
import { arrange } from '../../e2e/harness/fixtures'

const ROOT = resolve(import.meta.dirname, '..', '..')
const args = process.argv.slice(2)
const json = args.includes('--json')
const runsArg = args.indexOf('--runs')
const RUNS = runsArg >= 0 ? Number(args[runsArg + 1]) : 10
const option = (name: string): string | undefined => {
  const i = args.indexOf(name)
  return i >= 0 ? resolve(args[i + 1] ?? '') : undefined
}
const APP_DIR = option('--app-dir') ?? join(ROOT, 'out', 'renderer')
const BASELINE_DIR = option('--baseline-dir')

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.mjs': 'text/javascript',
}

interface Served {
  server: Server
  url: string
  /** Bytes of files served so far (what a start loads, read as a difference). */
  bytes: () => number
}

/** Serves a folder; `/` is index.html. The same code for every page, so none gets a faster server. */
function serve(dir: string): Promise<Served> {
  let bytes = 0
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(
      /^(\.\.[/\\])+/,
      '',
    )
    const file = join(dir, path === '/' ? 'index.html' : path)
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end()
      return
    }
    bytes += statSync(file).size
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    })
    createReadStream(file).pipe(res)
  })
  return new Promise((ok) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      ok({
        server,
        url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
        bytes: () => bytes,
      })
    }),
  )
}

type Kind = 'app' | 'baseline' | 'minimal'

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return { min: s[0]!, median: s[Math.floor(s.length / 2)]!, max: s[s.length - 1]! }
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'bench-startup-'))
  const servers: Server[] = []
  let browser: Browser | null = null
  let core: Core | null = null
  try {
    if (APP_DIR === join(ROOT, 'out', 'renderer') && !existsSync(join(APP_DIR, 'index.html'))) {
      const r = spawnSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'inherit' })
      if (r.status !== 0) throw new Error('electron-vite build failed')
    }
    const minimalOut = join(work, 'minimal')
    await build({
      root: join(import.meta.dirname, 'minimal'),
      base: './',
      logLevel: 'warn',
      plugins: [vue(), vuetify({ autoImport: true })],
      build: { outDir: minimalOut, emptyOutDir: true },
    })
    const pages: Record<Kind, Served | null> = {
      app: await serve(APP_DIR),
      baseline: BASELINE_DIR ? await serve(BASELINE_DIR) : null,
      minimal: await serve(minimalOut),
    }
    const app = pages.app!
    for (const p of Object.values(pages)) if (p) servers.push(p.server)
    const kinds = (Object.keys(pages) as Kind[]).filter((k) => pages[k])

    // A branch that has been set up, so the app opens on its sign-in screen as it does every morning.
    core = await createCore({
      dataDir: join(work, 'data'),
      resourcesDir: join(ROOT, 'resources'),
      isTrustedUrl: (u) => u.startsWith(app.url) || (!!pages.baseline && u.startsWith(pages.baseline.url)),
    })
    const c = core
    const at = (channel: Parameters<typeof arrange>[1], input: unknown) =>
      c.dispatch(channel, input, { clientId: 'arrange', senderUrl: `${app.url}/`, isMainFrame: true })
    await at('setup/create-branch', {
      branch: { code: 'MSK-01', name: 'Филиал', city: 'Москва' },
      admin: { login: 'admin', fullName: 'Иванова Мария Петровна', password: 'Admin12345' },
    })

    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    })
    const b = browser
    async function once(kind: Kind): Promise<{ ms: number; bytes: number }> {
      const served = pages[kind]!
      const bytesBefore = served.bytes()
      const context = await b.newContext({ viewport: { width: 1366, height: 768 }, locale: 'ru-RU' })
      const page = await context.newPage()
      // tsx compiles this file with esbuild's keepNames: functions handed to the page (bindCore's init script) call
      // a `__name` helper the page does not have. Playwright's own runner defines it; here the bench does.
      await page.addInitScript('window.__name = (f) => f')
      if (kind !== 'minimal') await bindCore(page, c, `bench-${Math.random()}`, { previews: false })
      // The page notes, on the first animation frame that shows an input, the time since its navigation started
      // (the browser's own clock: no Playwright round trip counted). The keystroke below proves it interactive.
      // (A string, not a function: this file is compiled without the DOM's types.)
      await page.addInitScript(`{
        window.__readyAt = null
        const tick = () => {
          const input = document.querySelector('input')
          if (input && input.offsetParent !== null) window.__readyAt = performance.now()
          else requestAnimationFrame(tick)
        }
        requestAnimationFrame(tick)
      }`)
      await page.goto(`${served.url}/`)
      const login = page.getByLabel('Логин')
      await login.waitFor({ state: 'visible' })
      await login.press('a') // interactive: the field takes a keystroke
      await page.waitForFunction("document.activeElement?.value === 'a'")
      const ms = (await page.evaluate('window.__readyAt')) as number
      await context.close()
      return { ms, bytes: served.bytes() - bytesBefore }
    }
    for (const k of kinds) await once(k) // warm the browser process and the disk cache once per page, not counted
    const times: Record<Kind, number[]> = { app: [], baseline: [], minimal: [] }
    const loaded: Record<Kind, number> = { app: 0, baseline: 0, minimal: 0 }
    for (let i = 0; i < RUNS; i++) {
      // The order turns at each round: the page measured first in a round came out ~20 ms slower than the same build
      // measured second (seen with the same two builds swapped between --app-dir and --baseline-dir).
      for (const k of [...kinds.slice(i % kinds.length), ...kinds.slice(0, i % kinds.length)]) {
        const r = await once(k)
        times[k].push(r.ms)
        loaded[k] = r.bytes
      }
    }
    const a = stats(times.app)
    const m = stats(times.minimal)
    const f = (x: number) => x.toFixed(0).padStart(6)
    const label: Record<Kind, string> = {
      app: `Branch Desk (${relative(ROOT, APP_DIR) || APP_DIR})`,
      baseline: `baseline (${BASELINE_DIR ?? ''})`,
      minimal: 'minimal Vue + Vuetify page',
    }
    console.log(`navigation → interactive sign-in, ${RUNS} runs each, ms      min median    max   KB loaded`)
    for (const k of kinds) {
      const s = stats(times[k])
      console.log(`  ${label[k].padEnd(44)} ${f(s.min)} ${f(s.median)} ${f(s.max)} ${f(loaded[k] / 1024)}`)
    }
    console.log(`  ratio of medians, app / minimal: ${(a.median / m.median).toFixed(2)}×`)
    if (BASELINE_DIR)
      console.log(`  ratio of medians, baseline / minimal: ${(stats(times.baseline).median / m.median).toFixed(2)}×`)
    if (json)
      console.log(
        JSON.stringify({
          appMs: Math.round(a.median),
          minimalMs: Math.round(m.median),
          ratio: Number((a.median / m.median).toFixed(2)),
        }),
      )
  } finally {
    await browser?.close().catch(() => undefined)
    for (const s of servers) s.close()
    await core?.close().catch(() => undefined)
    rmSync(work, { recursive: true, force: true })
  }
}

await main()
