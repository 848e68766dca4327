import type { OsagoFormReference } from '../../shared/osago/formReference'
import { kbmClasses } from '../../shared/osago/tariffSchema'
import { versionInForce } from '../../shared/reference/envelope'
import { AppError } from '../app/appError'
import { formDirectories } from '../reference/formDirectories'
import type { ReferenceData } from '../reference/loadReferenceData'

/** The directories the OSAGO form offers, from the reference versions in force on `date`. */
export function buildFormReference(reference: ReferenceData, date: string): OsagoFormReference {
  const regions = versionInForce(reference.versions.regions, date)
  const catalog = versionInForce(reference.versions['vehicle-catalog'], date)
  const purposes = versionInForce(reference.versions['purposes-of-use'], date)
  const tariff = versionInForce(reference.versions['osago-tariff'], date)
  if (!regions || !catalog || !purposes || !tariff)
    throw new AppError('REFERENCE_DATA', 'osago.errors.noTariffVersion', { date })
  return {
    date,
    ...formDirectories(regions, catalog),
    purposes: purposes.data.purposes.map((p) => ({
      code: p.code,
      nameRu: p.name.ru,
      nameEn: p.name.en,
      diagnosticCardRequired: p.diagnosticCardRequired.value,
    })),
    kbmClasses: [...kbmClasses],
    pricedCategories: pricedCategories(tariff),
    minMonthsOfUse: {
      individual: tariff.data.ks.minTotalMonths.individual.value,
      legal: tariff.data.ks.minTotalMonths.legal.value,
    },
  }
}

function pricedCategories(tariff: { data: { tb: ReadonlyArray<{ categories: readonly string[] }> } }): string[] {
  return [...new Set(tariff.data.tb.flatMap((row) => row.categories))]
}
