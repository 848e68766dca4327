import { formatRubles } from '../../../shared/money/format'
import { formatDateRu } from '../../../shared/print/format'
import { AppError } from '../../app/appError'
import { mm, type ContentNode, type DocDefinition } from '../docDefinition'
import type { BuildDeps } from '../documents'
import { fitText } from '../fitText'
import type { BlankField, BlankLayout, LayoutField } from './blankLayout'
import type { OsagoPrintData } from './osagoPrintData'
import {
  DASH,
  driversOf,
  fullName,
  licenceNumber,
  ownerAddress,
  ownerBirthDate,
  ownerDocument,
  ownerName,
  ownerOf,
  partyView,
  policyNumber,
  powerText,
  registrationDocLine,
  safeFileName,
  vinText,
  yesNo,
} from './policyText'

/**
 * The policy printed onto the pre-printed Goznak blank: only the variable fields, each at its place from the
 * layout file, moved by the printer's offset. Labels, frames, series, number and QR code are on the blank.
 */
export interface BlankValues {
  fields: Record<BlankField, string>
  periods: Array<{ from: string; to: string }>
  drivers: Array<{ name: string; licence: string }>
}

const MARK = 'X'

/** The blank's own names for its fields, for the clerk's message when one does not fit. */
const FIELD_NAMES: Record<BlankField, string> = {
  insurerName: 'Страховщик',
  insurerAddress: 'Адрес страховщика',
  insurerPhone: 'Телефон страховщика',
  insurerWebsite: 'Сайт страховщика',
  termFrom: 'Срок страхования с',
  termTo: 'Срок страхования по',
  insuredName: 'Страхователь',
  insuredBirthDate: 'Дата рождения страхователя',
  insuredDocument: 'Документ страхователя',
  insuredAddress: 'Адрес страхователя',
  ownerName: 'Собственник',
  ownerBirthDate: 'Дата рождения собственника',
  ownerDocument: 'Документ собственника',
  ownerAddress: 'Адрес собственника',
  vehicleName: 'Марка, модель',
  category: 'Категория',
  vin: 'VIN',
  bodyNumber: 'Номер кузова',
  chassisNumber: 'Номер шасси',
  plate: 'Государственный знак',
  registrationDoc: 'Документ о регистрации',
  power: 'Мощность',
  trailer: 'С прицепом',
  purpose: 'Цель использования',
  driversUnlimited: 'Без ограничений',
  driversLimited: 'Только указанные лица',
  premium: 'Страховая премия',
  specialNotes: 'Особые отметки',
  conclusionDate: 'Дата заключения',
  representative: 'Представитель страховщика',
}

export function blankValues(d: OsagoPrintData): BlankValues {
  const app = d.application
  const v = app.vehicle
  const owner = ownerOf(app)
  const insured = partyView(app.insured)
  const unlimited = app.drivers.mode === 'unlimited'
  return {
    fields: {
      insurerName: d.insurer.name,
      insurerAddress: d.insurer.address,
      insurerPhone: d.insurer.phone,
      insurerWebsite: d.insurer.website,
      termFrom: `${d.termStartTime} ${formatDateRu(d.startDate)}`,
      termTo: `23:59 ${formatDateRu(d.endDate)}`,
      insuredName: ownerName(insured),
      insuredBirthDate: ownerBirthDate(insured),
      insuredDocument: ownerDocument(insured),
      insuredAddress: ownerAddress(insured),
      ownerName: ownerName(owner),
      ownerBirthDate: ownerBirthDate(owner),
      ownerDocument: ownerDocument(owner),
      ownerAddress: ownerAddress(owner),
      vehicleName: d.vehicleName,
      category: v.category,
      vin: vinText(v),
      bodyNumber: v.bodyNumber ?? DASH,
      chassisNumber: v.chassisNumber ?? DASH,
      plate: v.plate ?? DASH,
      registrationDoc: registrationDocLine(v.registrationDoc),
      power: powerText(v, d.calculation),
      trailer: yesNo(v.usedWithTrailer),
      purpose: d.purposeName,
      driversUnlimited: unlimited ? MARK : '',
      driversLimited: unlimited ? '' : MARK,
      premium: formatRubles(d.calculation.premiumKopecks),
      specialNotes: specialNotes(d),
      conclusionDate: formatDateRu(app.contract.conclusionDate),
      representative: d.representativeName ?? '',
    },
    periods: app.contract.periodsOfUse.map((p) => ({ from: formatDateRu(p.from), to: formatDateRu(p.to) })),
    drivers: driversOf(app).map((dr) => ({ name: fullName(dr), licence: licenceNumber(dr) })),
  }
}

/** What the form's "special notes" carry here: how the premium was paid and the diagnostic card, if any. */
export function specialNotes(d: OsagoPrintData): string {
  const notes: string[] = []
  const pay = d.policy.payment
  if (pay && d.paidOn) {
    const how = pay.method === 'cash' ? 'наличными' : 'банковской картой'
    notes.push(`Страховая премия оплачена ${formatDateRu(d.paidOn)} ${how}, чек № ${pay.receiptNumber}`)
  }
  const card = d.application.vehicle.diagnosticCard
  if (card) {
    // An application validated before the issue date was asked has none.
    const issued = card.issueDate ? ` от ${formatDateRu(card.issueDate)}` : ''
    notes.push(`Диагностическая карта № ${card.number}${issued}, действительна до ${formatDateRu(card.validUntil)}`)
  }
  return notes.length ? `${notes.join('. ')}.` : ''
}

export function buildPolicyOnBlank(d: OsagoPrintData, layout: BlankLayout, deps: BuildDeps): DocDefinition {
  const values = blankValues(d)
  if (values.drivers.length > layout.driverRows.length) {
    throw new AppError('CONFLICT', 'print.errors.tooManyDriversForBlank', {
      rows: layout.driverRows.length,
      count: values.drivers.length,
    })
  }
  if (values.periods.length > layout.periodRows.length) {
    throw new AppError('CONFLICT', 'print.errors.tooManyPeriodsForBlank', {
      rows: layout.periodRows.length,
      count: values.periods.length,
    })
  }
  const placed: ContentNode[] = []
  const place = (name: string, text: string, at: LayoutField) => {
    if (!text) return
    placed.push(...placeField(name, text, at, layout.minFontSize, deps))
  }
  for (const [field, text] of Object.entries(values.fields) as Array<[BlankField, string]>)
    place(FIELD_NAMES[field], text, layout.fields[field])
  values.periods.forEach((p, i) => {
    const row = layout.periodRows[i]!
    place(`Период использования ${i + 1}, с`, p.from, row.from)
    place(`Период использования ${i + 1}, по`, p.to, row.to)
  })
  values.drivers.forEach((dr, i) => {
    const row = layout.driverRows[i]!
    place(`Водитель ${i + 1}`, dr.name, row.name)
    place(`Водитель ${i + 1}, удостоверение`, dr.licence, row.licence)
  })
  const number = policyNumber(d.policy.blank) ?? ''
  return {
    pageSize: { width: mm(layout.paper.widthMm), height: mm(layout.paper.heightMm) },
    pageMargins: 0,
    info: { title: `Полис ОСАГО ${number}`, subject: 'Печать на бланке' },
    content: placed,
  }
}

/**
 * One field as positioned text: set at the layout's size, smaller if it is too long, broken into the lines the
 * box allows. Text that still does not fit stops the print: overprinting a numbered blank spoils it.
 */
export function placeField(
  name: string,
  text: string,
  at: LayoutField,
  minFontSize: number,
  deps: Pick<BuildDeps, 'offset' | 'measure'>,
): ContentNode[] {
  const fitted = fitText(
    text,
    { widthPt: mm(at.width), fontSize: at.fontSize, lines: at.lines ?? 1, minFontSize },
    deps.measure,
  )
  if (!fitted) throw new AppError('CONFLICT', 'print.errors.fieldDoesNotFit', { field: name })
  const lineHeight = deps.measure.lineHeight(fitted.fontSize)
  const x = mm(at.x + deps.offset.xMm)
  const y = mm(at.y + deps.offset.yMm)
  return fitted.lines.map((line, i) => ({
    text: line,
    fontSize: fitted.fontSize,
    noWrap: true,
    lineHeight: 1,
    absolutePosition: { x, y: y + i * lineHeight },
  }))
}

export function policyBlankFileName(d: OsagoPrintData): string {
  return safeFileName(`Полис ОСАГО ${policyNumber(d.policy.blank) ?? d.policy.id} — бланк.pdf`)
}
