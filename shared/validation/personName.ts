import { optionalField, requiredField, type FieldRules } from './field'
import { latinTwinsToCyrillic } from './lookalikes'

export const PERSON_NAME_MAX = 60

const LOWER_TWINS: Readonly<Record<string, string>> = { a: 'а', e: 'е', o: 'о', p: 'р', c: 'с', x: 'х', y: 'у' }

/**
 * One part of a full name (surname, given name, patronymic) as in the passport. Dashes and apostrophes of every
 * typographic kind become the plain ones, spaces are collapsed and removed around them. A Latin twin inside a
 * Cyrillic word is a layout slip and is folded; a wholly Latin name is left alone so the check can say so. Case is
 * kept: particles like «оглы» or «де» are lower-case in documents.
 */
export function normalisePersonName(raw: string): string {
  const tidy = raw
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\u2018\u2019\u02bc`\u00b4]/g, "'")
    .replace(/\s+/g, ' ')
    .replace(/ ?([-']) ?/g, '$1')
    .trim()
  if (!/[А-ЯЁа-яё]/.test(tidy)) return tidy
  return latinTwinsToCyrillic(tidy).replace(/[aeopcxy]/g, (c) => LOWER_TWINS[c] ?? c)
}

export const personName: FieldRules = {
  normalise: normalisePersonName,
  check(raw) {
    const value = normalisePersonName(raw)
    if (value === '') return 'validation.required'
    if (/[A-Za-z]/.test(value)) return 'validation.personName.latin'
    if (/[^А-ЯЁа-яё' -]/.test(value)) return 'validation.personName.characters'
    if (!/^[А-ЯЁа-яё](.*[А-ЯЁа-яё])?$/.test(value) || /[' -]{2}/.test(value)) return 'validation.personName.shape'
    return value.length > PERSON_NAME_MAX ? 'validation.personName.tooLong' : null
  },
  params: (key) => (key === 'validation.personName.tooLong' ? { max: PERSON_NAME_MAX } : undefined),
}

/** Surname and given name. */
export const personNameSchema = requiredField(personName)
/** Patronymic: many people have none. */
export const optionalPersonNameSchema = optionalField(personName)
