import { readFileSync } from 'node:fs'
import type { z } from 'zod'

/** Raised when a bundled or HQ-shipped reference file is unreadable or fails its schema; names file and field. */
export class ReferenceDataError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    detail: string,
  ) {
    super(`Reference data file ${file} is invalid at "${field}": ${detail}`)
    this.name = 'ReferenceDataError'
  }
}

/** Reads and validates one JSON reference file; throws ReferenceDataError naming the file and the first bad field. */
export function readResource<T extends z.ZodType>(file: string, schema: T): z.infer<T> {
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'))
  } catch (e) {
    throw new ReferenceDataError(file, '(file)', e instanceof Error ? e.message : String(e))
  }
  const parsed = schema.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    const field = issue.path.length ? issue.path.map(String).join('.') : '(root)'
    throw new ReferenceDataError(file, field, issue.message)
  }
  return parsed.data as z.infer<T>
}
