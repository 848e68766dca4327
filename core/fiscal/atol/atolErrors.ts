/**
 * libfptr's error codes (АТОЛ Драйвер ККТ v10, the LIBFPTR_ERROR_* constants its bindings publish; a JSON task that
 * fails reports one as `errorCode`) that a clerk can act on, with what to tell them. Any other code is shown with the
 * register's own description. Sources: docs/domain/payments.md#atol-web-server-protocol.
 */
export const ATOL_ERROR = {
  NO_CONNECTION: 2,
  INVALID_PARAM: 13,
  NO_PAPER: 44,
  COVER_OPENED: 45,
  SHIFT_EXPIRED: 68,
  DENIED_IN_CLOSED_SHIFT: 73,
  DENIED_IN_OPENED_SHIFT: 83,
  FN_EXPIRED: 120,
  FN_OVERFLOW: 121,
  FN_RESOURCE_HAS_EXPIRED: 137,
  FN_SHIFT_EXPIRED: 141,
} as const

const KEYS: Readonly<Record<number, string>> = {
  [ATOL_ERROR.NO_CONNECTION]: 'fiscal.errors.noDevice',
  [ATOL_ERROR.NO_PAPER]: 'fiscal.errors.noPaper',
  [ATOL_ERROR.COVER_OPENED]: 'fiscal.errors.coverOpened',
  [ATOL_ERROR.SHIFT_EXPIRED]: 'fiscal.errors.shiftExpired',
  [ATOL_ERROR.FN_SHIFT_EXPIRED]: 'fiscal.errors.shiftExpired',
  [ATOL_ERROR.DENIED_IN_CLOSED_SHIFT]: 'fiscal.errors.shiftClosed',
  [ATOL_ERROR.DENIED_IN_OPENED_SHIFT]: 'fiscal.errors.shiftAlreadyOpen',
  [ATOL_ERROR.FN_OVERFLOW]: 'fiscal.errors.fnFull',
  [ATOL_ERROR.FN_EXPIRED]: 'fiscal.errors.fnExpired',
  [ATOL_ERROR.FN_RESOURCE_HAS_EXPIRED]: 'fiscal.errors.fnExpired',
}

/** The message key for a register's error code; `fiscal.errors.device` (with code and description) otherwise. */
export function atolErrorKey(code: number): string {
  return KEYS[code] ?? 'fiscal.errors.device'
}
