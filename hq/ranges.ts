import { createReadStream } from 'node:fs'
import { Readable } from 'node:stream'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { HqError } from '../shared/sync/protocol'

/**
 * Byte ranges (RFC 9110 §14), one implementation for every file HQ hands out: branch photos and PDFs (a download
 * resumed after a cut) and app installers (electron-updater resumes and, for differential updates, asks for
 * parts). Only a single range is served; a request for several is answered with the whole file, which the RFC
 * allows and which every client here copes with.
 */
export type RangeDecision =
  | { kind: 'full' }
  /** Inclusive byte positions, as in Content-Range. */
  | { kind: 'partial'; start: number; end: number }
  | { kind: 'unsatisfiable' }

/** Digits too long for an exact JavaScript number are larger than any file HQ stores. */
function position(digits: string): number {
  return digits.length > 15 ? Number.POSITIVE_INFINITY : Number(digits)
}

/**
 * What to send for a `Range` header against a file of `size` bytes. A header that is absent, of another unit, not
 * well-formed or that names several ranges is ignored (the whole file, 200); so is one that `If-Range` says was
 * computed for another version of the file (a strong entity tag is the only validator HQ gives).
 */
export function decideRange(
  header: string | undefined,
  size: number,
  validator: { ifRange?: string | undefined; etag?: string } = {},
): RangeDecision {
  if (header === undefined) return { kind: 'full' }
  if (validator.ifRange !== undefined && (validator.etag === undefined || validator.ifRange.trim() !== validator.etag))
    return { kind: 'full' }
  const m = /^\s*bytes\s*=\s*(.*)$/i.exec(header)
  if (!m) return { kind: 'full' }
  const specs = m[1]!
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
  if (specs.length !== 1) return { kind: 'full' }
  const spec = specs[0]!
  const suffix = /^-(\d+)$/.exec(spec)
  if (suffix) {
    const length = position(suffix[1]!)
    if (length === 0) return { kind: 'unsatisfiable' }
    // A non-zero suffix of an empty file is satisfiable (§14.1.3) but selects no byte, which no Content-Range can
    // name: the whole, empty, file is the answer (a server may always ignore Range, §14.2).
    if (size === 0) return { kind: 'full' }
    return { kind: 'partial', start: Math.max(0, size - length), end: size - 1 }
  }
  const span = /^(\d+)-(\d*)$/.exec(spec)
  if (!span) return { kind: 'full' }
  const first = position(span[1]!)
  const last = span[2] === '' ? Number.POSITIVE_INFINITY : position(span[2]!)
  // last < first makes the whole header invalid, hence ignored (§14.1.1), not unsatisfiable.
  if (last < first) return { kind: 'full' }
  if (first >= size) return { kind: 'unsatisfiable' }
  return { kind: 'partial', start: first, end: Math.min(last, size - 1) }
}

export interface ServedFile {
  path: string
  size: number
  contentType: string
  /** A strong entity tag (quoted); content-addressed files use their hash. */
  etag?: string
  /** Extra headers for every answer (e.g. Cache-Control). */
  headers?: Record<string, string>
}

/**
 * Answers `request` with `file`: 200 whole, 206 one range, or 416 with `Content-Range: bytes *\/<size>`. A HEAD
 * gets the headers of the whole file and opens nothing: range handling is defined for GET only, and a server
 * must ignore Range on any other method (§14.2).
 */
export function sendFile(request: FastifyRequest, reply: FastifyReply, file: ServedFile): FastifyReply {
  const ifRange = request.headers['if-range']
  const head = request.method === 'HEAD'
  const decision = decideRange(head ? undefined : request.headers.range, file.size, {
    ifRange: typeof ifRange === 'string' ? ifRange : undefined,
    ...(file.etag ? { etag: file.etag } : {}),
  })
  void reply.header('accept-ranges', 'bytes')
  for (const [k, v] of Object.entries(file.headers ?? {})) void reply.header(k, v)
  if (file.etag) void reply.header('etag', file.etag)
  if (decision.kind === 'unsatisfiable') {
    const body: HqError = { error: { code: 'range-not-satisfiable', message: `the file has ${file.size} bytes` } }
    request.log.warn({ range: request.headers.range, size: file.size }, 'range not satisfiable')
    return reply.status(416).header('content-range', `bytes */${file.size}`).send(body)
  }
  void reply.header('content-type', file.contentType)
  if (decision.kind === 'full') {
    void reply.status(200).header('content-length', String(file.size))
    // An empty stream: Fastify's HEAD keeps the Content-Length set beside a stream (it would read a real file to
    // its end only to discard it, and would put 0 for no payload).
    if (head) return reply.send(Readable.from([]))
    return reply.send(file.size === 0 ? '' : createReadStream(file.path))
  }
  const { start, end } = decision
  void reply
    .status(206)
    .header('content-range', `bytes ${start}-${end}/${file.size}`)
    .header('content-length', String(end - start + 1))
  return reply.send(createReadStream(file.path, { start, end }))
}
