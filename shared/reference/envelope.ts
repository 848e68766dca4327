import { z } from 'zod'
import { isCalendarDate } from '../dates/calendarDate'

/**
 * Every reference-data file in `resources/` (tariffs, catalogues, calendars, checklists) shares one envelope:
 * what it is, which version, the dates it is in force, and where it came from. HQ replaces files by shipping a
 * newer version; the core picks the version in force on the relevant date (for tariffs: the conclusion date).
 */
export const calendarDateSchema = z.string().refine(isCalendarDate, { message: 'validation.date.format' })

export const envelopeSchema = z.object({
  kind: z.string().min(1),
  version: z.string().min(1),
  effectiveFrom: calendarDateSchema,
  /** Last day in force, inclusive; null while open-ended. */
  effectiveTo: calendarDateSchema.nullable(),
  source: z.string().min(1),
  note: z.string().optional(),
})

export type Envelope = z.infer<typeof envelopeSchema>

/**
 * A value with its provenance. `verified: false` marks a value carried forward or taken from a weak source
 * (docs/domain/product-decisions.md): the calculation uses it but the breakdown shows a warning.
 */
export function verifiedValue<T extends z.ZodType>(value: T) {
  return z.object({ value, verified: z.boolean(), source: z.string().optional() }).strict()
}

/** A whole reference file: the envelope plus its `data`. */
export function referenceFile<K extends string, T extends z.ZodType>(kind: K, data: T) {
  return envelopeSchema
    .extend({ kind: z.literal(kind), data })
    .strict()
    .refine((f) => f.effectiveTo === null || f.effectiveFrom <= f.effectiveTo, {
      message: 'effectiveTo is before effectiveFrom',
      path: ['effectiveTo'],
    })
}

/** Picks the version in force on `date` among versions of one kind; undefined when none is. */
export function versionInForce<E extends Envelope>(versions: readonly E[], date: string): E | undefined {
  return versions
    .filter((v) => v.effectiveFrom <= date && (v.effectiveTo === null || date <= v.effectiveTo))
    .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1))[0]
}
