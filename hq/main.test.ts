import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHqProcess } from './testing/hqProcess'
import { startPgCluster, type PgCluster } from './testing/pgCluster'

/** `npm run hq` as an operator runs it: SQLite when no DATABASE_URL is given, PostgreSQL when one is. */
const ROOT = resolve(import.meta.dirname, '..')
let pgc: PgCluster
let dir: string
beforeAll(async () => {
  pgc = await startPgCluster()
  dir = mkdtempSync(join(tmpdir(), 'bd-hqmain-'))
}, 60_000)
afterAll(async () => {
  await pgc?.stop()
  rmSync(dir, { recursive: true, force: true })
})

async function freePort(): Promise<number> {
  return new Promise((r) => {
    const s = createServer()
    s.listen(0, '127.0.0.1', () => {
      const a = s.address()
      s.close(() => r(typeof a === 'object' && a ? a.port : 0))
    })
  })
}

function cli(args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', resolve(ROOT, 'hq/main.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  })
  return { code: r.status, out: `${r.stdout}${r.stderr}` }
}

describe('npm run hq', () => {
  it('starts on SQLite in HQ_DATA_DIR without DATABASE_URL; the enrol command prints a one-time code', async () => {
    const env = { HQ_DATA_DIR: join(dir, 'data') }
    const enrol = cli(['enrol', '--branch', 'msk-01', '--name', 'Филиал «Тверской»', '--city', 'Москва'], env)
    expect(enrol.code).toBe(0)
    expect(enrol.out).toMatch(/Enrolment code for MSK-01: [0-9A-Z]{4}(-[0-9A-Z]{4}){3}/)
    expect(existsSync(join(dir, 'data', 'hq.sqlite'))).toBe(true)
    expect(cli(['enrol', '--branch', 'NOPE'], env)).toMatchObject({
      code: 1,
      out: expect.stringContaining('no branch NOPE'),
    })
    const proc = await startHqProcess(env, await freePort())
    try {
      const health = await (await fetch(`${proc.url}/v1/health`)).json()
      expect(health).toMatchObject({ service: 'branch-desk-hq', protocol: 2 })
      expect(await (await fetch(`${proc.url}/v1/pull`)).json()).toMatchObject({ error: { code: 'token-missing' } })
      const start = proc
        .output()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { msg: string; database?: string })
      expect(start.find((l) => l.msg === 'HQ starting')).toMatchObject({ database: 'sqlite' })
    } finally {
      await proc.stop()
    }
  }, 60_000)

  it('starts on PostgreSQL when DATABASE_URL is given and keeps its schema there', async () => {
    const url = await pgc.createDatabase('hq_main')
    const env = { DATABASE_URL: url, HQ_DATA_DIR: join(dir, 'pgdata') }
    const proc = await startHqProcess(env, await freePort())
    try {
      const start = proc
        .output()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { msg: string; database?: string })
      expect(start.find((l) => l.msg === 'HQ starting')).toMatchObject({ database: 'pg' })
    } finally {
      await proc.stop()
    }
    expect(cli(['enrol', '--branch', 'SPB-01', '--name', 'Филиал', '--city', 'Санкт-Петербург'], env).code).toBe(0)
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    try {
      expect((await client.query('SELECT code FROM hq_branch')).rows).toEqual([{ code: 'SPB-01' }])
      expect((await client.query('SELECT count(*)::int AS n FROM hq_enrolment')).rows[0]).toEqual({ n: 1 })
    } finally {
      await client.end()
    }
    expect(existsSync(join(dir, 'pgdata', 'hq.sqlite'))).toBe(false)
    expect(cli([], { DATABASE_URL: 'mysql://x' })).toMatchObject({
      code: 1,
      out: expect.stringContaining('DATABASE_URL must be a postgres:// URL'),
    })
  }, 60_000)
})
