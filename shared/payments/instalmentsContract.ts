import { z } from 'zod'
import { channel } from '../contract/channel'
import type { ListPage } from '../contract/listPage'
import { DESK } from '../staff/roleGroups'
import { idSchema } from '../staff/schemas'
import type { InstalmentConsequence, InstalmentStatus } from './instalments'
import { MONEY_METHODS, type MoneyMethod } from './payment'

/**
 * CASCO instalments as receivables (issue 16 point 2; docs/domain/payments.md#casco-instalments): the due list
 * «Взносы КАСКО», a contract's schedule with what is paid, and taking an instalment at the counter. Derived from the
 * contracts' schedules and the `payment` rows (purpose `casco_instalment`, `instalment_no` = the schedule's
 * position from 1; the first instalment is paid at issue); no table of its own (decision 106).
 */

/** The statuses the due list holds (a paid instalment leaves it; the contract's schedule shows it). */
export const DUE_LIST_STATUSES = ['upcoming', 'reminder', 'due', 'grace', 'overdue'] as const
export type DueListStatus = (typeof DUE_LIST_STATUSES)[number]

export interface DueInstalment {
  contractId: string
  contractNumber: string | null
  client: string | null
  /** The insured's phone as typed, else the owner's. */
  phone: string | null
  vehicle: string | null
  plate: string | null
  /** Position in the schedule from 1 (1 is paid at issue), and how many there are. */
  instalmentNo: number
  instalmentCount: number
  dueDate: string
  amountKopecks: number
  /** What is still owed on it (the amount, unless partial payments are allowed and some was paid). */
  owedKopecks: number
  status: DueListStatus
  lastDayToPay: string
  graceLastDay: string
  daysLeft: number
  consequence: InstalmentConsequence | null
  /** False once the contract has ended for want of it (or for an earlier unpaid one). */
  payable: boolean
}

export interface DueInstalmentPage extends ListPage<DueInstalment> {
  /** The branch's date the statuses are for. */
  today: string
  /** How many instalments of each status the whole list holds (the filter's counters). */
  counts: Record<DueListStatus, number>
  reminderDaysBefore: number
}

export interface InstalmentPaymentView {
  id: string | null
  direction: 'in' | 'out'
  amountKopecks: number
  method: MoneyMethod
  receiptNumber: string
  paidAt: string
  clerkName: string | null
}

export interface ContractInstalment {
  instalmentNo: number
  dueDate: string
  amountKopecks: number
  paidKopecks: number
  status: InstalmentStatus
  lastDayToPay: string
  graceLastDay: string
  daysLeft: number
  consequence: InstalmentConsequence | null
  payable: boolean
  payments: InstalmentPaymentView[]
}

export interface ContractInstalments {
  contractId: string
  contractNumber: string | null
  today: string
  /** Whether the contract may still take payments: issued, not terminated, not ended for a missed instalment. */
  open: boolean
  /** The terms version the contract runs under (kind `casco-instalment-terms`). */
  termsVersion: string
  partialPayments: boolean
  items: ContractInstalment[]
}

export const instalmentPaymentInput = z.strictObject({
  amountKopecks: z.number({ message: 'validation.required' }).int().positive({ message: 'validation.required' }),
  method: z.enum(MONEY_METHODS, { message: 'validation.required' }),
  // Typed when the branch has no cash register; the journal's takeReceipt checks it (or fiscalises instead).
  receiptNumber: z.string().trim().max(40, { message: 'validation.text.tooLong' }).optional(),
})

export const instalmentsContract = {
  /** The due list: every unpaid later instalment of the branch's CASCO contracts in force, most urgent first. */
  'payments/list-instalments': channel<DueInstalmentPage>()({
    input: z
      .strictObject({
        statuses: z.array(z.enum(DUE_LIST_STATUSES)).max(DUE_LIST_STATUSES.length).optional(),
        query: z.string().trim().max(100).optional(),
        limit: z.number().int().min(1).max(200).default(50),
        offset: z.number().int().min(0).max(100_000).default(0),
      })
      .optional(),
    access: DESK,
  }),
  /** One contract's schedule with each instalment's status and payments (the CASCO contract view). */
  'payments/get-contract-instalments': channel<ContractInstalments>()({
    input: z.strictObject({ id: idSchema }),
    access: DESK,
  }),
  /** Takes one instalment in its scheduled amount: the receipt, then the journal's row; answers the schedule. */
  'payments/accept-instalment': channel<ContractInstalments>()({
    input: z.strictObject({
      contractId: idSchema,
      instalmentNo: z.number().int().min(2).max(12),
      payment: instalmentPaymentInput,
    }),
    access: DESK,
  }),
} as const
