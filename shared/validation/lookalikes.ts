/**
 * Letters that look the same in both alphabets. Clerks switch keyboard layouts mid-word, and documents printed in
 * one script are read back in the other, so identifiers are folded to the script the format requires.
 */
const CYRILLIC_TO_LATIN: Readonly<Record<string, string>> = {
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  У: 'Y',
  Х: 'X',
}
const LATIN_TO_CYRILLIC: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(CYRILLIC_TO_LATIN).map(([cyr, lat]) => [lat, cyr]),
)

/** The twelve Cyrillic capitals that have a Latin twin (also the only letters allowed on a plate). */
export const LOOKALIKE_CYRILLIC = Object.keys(CYRILLIC_TO_LATIN).join('')
export const LOOKALIKE_LATIN = Object.values(CYRILLIC_TO_LATIN).join('')

/** Upper-case Latin twins → Cyrillic; everything else unchanged. */
export function latinTwinsToCyrillic(upper: string): string {
  return upper.replace(/[A-Z]/g, (c) => LATIN_TO_CYRILLIC[c] ?? c)
}

/** Upper-case Cyrillic twins → Latin; everything else unchanged. */
export function cyrillicTwinsToLatin(upper: string): string {
  return upper.replace(/[А-ЯЁ]/g, (c) => CYRILLIC_TO_LATIN[c] ?? c)
}

/** Spaces of any kind (`\s` covers the no-break space Word pastes), hyphens and dashes, the numero sign. */
export function stripSeparators(raw: string): string {
  return raw.replace(/[\s\-\u2010-\u2015\u2212№]/g, '')
}

export function stripSpaces(raw: string): string {
  return raw.replace(/\s/g, '')
}
