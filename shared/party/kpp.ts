import { cyrillicTwinsToLatin, stripSeparators } from '../validation/lookalikes'

/**
 * KPP (код причины постановки на учёт), 9 characters NNNN PP NNN: the tax office's code, the reason for
 * registration, a serial number. Since 2013 the reason may also be two capital Latin letters (FNS order
 * ММВ-7-6/435@). It carries no check digit, so only the shape can be checked.
 */
export function normaliseKpp(raw: string): string {
  return cyrillicTwinsToLatin(stripSeparators(raw).toUpperCase())
}

export function isKpp(value: string): boolean {
  return /^\d{4}[\dA-Z]{2}\d{3}$/.test(value)
}
