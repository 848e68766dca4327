/**
 * The label of every field an error can name, per form, by path (`*` for a list index) — the same i18n keys the
 * forms' fields show. FieldErrorLinks names every field it knows from here, with its section («Водитель 2: Серия»,
 * «Страхователь: Серия»): the page's own label («Серия») says which field only beside the field, not in a list of
 * them; a field not listed here is named by the label on the page. The list never shows a raw path (issue 14).
 * fieldLabels.test.ts walks every form's draft schema and fails on a path with no label here.
 */

export type LabelForm = 'osago' | 'casco' | 'inspection' | 'termination' | 'manualContract'
type T = (key: string, params?: Record<string, unknown>) => string

const person = (p: string): Record<string, string> => ({
  [`${p}surname`]: 'osago.ui.person.surname',
  [`${p}name`]: 'osago.ui.person.name',
  [`${p}patronymic`]: 'osago.ui.person.patronymic',
  [`${p}gender`]: 'osago.ui.person.gender',
  [`${p}birthDate`]: 'osago.ui.person.birthDate',
  [`${p}passport`]: 'osago.ui.person.passport',
  [`${p}passport.series`]: 'osago.ui.person.passportSeries',
  [`${p}passport.number`]: 'osago.ui.person.passportNumber',
  [`${p}passport.issueDate`]: 'osago.ui.person.issueDate',
  [`${p}passport.issuer`]: 'osago.ui.person.issuer',
  [`${p}passport.departmentCode`]: 'osago.ui.person.departmentCode',
  [`${p}phone`]: 'osago.ui.person.phone',
  [`${p}email`]: 'osago.ui.person.email',
  ...address(`${p}address.`),
})
const address = (p: string): Record<string, string> => ({
  [p.slice(0, -1)]: 'osago.ui.person.address',
  [`${p}region`]: 'osago.ui.address.region',
  [`${p}city`]: 'osago.ui.address.city',
  [`${p}street`]: 'osago.ui.address.street',
  [`${p}house`]: 'osago.ui.address.house',
  [`${p}flat`]: 'osago.ui.address.flat',
})
const organisation = (p: string): Record<string, string> => ({
  [`${p}form`]: 'party.fields.form',
  [`${p}fullName`]: 'party.fields.fullName',
  [`${p}shortName`]: 'party.fields.shortName',
  [`${p}inn`]: 'party.fields.inn',
  [`${p}kpp`]: 'party.fields.kpp',
  [`${p}ogrn`]: 'party.fields.ogrn',
  [`${p}phone`]: 'party.fields.phone',
  [`${p}email`]: 'party.fields.email',
  ...address(`${p}address.`),
})
const parties: Record<string, string> = {
  insured: 'osago.ui.sections.insured',
  'insured.kind': 'osago.ui.sections.insured',
  ...person('insured.'),
  ...organisation('insured.'),
  ownerIsInsured: 'osago.ui.owner.sameAsInsured',
  owner: 'osago.ui.sections.owner',
  'owner.type': 'osago.ui.owner.type',
  ...person('owner.person.'),
  ...organisation('owner.entity.'),
}
const vehicleCommon: Record<string, string> = {
  vehicle: 'osago.ui.sections.vehicle',
  'vehicle.makeId': 'osago.ui.vehicle.make',
  'vehicle.modelId': 'osago.ui.vehicle.model',
  'vehicle.otherName': 'osago.ui.vehicle.otherName',
  'vehicle.category': 'osago.ui.vehicle.category',
  'vehicle.year': 'osago.ui.vehicle.year',
  'vehicle.powerUnit': 'osago.ui.vehicle.power',
  'vehicle.power': 'osago.ui.vehicle.power',
  'vehicle.vinMissing': 'osago.ui.vehicle.vinMissing',
  'vehicle.vin': 'osago.ui.vehicle.vin',
  'vehicle.bodyNumber': 'osago.ui.vehicle.bodyNumber',
  'vehicle.chassisNumber': 'osago.ui.vehicle.chassisNumber',
  'vehicle.plate': 'osago.ui.vehicle.plate',
  'vehicle.registrationDoc': 'osago.ui.vehicle.registrationDoc',
  'vehicle.registrationDoc.type': 'osago.ui.vehicle.registrationDoc',
  'vehicle.registrationDoc.series': 'osago.ui.vehicle.docSeries',
  'vehicle.registrationDoc.number': 'osago.ui.vehicle.docNumber',
  'vehicle.registrationDoc.date': 'osago.ui.vehicle.docDate',
}
const driverCommon: Record<string, string> = {
  drivers: 'osago.ui.sections.drivers',
  'drivers.mode': 'osago.ui.drivers.mode',
  'drivers.list': 'osago.ui.drivers.mode',
  ...person('drivers.list.*.'),
  'drivers.list.*.licence': 'osago.ui.drivers.licence',
  'drivers.list.*.licence.series': 'osago.ui.drivers.licenceSeries',
  'drivers.list.*.licence.number': 'osago.ui.drivers.licenceNumber',
  'drivers.list.*.licenseSince': 'osago.ui.drivers.licenseSince',
}

const LABELS: Record<LabelForm, Record<string, string>> = {
  osago: {
    contract: 'osago.ui.sections.contract',
    'contract.conclusionDate': 'osago.ui.contract.conclusionDate',
    'contract.startDate': 'osago.ui.contract.startDate',
    'contract.wholeTerm': 'osago.ui.contract.wholeTerm',
    'contract.periodsOfUse': 'osago.ui.contract.periods',
    'contract.periodsOfUse.*.from': 'osago.ui.contract.from',
    'contract.periodsOfUse.*.to': 'osago.ui.contract.to',
    ...parties,
    ...vehicleCommon,
    'vehicle.usedWithTrailer': 'osago.ui.vehicle.trailer',
    'vehicle.maxMassKg': 'osago.ui.vehicle.maxMass',
    'vehicle.seats': 'osago.ui.vehicle.seats',
    'vehicle.steering': 'osago.ui.vehicle.steering',
    'vehicle.purpose': 'osago.ui.vehicle.purpose',
    'vehicle.diagnosticCard': 'osago.ui.vehicle.diagnosticCard',
    'vehicle.diagnosticCard.number': 'osago.ui.vehicle.diagnosticNumber',
    'vehicle.diagnosticCard.issueDate': 'osago.ui.vehicle.diagnosticIssueDate',
    'vehicle.diagnosticCard.validUntil': 'osago.ui.vehicle.diagnosticValidUntil',
    ...driverCommon,
    'drivers.ownerKbmClass': 'osago.ui.drivers.ownerKbm',
    'drivers.list.*.licenseYearOnly': 'osago.ui.drivers.yearOnly',
    'drivers.list.*.kbmClass': 'osago.ui.drivers.kbmClass',
    'drivers.list.*.kbmReason': 'osago.ui.drivers.kbmReason',
    // The register's answer (kbm/check-draft) is written by the check, never typed: a fault in it names the check.
    'drivers.ownerKbmCheck': 'kbm.check.label',
    'drivers.ownerKbmCheck.source': 'kbm.check.label',
    'drivers.ownerKbmCheck.class': 'kbm.check.label',
    'drivers.ownerKbmCheck.requestId': 'kbm.check.label',
    'drivers.ownerKbmCheck.checkedAt': 'kbm.check.label',
    'drivers.ownerKbmCheck.document': 'kbm.check.label',
    'drivers.list.*.kbmCheck': 'kbm.check.label',
    'drivers.list.*.kbmCheck.source': 'kbm.check.label',
    'drivers.list.*.kbmCheck.class': 'kbm.check.label',
    'drivers.list.*.kbmCheck.requestId': 'kbm.check.label',
    'drivers.list.*.kbmCheck.checkedAt': 'kbm.check.label',
    'drivers.list.*.kbmCheck.document': 'kbm.check.label',
    grossViolations: 'osago.ui.violations',
  },
  casco: {
    contract: 'casco.ui.sections.contract',
    'contract.quoteDate': 'casco.ui.contract.quoteDate',
    'contract.startDate': 'casco.ui.contract.startDate',
    'contract.termMonths': 'casco.ui.contract.termMonths',
    ...parties,
    insured: 'casco.ui.sections.insured',
    owner: 'casco.ui.sections.owner',
    ...vehicleCommon,
    'vehicle.otherForeign': 'casco.ui.vehicle.otherForeign',
    'vehicle.newCar': 'casco.ui.vehicle.newCar',
    'vehicle.mileageKm': 'casco.ui.vehicle.mileage',
    'vehicle.marketValueKopecks': 'casco.ui.vehicle.marketValue',
    'vehicle.antiTheft': 'casco.ui.vehicle.antiTheft',
    'vehicle.antiTheft.*': 'casco.ui.vehicle.antiTheft',
    'vehicle.extras': 'casco.ui.vehicle.extras',
    'vehicle.extras.*.name': 'casco.ui.vehicle.extraName',
    'vehicle.extras.*.valueKopecks': 'casco.ui.vehicle.extraValue',
    sumInsuredKopecks: 'casco.ui.value.sumInsured',
    ...driverCommon,
    drivers: 'casco.ui.sections.drivers',
    'drivers.mode': 'casco.ui.drivers.limited',
    'drivers.list': 'casco.ui.drivers.limited',
    'drivers.list.*.licence.series': 'casco.ui.drivers.licenceSeries',
    'drivers.list.*.licence.number': 'casco.ui.drivers.licenceNumber',
    'drivers.list.*.licenseSince': 'casco.ui.drivers.licenseSince',
    previousPolicy: 'casco.ui.previous.isRenewal',
    'previousPolicy.startDate': 'casco.ui.previous.startDate',
    'previousPolicy.endDate': 'casco.ui.previous.endDate',
    'previousPolicy.claims': 'casco.ui.previous.claims',
    'previousPolicy.sameOwnerAndInsured': 'casco.ui.previous.sameOwnerAndInsured',
    options: 'casco.ui.sections.options',
    'options.*.program': 'casco.ui.option.program',
    'options.*.risks': 'casco.ui.option.risks',
    'options.*.extras': 'casco.ui.option.extras',
    'options.*.gap': 'casco.ui.option.gap',
    'options.*.uts': 'casco.ui.option.uts',
    'options.*.accident': 'casco.ui.option.accident',
    'options.*.accident.enabled': 'casco.ui.option.accident',
    'options.*.accident.sumPerSeatKopecks': 'casco.ui.option.accidentSum',
    'options.*.accident.seats': 'casco.ui.option.accidentSeats',
    'options.*.extendedLiabilityKopecks': 'casco.ui.option.liability',
    'options.*.franchise': 'casco.ui.option.franchise',
    'options.*.franchise.type': 'casco.ui.option.franchise',
    'options.*.franchise.mode': 'casco.ui.option.franchise',
    'options.*.franchise.value': 'casco.ui.option.franchise',
    'options.*.settlement': 'casco.ui.option.settlement',
    'options.*.territory': 'casco.ui.option.territory',
    'options.*.plan': 'casco.ui.option.plan',
    'options.*.discountPercent': 'casco.ui.option.discount',
  },
  inspection: {
    inspectedAt: 'inspection.ui.general.inspectedAt',
    place: 'inspection.ui.general.place',
    method: 'inspection.ui.general.method',
    client: 'inspection.ui.general.clientName',
    'client.name': 'inspection.ui.general.clientName',
    'client.phone': 'inspection.ui.general.clientPhone',
    vehicle: 'inspection.ui.sections.vehicle',
    'vehicle.make': 'inspection.ui.vehicle.make',
    'vehicle.model': 'inspection.ui.vehicle.model',
    'vehicle.year': 'inspection.ui.vehicle.year',
    'vehicle.plate': 'inspection.ui.vehicle.plate',
    'vehicle.colour': 'inspection.ui.vehicle.colour',
    'vehicle.odometerKm': 'inspection.ui.vehicle.odometer',
    'vehicle.vinDocument': 'inspection.ui.vehicle.vinDocument',
    'vehicle.vinBody': 'inspection.ui.vehicle.vinBody',
    'vehicle.vinPlate': 'inspection.ui.vehicle.vinPlate',
    'vehicle.documents': 'inspection.ui.vehicle.documents',
    equipment: 'inspection.ui.sections.equipment',
    'equipment.factory': 'inspection.ui.equipment.factory',
    'equipment.extra': 'inspection.ui.equipment.extra',
    'equipment.extra.*.name': 'inspection.ui.equipment.extraName',
    'equipment.extra.*.valueKopecks': 'inspection.ui.equipment.extraValue',
    antiTheft: 'inspection.ui.antiTheft.title',
    'antiTheft.immobiliser': 'inspection.ui.antiTheft.immobiliser',
    'antiTheft.alarm': 'inspection.ui.antiTheft.alarm',
    'antiTheft.alarm.present': 'inspection.ui.antiTheft.alarm',
    'antiTheft.alarm.model': 'inspection.ui.antiTheft.alarmModel',
    'antiTheft.alarm.autostart': 'inspection.ui.antiTheft.autostart',
    'antiTheft.tracking': 'inspection.ui.antiTheft.tracking',
    'antiTheft.tracking.present': 'inspection.ui.antiTheft.tracking',
    'antiTheft.tracking.model': 'inspection.ui.antiTheft.trackingModel',
    'antiTheft.tracking.certificate': 'inspection.ui.antiTheft.certificate',
    'antiTheft.mechanicalLocks': 'inspection.ui.antiTheft.mechanicalLocks',
    keys: 'inspection.ui.keys.title',
    'keys.keySets': 'inspection.ui.keys.keySets',
    'keys.alarmFobs': 'inspection.ui.keys.alarmFobs',
    glass: 'inspection.ui.sections.glassTyres',
    'glass.marked': 'inspection.ui.glass.marked',
    'glass.markingCode': 'inspection.ui.glass.markingCode',
    'glass.notes': 'inspection.ui.glass.notes',
    tyres: 'inspection.ui.tyres.title',
    'tyres.make': 'inspection.ui.tyres.make',
    'tyres.size': 'inspection.ui.tyres.size',
    'tyres.wearPercent': 'inspection.ui.tyres.wear',
    'tyres.rims': 'inspection.ui.tyres.rims',
    'tyres.notes': 'inspection.ui.tyres.notes',
    conclusion: 'inspection.ui.sections.conclusion',
    'conclusion.outcome': 'inspection.ui.sections.conclusion',
    'conclusion.remarks': 'inspection.ui.conclusion.remarks',
  },
  termination: {
    kind: 'terminationUi.form.kind',
    ground: 'terminationUi.form.ground',
    eventDate: 'terminationUi.form.eventDate',
    cascoChoice: 'terminationUi.form.cascoChoice',
    insuredEventOccurred: 'terminationUi.form.insuredEvent',
    requestedTerminationDate: 'terminationUi.form.requestedTerminationDate',
    receipt: 'terminationUi.form.receipt',
    'receipt.channel': 'terminationUi.form.receipt',
    'receipt.postmarkDate': 'terminationUi.form.postmarkDate',
    applicant: 'terminationUi.form.applicant',
    'applicant.fullName': 'terminationUi.form.fullName',
    'applicant.passport': 'terminationUi.form.passport',
    'applicant.phone': 'terminationUi.form.phone',
    'applicant.address': 'terminationUi.form.address',
    byRepresentative: 'terminationUi.form.byRepresentative',
    representative: 'terminationUi.form.representative',
    'representative.fullName': 'terminationUi.form.representative',
    'representative.powerOfAttorney': 'terminationUi.form.poaNumber',
    'representative.powerOfAttorney.number': 'terminationUi.form.poaNumber',
    'representative.powerOfAttorney.date': 'terminationUi.form.poaDate',
    'representative.powerOfAttorney.notary': 'terminationUi.form.poaNotary',
    payout: 'terminationUi.form.payout',
    'payout.method': 'terminationUi.form.payout',
    'payout.recipient': 'terminationUi.form.recipient',
    'payout.bankName': 'terminationUi.form.bankName',
    'payout.bik': 'terminationUi.form.bik',
    'payout.account': 'terminationUi.form.account',
    'payout.correspondentAccount': 'terminationUi.form.correspondentAccount',
  },
  manualContract: {
    product: 'terminationUi.manual.product',
    number: 'terminationUi.manual.number',
    concludedAt: 'terminationUi.manual.concludedAt',
    policyholderType: 'terminationUi.manual.policyholderType',
    policyholderName: 'terminationUi.manual.policyholderName',
    plate: 'terminationUi.manual.plate',
    vin: 'terminationUi.manual.vin',
    conclusionDate: 'terminationUi.manual.conclusionDate',
    startDate: 'terminationUi.manual.startDate',
    endDate: 'terminationUi.manual.endDate',
    premium: 'terminationUi.manual.premium',
    premiumKopecks: 'terminationUi.manual.premium',
    wholeTerm: 'terminationUi.manual.wholeTerm',
    periodsOfUse: 'terminationUi.manual.periods',
    'periodsOfUse.*.from': 'terminationUi.manual.from',
    'periodsOfUse.*.to': 'terminationUi.manual.to',
  },
}

/** Sections named before a field's label, with the list position (1-based) where the section is a list item. */
const ITEMS: Record<string, string> = {
  'drivers.list.*': 'osago.ui.drivers.driver',
  'options.*': 'casco.ui.option.title',
}

/** Forms in the order a path is looked up when the caller does not say which form it is. */
export const LABEL_FORMS = Object.keys(LABELS) as LabelForm[]

/** Every labelled path pattern of a form with its i18n key (for the test). */
export function labelKeys(form: LabelForm): Readonly<Record<string, string>> {
  return LABELS[form]
}

const pattern = (path: string) => path.replace(/\.\d+(?=\.|$)/g, '.*')

/**
 * Whether a form (the caller's, or any) has a label of its own for the field, so `fieldLabel` names it with its
 * section rather than only by the section it sits in.
 */
export function hasFieldLabel(path: string, form?: LabelForm): boolean {
  const p = pattern(path)
  return (form ? [form] : LABEL_FORMS).some((f) => p in LABELS[f])
}

/**
 * A field named in words: «Водитель 2: Серия», «Страхователь: Фамилия», «Госномер». The form is the caller's or the
 * first whose labels know the path; a path no form knows is named by its nearest labelled section, and one under no
 * section as «a field of the form» — never the raw path.
 */
export function fieldLabel(path: string, t: T, form?: LabelForm): string {
  const p = pattern(path)
  const forms = form ? [form] : LABEL_FORMS
  const inForm = forms.find((f) => p in LABELS[f]) ?? forms.find((f) => sectionKey(LABELS[f], p) !== null)
  if (!inForm) return t('common.formField')
  const labels = LABELS[inForm]
  const own = labels[p]
  const section = sectionText(labels, path, t, own !== undefined)
  if (own === undefined) return section ?? t('common.formField')
  const text = t(own)
  return section && section !== text ? `${section}: ${text}` : text
}

/** The key of the nearest labelled ancestor of `p` (a pattern), or null. */
function sectionKey(labels: Record<string, string>, p: string): string | null {
  const parts = p.split('.')
  for (let n = parts.length - 1; n > 0; n--) {
    const key = labels[parts.slice(0, n).join('.')]
    if (key) return key
  }
  return null
}

/**
 * The section a field sits in: a list item by its number («Водитель 2», «Вариант 1»), else the top-level section
 * («Страхователь», «Собственник») for a field whose own label alone would not say whose it is.
 */
function sectionText(labels: Record<string, string>, path: string, t: T, hasOwn: boolean): string | null {
  const segments = path.split('.')
  for (let n = segments.length - 1; n > 0; n--) {
    const prefix = segments.slice(0, n)
    const key = ITEMS[pattern(prefix.join('.'))]
    const index = Number(prefix[prefix.length - 1])
    if (key && Number.isInteger(index)) return t(key, { n: index + 1 })
  }
  if (!hasOwn) return sectionKey(labels, pattern(path)) ? t(sectionKey(labels, pattern(path))!) : null
  const top = segments.length > 1 ? labels[segments[0]!] : undefined
  return top ? t(top) : null
}
