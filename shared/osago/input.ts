import { z } from 'zod'
import { isCalendarDate } from '../dates/calendarDate'
import { fieldPath, inputError, type OsagoError } from './errors'
import { kbmClasses, ownerTypes, vehicleCategories, type KbmClass } from './tariffSchema'

/**
 * What the calculator needs to price an OSAGO contract, in the shape of the CLI input so that the office form
 * maps onto it field by field. Dates are YYYY-MM-DD; region names as in the Bank of Russia KT table; `city` is
 * written without "г." and is null for a federal city or when the place is not a city the table lists.
 */

const date = z
  .string({ message: 'osago.input.dateFormat' })
  .refine(isCalendarDate, { message: 'osago.input.dateFormat' })

/** KBM class as the AIS reports it: "M" or 0…13 (a number or its digits). */
const kbmClass = z
  .union([z.number().int(), z.string()], { message: 'osago.input.kbmClass' })
  .transform((v) => String(v).trim().toUpperCase())
  .refine((v): v is KbmClass => (kbmClasses as readonly string[]).includes(v), { message: 'osago.input.kbmClass' })
  .transform((v) => v as KbmClass)

const power = z.number({ message: 'osago.input.power' }).positive({ message: 'osago.input.power' })

const driverSchema = z
  .object({
    birthDate: date,
    /** First driving licence; when only the year is known the caller passes 31 December of that year. */
    licenseSince: date,
    kbmClass,
  })
  .strict()

const periodSchema = z.object({ from: date, to: date }).strict()

export const osagoInputSchema = z
  .object({
    conclusionDate: date,
    startDate: date,
    vehicle: z
      .object({
        category: z.enum(vehicleCategories, { message: 'osago.input.category' }),
        powerHp: power.optional(),
        powerKw: power.optional(),
        usedWithTrailer: z.boolean(),
        /** Only Russian-registered vehicles are sold at the counter; foreign and transit contracts are not priced here. */
        registeredIn: z.literal('RU', { message: 'osago.input.registeredIn' }),
      })
      .strict()
      .superRefine((v, ctx) => {
        if (v.powerHp === undefined && v.powerKw === undefined) {
          ctx.addIssue({ code: 'custom', message: 'osago.input.powerMissing', path: ['powerHp'] })
        } else if (v.powerHp !== undefined && v.powerKw !== undefined) {
          ctx.addIssue({ code: 'custom', message: 'osago.input.powerBoth', path: ['powerKw'] })
        }
      }),
    owner: z
      .object({
        type: z.enum(ownerTypes, { message: 'osago.input.ownerType' }),
        region: z.string().trim().min(1, { message: 'osago.input.required' }),
        city: z
          .string()
          .trim()
          .nullable()
          .default(null)
          .transform((c) => (c === '' ? null : c)),
        /** Needed for an unlimited list, where the owner's class is the contract's KBM. */
        kbmClass: kbmClass.optional(),
      })
      .strict(),
    drivers: z.union([z.literal('unlimited'), z.array(driverSchema).min(1, { message: 'osago.input.driversEmpty' })], {
      message: 'osago.input.drivers',
    }),
    periodsOfUse: z.array(periodSchema).optional(),
    grossViolations: z.boolean(),
  })
  .strict()
  .superRefine((input, ctx) => {
    // 40-FZ art. 16 p. 1: only a citizen owner may limit the drivers list; a legal entity's policy covers any driver,
    // so a list is refused rather than priced with its drivers' KBM and KVS.
    if (input.owner.type === 'legal' && input.drivers !== 'unlimited') {
      ctx.addIssue({ code: 'custom', message: 'osago.input.driversNotForLegalEntity', path: ['drivers'] })
    }
  })

export type OsagoInput = z.output<typeof osagoInputSchema>
/** The JSON the CLI reads and the form produces, before normalisation (KBM class may be a number). */
export type OsagoInputJson = z.input<typeof osagoInputSchema>
export type OsagoDriver = z.output<typeof driverSchema>
export type UsePeriod = z.output<typeof periodSchema>

export type ParsedOsagoInput = { ok: true; value: OsagoInput } | { ok: false; error: OsagoError }

/** Validates raw JSON; the first problem is returned as an i18n key with the path of the field. */
export function parseOsagoInput(raw: unknown): ParsedOsagoInput {
  const parsed = osagoInputSchema.safeParse(raw, { reportInput: true })
  if (parsed.success) return { ok: true, value: parsed.data }
  const issue = parsed.error.issues[0]!
  const field = fieldPath(issue.path)
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? ''
    return { ok: false, error: inputError(field ? `${field}.${key}` : key, 'osago.input.unknownField', { field: key }) }
  }
  if (issue.message.startsWith('osago.')) return { ok: false, error: inputError(field, issue.message) }
  if (issue.code === 'invalid_type' && issue.input === undefined)
    return { ok: false, error: inputError(field, 'osago.input.required') }
  if (issue.code === 'invalid_type')
    return { ok: false, error: inputError(field, 'osago.input.invalidType', { expected: issue.expected }) }
  return { ok: false, error: inputError(field, 'osago.input.invalidValue') }
}
