import { z } from 'zod'
import type { CascoQuoteRecord } from '../casco/contract'
import { channel } from '../contract/channel'
import type { ListPage } from '../contract/listPage'
import type { OsagoPolicy } from '../osago/policy'
import { idSchema } from '../staff/schemas'
import { DESK } from '../staff/roleGroups'

/**
 * Renewal at the office (issue 15 point 2; docs/domain/renewal.md): the worklist «Истекают в ближайшие 60 дней» of
 * the branch's OSAGO and CASCO contracts, and the two moves that start a renewal from it. A renewal is a new draft
 * (OSAGO) or quote (CASCO) carrying the expiring contract's data and linked to it.
 */
export const RENEWAL_PRODUCTS = ['osago', 'casco'] as const
export type RenewalProduct = (typeof RENEWAL_PRODUCTS)[number]

export interface ExpiringContract {
  product: RenewalProduct
  id: string
  /** «ХХХ 0123456789» for OSAGO, the contract number for CASCO. */
  number: string | null
  client: string | null
  /** The insured's phone as typed, else the owner's. */
  phone: string | null
  vehicle: string | null
  plate: string | null
  /** YYYY-MM-DD, the contract's last day. */
  endDate: string
  daysLeft: number
  /** The renewal already started (a draft or quote in progress), opened instead of a second one. */
  renewalId: string | null
}

export interface ExpiringPage extends ListPage<ExpiringContract> {
  today: string
  /** The window in days (reference data `renewal-rules`, OSAGO's). */
  days: number
}

/** One end of a renewal link, as the forms show it. */
export interface RenewalLinkRef {
  product: RenewalProduct
  id: string
  number: string | null
  status: string
  endDate: string | null
}

export interface RenewalLinks {
  /** The contract this one renews. */
  renews: RenewalLinkRef | null
  /** The renewal of this contract (not a discarded one). */
  renewedBy: RenewalLinkRef | null
}

const contractRef = z.strictObject({ id: idSchema })

export const renewalContract = {
  'renewal/list-expiring': channel<ExpiringPage>()({
    input: z
      .strictObject({
        limit: z.number().int().min(1).max(200).default(50),
        offset: z.number().int().min(0).max(100_000).default(0),
      })
      .optional(),
    access: DESK,
  }),
  /** Starts (or, the second time, opens) the renewal of an OSAGO policy: a new draft linked to it. */
  'osago/renew-policy': channel<OsagoPolicy>()({ input: contractRef, access: DESK }),
  /** Starts (or opens) the renewal of a CASCO contract: a new quote marked as its renewal, linked to it. */
  'casco/renew-contract': channel<CascoQuoteRecord>()({ input: contractRef, access: DESK }),
  'renewal/get-links': channel<RenewalLinks>()({
    input: z.strictObject({ product: z.enum(RENEWAL_PRODUCTS), id: idSchema }),
    access: DESK,
  }),
} as const
