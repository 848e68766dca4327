import { AppError } from '../app/appError'

/**
 * A register that refused or did not answer. `outcome` matters for money: `failed` — the register said no, nothing
 * was fiscalised, the payment may be retried; `unknown` — the task was handed over but its result never came (a
 * timeout): the receipt may have been printed, so the clerk looks at the register before trying again.
 */
export class FiscalError extends AppError {
  constructor(
    messageKey: string,
    params: Record<string, string | number>,
    readonly outcome: 'failed' | 'unknown',
    /** The driver's own error code (libfptr's LIBFPTR_ERROR_*), when the register gave one. */
    readonly driverCode: number | null = null,
  ) {
    super('CONFLICT', messageKey, params)
    this.name = 'FiscalError'
  }
}
