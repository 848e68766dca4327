import { execFileSync, spawnSync } from 'node:child_process'
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'

/**
 * A throwaway PostgreSQL cluster for tests: initdb in a temp folder, a postmaster on 127.0.0.1 and a free port,
 * stopped and deleted afterwards. Durability is switched off (fsync, full-page writes): the data dies with the
 * test anyway. PostgreSQL refuses to run as root, so under root it runs as an unprivileged user (created once).
 */
export interface PgCluster {
  /** Connection URL of the `postgres` maintenance database. */
  adminUrl: string
  port: number
  /** Creates an empty database and returns its URL. */
  createDatabase(name: string): Promise<string>
  dropDatabase(name: string): Promise<void>
  stop(): Promise<void>
}

const PG_USER = process.env.PG_TEST_OS_USER ?? 'pgtest'

export function findPgBin(): string {
  const candidates = [process.env.PG_BIN, '/usr/local/bin']
  if (existsSync('/usr/lib/postgresql')) {
    for (const v of readdirSync('/usr/lib/postgresql').sort().reverse())
      candidates.push(join('/usr/lib/postgresql', v, 'bin'))
  }
  for (const dir of candidates)
    if (dir && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) return dir
  throw new Error('PostgreSQL binaries (initdb, pg_ctl) not found: install postgresql or set PG_BIN')
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.unref()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address()
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

function asRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0
}

function ensureUser(): { uid: number; gid: number } {
  const probe = spawnSync('id', ['-u', PG_USER])
  if (probe.status !== 0)
    execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', PG_USER])
  const uid = Number(execFileSync('id', ['-u', PG_USER]).toString().trim())
  const gid = Number(execFileSync('id', ['-g', PG_USER]).toString().trim())
  return { uid, gid }
}

function run(bin: string, args: string[]): void {
  const [cmd, argv] = asRoot() ? (['runuser', ['-u', PG_USER, '--', bin, ...args]] as const) : ([bin, args] as const)
  const r = spawnSync(cmd, argv, { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`${bin} ${args.join(' ')} failed (${r.status}): ${r.stderr || r.stdout}`)
}

/**
 * `durable` keeps PostgreSQL's defaults for fsync, synchronous_commit and full-page writes: benches measure what a
 * real HQ pays to make an acknowledged change survive a crash (bench/hq/run.ts).
 */
export async function startPgCluster(opts: { durable?: boolean } = {}): Promise<PgCluster> {
  const bin = findPgBin()
  const dir = mkdtempSync(join(tmpdir(), 'bd-pg-'))
  chmodSync(dir, 0o755)
  if (asRoot()) {
    const { uid, gid } = ensureUser()
    chownSync(dir, uid, gid)
  }
  const data = join(dir, 'data')
  run(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C'])
  const port = await freePort()
  const durability = opts.durable ? '' : '-c fsync=off -c synchronous_commit=off -c full_page_writes=off '
  const options = `-h 127.0.0.1 -p ${port} -k ${dir} ${durability}-c max_connections=200`
  run(join(bin, 'pg_ctl'), ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start'])
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`

  async function admin(sql: string): Promise<void> {
    const client = new pg.Client({ connectionString: adminUrl })
    await client.connect()
    try {
      await client.query(sql)
    } finally {
      await client.end()
    }
  }

  let stopped = false
  return {
    adminUrl,
    port,
    async createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`)
      await admin(`CREATE DATABASE ${name}`)
      return `postgres://postgres@127.0.0.1:${port}/${name}`
    },
    async dropDatabase(name) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`)
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    },
    async stop() {
      if (stopped) return
      stopped = true
      try {
        run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'])
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
  }
}
