import rateLimit from '@fastify/rate-limit'
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify'
import { z, ZodError } from 'zod'
import type { Clock } from '../shared/app/clock'
import { systemClock } from '../shared/app/clock'
import {
  blobChunkQuerySchema,
  blobHashSchema,
  contractLookupQuerySchema,
  enrolRequestSchema,
  PROTOCOL_VERSION,
  pullQuerySchema,
  pushRequestSchema,
  type BlobStatus,
  type ChangeResult,
  type ContractSummary,
  type HqError,
  type PushResponse,
  type WhoamiResponse,
} from '../shared/sync/protocol'
import { FolderBlobStore, type BlobStore } from './blobs'
import { DEFAULT_LIMITS, type HqConfig } from './config'
import type { HqDb } from './db'
import { authenticate, enrolDevice, type AuthenticatedDevice } from './enrolment'
import { HqHttpError } from './errors'
import { HqBusyError, WorkGate, type GateAsk, type GateLane } from './workGate'
import { APPOINTMENT_HEADER, Appointments } from './appointments'
import { pullJsonFor } from './pull'
import { applyChanges, PreparedChanges } from './push'
import { PushOrder } from './pushOrder'
import { lookupContracts } from './contracts'
import { sendFile } from './ranges'
import { registerUpdateRoutes } from './updatesRoutes'
import { registerKbmRoutes } from './kbm'
import { registerClientRoutes } from './clients'
import { registerReportRoutes } from './reportsRoutes'
import { registerVerifyRoutes } from './verifyRoutes'
import type { NationalKbmRegister } from './national/nationalRegister'
import { SimulatedNationalRegister } from './national/simulatedNationalRegister'

export interface ServerOptions {
  db: HqDb
  config: Pick<HqConfig, 'blobDir' | 'blobChunkMax' | 'logLevel'> &
    Partial<
      Pick<
        HqConfig,
        | 'enrolAttemptsPerMinute'
        | 'pushOrderWaitMs'
        | 'pushOrderPollMs'
        | 'limits'
        | 'trustProxy'
        | 'dbWorkMax'
        | 'queueWaitMaxMs'
        | 'appointmentValidMs'
        | 'appointmentSecret'
        | 'kbmRequestsPerMinute'
        | 'clientLookupsPerMinute'
        | 'verifyRequestsPerMinute'
        | 'adminToken'
      >
    >
  clock?: Clock
  /** Tests hold it to make HQ busy on cue; HQ builds its own from dbWorkMax and queueWaitMaxMs. */
  gate?: WorkGate
  /** The national database's KBM requests (POST /v1/kbm); the named simulator unless given. */
  kbmRegister?: NationalKbmRegister
  /** A pino-compatible logger config or false; defaults to JSON lines at config.logLevel. */
  logger?: boolean | object
}

declare module 'fastify' {
  interface FastifyRequest {
    device: AuthenticatedDevice | null
    /** The work gate's decision, made from the headers before the token check (hq/workGate.ts). */
    gateLane: GateLane | null
  }
  interface FastifyContextConfig {
    /** Open to requests without a device token (health, enrolment); every other route checks it first. */
    public?: boolean
  }
}

const blobParams = z.strictObject({ sha256: blobHashSchema })
const beginBlobBody = z.strictObject({ size: z.number().int().min(0) })

/**
 * HQ's HTTP API (JSON, bearer tokens). Every request body and query is parsed with the shared zod schemas;
 * every authenticated request is tied to a device, and the device to its branch, which bounds what it may see.
 */
export async function buildServer(opts: ServerOptions): Promise<FastifyInstance> {
  const { db, config } = opts
  const clock = opts.clock ?? systemClock
  // Every instance on the database sees the same blobs and push turns (docs/scaling.md).
  const blobs: BlobStore = new FolderBlobStore(db, config.blobDir)
  const pushOrder = new PushOrder(db, { waitMs: config.pushOrderWaitMs, pollMs: config.pushOrderPollMs })
  const limits = config.limits ?? DEFAULT_LIMITS
  // Pushes and pulls queue here, not in the pool; a request that would wait too long is answered busy at once.
  // Busy answers carry an appointment a returning request is let in with, ahead of newcomers (decision 88).
  const appointmentValidMs = config.appointmentValidMs ?? 0
  const gate =
    opts.gate ??
    new WorkGate({
      concurrency: config.dbWorkMax ?? 8,
      maxWaitMs: config.queueWaitMaxMs ?? 1000,
      ...(appointmentValidMs > 0
        ? {
            appointments: new Appointments({
              secret: config.appointmentSecret ? Buffer.from(config.appointmentSecret) : Appointments.randomSecret(),
              validMs: appointmentValidMs,
            }),
          }
        : {}),
    })
  const gateAsk = (request: FastifyRequest): GateAsk => ({
    appointment: request.headers[APPOINTMENT_HEADER],
    authorization: request.headers.authorization,
  })
  const app = Fastify({
    logger: opts.logger ?? { level: config.logLevel },
    // Behind a balancer, the client's address comes from the proxies HQ is told to believe (TRUST_PROXY).
    // fastify takes a hop count and addresses too; typed as boolean only so its HTTP/1 overload is the one chosen.
    trustProxy: (config.trustProxy ?? false) as boolean,
    // Routes that take more say so (push, blob chunks); everything else is a few hundred bytes of JSON.
    bodyLimit: limits.bodyMax,
    // A socket silent both ways, a whole request (a trickled body), an idle kept-alive socket (hq/config.ts).
    connectionTimeout: limits.connectionTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    http: {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      // Node enforces both timeouts by a sweep, every 30 s unless told: a quarter of the shorter one keeps a stalled
      // socket open at most 1.25 times its timeout.
      connectionsCheckingInterval: Math.max(
        25,
        Math.floor(Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs) / 4),
      ),
    },
  })
  app.decorateRequest('device', null)
  app.decorateRequest('gateLane', null)
  // Blob chunks stay a stream: the route writes them to disk as they arrive (its size is checked against
  // BLOB_CHUNK_MAX before a byte is read).
  app.addContentTypeParser('application/octet-stream', (_req, payload, done) => done(null, payload))

  app.setErrorHandler((error: unknown, request, reply) => {
    let status = 500
    let body: HqError = { error: { code: 'internal', message: 'internal error' } }
    if (error instanceof HqBusyError) {
      void reply.header('retry-after', String(error.retryAfterSeconds))
      if (error.appointment) void reply.header(APPOINTMENT_HEADER, error.appointment)
    }
    if (error instanceof HqHttpError) {
      status = error.status
      body = { error: { code: error.code, message: error.message } }
    } else if (error instanceof ZodError) {
      status = 400
      body = {
        error: { code: 'invalid-request', message: 'the request does not match the protocol', issues: error.issues },
      }
    } else if (
      typeof error === 'object' &&
      error !== null &&
      'statusCode' in error &&
      typeof error.statusCode === 'number' &&
      error.statusCode < 500
    ) {
      status = error.statusCode
      body = {
        error: { code: 'bad-request', message: String((error as { message?: unknown }).message ?? 'bad request') },
      }
    }
    if (status >= 500) request.log.error({ err: error }, 'request failed')
    else request.log.warn({ code: body.error.code, status }, 'request refused')
    // Refused before its body was read (no token, too large, too many): close rather than read the rest to reach
    // the next request on the connection.
    // A busy answer keeps the connection: the device comes back on it, and Node reads past the unread body (a
    // push batch, small) before the next request — closing it turned a refusal into a reset for the request the
    // device had already started on that socket (bench:hq: 138 ECONNRESET at 2,000 devices).
    if (!request.raw.complete && !(error instanceof HqBusyError)) void reply.header('connection', 'close')
    void reply.status(status).send(body)
  })

  async function requireDevice(request: FastifyRequest): Promise<AuthenticatedDevice> {
    if (request.device) return request.device
    const header = request.headers.authorization
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined
    const device = await authenticate(db, token)
    request.device = device
    request.log = request.log.child({ deviceId: device.id, branch: device.branchCode })
    return device
  }

  // The busy answer comes first, before the token is checked (a database query) and before the body is read: a
  // refusal must cost HQ far less than the work it spares, or refusing under load only adds load. A pipelined push
  // names its place in the run in a header (x-push-index, checked against the body later); a batch after the
  // first of its run is never refused — the run was let in, and refusing it would leave the run waiting.
  app.addHook('onRequest', async (request) => {
    const url = request.routeOptions.url
    if (url === '/v1/pull') request.gateLane = gate.admit(gateAsk(request))
    else if (url === '/v1/push') {
      const index = request.headers['x-push-index']
      if (index !== undefined && index !== '0') return
      // A device of an earlier version names no place in a header: its batches are let in here and a first batch is
      // refused after its body is read (the route).
      if (index === '0') request.gateLane = gate.admit(gateAsk(request))
    }
  })

  // The token is checked as soon as the headers are in, before a byte of the body is read (issue 13: 16
  // unauthenticated 30 MB pushes were read and parsed first, 144 → 1,258 MB). Unknown paths are not public either.
  app.addHook('onRequest', async (request) => {
    // Admin routes check the admin token themselves (hq/reportsRoutes.ts); a device's token is not one.
    if (request.routeOptions.config.public || request.routeOptions.config.admin) return
    await requireDevice(request)
  })

  // Pushes one device has in flight: a stolen or runaway token must not make HQ buffer and parse dozens of full-size
  // pushes at once (the rate limit counts requests, not what they hold). Counted until the socket's answer is done.
  const pushesInFlight = new Map<string, number>()
  app.addHook('onRequest', async (request, reply) => {
    if (!request.device || request.routeOptions.url !== '/v1/push') return
    const id = request.device.id
    const n = pushesInFlight.get(id) ?? 0
    if (n >= limits.devicePushesInFlight) {
      void reply.header('retry-after', '1')
      throw new HqHttpError(429, 'too-many-pushes', `at most ${limits.devicePushesInFlight} pushes at once`)
    }
    pushesInFlight.set(id, n + 1)
    // Released when the answer is sent, or when the socket closes without one — once.
    let released = false
    const release = () => {
      if (released) return
      released = true
      const left = (pushesInFlight.get(id) ?? 1) - 1
      if (left <= 0) pushesInFlight.delete(id)
      else pushesInFlight.set(id, left)
    }
    reply.raw.once('finish', release)
    reply.raw.once('close', release)
  })

  app.get('/v1/health', { config: { public: true } }, async () => ({
    service: 'branch-desk-hq',
    protocol: PROTOCOL_VERSION,
    serverTime: clock.now().toISOString(),
  }))

  // Every route is rate-limited before its body is read: per device (its token is checked by then), per address
  // for the public routes; enrolment, open to anyone, much more tightly. One counter per HQ instance.
  await app.register(rateLimit, {
    global: true,
    max: limits.deviceRequestsPerMinute,
    timeWindow: 60_000,
    keyGenerator: (request) => (request.device ? `device:${request.device.id}` : `address:${request.ip}`),
    errorResponseBuilder: (_request, context) =>
      new HqHttpError(429, 'rate-limited', `too many attempts, retry in ${context.after}`),
  })

  app.post(
    '/v1/enrol',
    { config: { public: true, rateLimit: { max: config.enrolAttemptsPerMinute ?? 10, timeWindow: 60_000 } } },
    async (request) => {
      const body = enrolRequestSchema.parse(request.body)
      const result = await enrolDevice(db, body, clock.now())
      request.log.info(
        { deviceId: result.deviceId, branch: result.branch.code, deviceName: body.deviceName },
        'device enrolled',
      )
      return result
    },
  )

  app.get('/v1/whoami', async (request): Promise<WhoamiResponse> => {
    const device = await requireDevice(request)
    const branch = (await db('hq_branch').where({ code: device.branchCode }).first()) as {
      code: string
      name: string
      city: string
      record_id: string | null
      print_before_registration: boolean | number
    }
    return {
      service: 'branch-desk-hq',
      protocol: PROTOCOL_VERSION,
      serverTime: clock.now().toISOString(),
      deviceId: device.id,
      branch: { code: branch.code, name: branch.name, city: branch.city, recordId: branch.record_id },
      settings: { printBeforeRegistration: Boolean(branch.print_before_registration) },
    }
  })

  app.post('/v1/push', { bodyLimit: limits.pushBodyMax }, async (request): Promise<PushResponse> => {
    const device = await requireDevice(request)
    const body = pushRequestSchema.parse(request.body)
    // The header a device sends with a pipelined batch must say what the body says: a batch cannot skip the busy
    // check by calling itself a later one.
    const header = request.headers['x-push-index']
    if (header !== undefined && header !== String(body.place?.index ?? 0))
      throw new HqHttpError(400, 'push-index-mismatch', 'x-push-index does not match the batch’s place')
    // A device without the header (an earlier version): only a run's first batch may be answered busy — a later one
    // was sent while the run's earlier batches were let in, and refusing it would break the run.
    if (header === undefined && (!body.place || body.place.index === 0)) request.gateLane = gate.admit(gateAsk(request))
    // Serialised now, while the batch before it is applied (hq/push.ts PreparedChanges).
    const changes = new PreparedChanges(body.changes)
    // The turn before the queue: a batch holding a place in the queue while it waits for its turn could keep the
    // batch before it out (hq/pushOrder.ts).
    const done = body.place ? await pushOrder.turn(device.id, body.place) : null
    let results: ChangeResult[]
    try {
      results = await gate.run(
        // The turn moves in the batch's transaction (hq/pushOrder.ts `Turn.advance`); `done` then only wakes.
        () => applyChanges(db, device, changes, 'push', clock.now(), limits, done?.advance),
        request.gateLane ?? 'newcomer',
      )
    } catch (e) {
      await done?.(false)
      throw e
    }
    await done?.(true)
    const counts: Record<string, number> = {}
    for (const r of results) counts[r.status] = (counts[r.status] ?? 0) + 1
    request.log.info({ changes: body.changes.length, ...counts }, 'push applied')
    return { results, serverTime: clock.now().toISOString() }
  })

  app.get('/v1/pull', async (request, reply) => {
    const device = await requireDevice(request)
    const query = pullQuerySchema.parse(request.query)
    // Admitted from its headers already: asked again, a returning pull would be refused with its token used.
    const lane = request.gateLane ?? gate.admit(gateAsk(request))
    const json = await gate.run(() => pullJsonFor(db, device, query.cursor, query.limit), lane)
    return reply.type('application/json').send(json)
  })

  app.get('/v1/contracts', async (request): Promise<{ contracts: ContractSummary[] }> => {
    await requireDevice(request)
    const query = contractLookupQuerySchema.parse(request.query)
    const contracts = await lookupContracts(db, query)
    request.log.info(
      { number: query.number, found: contracts.map((c) => `${c.branchCode}/${c.id}`) },
      'contract lookup',
    )
    return { contracts }
  })

  app.post('/v1/blobs/:sha256', async (request): Promise<BlobStatus> => {
    const device = await requireDevice(request)
    const { sha256 } = blobParams.parse(request.params)
    const { size } = beginBlobBody.parse(request.body)
    return blobs.begin(device.branchCode, device.id, sha256, size, clock.now())
  })

  app.get('/v1/blobs/:sha256', async (request): Promise<BlobStatus> => {
    const device = await requireDevice(request)
    const { sha256 } = blobParams.parse(request.params)
    const status = await blobs.status(device.branchCode, sha256)
    if (!status) throw new HqHttpError(404, 'blob-unknown')
    return status
  })

  // A chunk is streamed to disk and bounded by the size it announces (at most BLOB_CHUNK_MAX); one that says more
  // up front is refused before it is read.
  const chunkTooLarge = async (request: FastifyRequest) => {
    if (Number(request.headers['content-length'] ?? 0) > config.blobChunkMax)
      throw new HqHttpError(413, 'blob-chunk-too-large', String(config.blobChunkMax))
  }
  app.put('/v1/blobs/:sha256', { onRequest: chunkTooLarge }, async (request): Promise<BlobStatus> => {
    const device = await requireDevice(request)
    const { sha256 } = blobParams.parse(request.params)
    const query = blobChunkQuerySchema.parse(request.query)
    if (query.size > config.blobChunkMax)
      throw new HqHttpError(413, 'blob-chunk-too-large', String(config.blobChunkMax))
    const body = request.body
    // No body at all is an empty chunk (the only chunk of an empty file).
    const stream: AsyncIterable<Uint8Array> | Uint8Array[] =
      body === undefined || body === null ? [] : (body as AsyncIterable<Uint8Array>)
    if (!Array.isArray(stream) && typeof stream[Symbol.asyncIterator] !== 'function')
      throw new HqHttpError(400, 'blob-chunk-size')
    const status = await blobs.appendStream(device.branchCode, sha256, query.offset, query.size, stream, clock.now())
    if (status.complete) request.log.info({ sha256, size: status.size }, 'blob complete')
    return status
  })

  app.get('/v1/blobs/:sha256/content', async (request, reply) => {
    const device = await requireDevice(request)
    const { sha256 } = blobParams.parse(request.params)
    const { path, size } = await blobs.file(device.branchCode, sha256)
    return sendFile(request, reply, { path, size, contentType: 'application/octet-stream', etag: `"${sha256}"` })
  })

  await registerUpdateRoutes(app, { db, blobDir: config.blobDir, requireDevice })
  await registerKbmRoutes(app, {
    register: opts.kbmRegister ?? new SimulatedNationalRegister(),
    clock,
    requireDevice,
    perMinute: config.kbmRequestsPerMinute ?? 30,
  })
  await registerClientRoutes(app, { db, clock, requireDevice, perMinute: config.clientLookupsPerMinute ?? 20 })
  await registerReportRoutes(app, { db, clock, adminToken: config.adminToken ?? null })
  await registerVerifyRoutes(app, { db, perMinute: config.verifyRequestsPerMinute ?? 20 })

  return app
}
