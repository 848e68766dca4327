import type { Reason } from '../shared/sync/protocol'
import { DEFAULT_LIMITS, type HqLimits } from './config'

export type RecordLimits = Pick<HqLimits, 'recordMax' | 'recordMaxByEntity'>

/** The limits HQ applies when its caller names none (tests, tools): the configuration's defaults. */
export const DEFAULT_RECORD_LIMITS: RecordLimits = DEFAULT_LIMITS

/**
 * Why a change's record is too large to keep, or null. Measured as the UTF-8 bytes of its data as JSON — what HQ
 * stores and every device of the branch pulls (issue 13: a 20 MB field was stored). A per-entity limit, when
 * configured, replaces the general one for that entity. The change alone is rejected; the rest of its batch is not.
 */
export function recordTooLarge(
  entity: string,
  data: Record<string, unknown>,
  limits: RecordLimits = DEFAULT_RECORD_LIMITS,
  /** `data` as JSON text when the caller has it (hq/push.ts stores the same text: a record is serialised once). */
  json: string = JSON.stringify(data),
): Reason | null {
  const limit = limits.recordMaxByEntity[entity] ?? limits.recordMax
  // UTF-8 takes at most 3 bytes per UTF-16 unit (a surrogate pair's 4 bytes are 2 units): no need to count.
  if (json.length * 3 <= limit) return null
  const size = Buffer.byteLength(json, 'utf8')
  return size > limit ? { code: 'record-too-large', params: { size, limit } } : null
}
