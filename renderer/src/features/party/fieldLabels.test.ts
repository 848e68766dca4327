import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { MESSAGES } from '@shared/i18n/messages'
import { osagoDraftSchema } from '@shared/osago/draftSchema'
import { premiumFieldToFormPath } from '@shared/osago/formPaths'
import { emptyDraft } from '@shared/osago/draft'
import { cascoDraftSchema } from '@shared/casco/draftSchema'
import { inspectionReportDraftSchema } from '@shared/inspection/report'
import { applicationDetailsSchema, manualContractInput } from '@shared/termination/application'
import { fieldLabel, LABEL_FORMS, labelKeys, type LabelForm } from './fieldLabels'

type Locale = keyof typeof MESSAGES

function message(locale: Locale, key: string): string | undefined {
  let node: unknown = MESSAGES[locale]
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part]
  return typeof node === 'string' ? node : undefined
}
const translate =
  (locale: Locale) =>
  (key: string, params: Record<string, unknown> = {}): string =>
    (message(locale, key) ?? key).replace(/\{(\w+)\}/g, (_, name: string) => String(params[name]))

/**
 * Every leaf path of a form's draft schema (`*` for a list index): what the form holds, so what an error can name.
 * Reads zod 4's schema definitions; a kind it does not know fails rather than being skipped.
 */
function leafPaths(schema: z.ZodType, prefix = '', out = new Set<string>()): Set<string> {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def
  const inner = (s: unknown) => leafPaths(s as z.ZodType, prefix, out)
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
      inner(def.innerType)
      break
    case 'pipe':
      inner(def.in)
      break
    case 'object':
      for (const [k, v] of Object.entries(def.shape as Record<string, z.ZodType>))
        leafPaths(v, prefix ? `${prefix}.${k}` : k, out)
      break
    case 'array':
      leafPaths(def.element as z.ZodType, `${prefix}.*`, out)
      break
    case 'union':
      for (const o of def.options as z.ZodType[]) inner(o)
      break
    case 'string':
    case 'number':
    case 'boolean':
    case 'enum':
    case 'literal':
      out.add(prefix)
      break
    default:
      throw new Error(`${prefix}: a schema kind the walk does not know (${def.type})`)
  }
  return out
}

/** The calculator's fields as the OSAGO form names them (shared/osago/formPaths.ts): a few are not leaves. */
function premiumPaths(): string[] {
  const fields = ['conclusionDate', 'startDate', 'periodsOfUse[0].from', 'vehicle.powerHp', 'owner.region']
  fields.push('owner.city', 'owner.kbmClass', 'owner.type', 'drivers', 'drivers[1].birthDate', 'vehicle.category')
  const draft = emptyDraft('2026-12-05')
  return fields.map((f) => premiumFieldToFormPath(f, draft)!)
}

const FORM_PATHS: Record<LabelForm, string[]> = {
  osago: [...leafPaths(osagoDraftSchema), ...premiumPaths(), 'contract.wholeTerm', 'owner', 'drivers.mode'],
  casco: [...leafPaths(cascoDraftSchema), 'vehicle.antiTheft', 'previousPolicy'],
  inspection: [...leafPaths(inspectionReportDraftSchema)],
  // The termination forms also hold a few fields of their own beside the schema's (ApplicationForm, the dialog).
  termination: [...leafPaths(applicationDetailsSchema), 'byRepresentative'],
  manualContract: [...leafPaths(manualContractInput), 'premium', 'wholeTerm'],
}

/** A path as an error names it: list indexes as numbers (the second driver is 1). */
const concrete = (p: string) => [p.replace(/\*/g, '0'), p.replace(/\*/g, '1')]

describe('every field an error can name has a label', () => {
  it('walks every form (a schema that shrank to nothing would prove nothing)', () => {
    expect(FORM_PATHS.osago.length).toBeGreaterThan(90)
    expect(FORM_PATHS.casco.length).toBeGreaterThan(90)
    expect(FORM_PATHS.inspection.length).toBeGreaterThan(30)
    expect(FORM_PATHS.termination.length).toBeGreaterThan(20)
    expect(FORM_PATHS.manualContract.length).toBeGreaterThan(10)
  })

  it('in Russian and in English, for every path of every form', () => {
    const missing: string[] = []
    for (const form of LABEL_FORMS) {
      const keys = labelKeys(form)
      for (const p of FORM_PATHS[form]) {
        const pattern = p.replace(/\.\d+(?=\.|$)/g, '.*')
        const key = keys[pattern]
        if (!key) {
          missing.push(`${form}: ${p} has no label`)
          continue
        }
        for (const locale of ['ru', 'en'] as const)
          if (!message(locale, key)) missing.push(`${form}: ${p} → ${key} missing in ${locale}`)
      }
    }
    expect(missing).toEqual([])
  })

  it('names a field with its section or list item, never by its path', () => {
    const ru = translate('ru')
    const raw: string[] = []
    for (const form of LABEL_FORMS)
      for (const p of FORM_PATHS[form].flatMap(concrete))
        for (const locale of ['ru', 'en'] as const) {
          const text = fieldLabel(p, translate(locale), form)
          if (!text || text === p || /[{}]|\w\.\w/.test(text)) raw.push(`${form} ${locale}: ${p} → ${text}`)
        }
    expect(raw).toEqual([])
    expect(fieldLabel('drivers.list.1.licence.series', ru, 'osago')).toBe('Водитель 2: Серия')
    expect(fieldLabel('insured.surname', ru)).toBe('Страхователь: Фамилия')
    expect(fieldLabel('owner.person.passport.number', ru)).toBe('Собственник: Номер')
    expect(fieldLabel('options.0.discountPercent', ru, 'casco')).toBe('Вариант 1: Скидка сотрудника, %')
    expect(fieldLabel('equipment.extra.2.valueKopecks', ru, 'inspection')).toBe(
      'Оборудование, противоугонные устройства, ключи: Стоимость, ₽',
    )
    expect(fieldLabel('drivers.list.1.licence.series', translate('en'), 'osago')).toBe('Driver 2: Series')
  })

  it('falls back to the section, then to «field of the form», for a path no form lists', () => {
    const ru = translate('ru')
    expect(fieldLabel('drivers.list.3.somethingNew', ru, 'osago')).toBe('Водитель 4')
    expect(fieldLabel('vehicle.somethingNew', ru, 'osago')).toBe('Транспортное средство')
    expect(fieldLabel('nowhere.at.all', ru)).toBe('Поле формы')
    expect(fieldLabel('nowhere.at.all', translate('en'))).toBe('Form field')
  })
})
