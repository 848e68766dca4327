import { Mask, type MaskInputOptions } from 'maska'
import { cyrillicTwinsToLatin, latinTwinsToCyrillic, LOOKALIKE_CYRILLIC } from '@shared/validation/lookalikes'
import { normalisePlate } from '@shared/validation/plate'
import type { ValidationKey } from '@shared/validation/messageKey'

/**
 * Every input mask of the forms, in one place (issue 14; maska, docs/decisions.md row 81). A mask only shapes what
 * the field shows while typing: the draft keeps the value the schema in shared/ expects (a phone as +7XXXXXXXXXX,
 * a passport series as 4 digits, a plate without spaces), so the core, the sync and the documents see no change.
 */
export interface FieldMask {
  /** For maska's `v-maska` directive on the field's input. */
  readonly options: MaskInputOptions
  /** What the field shows → what the draft keeps. */
  toStored(shown: string): string
  /** What the draft keeps → what the field shows. */
  toDisplay(stored: string): string
  /** A message for characters the mask refused in what was typed (I, O, Q in a VIN), or null. */
  refused?(typed: string): ValidationKey | null
}

const digitsOnly = (s: string) => s.replace(/\D/g, '')

/** A mask of fixed digit groups whose stored value is its digits alone (INN, OGRN, BIK, account, passport). */
function digits(mask: string): FieldMask {
  const m = new Mask({ mask })
  return {
    options: { mask },
    toStored: (shown) => m.unmasked(shown),
    toDisplay: (stored) => m.masked(digitsOnly(stored)),
  }
}

/**
 * 8 916 …, 7916…, +7916… pasted or filled in whole all mean +7 916 …; the mask's own «+7 (» is left alone while
 * typing, so a first 8 typed by hand is the start of an 8xx area code, as it is on the number.
 */
function phonePreProcess(value: string): string {
  if (value.startsWith('+7 (')) return value
  const d = digitsOnly(value)
  return /^[78]\d{10}$/.test(d) ? d.slice(1) : value
}
const PHONE = '+7 (###) ###-##-##'
const phoneMask = new Mask({ mask: PHONE })
const phone: FieldMask = {
  options: { mask: PHONE, preProcess: phonePreProcess },
  toStored(shown) {
    const d = phoneMask.unmasked(phonePreProcess(shown))
    return d === '' ? '' : `+7${d}`
  },
  toDisplay: (stored) => (stored === '' ? '' : phoneMask.masked(phonePreProcess(stored))),
}

/** VINs are Latin: Cyrillic twins typed in the wrong layout are folded as for plates; I, O, Q never occur. */
const vinPreProcess = (value: string) => cyrillicTwinsToLatin(value.toUpperCase().replace(/[\s\-\u2010-\u2015]/g, ''))
const VIN_TOKENS = { V: { pattern: /[A-HJ-NPR-Z0-9]/ } }
const VIN = 'V'.repeat(17)
const vinMask = new Mask({ mask: VIN, tokens: VIN_TOKENS })
const vin: FieldMask = {
  options: { mask: VIN, tokens: VIN_TOKENS, preProcess: vinPreProcess },
  toStored: (shown) => vinMask.masked(vinPreProcess(shown)),
  toDisplay: (stored) => vinMask.masked(vinPreProcess(stored)),
  refused(typed) {
    const v = vinPreProcess(typed)
    if (/[IOQ]/.test(v)) return 'validation.vin.forbiddenLetters'
    return /[^A-Z0-9]/.test(v) ? 'validation.vin.characters' : null
  },
}

/**
 * What an inspection reads on the car: a VIN, or — on a car without one — its body or chassis number as the
 * documents write it («GX100-1234567»), which the quote hands over (core/inspection/quotePrefill.ts). A value with
 * a hyphen or longer than a VIN is taken as such a number (Latin letters, digits and hyphens, up to 40); anything
 * else is masked and refused as a VIN.
 */
const BODY_TOKENS = { B: { pattern: /[A-Z0-9-]/ } }
const BODY = 'B'.repeat(40)
const bodyMask = new Mask({ mask: BODY, tokens: BODY_TOKENS })
const bodyPreProcess = (value: string) => cyrillicTwinsToLatin(value.toUpperCase().replace(/[\s\u2010-\u2015]/g, '-'))
const isBodyNumber = (value: string) => {
  const v = value.toUpperCase().replace(/\s/g, '')
  return /[-\u2010-\u2015]/.test(v) || v.length > 17
}
const vehicleIdShape = (value: string) => (isBodyNumber(value) ? BODY : VIN)
const vehicleId: FieldMask = {
  options: {
    mask: vehicleIdShape,
    tokens: { ...VIN_TOKENS, ...BODY_TOKENS },
    preProcess: (value) => (isBodyNumber(value) ? bodyPreProcess(value) : vinPreProcess(value)),
  },
  toStored: (shown) => (isBodyNumber(shown) ? bodyMask.masked(bodyPreProcess(shown)) : vin.toStored(shown)),
  toDisplay: (stored) => (isBodyNumber(stored) ? bodyMask.masked(bodyPreProcess(stored)) : vin.toDisplay(stored)),
  refused: (typed) => (isBodyNumber(typed) ? null : vin.refused!(typed)),
}

/**
 * Plates: type 1 «А 123 ВС 77(7)», taxi «АВ 123 77(7)» (shared/validation/plate.ts), Latin twins folded to
 * Cyrillic as the validator does; a letter no plate has is refused with the validator's message.
 */
const platePreProcess = (value: string) => latinTwinsToCyrillic(value.toUpperCase().replace(/[\s\-|]/g, ''))
const PLATE_TOKENS = { L: { pattern: new RegExp(`[${LOOKALIKE_CYRILLIC}]`) } }
const plateShape = (value: string) =>
  new RegExp(`^[${LOOKALIKE_CYRILLIC}]{2}`).test(value.replace(/\s/g, '')) ? 'LL ### ###' : 'L ### LL ###'
const plateMask = new Mask({ mask: plateShape, tokens: PLATE_TOKENS })
const plate: FieldMask = {
  options: { mask: plateShape, tokens: PLATE_TOKENS, preProcess: platePreProcess },
  toStored: (shown) => normalisePlate(shown),
  toDisplay: (stored) => plateMask.masked(platePreProcess(stored)),
  refused(typed) {
    const v = platePreProcess(typed)
    for (const c of v) if (/\p{L}/u.test(c) && !LOOKALIKE_CYRILLIC.includes(c)) return 'validation.plate.letters'
    return null
  },
}

/** The passport in one field (termination applicant): «45 10 123456», kept as «4510 123456» (passport.wholeSchema). */
const passportWholeMask = new Mask({ mask: '## ## ######' })
const passportWhole: FieldMask = {
  options: { mask: '## ## ######' },
  toStored(shown) {
    const d = passportWholeMask.unmasked(shown)
    return d.length > 4 ? `${d.slice(0, 4)} ${d.slice(4)}` : d
  },
  toDisplay: (stored) => passportWholeMask.masked(digitsOnly(stored)),
}

const departmentCodeMask = new Mask({ mask: '###-###' })
const departmentCode: FieldMask = {
  options: { mask: '###-###' },
  // NNN-NNN is how the schema keeps it (shared/validation/personDocuments.ts).
  toStored: (shown) => departmentCodeMask.masked(digitsOnly(shown)),
  toDisplay: (stored) => departmentCodeMask.masked(digitsOnly(stored)),
}

/**
 * A driving licence's series: four digits («99 12») or two digits and two Cyrillic letters («77 АВ», Latin twins typed
 * in the wrong layout folded as for plates); kept without the space, as shared/validation/personDocuments.ts does.
 */
const licencePreProcess = (value: string) => latinTwinsToCyrillic(value.toUpperCase())
const LICENCE_TOKENS = { X: { pattern: /[0-9А-ЯЁ]/ } }
const licenceSeriesMask = new Mask({ mask: '## XX', tokens: LICENCE_TOKENS })
const licenceSeries: FieldMask = {
  options: { mask: '## XX', tokens: LICENCE_TOKENS, preProcess: licencePreProcess },
  toStored: (shown) => licenceSeriesMask.unmasked(licencePreProcess(shown)),
  toDisplay: (stored) => licenceSeriesMask.masked(licencePreProcess(stored)),
}

export const MASKS = {
  phone,
  vin,
  vehicleId,
  plate,
  passportSeries: digits('## ##'),
  passportNumber: digits('######'),
  passport: passportWhole,
  licenceSeries,
  licenceNumber: digits('######'),
  departmentCode,
  /** 10 digits for an organisation, 12 for a person or an entrepreneur. */
  inn: digits('############'),
  /** 13 digits (OGRN), 15 (OGRNIP). */
  ogrn: digits('###############'),
  bik: digits('#########'),
  /**
   * A bank account in its parts: balance account, currency, check digit, branch, number — a settlement account and a
   * bank's correspondent account (301…) alike.
   */
  account: digits('##### ### # #### #######'),
} satisfies Record<string, FieldMask>

export type MaskName = keyof typeof MASKS
