import type { FastifyInstance, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { APP_VERSION_HEADER } from '../shared/update/contract'
import { isVersion } from '../shared/update/semver'
import type { HqDb } from './db'
import type { AuthenticatedDevice } from './enrolment'
import { HqHttpError } from './errors'
import { sendFile } from './ranges'
import { CHANNEL, FEED_FILES, feedFor, offeredRelease, updateFileFor } from './updates'

const params = z.strictObject({ channel: z.string().regex(CHANNEL), file: z.string().min(1).max(200) })

/**
 * `GET /updates/<channel>/latest.yml` (and `latest-linux.yml`): the feed electron-updater's generic provider reads,
 * for this device's branch (cap) and version; 404 `no-update` when nothing newer is offered. `GET
 * /updates/<channel>/<file>`: an installer or blockmap, with byte ranges. Enrolled devices only, like every route
 * but enrolment: installers are the company's, and the cap is per branch.
 */
export async function registerUpdateRoutes(
  app: FastifyInstance,
  deps: { db: HqDb; blobDir: string; requireDevice: (request: FastifyRequest) => Promise<AuthenticatedDevice> },
): Promise<void> {
  app.get('/updates/:channel/:file', async (request, reply) => {
    const device = await deps.requireDevice(request)
    const { channel, file } = params.parse(request.params)
    const platform = FEED_FILES[file]
    if (platform) {
      const header = request.headers[APP_VERSION_HEADER]
      const deviceVersion = typeof header === 'string' && isVersion(header.trim()) ? header.trim() : null
      const release = await offeredRelease(deps.db, { channel, platform, branchCode: device.branchCode, deviceVersion })
      if (!release) throw new HqHttpError(404, 'no-update', 'no newer version is offered to this branch')
      request.log.info({ channel, platform, offered: release.version, running: deviceVersion }, 'update offered')
      return reply
        .header('content-type', 'text/yaml; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(await feedFor(deps.db, release))
    }
    const found = await updateFileFor(deps.db, deps.blobDir, { channel, name: file, branchCode: device.branchCode })
    if (!request.headers.range) request.log.info({ channel, file, size: found.size }, 'update download')
    return sendFile(request, reply, {
      path: found.path,
      size: found.size,
      contentType: 'application/octet-stream',
      etag: `"${found.sha256}"`,
    })
  })
}
