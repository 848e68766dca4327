/**
 * What every call across the renderer↔core boundary returns. Errors are data, never thrown across the boundary,
 * so the renderer can always show something useful and a bad call cannot crash the main process.
 */
export const ERROR_CODES = [
  'VALIDATION', // input failed its schema; fieldErrors says where
  'UNKNOWN_CHANNEL',
  'BAD_SENDER', // the call did not come from the app's own page
  'PAYLOAD_TOO_LARGE',
  'UNAUTHENTICATED', // nobody is signed in
  'SESSION_LOCKED', // idle lock: re-enter the password
  'FORBIDDEN', // the signed-in role may not do this
  'INVALID_CREDENTIALS',
  'ACCOUNT_LOCKED', // too many failed sign-ins
  'ACCOUNT_DISABLED',
  'NOT_FOUND',
  'CONFLICT', // state does not allow it (already exists, stale row version, wrong status)
  'REFERENCE_DATA', // a needed tariff/reference value is missing
  'INTERNAL',
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

export interface ApiError {
  code: ErrorCode
  /** Human-readable, already in the user's language. */
  message: string
  /** Dotted field path → i18n message key (the form translates and shows it at the field). */
  fieldErrors?: Record<string, string>
  /** The placeholders of those messages by the same paths («введено {n}»); only paths whose message has any. */
  fieldParams?: Record<string, Record<string, string | number>>
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError }

export const ok = <T>(value: T): Result<T> => ({ ok: true, value })
export const fail = (
  code: ErrorCode,
  message: string,
  fieldErrors?: Record<string, string>,
  fieldParams?: Record<string, Record<string, string | number>>,
): Result<never> => ({
  ok: false,
  error: {
    code,
    message,
    ...(fieldErrors ? { fieldErrors } : {}),
    ...(fieldParams && Object.keys(fieldParams).length ? { fieldParams } : {}),
  },
})
