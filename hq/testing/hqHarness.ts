import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import type { Clock } from '../../core/app/clock'
import { ensureBranch, issueEnrolmentCode } from '../admin'
import { DEFAULT_LIMITS, type HqConfig, type HqLimits } from '../config'
import { openHqDatabase, type HqDb } from '../db'
import { buildServer } from '../server'
import type { WorkGate } from '../workGate'

export interface RunningHq {
  url: string
  db: HqDb
  app: FastifyInstance
  blobDir: string
  /** A one-time enrolment code for the branch (created on first use with a name and city). */
  enrolmentCode(branchCode: string, card?: { name: string; city: string }): Promise<string>
  close(): Promise<void>
}

/**
 * HQ in-process on a free loopback port, on PostgreSQL (`databaseUrl`) or on a temp SQLite file. Logs are off
 * unless HQ_TEST_LOG is set, so test output stays readable.
 */
/**
 * `enrolAttemptsPerMinute` defaults high here: tests enrol many devices from one loopback address, and the limit
 * itself is tested on its own (hq/enrolment.test.ts).
 */
export async function startHq(
  opts: {
    databaseUrl?: string
    clock?: Clock
    blobChunkMax?: number
    port?: number
    enrolAttemptsPerMinute?: number
    /** KBM requests per device and minute (POST /v1/kbm); HQ's default unless given. */
    kbmRequestsPerMinute?: number
    /** Client lookups per device and minute (POST /v1/clients/lookup); HQ's default unless given. */
    clientLookupsPerMinute?: number
    /** HQ_ADMIN_TOKEN (the admin report endpoints); none unless given. */
    adminToken?: string
    /** Small limits and timeouts for tests of refusing early (the rest keep HQ's defaults). */
    limits?: Partial<HqLimits>
    /** TRUST_PROXY as hq/config.ts parses it (a test of HQ behind a balancer). */
    trustProxy?: HqConfig['trustProxy']
    /** HQ's work gate, held by a test to make HQ busy on cue (hq/workGate.ts). */
    gate?: WorkGate
  } = {},
): Promise<RunningHq> {
  const dir = mkdtempSync(join(tmpdir(), 'bd-hq-'))
  const database: HqConfig['database'] = opts.databaseUrl
    ? { client: 'pg', url: opts.databaseUrl }
    : { client: 'sqlite', file: join(dir, 'hq.sqlite') }
  const db = await openHqDatabase(database, { poolMax: 20 })
  const blobDir = join(dir, 'blobs')
  const app = await buildServer({
    db,
    config: {
      blobDir,
      blobChunkMax: opts.blobChunkMax ?? 8 * 1024 * 1024,
      logLevel: 'info',
      enrolAttemptsPerMinute: opts.enrolAttemptsPerMinute ?? 10_000,
      ...(opts.kbmRequestsPerMinute ? { kbmRequestsPerMinute: opts.kbmRequestsPerMinute } : {}),
      ...(opts.clientLookupsPerMinute ? { clientLookupsPerMinute: opts.clientLookupsPerMinute } : {}),
      ...(opts.adminToken ? { adminToken: opts.adminToken } : {}),
      ...(opts.limits ? { limits: { ...DEFAULT_LIMITS, ...opts.limits } } : {}),
      ...(opts.trustProxy !== undefined ? { trustProxy: opts.trustProxy } : {}),
    },
    logger: process.env.HQ_TEST_LOG ? { level: 'info' } : false,
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.gate ? { gate: opts.gate } : {}),
  })
  await app.listen({ host: '127.0.0.1', port: opts.port ?? 0 })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    app,
    blobDir,
    async enrolmentCode(branchCode, card = { name: `Филиал ${branchCode}`, city: 'Москва' }) {
      await ensureBranch(db, { code: branchCode, ...card }, new Date())
      return (await issueEnrolmentCode(db, branchCode, new Date(), 7)).code
    },
    async close() {
      await app.close()
      await db.destroy()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
