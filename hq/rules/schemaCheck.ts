import { z } from 'zod'
import { decodeDocument } from '../../shared/sync/documentColumns'
import { reject, type Verdict } from './types'

/**
 * A document column (shared/sync/documentColumns.ts): an object or an array. hq/push.ts hands rules documents as
 * objects; JSON text (a device on the previous version) is read as what it holds.
 */
export const documentSchema = z.preprocess(
  decodeDocument,
  z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())], { error: () => 'a JSON document' }),
)

/**
 * Columns every synced row carries. Entity schemas are loose objects: a column added by a later client
 * migration travels through HQ unchanged, while the columns HQ reasons about are typed.
 */
export const syncedRow = {
  id: z.string().min(1),
  created_at: z.string().min(10),
  updated_at: z.string().min(10),
  row_version: z.number().int().min(1),
}

/** SQLite stores booleans as 0/1; an after-image may carry either form. */
export const sqlBoolean = z.union([z.boolean(), z.literal(0), z.literal(1)])

export function checkSchema(schema: z.ZodType, data: unknown): Verdict {
  const parsed = schema.safeParse(data)
  if (parsed.success) return null
  const issue = parsed.error.issues[0]!
  return reject('invalid-data', { field: issue.path.join('.') || '(record)', message: issue.message })
}
