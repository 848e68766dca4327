import { z } from 'zod'
import { referenceFile, verifiedValue } from '../reference/envelope'

/**
 * What happens around a CASCO instalment's due date (kind `casco-instalment-terms`,
 * `resources/rules/casco-instalment-terms.json`; docs/domain/payments.md#casco-instalments). The law leaves the
 * consequences of a late instalment to the contract (GK RF art. 954 p. 3), so they are data the insurer's rules
 * set: when the reminder starts, how long a grace period runs, and what follows it. Kept apart from
 * `casco-instalments` (the plans' surcharges, owned by the CASCO quote) so that either can change alone.
 * The version in force on the contract's first payment date governs the whole contract: terms are fixed when it
 * is concluded.
 */
export const CASCO_INSTALMENT_TERMS_KIND = 'casco-instalment-terms'

const days = (max: number) => z.number().int().min(0).max(max)

export const AFTER_GRACE = ['suspend', 'terminate'] as const
export type AfterGrace = (typeof AFTER_GRACE)[number]

export const SUSPENSION_STARTS = ['dayAfterDue', 'dayAfterGrace'] as const
export type SuspensionStart = (typeof SUSPENSION_STARTS)[number]

export const cascoInstalmentTermsDataSchema = z
  .object({
    /** The reminder window opens this many calendar days before the due date. */
    reminderDaysBefore: verifiedValue(days(90)),
    /** Calendar days after the last day to pay during which a late payment is still taken with cover intact. */
    graceDays: verifiedValue(days(90)),
    /** When the grace period has run out unpaid: the cover is suspended until paid, or the contract ends. */
    afterGrace: verifiedValue(z.enum(AFTER_GRACE)),
    /** The first day without cover once suspended: the day after the last day to pay, or after the grace. */
    suspensionStarts: verifiedValue(z.enum(SUSPENSION_STARTS)),
    /**
     * A suspended contract ends this many calendar days after its suspension began (counted from that day); null:
     * it stays suspended until paid or terminated by an application.
     */
    terminateAfterDays: verifiedValue(z.number().int().min(1).max(366).nullable()),
    /** A due date on a day off moves to the next working day (GK RF art. 193) — the branch's production calendar. */
    dueDateMovesToWorkingDay: verifiedValue(z.boolean()),
    /** Whether less than the scheduled amount may be taken for an instalment. */
    partialPayments: verifiedValue(z.boolean()),
  })
  .strict()
export type CascoInstalmentTerms = z.infer<typeof cascoInstalmentTermsDataSchema>

export const cascoInstalmentTermsFileSchema = referenceFile(CASCO_INSTALMENT_TERMS_KIND, cascoInstalmentTermsDataSchema)
export type CascoInstalmentTermsFile = z.infer<typeof cascoInstalmentTermsFileSchema>
