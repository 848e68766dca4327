import type { ErrorCode } from '../../shared/contract/result'

/**
 * Thrown inside the core; the dispatcher turns it into `{ ok: false, error }` with the message translated into
 * the caller's language. `messageKey` is an i18n key; `params` fill its placeholders.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly messageKey: string,
    readonly params: Record<string, string | number> = {},
    readonly fieldErrors?: Record<string, string>,
    /** The placeholders of the field messages, by the same paths (a VIN's entered length). */
    readonly fieldParams?: Record<string, Record<string, string | number>>,
  ) {
    super(messageKey)
    this.name = 'AppError'
  }
}
