import type { CascoFormReference } from '../../shared/casco/contract'
import type { CascoDraft } from '../../shared/casco/draft'
import { ANTI_THEFT_SYSTEMS } from '../../shared/casco/tariffSchema'
import { versionInForce } from '../../shared/reference/envelope'
import { AppError } from '../app/appError'
import { formDirectories } from '../reference/formDirectories'
import type { ReferenceData } from '../reference/loadReferenceData'

/** The directories and rule values the CASCO form shows, from the versions in force on `date`. */
export function buildCascoFormReference(reference: ReferenceData, date: string): CascoFormReference {
  const regions = versionInForce(reference.versions.regions, date)
  const catalog = versionInForce(reference.versions['vehicle-catalog'], date)
  const tariff = versionInForce(reference.versions['casco-tariff'], date)
  const programs = versionInForce(reference.versions['casco-programs'], date)
  const instalments = versionInForce(reference.versions['casco-instalments'], date)
  if (!regions || !catalog || !tariff || !programs || !instalments)
    throw new AppError('REFERENCE_DATA', 'casco.ui.errors.noTariff', { date })
  const systems = new Set(Object.keys(tariff.data.antiTheft.systems))
  const u = programs.data.underwriting
  return {
    date,
    ...formDirectories(regions, catalog),
    antiTheftSystems: ANTI_THEFT_SYSTEMS.filter((s) => systems.has(s)),
    planSurcharges: {
      single: instalments.data.plans.single.surcharge.value,
      two: instalments.data.plans.two.surcharge.value,
      four: instalments.data.plans.four.surcharge.value,
    },
    tariffVersion: tariff.version,
    programsVersion: programs.version,
    underwriting: {
      branchSumInsuredLimitKopecks: u.branchSumInsuredLimitKopecks?.value ?? null,
      discountCorridorPercent: u.discountCorridorPercent?.value ?? null,
    },
  }
}

/** "Kia Rio" from the catalogue, or the name as typed for a model it does not list. */
export function vehicleName(reference: ReferenceData, draft: CascoDraft): string | null {
  const v = draft.vehicle
  if (!v.modelId) return v.otherName.trim() || null
  const catalog =
    versionInForce(reference.versions['vehicle-catalog'], draft.contract.quoteDate) ??
    reference.versions['vehicle-catalog'].at(-1)
  const model = catalog?.data.models.find((m) => m.id === v.modelId)
  const make = catalog?.data.makes.find((m) => m.id === model?.makeId)
  return model ? `${make?.name ?? model.makeId} ${model.model}` : v.modelId
}
