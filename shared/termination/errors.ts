/** Input that cannot describe a real termination (event after the application, term ending before it starts…). */
export class TerminationInputError extends Error {
  /** `messageKey` is an i18n key under `termination.error`; `field` is the input field at fault. */
  constructor(
    readonly field: string,
    readonly messageKey: string,
  ) {
    super(`${field}: ${messageKey}`)
    this.name = 'TerminationInputError'
  }
}

/**
 * A rule the calculation needs is absent from the rules version in force. The calculation stops instead of
 * guessing (docs/domain/product-decisions.md); the message names the table and the key so HQ can ship the value.
 */
export class MissingRuleError extends Error {
  constructor(
    readonly table: string,
    readonly key: string,
    detail: string,
  ) {
    super(`${table}: no value for "${key}" (${detail})`)
    this.name = 'MissingRuleError'
  }
}
