import type { ApprovalDecision } from '../../../shared/approval/decision'
import { CASCO_APPROVED, type CascoQuoteRecord, type CascoScheduleRecord } from '../../../shared/casco/contract'
import { isCascoContract } from '../../../shared/casco/lifecycle'
import {
  cascoApplicationSchema,
  draftToApplicationInput,
  type CascoApplication,
} from '../../../shared/casco/draftApplication'
import type { CascoOptionQuote } from '../../../shared/casco/quoteTypes'
import type { CascoQuoteInput, CascoOption } from '../../../shared/casco/quoteInput'
import { todayIn } from '../../../shared/dates/calendarDate'
import { readStoredOrganisation } from '../../../shared/party/stored'
import type { InsurerDetails } from '../../../shared/osago/policy'
import { AppError } from '../../app/appError'
import type { HandlerContext } from '../../ipc/handlers'
import { referenceInForce, type ReferenceData } from '../../reference/loadReferenceData'
import type { DocumentAction } from '../../print/documents'
import { loadInspectionPrintData, type InspectionPrintData, type InspectionPrintDeps } from '../../inspection/api'

/** Provided by the CASCO feature (core/casco): the case as stored, or AppError NOT_FOUND. */
export type LoadCascoQuote = (id: string) => Promise<CascoQuoteRecord>

/** Everything the CASCO documents print, resolved once: builders only arrange it on paper. */
export interface CascoPrintData {
  quote: CascoQuoteRecord
  application: CascoApplication
  input: CascoQuoteInput
  option: CascoOptionQuote
  /** The option as the clerk set it up (risks, franchise, settlement…). */
  terms: CascoOption
  schedule: CascoScheduleRecord
  /** Null while not yet issued: the draft shown to the client before payment. */
  contractNumber: string | null
  /** The date the contract is concluded (issue day), or the quote date on a draft. */
  concludedOn: string
  paidOn: string | null
  insurer: InsurerDetails
  vehicleName: string
  /** The approval in force (its conditions go on the contract). */
  approval: ApprovalDecision
  representativeName: string | null
  /** The inspection report with its photos; appended to the contract. */
  inspection: InspectionPrintData | null
}

export interface CascoPrintDeps extends InspectionPrintDeps {
  loadCascoQuote: LoadCascoQuote
  reference: ReferenceData
  timeZone: string
}

/**
 * The application the documents print: the draft checked as on submission. Only a case past submission is printed,
 * and a legal owner without a form there can only be one stored as `{ name, inn, ogrn, address }`, before CASCO
 * asked the organisation's form and KPP (readCascoDraft leaves the form empty). It was valid when submitted and is
 * not checked again against today's organisation rules (that would make an issued contract unprintable): the owner
 * prints as stored (readStoredOrganisation), the rest is checked as before.
 */
function printedApplication(quote: CascoQuoteRecord): CascoApplication | null {
  const d = quote.draft
  const entity = !d.ownerIsInsured && d.owner?.type === 'legal' ? d.owner.entity : null
  if (entity === null || entity.form !== null) {
    const parsed = cascoApplicationSchema.safeParse(draftToApplicationInput(d))
    return parsed.success ? parsed.data : null
  }
  const rest = cascoApplicationSchema.safeParse(draftToApplicationInput({ ...d, ownerIsInsured: true, owner: null }))
  if (!rest.success) return null
  return { ...rest.data, ownerIsInsured: false, owner: { type: 'legal', entity: readStoredOrganisation(entity) } }
}

/**
 * Loads a case for printing. The contract and its schedule are the client's once issued; an approved case may be
 * previewed as a draft (watermarked) to show the client what they will sign, never printed or saved as such.
 */
export async function loadCascoPrintData(
  id: string | undefined,
  action: DocumentAction,
  ctx: HandlerContext,
  deps: CascoPrintDeps,
  withInspection = false,
): Promise<CascoPrintData> {
  if (!id) throw new AppError('VALIDATION', 'errors.validation', {}, { id: 'validation.required' })
  const quote = await deps.loadCascoQuote(id)
  const issued = isCascoContract(quote.status)
  const preview = action === 'preview' && CASCO_APPROVED.includes(quote.status)
  if (!issued && !preview) throw new AppError('CONFLICT', 'casco.ui.errors.notIssued')
  const { result, quoteInput, chosenOption } = quote
  const option = chosenOption === null ? undefined : result?.options[chosenOption]
  const terms = chosenOption === null ? undefined : quoteInput?.options[chosenOption]
  const approval = [...quote.decisions].reverse().find((d) => CASCO_APPROVED.includes(d.decision))
  if (!result || !quoteInput || !option || !terms || !approval)
    throw new AppError('CONFLICT', 'casco.ui.errors.notApproved')
  const application = printedApplication(quote)
  if (!application) throw new AppError('CONFLICT', 'casco.ui.errors.incomplete')

  const concludedOn = quote.issuedAt
    ? todayIn(deps.timeZone, new Date(quote.issuedAt))
    : todayIn(deps.timeZone, ctx.now)
  const insurer = referenceInForce(deps.reference, 'insurer-details', quoteInput.quoteDate).data
  const catalog = referenceInForce(deps.reference, 'vehicle-catalog', quoteInput.quoteDate).data
  const v = quote.draft.vehicle
  const model = v.modelId ? catalog.models.find((m) => m.id === v.modelId) : undefined
  const make = model ? catalog.makes.find((m) => m.id === model.makeId) : undefined
  const vehicleName = model ? `${make?.name ?? model.makeId} ${model.model}` : v.otherName

  const inspection =
    withInspection && quote.inspection?.status === 'submitted'
      ? await loadInspectionPrintData(quote.inspection.id, ctx, deps)
      : null

  return {
    quote,
    application,
    input: quoteInput,
    option,
    terms,
    schedule: quote.schedule ?? option.schedule,
    contractNumber: quote.contractNumber,
    concludedOn,
    paidOn: quote.firstPayment ? todayIn(deps.timeZone, new Date(quote.firstPayment.paidAt)) : null,
    insurer,
    vehicleName,
    approval,
    representativeName: quote.issuedBy?.name ?? null,
    inspection,
  }
}
