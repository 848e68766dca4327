import type { Knex } from 'knex'
import { readCascoDraft } from '../../shared/casco/draft'
import type { InspectionReport } from '../../shared/inspection/report'
import { versionInForce } from '../../shared/reference/envelope'
import type { Db } from '../db/openDatabase'
import type { ReferenceData } from '../reference/loadReferenceData'

/** What an inspection for a quote starts from: the parts of the report the clerk already typed into the quote. */
export interface QuoteInspectionPrefill {
  client: InspectionReport['client']
  vehicle: Pick<InspectionReport['vehicle'], 'make' | 'model' | 'year' | 'plate' | 'vinDocument'>
}

/**
 * The quote's client (the insured, who brings the car) and vehicle as the inspection report's fields, so the
 * inspector checks them instead of typing them again (issue 14). Only the VIN «as in the documents» is filled:
 * the body and plate readings are what the inspector is there to compare against it. Null when the quote is not
 * on this computer (the inspection then starts empty, as a walk-in check does).
 */
export async function quoteInspectionPrefill(
  db: Db | Knex.Transaction,
  reference: ReferenceData,
  quoteId: string,
): Promise<QuoteInspectionPrefill | null> {
  // Read from the tables, not through core/casco: CASCO already uses inspections (the contract's annex), and the
  // features may not import each other both ways (scripts/importCycles.test.ts).
  const found = (await db('casco_quote as q')
    .join('casco_document as d', 'd.id', 'q.id')
    .where('q.id', quoteId)
    .first('q.insured_name', 'd.draft')) as { insured_name: string | null; draft: unknown } | undefined
  if (!found) return null
  const draft = readCascoDraft(found.draft)
  const v = draft.vehicle
  const catalog =
    versionInForce(reference.versions['vehicle-catalog'], draft.contract.quoteDate) ??
    reference.versions['vehicle-catalog'].at(-1)
  const model = v.modelId ? catalog?.data.models.find((m) => m.id === v.modelId) : undefined
  const makeId = model?.makeId ?? v.makeId
  const make = makeId ? catalog?.data.makes.find((m) => m.id === makeId) : undefined
  const person = draft.insured
  const name = [person.surname, person.name, person.patronymic]
    .map((s) => s.trim())
    .filter(Boolean)
    .join(' ')
  return {
    client: { name: name || (found.insured_name ?? ''), phone: person.phone.trim() },
    vehicle: {
      make: make?.name ?? makeId ?? '',
      // A model the catalogue does not list is kept as the clerk typed it.
      model: model?.model ?? (v.modelId ? v.modelId : v.otherName.trim()),
      year: v.year,
      plate: v.plate.trim(),
      vinDocument: (v.vinMissing ? v.bodyNumber || v.chassisNumber : v.vin).trim(),
    },
  }
}
