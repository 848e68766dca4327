import type { OsagoFormReference } from '../../shared/osago/formReference'
import type { ReferenceFileOf } from './loadReferenceData'

/** The part of a motor form's reference that every such form offers alike (OSAGO, CASCO). */
export type FormDirectories = Pick<OsagoFormReference, 'regions' | 'makes' | 'models' | 'categories'>

/**
 * The regions with their cities and the vehicle catalogue (makes, models, categories and what each category asks)
 * as the forms show them, from the versions the caller found in force — the caller, because a missing version is
 * its own error (no OSAGO tariff, no CASCO tariff).
 */
export function formDirectories(
  regions: ReferenceFileOf<'regions'>,
  catalog: ReferenceFileOf<'vehicle-catalog'>,
): FormDirectories {
  return {
    regions: regions.data.regions.map((r) => ({
      code: r.code,
      name: r.name,
      federalCity: r.federalCity,
      cities: 'cities' in r ? r.cities.map((c) => c.name) : [],
    })),
    makes: catalog.data.makes.map((m) => ({ id: m.id, name: m.name, nameRu: m.nameRu })),
    models: catalog.data.models.map((m) => ({
      id: m.id,
      makeId: m.makeId,
      model: m.model,
      category: m.category.value,
      aliases: m.aliases ?? [],
    })),
    categories: catalog.data.categories.map((c) => ({
      code: c.code,
      asks: [...c.asks],
      diagnosticCardRequired: c.diagnosticCardRequired.value,
    })),
  }
}
