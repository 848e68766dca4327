import { z } from 'zod'
import { referenceFile, verifiedValue } from './envelope'

/**
 * Vehicle catalogue (kind `vehicle-catalog`): makes, models and the OSAGO categories they fall into.
 *
 * The catalogue gives the category a model normally has; the tariff band inside a category (trucks up to / over
 * 16 t, buses up to / over 16 seats) depends on the actual vehicle, so the category definition names the measure
 * the form must ask for (power for A/B, permitted maximum mass for C, passenger seats for D) and the threshold
 * that splits it. Thresholds are data because they belong to the tariff table, not to the code.
 */

export const vehicleMeasures = ['powerHp', 'maxMassKg', 'seats'] as const
export type VehicleMeasure = (typeof vehicleMeasures)[number]

export const bodyTypes = [
  'sedan',
  'hatchback',
  'liftback',
  'wagon',
  'coupe',
  'crossover',
  'suv',
  'minivan',
  'pickup',
  'van',
  'minibus',
  'bus',
  'flatbed',
  'dump_truck',
  'tractor_unit',
  'motorcycle',
  'scooter',
  'tractor',
] as const
export type BodyType = (typeof bodyTypes)[number]

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'must be a lower-case slug (a-z, 0-9, -)' })
const code = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, { message: 'must be a code (letters, digits, _)' })

const powerRangeSchema = z
  .object({
    min: z.number().positive(),
    max: z.number().positive(),
  })
  .strict()
  .refine((r) => r.min <= r.max, { message: 'min is greater than max', path: ['max'] })

/** Splits a category into two tariff bands on one measure; a value equal to the threshold belongs to the lower band. */
const categorySplitSchema = z
  .object({
    measure: z.enum(vehicleMeasures),
    threshold: verifiedValue(z.number().int().positive()),
    atOrBelow: code,
    above: code,
  })
  .strict()
  .refine((s) => s.atOrBelow !== s.above, { message: 'both bands have the same code', path: ['above'] })

export const osagoCategorySchema = z
  .object({
    code,
    /** Measures the OSAGO form asks for once this category is known. */
    asks: z.array(z.enum(vehicleMeasures)),
    split: categorySplitSchema.optional(),
    /**
     * A diagnostic card is needed for OSAGO because of the category alone (trucks, buses); the purpose of use can
     * require one too (purposes-of-use file) — the form asks when either does.
     */
    diagnosticCardRequired: verifiedValue(z.boolean()),
  })
  .strict()
  .refine((c) => !c.split || c.asks.includes(c.split.measure), {
    message: 'the split measure must be one the category asks for',
    path: ['split', 'measure'],
  })

export const vehicleMakeSchema = z
  .object({
    id: slug,
    name: z.string().min(1),
    /** Cyrillic spelling used by staff and in Russian documents. */
    nameRu: z.string().min(1),
  })
  .strict()

export const vehicleModelSchema = z
  .object({
    /** Stable: contracts and promotions refer to it; never reuse or rename. Starts with the make id. */
    id: slug,
    makeId: slug,
    model: z.string().min(1),
    /** Other spellings (Cyrillic, factory indices) to find the model by. */
    aliases: z.array(z.string().min(1)).optional(),
    category: verifiedValue(code),
    /** Band inside the category when every version of the model falls into the same one. */
    subcategory: verifiedValue(code).optional(),
    bodyTypes: z.array(z.enum(bodyTypes)).min(1),
    /** Typical engine power; a hint only — the PTS/STS value is what the OSAGO premium uses. */
    powerHp: verifiedValue(powerRangeSchema).optional(),
    /** High-theft model (CASCO underwriting and anti-theft requirements). */
    theftProne: verifiedValue(z.boolean()),
  })
  .strict()

export const vehicleCatalogSchema = z
  .object({
    categories: z.array(osagoCategorySchema).min(1),
    makes: z.array(vehicleMakeSchema).min(1),
    models: z.array(vehicleModelSchema).min(1),
  })
  .strict()
  .superRefine((data, ctx) => {
    const categories = new Map<string, z.infer<typeof osagoCategorySchema>>()
    data.categories.forEach((c, i) => {
      if (categories.has(c.code))
        ctx.addIssue({ code: 'custom', message: `duplicate category ${c.code}`, path: ['categories', i, 'code'] })
      categories.set(c.code, c)
    })
    const makes = new Set<string>()
    data.makes.forEach((m, i) => {
      if (makes.has(m.id)) ctx.addIssue({ code: 'custom', message: `duplicate make ${m.id}`, path: ['makes', i, 'id'] })
      makes.add(m.id)
    })
    const models = new Set<string>()
    data.models.forEach((m, i) => {
      const at = (...p: (string | number)[]) => ['models', i, ...p]
      if (models.has(m.id)) ctx.addIssue({ code: 'custom', message: `duplicate model ${m.id}`, path: at('id') })
      models.add(m.id)
      if (!makes.has(m.makeId))
        ctx.addIssue({ code: 'custom', message: `unknown make ${m.makeId}`, path: at('makeId') })
      if (!m.id.startsWith(`${m.makeId}-`)) {
        ctx.addIssue({ code: 'custom', message: `model id must start with "${m.makeId}-"`, path: at('id') })
      }
      const category = categories.get(m.category.value)
      if (!category) {
        ctx.addIssue({ code: 'custom', message: `unknown category ${m.category.value}`, path: at('category', 'value') })
      } else if (m.subcategory) {
        const bands = category.split ? [category.split.atOrBelow, category.split.above] : []
        if (!bands.includes(m.subcategory.value)) {
          ctx.addIssue({
            code: 'custom',
            message: `category ${category.code} has no band ${m.subcategory.value}`,
            path: at('subcategory', 'value'),
          })
        }
      }
    })
  })

export const vehicleCatalogFileSchema = referenceFile('vehicle-catalog', vehicleCatalogSchema)

export type OsagoCategory = z.infer<typeof osagoCategorySchema>
export type VehicleMake = z.infer<typeof vehicleMakeSchema>
export type VehicleModel = z.infer<typeof vehicleModelSchema>
export type VehicleCatalog = z.infer<typeof vehicleCatalogSchema>
export type VehicleCatalogFile = z.infer<typeof vehicleCatalogFileSchema>

/** A catalogue look-up that cannot be answered; `key` is an i18n key under `reference.vehicles.errors`. */
export class VehicleCatalogError extends Error {
  constructor(
    readonly key: string,
    readonly params: Record<string, string | number>,
    detail: string,
  ) {
    super(detail)
    this.name = 'VehicleCatalogError'
  }
}

export function findModel(catalog: VehicleCatalog, id: string): VehicleModel | undefined {
  return catalog.models.find((m) => m.id === id)
}

export function findMake(catalog: VehicleCatalog, id: string): VehicleMake | undefined {
  return catalog.makes.find((m) => m.id === id)
}

/** Makes in alphabetical order of their Latin name (the order of the form's drop-down). */
export function listMakes(catalog: VehicleCatalog): VehicleMake[] {
  return [...catalog.makes].sort((a, b) => a.name.localeCompare(b.name, 'en'))
}

export function modelsOfMake(catalog: VehicleCatalog, makeId: string): VehicleModel[] {
  return catalog.models.filter((m) => m.makeId === makeId).sort((a, b) => a.model.localeCompare(b.model, 'en'))
}

function normalise(text: string): string {
  return text
    .toLocaleLowerCase('ru')
    .replace(/ё/g, 'е')
    .replace(/[\s\-_.]+/g, ' ')
    .trim()
}

/**
 * Models whose "make model", model name or alias (Latin or Cyrillic) contains every word of `text`,
 * so "киа рио", "Rio" and "solaris" all find something.
 */
export function searchModels(catalog: VehicleCatalog, text: string): VehicleModel[] {
  const words = normalise(text).split(' ').filter(Boolean)
  if (words.length === 0) return []
  const makes = new Map(catalog.makes.map((m) => [m.id, m]))
  return catalog.models.filter((m) => {
    const make = makes.get(m.makeId)
    const haystack = normalise([make?.name, make?.nameRu, m.model, ...(m.aliases ?? [])].join(' '))
    return words.every((w) => haystack.includes(w))
  })
}

export function osagoCategory(catalog: VehicleCatalog, categoryCode: string): OsagoCategory {
  const category = catalog.categories.find((c) => c.code === categoryCode)
  if (!category) {
    throw new VehicleCatalogError(
      'reference.vehicles.errors.unknownCategory',
      { category: categoryCode },
      `Vehicle category ${categoryCode} is not in the catalogue`,
    )
  }
  return category
}

/** Which measures the OSAGO form must ask for a vehicle of this category. */
export function requiredMeasures(catalog: VehicleCatalog, categoryCode: string): VehicleMeasure[] {
  return [...osagoCategory(catalog, categoryCode).asks]
}

export type VehicleMeasures = Partial<Record<VehicleMeasure, number>>

/**
 * The tariff band of a concrete vehicle: the category plus, where the category is split, the band chosen on the
 * measured value (a value equal to the threshold goes to the lower band). Missing or invalid measures stop with an
 * error naming the measure rather than guessing a band.
 */
export function osagoBand(
  catalog: VehicleCatalog,
  categoryCode: string,
  measures: VehicleMeasures,
): { category: string; subcategory: string | null } {
  const category = osagoCategory(catalog, categoryCode)
  for (const measure of category.asks) {
    const value = measures[measure]
    if (value === undefined) {
      throw new VehicleCatalogError(
        `reference.vehicles.errors.measureRequired.${measure}`,
        { category: category.code, measure },
        `Category ${category.code} needs ${measure}`,
      )
    }
    if (!Number.isFinite(value) || value <= 0 || (measure !== 'powerHp' && !Number.isInteger(value))) {
      throw new VehicleCatalogError(
        `reference.vehicles.errors.measureInvalid.${measure}`,
        { category: category.code, measure },
        `Invalid ${measure} for category ${category.code}: ${value}`,
      )
    }
  }
  const split = category.split
  if (!split) return { category: category.code, subcategory: null }
  const value = measures[split.measure]!
  return { category: category.code, subcategory: value <= split.threshold.value ? split.atOrBelow : split.above }
}
