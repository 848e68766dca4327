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
import { HqBlobStore } from './blobs'
import type { HqConfig } from './config'
import type { HqDb } from './db'
import { authenticate, enrolDevice, type AuthenticatedDevice } from './enrolment'
import { HqHttpError } from './errors'
import { pullJsonFor } from './pull'
import { applyChanges } from './push'
import { PushOrder } from './pushOrder'
import { lookupContracts } from './contracts'
import { sendFile } from './ranges'
import { registerUpdateRoutes } from './updatesRoutes'

export interface ServerOptions {
  db: HqDb
  config: Pick<HqConfig, 'blobDir' | 'blobChunkMax' | 'logLevel'> & Partial<Pick<HqConfig, 'enrolAttemptsPerMinute'>>
  clock?: Clock
  /** A pino-compatible logger config or false; defaults to JSON lines at config.logLevel. */
  logger?: boolean | object
}

declare module 'fastify' {
  interface FastifyRequest {
    device: AuthenticatedDevice | null
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
  const blobs = new HqBlobStore(db, config.blobDir)
  const pushOrder = new PushOrder()
  const app = Fastify({
    logger: opts.logger ?? { level: config.logLevel },
    bodyLimit: 32 * 1024 * 1024,
  })
  app.decorateRequest('device', null)
  // Blob chunks stay a stream: the route writes them to disk as they arrive (its size is checked against
  // BLOB_CHUNK_MAX before a byte is read).
  app.addContentTypeParser('application/octet-stream', (_req, payload, done) => done(null, payload))

  app.setErrorHandler((error: unknown, request, reply) => {
    let status = 500
    let body: HqError = { error: { code: 'internal', message: 'internal error' } }
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
    void reply.status(status).send(body)
  })

  async function requireDevice(request: FastifyRequest): Promise<AuthenticatedDevice> {
    const header = request.headers.authorization
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined
    const device = await authenticate(db, token)
    request.device = device
    request.log = request.log.child({ deviceId: device.id, branch: device.branchCode })
    return device
  }

  app.get('/v1/health', async () => ({
    service: 'branch-desk-hq',
    protocol: PROTOCOL_VERSION,
    serverTime: clock.now().toISOString(),
  }))

  // Only enrolment is open to the unauthenticated: it alone is rate-limited, per address, before anything is read.
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new HqHttpError(429, 'rate-limited', `too many attempts, retry in ${context.after}`),
  })

  app.post(
    '/v1/enrol',
    { config: { rateLimit: { max: config.enrolAttemptsPerMinute ?? 10, timeWindow: 60_000 } } },
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

  app.post('/v1/push', async (request): Promise<PushResponse> => {
    const device = await requireDevice(request)
    const body = pushRequestSchema.parse(request.body)
    const done = body.place ? await pushOrder.turn(device.id, body.place) : null
    let results: ChangeResult[]
    try {
      results = await applyChanges(db, device, body.changes, 'push', clock.now())
    } catch (e) {
      done?.(false)
      throw e
    }
    done?.(true)
    const counts: Record<string, number> = {}
    for (const r of results) counts[r.status] = (counts[r.status] ?? 0) + 1
    request.log.info({ changes: body.changes.length, ...counts }, 'push applied')
    return { results, serverTime: clock.now().toISOString() }
  })

  app.get('/v1/pull', async (request, reply) => {
    const device = await requireDevice(request)
    const query = pullQuerySchema.parse(request.query)
    return reply.type('application/json').send(await pullJsonFor(db, device, query.cursor, query.limit))
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

  app.put('/v1/blobs/:sha256', async (request): Promise<BlobStatus> => {
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

  return app
}
