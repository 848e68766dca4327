import { z } from 'zod'
import { channel } from '../contract/channel'

export const LOCALES = ['ru', 'en'] as const
export type Locale = (typeof LOCALES)[number]

export interface BranchInfo {
  id: string
  code: string
  name: string
  city: string
}

export interface AppStatus {
  /** No branch yet: the first-run screen creates it and its admin. */
  firstRun: boolean
  branch: BranchInfo | null
  /**
   * Sync with head office: 'not-configured' until the device is enrolled. A fresh device enrolled from the
   * first-run screen is 'enrolled' with no branch until its first pull brings the branch in.
   */
  hq:
    | { state: 'not-configured' }
    | { state: 'enrolled'; branchCode: string | null; online: boolean | null; lastSuccessAt: string | null }
  appVersion: string
  /** Reference data versions in force today, for the about box and support. */
  referenceVersions: Record<string, string | null>
  /** The branch's time zone (IANA): the forms' "today" is the date there. */
  timeZone: string
  /** The core's clock at the answer (ISO instant): the renderer keeps to it, so "today" is the core's today. */
  now: string
}

export const appContract = {
  'app/get-status': channel<AppStatus>()({ input: z.strictObject({}).optional(), access: 'public', whileLocked: true }),
  'app/set-locale': channel<{ locale: Locale }>()({
    input: z.strictObject({ locale: z.enum(LOCALES) }),
    access: 'public',
    whileLocked: true,
  }),
} as const
