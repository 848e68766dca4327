import type { KbmAnswer, KbmSubject } from '../../shared/kbm/draftKbm'
import { AppError } from '../app/appError'
import { HqBusy, HqRefused, HqUnreachable, type SyncEngine } from '../sync/api'

/**
 * The register's answers for these people through HQ (POST /v1/kbm), or a refusal the clerk can act on: not
 * enrolled, HQ out of reach, busy, refused. Nothing is stored here.
 */
export async function askHqForKbm(
  engine: Pick<SyncEngine, 'hqClientIfEnrolled'>,
  subjects: readonly KbmSubject[],
): Promise<KbmAnswer[]> {
  const client = await engine.hqClientIfEnrolled()
  if (!client) throw new AppError('CONFLICT', 'kbm.errors.notEnrolled')
  try {
    const answer = await client.checkKbm({ subjects: [...subjects] })
    // HQ answers exactly the people asked about; anything else is not this request's.
    const asked = new Set(subjects.map((s) => s.ref))
    return answer.results.filter((r) => asked.has(r.ref))
  } catch (e) {
    if (e instanceof HqBusy)
      throw new AppError('CONFLICT', 'kbm.errors.busy', { seconds: Math.ceil(e.retryAfterMs / 1000) })
    if (e instanceof HqUnreachable) throw new AppError('CONFLICT', 'kbm.errors.offline')
    if (e instanceof HqRefused) throw new AppError('CONFLICT', 'kbm.errors.refused', { code: e.code })
    throw e
  }
}
