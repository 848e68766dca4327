import type { PersonalDataRules } from '../../../shared/client/personalDataRules'
import type { OsagoApplication } from '../../../shared/osago/application'
import type { StoredOsagoPremium } from '../../../shared/osago/calculator'
import type { InsurerDetails, OsagoPolicy } from '../../../shared/osago/policy'
import { findMake, findModel } from '../../../shared/reference/vehicles'
import { findPurpose, purposeName } from '../../../shared/reference/purposes'
import { todayIn } from '../../../shared/dates/calendarDate'
import { AppError } from '../../app/appError'
import { referenceInForce, type ReferenceData } from '../../reference/loadReferenceData'

/** Provided by the OSAGO feature (core/osago): the policy as stored, or AppError NOT_FOUND. */
export type LoadOsagoPolicy = (id: string) => Promise<OsagoPolicy>

/** Everything the OSAGO documents print, resolved once: builders only arrange it on paper. */
export interface OsagoPrintData {
  policy: OsagoPolicy
  application: OsagoApplication
  calculation: StoredOsagoPremium
  startDate: string
  endDate: string
  insurer: InsurerDetails
  /** Make and model as in the catalogue, or the name typed for a vehicle the catalogue lacks. */
  vehicleName: string
  purposeName: string
  /** The staff member who issued the policy; null before issue (the line is signed by hand). */
  representativeName: string | null
  /** Cover starts at 00:00 of the start date, or at the time of issue when it starts on the day of issue. */
  termStartTime: string
  /** The day of payment on the branch's calendar. */
  paidOn: string | null
  /**
   * The 152-FZ consent printed with the application: the text in force on the conclusion date (reference data
   * `personal-data-rules`) and, once the client card records it, the day it was signed and the version signed.
   */
  consent: {
    text: PersonalDataRules['consent']
    given: { givenOn: string; textVersion: string } | null
  }
}

export interface OsagoPrintDeps {
  loadOsagoPolicy: LoadOsagoPolicy
  reference: ReferenceData
  staffName: (staffId: string) => Promise<string | null>
  timeZone: string
  /** The consent recorded on the client card of the policy's insured (core/client), if any. */
  consentOf?: (policyId: string) => Promise<{ givenOn: string; textVersion: string } | null>
}

export async function loadOsagoPrintData(id: string | undefined, deps: OsagoPrintDeps): Promise<OsagoPrintData> {
  if (!id) throw new AppError('VALIDATION', 'errors.validation', {}, { id: 'validation.required' })
  const policy = await deps.loadOsagoPolicy(id)
  if (policy.status === 'discarded') throw new AppError('CONFLICT', 'print.errors.policyDiscarded')
  const { application, calculation, startDate, endDate } = policy
  if (!application || !calculation || !startDate || !endDate)
    throw new AppError('CONFLICT', 'print.errors.notCalculated')

  const on = application.contract.conclusionDate
  const insurer = referenceInForce(deps.reference, 'insurer-details', on).data
  const catalog = referenceInForce(deps.reference, 'vehicle-catalog', on).data
  const purposes = referenceInForce(deps.reference, 'purposes-of-use', on).data

  const v = application.vehicle
  let vehicleName: string
  if (v.modelId === null) {
    vehicleName = v.otherName ?? ''
  } else {
    const model = findModel(catalog, v.modelId)
    const make = model && findMake(catalog, model.makeId)
    if (!model || !make) throw new AppError('REFERENCE_DATA', 'print.errors.unknownModel', { model: v.modelId })
    vehicleName = `${make.name} ${model.model}`
  }
  const purpose = findPurpose(purposes, v.purpose)
  if (!purpose) throw new AppError('REFERENCE_DATA', 'print.errors.unknownPurpose', { purpose: v.purpose })

  return {
    policy,
    application,
    calculation,
    startDate,
    endDate,
    insurer,
    vehicleName,
    purposeName: purposeName(purpose, 'ru'),
    representativeName: policy.issuedBy ? await deps.staffName(policy.issuedBy) : null,
    termStartTime: termStartTime(startDate, policy.issuedAt, deps.timeZone),
    paidOn: policy.payment ? todayIn(deps.timeZone, new Date(policy.payment.paidAt)) : null,
    consent: {
      text: referenceInForce(deps.reference, 'personal-data-rules', on).data.consent,
      given: (await deps.consentOf?.(policy.id)) ?? null,
    },
  }
}

/** 'HH:MM' on the branch's clock: the time of issue when cover starts on the day of issue, otherwise 00:00. */
export function termStartTime(startDate: string, issuedAt: string | null, timeZone: string): string {
  if (!issuedAt) return '00:00'
  const issued = new Date(issuedAt)
  if (todayIn(timeZone, issued) !== startDate) return '00:00'
  return new Intl.DateTimeFormat('ru-RU', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    issued,
  )
}
