/**
 * The gender a Russian patronymic shows: -ович/-евич/-ич (Ильич) and the Turkic «оглы»/«улы» are a man's,
 * -овна/-евна/-ична/-инична and «кызы»/«гызы» a woman's. Used only to pre-select the gender the clerk has not chosen
 * yet (the clerk sees it and may change it); null when the ending says nothing (no patronymic, a foreign one).
 */
export function genderFromPatronymic(patronymic: string | null | undefined): 'male' | 'female' | null {
  const p = (patronymic ?? '').trim().toLowerCase().replace(/ё/g, 'е')
  if (p.length < 3) return null
  if (/(ич|\sоглы|\sулы)$/.test(p) || p === 'оглы') return 'male'
  if (/(вна|чна|\sкызы|\sгызы)$/.test(p)) return 'female'
  return null
}
