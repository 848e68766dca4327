import { z } from 'zod'
import { channel } from '../contract/channel'
import { ADMINS } from '../staff/roleGroups'

export interface SecuritySettings {
  idleLockMinutes: number
  maxFailedSignIns: number
  lockoutMinutes: number
  rowVersion: number
}

export interface DiagnosticsSaved {
  /** Null when the admin cancelled the save dialog. */
  savedTo: string | null
  /** Names of the files inside the archive (what support will find). */
  entries: string[]
}

export const securitySettingsInput = z.strictObject({
  idleLockMinutes: z
    .number()
    .int()
    .min(1, { message: 'validation.number.min' })
    .max(240, { message: 'validation.number.max' }),
  maxFailedSignIns: z
    .number()
    .int()
    .min(3, { message: 'validation.number.min' })
    .max(20, { message: 'validation.number.max' }),
  lockoutMinutes: z
    .number()
    .int()
    .min(1, { message: 'validation.number.min' })
    .max(1440, { message: 'validation.number.max' }),
  /** 0 while the branch still runs on the defaults. */
  rowVersion: z.number().int().min(0),
})

export const settingsContract = {
  'settings/get-security': channel<SecuritySettings>()({ input: z.strictObject({}).optional(), access: 'signed-in' }),
  'settings/update-security': channel<SecuritySettings>()({ input: securitySettingsInput, access: ADMINS }),
  /** «Сохранить диагностику»: a zip for support, written where the admin chooses in the save dialog (core/support). */
  'settings/save-diagnostics': channel<DiagnosticsSaved>()({ input: z.strictObject({}).optional(), access: ADMINS }),
} as const
