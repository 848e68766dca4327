import fc from 'fast-check'
import type { z } from 'zod'

/** Test helpers (not used by the app): outcome of a schema as key-or-value, and digit-string generators. */
export function keyOf(schema: z.ZodType, input: unknown): string | null {
  const r = schema.safeParse(input)
  return r.success ? null : (r.error.issues[0]?.message ?? '?')
}

export function parsed<T>(schema: z.ZodType<T>, input: unknown): T {
  const r = schema.safeParse(input)
  if (!r.success)
    throw new Error(`expected ${JSON.stringify(input)} to pass, got ${r.error.issues.map((i) => i.message).join(', ')}`)
  return r.data
}

export const digitString = (length: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length }).map((ds) => ds.join(''))

/** A digit string with one position changed to a different digit. */
export const mutatedDigit = (value: string) =>
  fc
    .record({ at: fc.integer({ min: 0, max: value.length - 1 }), by: fc.integer({ min: 1, max: 9 }) })
    .map(({ at, by }) => {
      const d = (value.charCodeAt(at) - 48 + by) % 10
      return { at, value: value.slice(0, at) + String(d) + value.slice(at + 1) }
    })
