import { createHash, timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { Clock } from '../shared/app/clock'
import { isCalendarDate } from '../shared/dates/calendarDate'
import { periodInput } from '../shared/reports/contract'
import type { HqDb } from './db'
import { HqHttpError } from './errors'
import { hqBlankReport, hqCashReport, REPORT_FORMATS, reportFile, UnknownBranchError } from './reports'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** An HQ administrator's route: the admin token (HQ_ADMIN_TOKEN), never a device's. */
    admin?: boolean
  }
}

/**
 * The cross-branch reports for HQ's administrators (issue 16 point 4; hq/reports.ts):
 *   GET /v1/admin/reports/cash?day=YYYY-MM-DD[&branch=MSK-01][&format=json|xlsx|csv]
 *   GET /v1/admin/reports/blanks?from=YYYY-MM-DD&to=YYYY-MM-DD[&branch=…][&format=…]
 * Bearer HQ_ADMIN_TOKEN. A device's token is not an admin's: a branch sees only its own records (hq/pull.ts), these
 * answer every branch's money and stock. Without HQ_ADMIN_TOKEN configured they answer 403 to everyone.
 */
const branchSchema = z.string().regex(/^[A-Za-z0-9-]{1,32}$/)
const day = z.string().refine(isCalendarDate, 'a date YYYY-MM-DD')
const format = z.enum(REPORT_FORMATS).default('json')
const cashQuery = z.strictObject({ day, branch: branchSchema.optional(), format })
const blanksQuery = z
  .strictObject({ from: day, to: day, branch: branchSchema.optional(), format })
  .superRefine((v, ctx) => {
    const period = periodInput.safeParse({ from: v.from, to: v.to })
    if (!period.success) ctx.addIssue({ code: 'custom', path: ['to'], message: 'a period of at most a year, in order' })
  })

/** Equal in constant time whatever the lengths (both hashed first: timingSafeEqual wants equal lengths). */
export function sameToken(given: string, expected: string): boolean {
  const h = (s: string) => createHash('sha256').update(s).digest()
  return timingSafeEqual(h(given), h(expected))
}

export async function registerReportRoutes(
  app: FastifyInstance,
  opts: { db: HqDb; clock: Clock; adminToken: string | null },
): Promise<void> {
  const requireAdmin = (request: FastifyRequest) => {
    if (!opts.adminToken) throw new HqHttpError(403, 'admin-disabled', 'HQ_ADMIN_TOKEN is not configured')
    const header = request.headers.authorization
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : ''
    if (!sameToken(token, opts.adminToken))
      throw new HqHttpError(401, 'not-admin', 'an HQ administrator token is required')
    request.log.info({ url: request.url }, 'admin report')
  }
  const send = async (
    reply: import('fastify').FastifyReply,
    report: Parameters<typeof reportFile>[0],
    f: 'json' | 'xlsx' | 'csv',
  ) => {
    const file = await reportFile(report, f)
    return reply
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .header('cache-control', 'no-store')
      .send(Buffer.from(file.bytes))
  }
  const unknownBranch = (e: unknown) => {
    if (e instanceof UnknownBranchError) throw new HqHttpError(404, 'unknown-branch', e.message)
    throw e
  }

  app.get('/v1/admin/reports/cash', { config: { admin: true } }, async (request, reply) => {
    requireAdmin(request)
    const q = cashQuery.parse(request.query)
    const report = await hqCashReport(
      opts.db,
      { day: q.day, ...(q.branch ? { branch: q.branch } : {}) },
      opts.clock.now(),
    ).catch(unknownBranch)
    return send(reply, report, q.format)
  })

  app.get('/v1/admin/reports/blanks', { config: { admin: true } }, async (request, reply) => {
    requireAdmin(request)
    const q = blanksQuery.parse(request.query)
    const report = await hqBlankReport(
      opts.db,
      { from: q.from, to: q.to, ...(q.branch ? { branch: q.branch } : {}) },
      opts.clock.now(),
    ).catch(unknownBranch)
    return send(reply, report, q.format)
  })
}
