import { resolve } from 'node:path'
import { z } from 'zod'
import { PUSH_REQUEST_MAX_BYTES } from '../shared/sync/protocol'
import { ruleFor } from './rules/registry'

/**
 * HQ is configured by environment only (twelve-factor): the same build runs on a laptop with the embedded SQLite
 * default and in production on PostgreSQL.
 */
const envSchema = z.object({
  /** postgres://… for production; absent → SQLite file in HQ_DATA_DIR (quick start). */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// URL')
    .optional(),
  HQ_DATA_DIR: z.string().default('hq-data'),
  /** Uploaded photos and PDFs, content-addressed by SHA-256. Default: <HQ_DATA_DIR>/blobs. */
  BLOB_DIR: z.string().optional(),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Days an enrolment code stays valid. */
  ENROL_CODE_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  /** Enrolment attempts one address may make per minute (codes are one-time, but guessing must stay slow). */
  ENROL_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(10),
  /**
   * KBM requests one device may send per minute (POST /v1/kbm, hq/kbm.ts). Each is a request to the national
   * database on the insurer's account: a counter asks once per application, a re-check after sync a few policies per
   * run, so a device asking faster is a fault or abuse.
   */
  KBM_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(30),
  /**
   * Lookups of other branches' clients one device may make per minute (POST /v1/clients/lookup, hq/clients.ts). A
   * counter asks when a client it does not know stands at the desk; a device asking faster is going through another
   * branch's personal data.
   */
  CLIENT_LOOKUPS_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(20),
  // `POST /v1/verify` (open to anyone holding a document, decision 109): per address.
  VERIFY_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(20),
  /**
   * The bearer token of HQ's administrators for the cross-branch reports (GET /v1/admin/reports/…, hq/reportsRoutes.ts);
   * at least 32 characters. Absent → those endpoints answer 403 to everyone; a device's token never opens them.
   */
  HQ_ADMIN_TOKEN: z.string().min(32, 'HQ_ADMIN_TOKEN must be at least 32 characters').optional(),
  /** Largest chunk of a blob upload, in bytes. */
  BLOB_CHUNK_MAX: z.coerce
    .number()
    .int()
    .min(1024)
    .max(64 * 1024 * 1024)
    .default(8 * 1024 * 1024),
  /** Interval of the national-register worker in ms (0 = off; `registerPending` can still be called). */
  REGISTER_INTERVAL_MS: z.coerce.number().int().min(0).default(5000),
  /**
   * How long a worker's claim on queued policies holds (ms): longer than the national register takes to answer a
   * batch, so no other HQ instance takes them meanwhile; a worker that died releases them after this.
   */
  REGISTER_CLAIM_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .default(5 * 60_000),
  /**
   * How long a pipelined push batch waits for the one before it (ms), possibly being applied at another HQ
   * instance, before it is refused and the device retries in order (hq/pushOrder.ts). Above a batch's apply time.
   */
  PUSH_ORDER_WAIT_MS: z.coerce.number().int().min(1).default(60_000),
  /**
   * First pause (ms) before a waiting push batch looks again whether another instance applied the one before it;
   * later pauses double, up to 16× (a waiting batch must not poll the database many times a second).
   */
  PUSH_ORDER_POLL_MS: z.coerce.number().int().min(1).max(10_000).default(25),
  /**
   * PostgreSQL connections HQ's pool may hold. Pushes of different branches run in parallel, each in its own
   * transaction; past the database's cores more connections only queue inside PostgreSQL (bench:hq). Keep it
   * under the server's max_connections divided by the number of HQ instances.
   */
  DB_POOL_MAX: z.coerce.number().int().min(1).max(1000).default(10),
  /**
   * Pushes and pulls working on the database at once in this process (hq/workGate.ts); the rest queue in arrival
   * order. Default: DB_POOL_MAX − 2 on PostgreSQL (two connections left for token checks and push turns, so they
   * never wait behind a batch), 1 on SQLite (one connection).
   */
  DB_WORK_MAX: z.coerce.number().int().min(1).max(1000).optional(),
  /**
   * Longest a push or pull may expect to queue before it starts, in ms; past it HQ answers 503 with Retry-After at
   * once, before anything is applied, and the device sends it again then (issue 13: at 2,000 devices every answer
   * waited, p95 6.5 s). 1 s keeps an answer within about 2 s under any load.
   */
  QUEUE_WAIT_MAX_MS: z.coerce.number().int().min(1).max(600_000).default(1000),
  /**
   * How long after its appointment a device refused busy may still come back with its token (x-hq-appointment) and
   * be let in ahead of newcomers, in ms (hq/appointments.ts, decision 88). Longer than a device's timer may run late
   * on a loaded computer (30000 is the value measured); short, because until then the token is a pass past the queue.
   * 0 (the default) = busy answers carry no appointment and every request is a newcomer: measured side by side on a
   * loaded machine, appointments did not shorten the whole push's tail and lowered throughput (decision 88).
   */
  APPOINTMENT_VALID_MS: z.coerce.number().int().min(0).max(600_000).default(0),
  /**
   * Key that signs appointment tokens. Give every instance behind one balancer the same (at least 32 characters), so
   * a device refused by one is let in ahead at another; absent → a random key per process, and an appointment counts
   * only at the instance that gave it (elsewhere the device is a newcomer, which is still correct).
   */
  APPOINTMENT_SECRET: z.string().min(32, 'APPOINTMENT_SECRET must be at least 32 characters').optional(),

  // --- Refusing early (issue 13): every bound on what one client may make HQ read, hold or keep open. ---
  /**
   * Body of every route without its own limit (enrolment, starting an upload): their JSON is a few hundred bytes;
   * 16 KiB leaves room for long names and refuses anything else before it is buffered.
   */
  BODY_MAX: z.coerce
    .number()
    .int()
    .min(1024)
    .default(16 * 1024),
  /**
   * Body of one push. A device of this version cuts its batches at PUSH_REQUEST_MAX_BYTES (shared/sync/protocol.ts),
   * so HQ must take at least that; the default stays at the 32 MiB HQ took before, because devices of earlier
   * versions cut batches by count only (500 changes). Only an authenticated device gets this far.
   */
  PUSH_BODY_MAX: z.coerce
    .number()
    .int()
    .min(PUSH_REQUEST_MAX_BYTES, `PUSH_BODY_MAX must be at least ${PUSH_REQUEST_MAX_BYTES} (what devices send)`)
    .default(32 * 1024 * 1024),
  /**
   * One record (a change's data as JSON, UTF-8 bytes). Records the app writes are a few KB (a contract with its
   * parties ~10 KB); photos and PDFs travel as blobs. 1 MiB is a hundred times that, yet keeps one record from
   * weighing on every device of the branch that pulls it (issue 13 found a 20 MB field stored). At most what a
   * device may send in one request.
   */
  RECORD_MAX: z.coerce
    .number()
    .int()
    .min(256)
    .max(PUSH_REQUEST_MAX_BYTES)
    .default(1024 * 1024),
  /** Per-entity overrides of RECORD_MAX: `entity=bytes,entity=bytes` (e.g. `osago_document=262144`). */
  RECORD_MAX_BY_ENTITY: z
    .string()
    .regex(/^\s*([a-z][a-z0-9_]{0,62}\s*=\s*\d+\s*(,\s*|$))*$/, 'RECORD_MAX_BY_ENTITY: entity=bytes,entity=bytes')
    .default(''),
  /**
   * Whole request, headers and body, in ms: a client trickling a body is cut when it runs out. 120 s is the
   * device's own longest request timeout (a push, a photo chunk): past it the device has given up anyway.
   */
  REQUEST_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(5000, 'REQUEST_TIMEOUT_MS is in milliseconds (at least 5000)')
    .default(120_000),
  /** Request headers, in ms: a device sends them in one packet; 10 s covers a congested branch line. */
  HEADERS_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(1000, 'HEADERS_TIMEOUT_MS is in milliseconds (at least 1000)')
    .default(10_000),
  /**
   * An idle kept-alive connection between requests, in ms: a device's sync run sends its requests back to back;
   * 65 s outlasts the 60 s idle timeout of common proxies in front of HQ, so the proxy closes first (no race).
   */
  KEEP_ALIVE_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(1000, 'KEEP_ALIVE_TIMEOUT_MS is in milliseconds (at least 1000)')
    .default(65_000),
  /**
   * A socket with nothing moving either way, in ms (HQ computing an answer counts as silence): as long as the
   * device's longest wait for an answer, so only sockets no one waits on are closed.
   */
  CONNECTION_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(5000, 'CONNECTION_TIMEOUT_MS is in milliseconds (at least 5000)')
    .default(120_000),
  /**
   * Requests one device may make per minute (every route, counted per device id once its token is checked).
   * A sync run is a handful of requests plus one per 500 changes, 1,000 pulled records or 8 MiB of photo;
   * 6,000 (100 a second) is far above a first sync of a large branch on a LAN, and bounds a runaway device.
   */
  DEVICE_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).default(6000),
  /**
   * Pushes one device may have in flight at once. A device pipelines two batches; a run given up on (a lost answer)
   * may leave both still at HQ when the next run sends two more, and a network that delivers twice doubles them:
   * 8 leaves room for that, while one token can no longer make HQ buffer and parse dozens of full-size pushes.
   */
  DEVICE_PUSHES_IN_FLIGHT: z.coerce.number().int().min(2).max(64).default(8),
  /**
   * Which proxies in front of HQ to believe about the client's address (X-Forwarded-For): empty = none (HQ faces
   * the devices directly); `true` = any; a number = that many hops; else a comma-separated list of addresses or
   * CIDR ranges. Behind a balancer without it, every device has the balancer's address and the per-address
   * enrolment limit counts the whole insurer as one client.
   */
  TRUST_PROXY: z
    .string()
    .regex(
      /^(|true|false|\d+|[0-9a-fA-F:./]+(\s*,\s*[0-9a-fA-F:./]+)*)$/,
      'TRUST_PROXY: true, a hop count or addresses/CIDRs',
    )
    .default(''),
})

/** Limits and timeouts of the HTTP server (issue 13); tests pass small ones straight to buildServer. */
export interface HqLimits {
  bodyMax: number
  pushBodyMax: number
  recordMax: number
  recordMaxByEntity: Readonly<Record<string, number>>
  requestTimeoutMs: number
  headersTimeoutMs: number
  keepAliveTimeoutMs: number
  connectionTimeoutMs: number
  deviceRequestsPerMinute: number
  devicePushesInFlight: number
}

function limitsOf(e: z.infer<typeof envSchema>): HqLimits {
  const recordMaxByEntity: Record<string, number> = {}
  for (const pair of e.RECORD_MAX_BY_ENTITY.split(',')) {
    const [entity, bytes] = pair.split('=').map((s) => s.trim())
    if (!entity || !bytes) continue
    // A typo would silently limit nothing; a 0 would refuse every record of the entity.
    if (!ruleFor(entity)) throw new Error(`HQ configuration: RECORD_MAX_BY_ENTITY: ${entity} is not a synced entity`)
    const limit = Number(bytes)
    if (limit < 256 || limit > PUSH_REQUEST_MAX_BYTES)
      throw new Error(`HQ configuration: RECORD_MAX_BY_ENTITY: ${entity} must be 256…${PUSH_REQUEST_MAX_BYTES} bytes`)
    recordMaxByEntity[entity] = limit
  }
  // A pipelined batch waiting for its turn is a silent socket: the connection must outlast the wait.
  if (e.CONNECTION_TIMEOUT_MS < e.PUSH_ORDER_WAIT_MS)
    throw new Error('HQ configuration: CONNECTION_TIMEOUT_MS must be at least PUSH_ORDER_WAIT_MS')
  return {
    bodyMax: e.BODY_MAX,
    pushBodyMax: e.PUSH_BODY_MAX,
    recordMax: e.RECORD_MAX,
    recordMaxByEntity,
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    // Node refuses a headers timeout above the request timeout.
    headersTimeoutMs: Math.min(e.HEADERS_TIMEOUT_MS, e.REQUEST_TIMEOUT_MS),
    keepAliveTimeoutMs: e.KEEP_ALIVE_TIMEOUT_MS,
    connectionTimeoutMs: e.CONNECTION_TIMEOUT_MS,
    deviceRequestsPerMinute: e.DEVICE_REQUESTS_PER_MINUTE,
    devicePushesInFlight: e.DEVICE_PUSHES_IN_FLIGHT,
  }
}

/** TRUST_PROXY as fastify's `trustProxy` takes it. */
function trustProxyOf(value: string): boolean | number | string[] {
  if (value === '' || value === 'false') return false
  if (value === 'true') return true
  if (/^\d+$/.test(value)) return Number(value)
  return value.split(',').map((s) => s.trim())
}

/** The limits HQ runs with when the environment names none. */
export const DEFAULT_LIMITS: HqLimits = limitsOf(envSchema.parse({}))

export interface HqConfig {
  database: { client: 'pg'; url: string } | { client: 'sqlite'; file: string }
  dataDir: string
  blobDir: string
  host: string
  port: number
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL']
  enrolCodeDays: number
  blobChunkMax: number
  registerIntervalMs: number
  registerClaimMs: number
  pushOrderWaitMs: number
  pushOrderPollMs: number
  dbPoolMax: number
  dbWorkMax: number
  queueWaitMaxMs: number
  appointmentValidMs: number
  appointmentSecret: string | null
  enrolAttemptsPerMinute: number
  kbmRequestsPerMinute: number
  clientLookupsPerMinute: number
  verifyRequestsPerMinute?: number
  trustProxy: boolean | number | string[]
  limits: HqLimits
  /** HQ_ADMIN_TOKEN; null: the admin endpoints are closed. */
  adminToken: string | null
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): HqConfig {
  const parsed = envSchema.safeParse(env)
  if (!parsed.success) {
    throw new Error(
      `HQ configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    )
  }
  const e = parsed.data
  const dataDir = resolve(e.HQ_DATA_DIR)
  return {
    database: e.DATABASE_URL
      ? { client: 'pg', url: e.DATABASE_URL }
      : { client: 'sqlite', file: resolve(dataDir, 'hq.sqlite') },
    dataDir,
    blobDir: resolve(e.BLOB_DIR ?? resolve(dataDir, 'blobs')),
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    enrolCodeDays: e.ENROL_CODE_DAYS,
    blobChunkMax: e.BLOB_CHUNK_MAX,
    registerIntervalMs: e.REGISTER_INTERVAL_MS,
    registerClaimMs: e.REGISTER_CLAIM_MS,
    pushOrderWaitMs: e.PUSH_ORDER_WAIT_MS,
    pushOrderPollMs: e.PUSH_ORDER_POLL_MS,
    dbPoolMax: e.DB_POOL_MAX,
    dbWorkMax: e.DB_WORK_MAX ?? (e.DATABASE_URL ? Math.max(1, e.DB_POOL_MAX - 2) : 1),
    queueWaitMaxMs: e.QUEUE_WAIT_MAX_MS,
    appointmentValidMs: e.APPOINTMENT_VALID_MS,
    appointmentSecret: e.APPOINTMENT_SECRET ?? null,
    enrolAttemptsPerMinute: e.ENROL_ATTEMPTS_PER_MINUTE,
    kbmRequestsPerMinute: e.KBM_REQUESTS_PER_MINUTE,
    clientLookupsPerMinute: e.CLIENT_LOOKUPS_PER_MINUTE,
    verifyRequestsPerMinute: e.VERIFY_REQUESTS_PER_MINUTE,
    trustProxy: trustProxyOf(e.TRUST_PROXY),
    limits: limitsOf(e),
    adminToken: e.HQ_ADMIN_TOKEN ?? null,
  }
}
