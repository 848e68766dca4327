/**
 * Why a CASCO quote could not be made. `messageKey` is an i18n key under `casco.` (texts in
 * shared/i18n/<locale>/casco.ts); `field` is the input path to fix (`options[1].franchise.value`), null when the
 * problem is in the reference data. `kind` separates bad input (shown next to the field) from a value missing in
 * the tariff or rules in force (the quote stops naming the table and key, as the product decisions require).
 */
export type CascoQuoteErrorKind = 'input' | 'tariff'

export class CascoQuoteError extends Error {
  constructor(
    readonly kind: CascoQuoteErrorKind,
    readonly field: string | null,
    readonly messageKey: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`${field ?? '(reference data)'}: ${messageKey} ${JSON.stringify(params)}`)
    this.name = 'CascoQuoteError'
  }
}

/** A value the quote needs is absent from the tariff or rules version in force. */
export function missingValue(
  version: string,
  table: string,
  key: string,
  field: string | null = null,
): CascoQuoteError {
  return new CascoQuoteError('tariff', field, 'casco.errors.tableValueMissing', { version, table, key })
}

/** Input path as the form and the CLI name it: ['options', 0, 'risks'] → options[0].risks. */
export function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>(
    (acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${String(part)}` : String(part)),
    '',
  )
}
