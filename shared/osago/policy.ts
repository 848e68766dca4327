import type { OsagoApplication } from './application'
import type { StoredOsagoPremium } from './calculator'
import type { OsagoDraft } from './draft'

/**
 * An OSAGO contract as the branch keeps it. Lifecycle: draft (autosaved as typed) → calculated (the complete
 * application priced and the breakdown stored) → issued (payment recorded, blank assigned, read-only) → printed.
 * A draft or a calculated policy can be discarded. Editing a calculated policy returns it to draft.
 */
export const OSAGO_STATUSES = ['draft', 'calculated', 'issued', 'printed', 'discarded'] as const
export type OsagoStatus = (typeof OSAGO_STATUSES)[number]

export const PAYMENT_METHODS = ['cash', 'card'] as const
export type PaymentMethod = (typeof PAYMENT_METHODS)[number]

export interface OsagoPayment {
  amountKopecks: number
  method: PaymentMethod
  receiptNumber: string
  paidAt: string
}

export interface BlankRef {
  id: string
  series: string
  number: string
}

/** The insurer's own details printed on the policy (resources/reference/insurer.json). */
export interface InsurerDetails {
  name: string
  address: string
  phone: string
  website: string
}

export interface OsagoPolicy {
  id: string
  status: OsagoStatus
  /** The application as the clerk typed it (stored once; possibly incomplete until calculated). */
  draft: OsagoDraft
  /** The validated application, present from `calculated` on: derived from the draft, not stored again. */
  application: OsagoApplication | null
  /** As stored: calculations from before the premium ceiling lack its fields. */
  calculation: StoredOsagoPremium | null
  blank: BlankRef | null
  payment: OsagoPayment | null
  /** Contract term: start and end dates (end = start + 1 year − 1 day), from `calculated` on. */
  startDate: string | null
  endDate: string | null
  issuedAt: string | null
  issuedBy: string | null
  createdAt: string
  updatedAt: string
  rowVersion: number
}

/** What the list and search show without loading the whole record. */
export interface OsagoPolicySummary {
  id: string
  status: OsagoStatus
  insuredName: string | null
  plate: string | null
  vin: string | null
  policyNumber: string | null
  premiumKopecks: number | null
  startDate: string | null
  updatedAt: string
}
