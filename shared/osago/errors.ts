/**
 * Why a premium could not be calculated. `messageKey` is an i18n key under `osago.` (texts in
 * shared/i18n/<locale>/osago.ts); `field` is the input path the operator has to fix (`drivers[1].licenseSince`).
 * `kind` separates bad input (the form shows it next to the field) from missing tariff data (the calculation
 * stops and names the table and key, as the product decisions require).
 */
export interface OsagoError {
  kind: 'input' | 'tariff'
  field: string | null
  messageKey: string
  params: Record<string, string | number>
}

export function inputError(
  field: string,
  messageKey: string,
  params: Record<string, string | number> = {},
): OsagoError {
  return { kind: 'input', field, messageKey, params }
}

/** A value the calculation needs is absent from the tariff version in force. */
export function missingValue(version: string, table: string, key: string, field: string | null = null): OsagoError {
  return { kind: 'tariff', field, messageKey: 'osago.errors.tableValueMissing', params: { version, table, key } }
}

/** Input path as the form and the CLI name it: ['drivers', 0, 'birthDate'] → drivers[0].birthDate. */
export function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>(
    (acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${String(part)}` : String(part)),
    '',
  )
}
