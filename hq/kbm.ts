import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Clock } from '../shared/app/clock'
import { kbmRequestSchema, type KbmResponse } from '../shared/sync/protocol'
import type { AuthenticatedDevice } from './enrolment'
import type { NationalKbmRegister } from './national/nationalRegister'

export interface KbmRouteOptions {
  register: NationalKbmRegister
  clock: Clock
  requireDevice(request: FastifyRequest): Promise<AuthenticatedDevice>
  /** Per device (KBM_REQUESTS_PER_MINUTE, hq/config.ts). */
  perMinute: number
}

/**
 * POST /v1/kbm (issue 15 point 5; docs/domain/kbm-check.md): a device asks the national database for the KBM
 * class of a policy's drivers (or its owner) through HQ, which alone holds the register's access. The device is
 * authenticated by its token before the body is read (hq/server.ts), the body is parsed with the shared schema,
 * and the log names the device, its branch and the register's request ids — never the documents asked by.
 */
export async function registerKbmRoutes(app: FastifyInstance, opts: KbmRouteOptions): Promise<void> {
  app.post(
    '/v1/kbm',
    { config: { rateLimit: { max: opts.perMinute, timeWindow: 60_000 } } },
    async (request): Promise<KbmResponse> => {
      await opts.requireDevice(request)
      const body = kbmRequestSchema.parse(request.body)
      const answers = await opts.register.checkKbm(body.subjects, opts.clock.now())
      request.log.info(
        {
          register: opts.register.name,
          subjects: body.subjects.length,
          answers: answers.map((a) => ({ ref: a.ref, class: a.class, requestId: a.requestId, found: a.found })),
        },
        'kbm check',
      )
      return {
        register: opts.register.name,
        results: answers.map((a) => ({
          ref: a.ref,
          class: a.class as KbmResponse['results'][number]['class'],
          requestId: a.requestId,
          checkedAt: a.checkedAt,
          found: a.found,
        })),
      }
    },
  )
}
