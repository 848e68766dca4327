import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import type { z } from 'zod'
import en from '../i18n/en/validation'
import ru from '../i18n/ru/validation'
import * as v from './index'

type Tree = { [k: string]: string | Tree }
const leaves = (tree: Tree, prefix = ''): [string, string][] =>
  Object.entries(tree).flatMap(([k, val]) =>
    typeof val === 'string' ? [[prefix + k, val] as [string, string]] : leaves(val, `${prefix}${k}.`),
  )
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

const ruLeaves = new Map(leaves(ru as unknown as Tree))
const enLeaves = new Map(leaves(en as unknown as Tree))

/** One input per message, through the schema a form would use: every message in the file must be reachable. */
const cases: [z.ZodType, unknown, string][] = [
  [v.passport.seriesSchema, '451', 'validation.passportSeries.format'],
  [v.passport.numberSchema, '1', 'validation.passportNumber.format'],
  [v.passport.wholeSchema, '4512 1', 'validation.passport.format'],
  [v.departmentCodeSchema, '12345', 'validation.departmentCode.format'],
  [v.driverLicence.seriesSchema, 'АВ', 'validation.licenceSeries.format'],
  [v.driverLicence.numberSchema, '1', 'validation.licenceNumber.format'],
  [v.driverLicence.wholeSchema, '1', 'validation.licence.format'],
  [v.pts.seriesSchema, '77', 'validation.ptsSeries.format'],
  [v.pts.numberSchema, '1', 'validation.ptsNumber.format'],
  [v.pts.wholeSchema, '77 ТК 1', 'validation.pts.format'],
  [v.eptsSchema, '1', 'validation.epts.format'],
  [v.sts.seriesSchema, '77', 'validation.stsSeries.format'],
  [v.sts.numberSchema, '1', 'validation.stsNumber.format'],
  [v.sts.wholeSchema, '1', 'validation.sts.format'],
  [v.plateSchema, 'Ж123ВС77', 'validation.plate.letters'],
  [v.plateSchema, '123', 'validation.plate.format'],
  [v.vinSchema, 'ОТСУТСТВУЕТ', 'validation.vin.missingWord'],
  [v.vinSchema, 'VIN:', 'validation.vin.characters'],
  [v.vinSchema, 'IOQ', 'validation.vin.forbiddenLetters'],
  [v.vinSchema, 'ABC', 'validation.vin.tooShort'],
  [v.vinSchema, 'A'.repeat(18), 'validation.vin.tooLong'],
  [v.optionalBodyNumberSchema, 'AB/1', 'validation.bodyNumber.characters'],
  [v.optionalBodyNumberSchema, '1'.repeat(31), 'validation.bodyNumber.tooLong'],
  [v.optionalChassisNumberSchema, 'AB/1', 'validation.chassisNumber.characters'],
  [v.optionalChassisNumberSchema, '1'.repeat(31), 'validation.chassisNumber.tooLong'],
  [v.vehicleIdentificationSchema, { vinMissing: true }, 'validation.vehicleId.bodyOrChassisRequired'],
  [
    v.vehicleIdentificationSchema,
    { vinMissing: true, vin: 'X', bodyNumber: '1' },
    'validation.vehicleId.vinWithMissingMark',
  ],
  [v.innSchema, '1', 'validation.inn.format'],
  [v.legalEntityInnSchema, '1', 'validation.inn.legalEntityLength'],
  [v.individualInnSchema, '1', 'validation.inn.individualLength'],
  [v.innSchema, '7707083890', 'validation.inn.checksum'],
  [v.ogrnSchema, '1', 'validation.ogrn.format'],
  [v.ogrnSchema, '1027700132190', 'validation.ogrn.checksum'],
  [v.ogrnipSchema, '1', 'validation.ogrnip.format'],
  [v.ogrnipSchema, '304500116000150', 'validation.ogrnip.checksum'],
  [v.snilsSchema, '1', 'validation.snils.format'],
  [v.snilsSchema, '11223344590', 'validation.snils.checksum'],
  [v.bikSchema, '1', 'validation.bik.format'],
  [v.bikSchema, '994525225', 'validation.bik.kind'],
  [v.bikSchema, '044525049', 'validation.bik.bankNumber'],
  [v.bankAccountSchema, '1', 'validation.bankAccount.format'],
  [v.bankDetailsSchema, { bik: '044525225', account: '40817810438000000002' }, 'validation.bankAccount.key'],
  [v.correspondentAccountSchema, '1', 'validation.correspondentAccount.format'],
  [v.correspondentAccountSchema, '40702810000000000001', 'validation.correspondentAccount.prefix'],
  [
    v.bankDetailsSchema,
    { bik: '044525225', account: '40817810438000000001', correspondentAccount: '30101810400000000224' },
    'validation.correspondentAccount.bikMismatch',
  ],
  [
    v.bankDetailsSchema,
    { bik: '044525225', account: '40817810438000000001', correspondentAccount: '30101810400000001225' },
    'validation.correspondentAccount.key',
  ],
  [v.personNameSchema, 'Ivan', 'validation.personName.latin'],
  [v.personNameSchema, 'Иван1', 'validation.personName.characters'],
  [v.personNameSchema, 'Иван-', 'validation.personName.shape'],
  [v.personNameSchema, 'Я'.repeat(61), 'validation.personName.tooLong'],
  [v.phoneSchema, '+7 916 123', 'validation.phone.format'],
  [v.phoneSchema, '+44 20 7946 0958', 'validation.phone.notRussian'],
  [v.emailSchema, 'ivanov', 'validation.email.format'],
  [v.emailSchema, 'иван@mail.ru', 'validation.email.cyrillic'],
  [v.diagnosticCardSchema, '1', 'validation.diagnosticCard.format'],
  [v.policyBlank.seriesSchema, 'ХХ', 'validation.policySeries.format'],
  [v.policyBlank.numberSchema, '1', 'validation.policyNumber.format'],
  [v.policyBlank.wholeSchema, 'ХХ 1', 'validation.policyBlank.format'],
]

/**
 * `validation.*` groups that the document checkers here do not produce: the generic field messages
 * (shared/validation/field.ts, the dispatch), the typed date and date-time fields (shared/dates/typedDate.ts,
 * reached by renderer/src/features/party/dateFields.test.ts), a driver's dates against the contract (driverDates.ts,
 * reached by driverDates.test.ts) and the fields of blanks, backup and sync, whose own tests reach them.
 */
const OTHER_CHECKERS = new Set([
  'required',
  'invalidType',
  'unknownField',
  'text',
  'number',
  'date',
  'dateTime',
  'id',
  'login',
  'password',
  'branchCode',
  'backup',
  'blankRange',
  'spoilReason',
  'hqUrl',
  'enrolmentCode',
  'sha256',
  'driverAge',
  'licenseSince',
  // The fiscal feature's: its schemas and their messages are tested in shared/fiscal and core/fiscal.
  'receiptNumber',
  'registerUrl',
])

// Russian/English parity of every message: shared/i18n/messages.test.ts.
describe('validation messages', () => {
  it('are reachable: each document checker message comes out of some input', () => {
    for (const [schema, input, key] of cases) {
      const r = schema.safeParse(input)
      expect(r.success ? null : r.error.issues[0]?.message, key).toBe(key)
    }
    for (const group of OTHER_CHECKERS) expect(ru.validation, group).toHaveProperty(group)
    const documentKeys = [...ruLeaves.keys()].filter((k) => !OTHER_CHECKERS.has(k.split('.')[1]!))
    expect(new Set(cases.map((c) => c[2]))).toEqual(new Set(documentKeys))
  })
  it('render with vue-i18n (no linked-message or plural syntax) and get every placeholder filled', () => {
    for (const [locale, messages] of [
      ['ru', ru],
      ['en', en],
    ] as const) {
      const i18n = createI18n({
        legacy: false,
        locale,
        messages: { [locale]: messages },
        missingWarn: false,
        fallbackWarn: false,
      })
      for (const [key, text] of locale === 'ru' ? ruLeaves : enLeaves) {
        expect(text, key).not.toMatch(/[@|$]/)
        const params = Object.fromEntries(placeholders(text).map((p) => [p, 42]))
        const rendered = i18n.global.t(key, params)
        expect(rendered, key).toBe(text.replace(/\{(\w+)\}/g, '42'))
      }
    }
  })
  it('the parameters a schema reports are the placeholders its message has', () => {
    for (const [schema, input, key] of cases) {
      const r = schema.safeParse(input)
      const issue = r.success ? undefined : r.error.issues[0]
      const params = issue && issue.code === 'custom' ? Object.keys(issue.params ?? {}).sort() : []
      expect(params, key).toEqual(placeholders(ruLeaves.get(key) ?? ''))
    }
  })
})
