/** What the OSAGO form needs from the reference data, in force on the conclusion date. */
export interface OsagoFormReference {
  date: string
  regions: Array<{ code: string; name: string; federalCity: boolean; cities: string[] }>
  makes: Array<{ id: string; name: string; nameRu: string }>
  models: Array<{ id: string; makeId: string; model: string; category: string; aliases: string[] }>
  categories: Array<{ code: string; asks: Array<'powerHp' | 'maxMassKg' | 'seats'>; diagnosticCardRequired: boolean }>
  purposes: Array<{ code: string; nameRu: string; nameEn: string; diagnosticCardRequired: boolean }>
  kbmClasses: string[]
  /** Categories the OSAGO tariff in force prices at the counter. */
  pricedCategories: string[]
  /** Least total months of use by owner type (tariff `ks.minTotalMonths`); null where none are sold (40-FZ art. 16). */
  minMonthsOfUse: { individual: number; legal: number | null }
}
