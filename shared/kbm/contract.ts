import { z } from 'zod'
import { channel } from '../contract/channel'
import { osagoDraftSchema } from '../osago/draftSchema'
import type { OsagoPolicy } from '../osago/policy'
import { DESK } from '../staff/roleGroups'
import { idSchema, rowVersionSchema } from '../staff/schemas'

/** One person's class as the register gave it on a re-check of an issued policy, beside the class it was issued with. */
export interface KbmRecheckResult {
  /** `driver:<index>` or `owner`. */
  ref: string
  /** The class on the issued policy (typed by the clerk). */
  typedClass: string
  class: string
  requestId: string
  checkedAt: string
  found: boolean
}

/** The re-check of an issued policy after a sync (docs/domain/kbm-check.md#re-check-after-sync). */
export interface KbmRecheck {
  policyId: string
  checkedAt: string
  /** The register gave another class than the policy was priced with: the policy is flagged. */
  differs: boolean
  /** Empty when every class was confirmed by the register at the counter already. */
  results: KbmRecheckResult[]
  /** A flag the desk dismissed (kbm/dismiss-flag): no longer listed as flagged; null while it stands. */
  dismissed: { at: string; byName: string | null; reason: string } | null
}

/** An issued policy the re-check flagged, as the home screen lists it. */
export interface KbmFlaggedPolicy {
  policyId: string
  policyNumber: string | null
  insuredName: string | null
  checkedAt: string
}

export const kbmContract = {
  /**
   * «Проверить КБМ»: the draft on screen, its drivers (or its owner for any driver) asked of the national database
   * through HQ, saved with the classes returned and their request ids. Refused with a clear message when HQ is out
   * of reach or the device is not enrolled: the typed class with its reason stays.
   */
  'kbm/check-draft': channel<OsagoPolicy>()({
    input: z.strictObject({ id: idSchema, rowVersion: rowVersionSchema, draft: osagoDraftSchema }),
    access: DESK,
  }),
  /** The re-check of an issued policy, null until one was made. */
  'kbm/get-recheck': channel<KbmRecheck | null>()({ input: z.strictObject({ id: idSchema }), access: DESK }),
  /**
   * Dismisses the «class differs» flag of an issued policy's re-check with the reason (the client brought a
   * certificate, the policy was changed…): audited; the policy leaves the flagged list.
   */
  'kbm/dismiss-flag': channel<KbmRecheck>()({
    input: z.strictObject({
      id: idSchema,
      reason: z
        .string({ error: () => 'validation.required' })
        .trim()
        .min(3, { message: 'validation.required' })
        .max(300, { message: 'validation.text.tooLong' }),
    }),
    access: DESK,
  }),
  /** Issued policies the re-check flagged (not dismissed), newest first. */
  'kbm/list-flagged': channel<{ items: KbmFlaggedPolicy[]; more: boolean }>()({
    input: z.strictObject({ limit: z.number().int().min(1).max(50).default(5) }).optional(),
    access: DESK,
  }),
} as const
