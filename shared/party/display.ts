/**
 * How a party is named in lists, search and signatures. Tolerant of records stored before parties had a kind
 * (those are people).
 */
interface Named {
  kind?: string
  surname?: string
  name?: string
  patronymic?: string | null
  fullName?: string
  shortName?: string | null
}

export function personFullName(p: { surname: string; name: string; patronymic?: string | null }): string {
  return [p.surname, p.name, p.patronymic]
    .map((s) => (s ?? '').trim())
    .filter(Boolean)
    .join(' ')
}

/** The short name when there is one (what people call the organisation), else the full name. */
export function organisationName(o: { fullName: string; shortName?: string | null }): string {
  return (o.shortName ?? '').trim() || o.fullName.trim()
}

export function partyName(p: Named): string {
  if (p.kind === 'organisation') return organisationName({ fullName: p.fullName ?? '', shortName: p.shortName ?? null })
  return personFullName({ surname: p.surname ?? '', name: p.name ?? '', patronymic: p.patronymic ?? null })
}
