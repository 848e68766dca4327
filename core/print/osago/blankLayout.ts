import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { referenceFile, versionInForce } from '../../../shared/reference/envelope'
import { ReferenceDataError, readResource } from '../../reference/readResource'

/**
 * Where each variable field of the pre-printed OSAGO blank goes, in millimetres from the top-left corner of the
 * sheet (x to the right, y down to the top of the text line). A versioned reference file like the tariffs:
 * a new blank form gets a new version with its effective date, and HQ can ship a corrected one.
 */
export const BLANK_LAYOUT_KIND = 'osago-policy-blank-layout'

/** Fields printed once; the periods of use and drivers have rows of their own (`periodRows`, `driverRows`). */
export const BLANK_FIELDS = [
  'insurerName',
  'insurerAddress',
  'insurerPhone',
  'insurerWebsite',
  'termFrom',
  'termTo',
  'insuredName',
  'insuredBirthDate',
  'insuredDocument',
  'insuredAddress',
  'ownerName',
  'ownerBirthDate',
  'ownerDocument',
  'ownerAddress',
  'vehicleName',
  'category',
  'vin',
  'bodyNumber',
  'chassisNumber',
  'plate',
  'registrationDoc',
  'power',
  'trailer',
  'purpose',
  'driversUnlimited',
  'driversLimited',
  'premium',
  'specialNotes',
  'conclusionDate',
  'representative',
] as const
export type BlankField = (typeof BLANK_FIELDS)[number]

export const layoutFieldSchema = z
  .object({
    x: z.number().min(0),
    y: z.number().min(0),
    width: z.number().positive(),
    fontSize: z.number().min(5).max(16),
    /** Lines the printed box has room for (addresses, special notes); 1 when absent. */
    lines: z.number().int().min(1).max(8).optional(),
  })
  .strict()
export type LayoutField = z.infer<typeof layoutFieldSchema>

const fieldsSchema = z
  .object(
    Object.fromEntries(BLANK_FIELDS.map((f) => [f, layoutFieldSchema])) as Record<BlankField, typeof layoutFieldSchema>,
  )
  .strict()

export const blankLayoutSchema = z
  .object({
    paper: z.object({ widthMm: z.number().positive(), heightMm: z.number().positive() }).strict(),
    /** Text longer than its box is set smaller, down to this size; below it the print is refused. */
    minFontSize: z.number().min(4).max(10),
    fields: fieldsSchema,
    periodRows: z
      .array(z.object({ from: layoutFieldSchema, to: layoutFieldSchema }).strict())
      .min(1)
      .max(3),
    driverRows: z
      .array(z.object({ name: layoutFieldSchema, licence: layoutFieldSchema }).strict())
      .min(1)
      .max(10),
  })
  .strict()
  .superRefine((layout, ctx) => {
    const check = (f: LayoutField, path: (string | number)[]) => {
      if (f.x + f.width > layout.paper.widthMm)
        ctx.addIssue({
          code: 'custom',
          message: 'the field runs past the right edge of the sheet',
          path: [...path, 'width'],
        })
      if (f.y > layout.paper.heightMm)
        ctx.addIssue({ code: 'custom', message: 'the field is below the bottom of the sheet', path: [...path, 'y'] })
      if (f.fontSize < layout.minFontSize)
        ctx.addIssue({ code: 'custom', message: 'fontSize is below minFontSize', path: [...path, 'fontSize'] })
    }
    for (const f of BLANK_FIELDS) check(layout.fields[f], ['fields', f])
    layout.periodRows.forEach((r, i) => {
      check(r.from, ['periodRows', i, 'from'])
      check(r.to, ['periodRows', i, 'to'])
    })
    layout.driverRows.forEach((r, i) => {
      check(r.name, ['driverRows', i, 'name'])
      check(r.licence, ['driverRows', i, 'licence'])
    })
  })

export const blankLayoutFileSchema = referenceFile(BLANK_LAYOUT_KIND, blankLayoutSchema)
export type BlankLayout = z.infer<typeof blankLayoutSchema>
export type BlankLayoutFile = z.infer<typeof blankLayoutFileSchema>

/**
 * Reads every layout version: the bundled `resources/layouts/`, then HQ's updates, which add versions. An invalid
 * file stops the start-up naming file and field, as reference data does: a wrong layout spoils numbered blanks.
 */
export function loadBlankLayouts(dirs: { bundledDir: string; overrideDir?: string }): BlankLayoutFile[] {
  const found: BlankLayoutFile[] = []
  for (const dir of [
    join(dirs.bundledDir, 'layouts'),
    ...(dirs.overrideDir ? [join(dirs.overrideDir, 'layouts')] : []),
  ]) {
    if (!existsSync(dir)) continue
    for (const name of readdirSync(dir).sort()) {
      if (!name.endsWith('.json')) continue
      const file = join(dir, name)
      const raw = readResource(file, z.object({ kind: z.string() }).loose())
      if (raw.kind !== BLANK_LAYOUT_KIND) continue
      const layout = readResource(file, blankLayoutFileSchema)
      const same = found.find((l) => l.version === layout.version || l.effectiveFrom === layout.effectiveFrom)
      if (same && JSON.stringify(same) !== JSON.stringify(layout)) {
        throw new ReferenceDataError(
          file,
          'version',
          `layout ${layout.version} clashes with the already loaded ${same.version}`,
        )
      }
      if (!same) found.push(layout)
    }
  }
  if (found.length === 0)
    throw new ReferenceDataError(join(dirs.bundledDir, 'layouts'), '(folder)', `no file of kind ${BLANK_LAYOUT_KIND}`)
  return found
}

/** The layout of the blank form in use on `date` (the contract's conclusion date). */
export function blankLayoutOn(layouts: readonly BlankLayoutFile[], date: string): BlankLayoutFile | undefined {
  return versionInForce(layouts, date)
}
