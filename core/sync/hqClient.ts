import { createReadStream } from 'node:fs'
import type { z } from 'zod'
import {
  blobStatusSchema,
  clientLookupResponseSchema,
  contractLookupResponseSchema,
  enrolResponseSchema,
  hqErrorSchema,
  kbmResponseSchema,
  pullResponseSchema,
  pushResponseSchema,
  whoamiResponseSchema,
  type BlobStatus,
  type Change,
  type ClientLookupRequest,
  type ContractSummary,
  type EnrolRequest,
  type EnrolResponse,
  type KbmRequest,
  type KbmResponse,
  type PullResponse,
  type PushResponse,
  type RemoteClient,
  type WhoamiResponse,
} from '../../shared/sync/protocol'

/** HQ could not be reached or failed (network, timeout, 5xx, an answer that is not the protocol): try later. */
export class HqUnreachable extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, { cause })
    this.name = 'HqUnreachable'
  }
}

/** HQ answered and refused (4xx with a code): retrying the same request will not help. */
export class HqRefused extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'HqRefused'
  }
}

/**
 * HQ is busy (429, issue 13: per-device rate limits): nothing was applied and nothing is wrong with the changes —
 * the same request goes again, not before `retryAfterMs`.
 */
export class HqBusy extends HqRefused {
  constructor(
    code: string,
    message: string,
    readonly retryAfterMs: number,
    status = 429,
    /**
     * HQ's appointment for this request (503 hq-busy, header x-hq-appointment, hq/appointments.ts): sent back with the
     * same request, it is let in ahead of requests arriving for the first time instead of being refused again.
     */
    readonly appointment?: string,
  ) {
    super(status, code, message)
    this.name = 'HqBusy'
  }
}

/** Retry-After as seconds or an HTTP date (RFC 9110 §10.2.3); absent or unreadable → a minute, HQ's window. */
export function retryAfterMs(header: string | null, now = Date.now()): number {
  const value = header?.trim() ?? ''
  if (/^\d+$/.test(value)) return Number(value) * 1000
  const at = Date.parse(value)
  return Number.isNaN(at) ? 60_000 : Math.max(0, at - now)
}

export type Fetch = typeof fetch

/** Read size of an uploaded file: large pieces mean fewer reads and socket writes per chunk. */
const FILE_READ_PIECE = 1024 * 1024

export interface HqClientOptions {
  baseUrl: string
  token?: string | null
  /** Injected in tests to cut connections and lose answers; the global fetch in the app. */
  fetch?: Fetch
  timeoutMs?: number
  /**
   * How long one request may keep coming back when HQ answers it busy (503 `hq-busy`: nothing applied, come back
   * after Retry-After — hq/workGate.ts) before the run gives up and the engine schedules the next; 30 s.
   */
  busyWaitMaxMs?: number
  /** Injected in tests. */
  sleep?: (ms: number) => Promise<void>
}

/** What one request to HQ carries besides its method and path. */
interface HqRequest {
  json?: unknown
  /** A JSON body serialised already (push splices each outbox row's stored JSON in as it is). */
  jsonText?: string
  body?: Buffer
  /** A byte range of a file, streamed from disk into the request (no copy of it in memory). */
  file?: { path: string; start: number; length: number }
  query?: Record<string, string | number>
  headers?: Record<string, string>
  timeoutMs?: number
}

/** The device's side of the HTTP protocol; every answer is parsed with the shared schemas before use. */
export class HqClient {
  private readonly fetchFn: Fetch
  private readonly timeoutMs: number
  readonly baseUrl: string

  constructor(private readonly opts: HqClientOptions) {
    this.fetchFn = opts.fetch ?? fetch
    this.timeoutMs = opts.timeoutMs ?? 30_000
    this.baseUrl = opts.baseUrl.replace(/\/+$/, '')
  }

  /**
   * One request, sent again while HQ answers it busy (its queue is full: nothing of it was applied) and the waits
   * stay within busyWaitMaxMs. A file streamed from disk cannot be sent twice and is never answered busy.
   */
  private async request<S extends z.ZodType>(
    method: string,
    path: string,
    schema: S,
    init: HqRequest = {},
  ): Promise<z.infer<S>> {
    const sleep = this.opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)))
    let waited = 0
    let attempt = init
    for (;;) {
      try {
        return await this.requestOnce(method, path, schema, attempt)
      } catch (e) {
        if (!(e instanceof HqBusy) || e.status !== 503 || init.file) throw e
        if (waited + e.retryAfterMs > (this.opts.busyWaitMaxMs ?? 30_000)) throw e
        waited += e.retryAfterMs
        await sleep(e.retryAfterMs)
        // The same request again, with the appointment of this refusal only (an HQ of an earlier version gives none).
        const headers = { ...init.headers }
        if (e.appointment) headers['x-hq-appointment'] = e.appointment
        attempt = { ...init, headers }
      }
    }
  }

  private async requestOnce<S extends z.ZodType>(
    method: string,
    path: string,
    schema: S,
    init: HqRequest = {},
  ): Promise<z.infer<S>> {
    const url = new URL(this.baseUrl + path)
    for (const [k, v] of Object.entries(init.query ?? {})) url.searchParams.set(k, String(v))
    const headers: Record<string, string> = { ...init.headers }
    if (this.opts.token) headers.authorization = `Bearer ${this.opts.token}`
    let body: string | Blob | Uint8Array | AsyncIterable<Uint8Array> | undefined
    if (init.jsonText !== undefined) {
      headers['content-type'] = 'application/json'
      // As bytes: a string body is first made well-formed by fetch (a scan of the whole text for lone surrogates,
      // ~1.7 ms of a 0.75 MB push batch on the device's one thread, bench:sync's profile), then encoded. JSON text has
      // none (JSON.stringify escapes them), and encoding alone would replace one just the same.
      body = Buffer.from(init.jsonText, 'utf8')
    } else if (init.json !== undefined) {
      headers['content-type'] = 'application/json'
      body = JSON.stringify(init.json)
    } else if (init.body) {
      headers['content-type'] = 'application/octet-stream'
      body = new Blob([
        new Uint8Array(init.body.buffer, init.body.byteOffset, init.body.byteLength) as Uint8Array<ArrayBuffer>,
      ])
    } else if (init.file) {
      headers['content-type'] = 'application/octet-stream'
      const { path, start, length } = init.file
      body =
        length === 0 ? '' : createReadStream(path, { start, end: start + length - 1, highWaterMark: FILE_READ_PIECE })
    }
    let res: Response
    let text: string
    try {
      res = await this.fetchFn(url, {
        method,
        headers,
        // Node's fetch takes an async iterable (a file stream) as a body when told the request is half-duplex; the
        // DOM typings of RequestInit know neither.
        body: body as RequestInit['body'],
        signal: AbortSignal.timeout(init.timeoutMs ?? this.timeoutMs),
        ...(init.file ? { duplex: 'half' } : {}),
        // Without these, fetch clones the request to be able to follow a redirect, and cloning tees the body: every
        // piece of a photo was copied once more on the device (256 MB through a loopback PUT: 616 ms → 251 ms
        // without). HQ never redirects; a redirect is an error here anyway (a streamed body cannot be sent twice).
        redirect: 'error',
        window: null,
      } as RequestInit)
      text = await res.text()
    } catch (e) {
      throw new HqUnreachable(`HQ unreachable: ${e instanceof Error ? e.message : String(e)}`, e)
    }
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      throw new HqUnreachable(`HQ answered ${res.status} with something that is not JSON`)
    }
    if (!res.ok) {
      const err = hqErrorSchema.safeParse(json)
      if (res.status === 503 && err.success && err.data.error.code === 'hq-busy')
        throw new HqBusy(
          'hq-busy',
          err.data.error.message,
          retryAfterMs(res.headers.get('retry-after')),
          503,
          res.headers.get('x-hq-appointment') ?? undefined,
        )
      if (res.status >= 500 || !err.success) throw new HqUnreachable(`HQ failed (${res.status})`)
      if (res.status === 429)
        throw new HqBusy(err.data.error.code, err.data.error.message, retryAfterMs(res.headers.get('retry-after')))
      throw new HqRefused(res.status, err.data.error.code, err.data.error.message)
    }
    const parsed = schema.safeParse(json)
    if (!parsed.success) throw new HqUnreachable(`HQ's answer to ${method} ${path} does not match the protocol`)
    return parsed.data
  }

  enrol(req: EnrolRequest): Promise<EnrolResponse> {
    return this.request('POST', '/v1/enrol', enrolResponseSchema, { json: req })
  }

  /** The probe: reachability, a valid token (a revoked device learns it here) and HQ's settings for the branch. */
  whoami(): Promise<WhoamiResponse> {
    return this.request('GET', '/v1/whoami', whoamiResponseSchema, { timeoutMs: 10_000 })
  }

  /**
   * The same request with each change already serialised (`changeJson` in core/sync/pushOutbox.ts): the outbox
   * keeps a change's data as JSON text, which goes into the body as it is instead of being parsed and written again.
   */
  pushSerialised(changes: readonly string[], place?: { run: string; index: number }): Promise<PushResponse> {
    const tail = place ? `,"place":${JSON.stringify(place)}` : ''
    return this.request('POST', '/v1/push', pushResponseSchema, {
      jsonText: `{"changes":[${changes.join(',')}]${tail}}`,
      // HQ decides whether it is busy from the headers, before it reads the body (hq/workGate.ts); a batch with no
      // place is a run of one.
      headers: { 'x-push-index': String(place?.index ?? 0) },
      timeoutMs: 120_000,
    })
  }

  /** `place`: the batch's run and index in a pipelined push (protocol 2), so HQ applies batches in order. */
  push(changes: Change[], place?: { run: string; index: number }): Promise<PushResponse> {
    return this.request('POST', '/v1/push', pushResponseSchema, {
      json: place ? { changes, place } : { changes },
      headers: { 'x-push-index': String(place?.index ?? 0) },
      timeoutMs: 120_000,
    })
  }

  pull(cursor: string, limit: number): Promise<PullResponse> {
    return this.request('GET', '/v1/pull', pullResponseSchema, { query: { cursor, limit }, timeoutMs: 120_000 })
  }

  async lookupContracts(query: { number: string; series?: string }): Promise<ContractSummary[]> {
    return (await this.request('GET', '/v1/contracts', contractLookupResponseSchema, { query })).contracts
  }

  /** The KBM class of each person through HQ (POST /v1/kbm, docs/domain/kbm-check.md); short: a clerk waits for it. */
  checkKbm(request: KbmRequest): Promise<KbmResponse> {
    return this.request('POST', '/v1/kbm', kbmResponseSchema, { json: request, timeoutMs: 15_000 })
  }

  /**
   * Clients of other branches by exact identifiers (POST /v1/clients/lookup, docs/domain/personal-data.md
   * #clients-of-other-branches); short: a clerk waits for it.
   */
  async lookupClients(request: ClientLookupRequest): Promise<RemoteClient[]> {
    return (
      await this.request('POST', '/v1/clients/lookup', clientLookupResponseSchema, { json: request, timeoutMs: 15_000 })
    ).clients
  }

  blobBegin(sha256: string, size: number): Promise<BlobStatus> {
    return this.request('POST', `/v1/blobs/${sha256}`, blobStatusSchema, { json: { size } })
  }

  blobStatus(sha256: string): Promise<BlobStatus> {
    return this.request('GET', `/v1/blobs/${sha256}`, blobStatusSchema)
  }

  /** Sends `length` bytes of the file at `path` from `offset` (where HQ said it stands), streamed from disk. */
  blobChunk(sha256: string, offset: number, length: number, path: string): Promise<BlobStatus> {
    return this.request('PUT', `/v1/blobs/${sha256}`, blobStatusSchema, {
      file: { path, start: offset, length },
      query: { offset, size: length },
      timeoutMs: 120_000,
    })
  }

  /** Streams a blob from `start` (resume), reporting each piece; resolves with the total size. */
  async blobDownload(
    sha256: string,
    start: number,
    onData: (piece: Uint8Array) => Promise<void> | void,
  ): Promise<number> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.opts.token ?? ''}` }
    if (start > 0) headers.range = `bytes=${start}-`
    let res: Response
    try {
      res = await this.fetchFn(new URL(`${this.baseUrl}/v1/blobs/${sha256}/content`), {
        headers,
        signal: AbortSignal.timeout(600_000),
      })
    } catch (e) {
      throw new HqUnreachable(`HQ unreachable: ${e instanceof Error ? e.message : String(e)}`, e)
    }
    if (!res.ok || !res.body) {
      const err = hqErrorSchema.safeParse(await res.json().catch(() => null))
      if (res.status >= 500 || !err.success) throw new HqUnreachable(`HQ failed (${res.status})`)
      if (res.status === 429)
        throw new HqBusy(err.data.error.code, err.data.error.message, retryAfterMs(res.headers.get('retry-after')))
      throw new HqRefused(res.status, err.data.error.code, err.data.error.message)
    }
    const length = Number(res.headers.get('content-length') ?? NaN)
    try {
      // Node's fetch body is a web ReadableStream, async-iterable at run time since Node 18; the DOM-less typings
      // Node ships for fetch do not declare the iterator.
      for await (const piece of res.body as unknown as AsyncIterable<Uint8Array>) await onData(piece)
    } catch (e) {
      throw new HqUnreachable(`download cut: ${e instanceof Error ? e.message : String(e)}`, e)
    }
    return start + length
  }
}
