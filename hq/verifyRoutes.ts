import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { Knex } from 'knex'
import { HqHttpError } from './errors'
import { verifyDocument, type VerifyAnswer } from './verify'

/** A PDF of a few pages is far smaller; the limit keeps a stranger's upload from costing HQ much. */
export const VERIFY_PDF_MAX = 10 * 1024 * 1024

const verifyRequestSchema = z.union([
  z.strictObject({ qr: z.string().min(1).max(500) }),
  z.strictObject({
    pdf: z
      .string()
      .min(1)
      .max(Math.ceil((VERIFY_PDF_MAX * 4) / 3) + 4),
  }),
])

/**
 * `POST /v1/verify` — for anyone holding a document (a client, a traffic officer, another insurer): no token, a
 * rate per address (`VERIFY_REQUESTS_PER_MINUTE`), body `{ qr: "<the QR code's text>" }` or `{ pdf: "<base64>" }`.
 * The answer says only what the paper itself shows (its kind, branch, date, record id) and the verdict.
 */
export async function registerVerifyRoutes(app: FastifyInstance, opts: { db: Knex; perMinute: number }): Promise<void> {
  app.post(
    '/v1/verify',
    {
      bodyLimit: Math.ceil((VERIFY_PDF_MAX * 4) / 3) + 1024,
      config: { public: true, rateLimit: { max: opts.perMinute, timeWindow: 60_000 } },
    },
    async (request): Promise<VerifyAnswer> => {
      const parsed = verifyRequestSchema.safeParse(request.body)
      if (!parsed.success) throw new HqHttpError(400, 'invalid-request', 'send { qr } or { pdf } (base64)')
      const body = parsed.data
      const answer = await verifyDocument(
        opts.db,
        'qr' in body ? { qr: body.qr } : { pdf: new Uint8Array(Buffer.from(body.pdf, 'base64')) },
      )
      request.log.info({ status: answer.status, document: answer.document?.id ?? null }, 'document verified')
      return answer
    },
  )
}
