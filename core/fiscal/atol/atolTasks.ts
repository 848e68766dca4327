import { z } from 'zod'
import { kopecksToRoubles } from '../../../shared/fiscal/roubles'
import type { FiscalCashier, FiscalReceiptRequest } from '../api'

/**
 * The JSON tasks of ATOL's driver (libfptr JSON, «JSON-задания») that Branch Desk sends through the web server, and
 * the parts of their results it reads (docs/domain/payments.md#atol-web-server-protocol).
 */

/** Tag 1030 holds at most 128 characters; a longer name is refused by the register. */
export const ITEM_NAME_MAX = 128

export interface AtolOperator {
  name: string
  vatin?: string
}

export function operatorOf(cashier: FiscalCashier): AtolOperator {
  const name = cashier.name.trim().slice(0, 64)
  return cashier.inn ? { name, vatin: cashier.inn } : { name }
}

/**
 * A receipt of one position: an insurance premium (or its refund) is a service (paymentObject `service`, tag 1212 =
 * 4) paid in full at once (paymentMethod `fullPayment`, tag 1214 = 4), VAT-exempt (tax `none`: НК РФ ст. 149 п. 3
 * пп. 7). Sums are roubles with two decimals converted exactly from kopecks (shared/fiscal/roubles.ts).
 */
export function receiptTask(req: FiscalReceiptRequest): Record<string, unknown> {
  const sum = kopecksToRoubles(req.amountKopecks)
  const name = req.itemName.trim().slice(0, ITEM_NAME_MAX)
  const task: Record<string, unknown> = {
    type: req.operation,
    operator: operatorOf(req.cashier),
    items: [
      {
        type: 'position',
        name,
        price: sum,
        quantity: 1,
        amount: sum,
        tax: { type: 'none' },
        paymentMethod: 'fullPayment',
        paymentObject: 'service',
      },
    ],
    payments: [{ type: req.method === 'cash' ? 'cash' : 'electronically', sum }],
    total: sum,
  }
  if (req.clientContact?.trim()) task.clientInfo = { emailOrPhone: req.clientContact.trim() }
  return task
}

/** `fiscalParams` of a receipt's (or a shift report's) result. */
export const fiscalParamsSchema = z.object({
  fiscalDocumentNumber: z.number().int().positive(),
  fiscalDocumentSign: z.union([z.string().regex(/^\d{1,10}$/), z.number().int().nonnegative()]),
  fiscalDocumentDateTime: z.string().refine((s) => !Number.isNaN(Date.parse(s))),
  fnNumber: z.string().min(1),
  registrationNumber: z.string().min(1),
  shiftNumber: z.number().int().nonnegative(),
  fiscalReceiptNumber: z.number().int().positive().optional(),
  receiptsCount: z.number().int().nonnegative().optional(),
  total: z.number().nonnegative().optional(),
})
export type FiscalParams = z.infer<typeof fiscalParamsSchema>

export const receiptResultSchema = z.object({ fiscalParams: fiscalParamsSchema })

export const shiftStatusResultSchema = z.object({
  shiftStatus: z.object({
    state: z.enum(['closed', 'opened', 'expired']),
    number: z.number().int().nonnegative(),
    expiredTime: z.string().optional(),
  }),
})

/** One task's state in GET /api/v2/requests/{uuid}. */
export const taskStateSchema = z.object({
  status: z.enum(['wait', 'inProgress', 'ready', 'error', 'interrupted', 'blocked', 'canceled']),
  errorCode: z.number().int().optional(),
  errorDescription: z.string().optional(),
  result: z.unknown().optional(),
})
export type TaskState = z.infer<typeof taskStateSchema>

export const requestStateSchema = z.object({ results: z.array(taskStateSchema).min(1) })
