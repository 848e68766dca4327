import { z } from 'zod'
import { channel } from '../contract/channel'
import { ADMINS } from '../staff/roleGroups'

/**
 * The cash register this computer fiscalises payments on (54-FZ; docs/domain/payments.md#54-fz-receipts). It is a
 * setting of this computer, not of the branch: the register and the ATOL web server that drives it are attached to
 * one machine, and two desks of a branch have a register each. Without one (`none`) the clerk types the number of
 * the receipt the stand-alone register printed (shared/fiscal/receiptNumber.ts).
 */
export const FISCAL_DRIVERS = ['none', 'atol-web'] as const
export type FiscalDriver = (typeof FISCAL_DRIVERS)[number]

/** ATOL's web server listens on this computer's port 16732 unless its settings say otherwise. */
export const ATOL_WEB_DEFAULT_URL = 'http://127.0.0.1:16732'
export const FISCAL_TIMEOUT_SECONDS = { min: 5, max: 120, default: 30 } as const

export type FiscalSettings = { driver: 'none' } | { driver: 'atol-web'; url: string; timeoutSeconds: number }

/** Only an http(s) address of a host, with no credentials or query in it: the core sends receipts there. */
export function isRegisterUrl(text: string): boolean {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return false
  }
  return (
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    url.hostname !== '' &&
    url.username === '' &&
    url.password === '' &&
    url.search === '' &&
    url.hash === ''
  )
}

export const fiscalSettingsInput = z.discriminatedUnion('driver', [
  z.strictObject({ driver: z.literal('none') }),
  z.strictObject({
    driver: z.literal('atol-web'),
    url: z
      .string()
      .trim()
      .min(1, { message: 'validation.required' })
      .max(200, { message: 'validation.registerUrl.format' })
      .refine(isRegisterUrl, { message: 'validation.registerUrl.format' })
      // One form for one address: «http://127.0.0.1:16732/» and «…16732» are the same server.
      .transform((s) => s.replace(/\/+$/u, '')),
    timeoutSeconds: z
      .number()
      .int()
      .min(FISCAL_TIMEOUT_SECONDS.min, { message: 'validation.number.min' })
      .max(FISCAL_TIMEOUT_SECONDS.max, { message: 'validation.number.max' }),
  }),
])

/** What «Проверить кассу» found. `error` is a message key with its parameters when the register did not answer. */
export interface RegisterCheck {
  driver: FiscalDriver
  connected: boolean
  shiftOpen: boolean | null
  shiftNumber: number | null
  /** The shift has been open for more than 24 hours: the register takes no receipt until it is closed. */
  shiftExpired: boolean | null
  error: { key: string; params: Record<string, string | number> } | null
}

export const fiscalContract = {
  /** Every role asks it: the payment form types the receipt number only when there is no register. */
  'fiscal/get-settings': channel<FiscalSettings>()({ input: z.strictObject({}).optional(), access: 'signed-in' }),
  'fiscal/set-settings': channel<FiscalSettings>()({ input: fiscalSettingsInput, access: ADMINS }),
  /** Asks the register for its shift: the saved settings, or the ones on the admin's form before saving them. */
  'fiscal/check-register': channel<RegisterCheck>()({
    input: z.strictObject({ settings: fiscalSettingsInput.optional() }).optional(),
    access: ADMINS,
  }),
} as const
