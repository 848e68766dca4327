import { z } from 'zod'
import { referenceFile } from './envelope'

/**
 * The insurer's own details printed on policies and applications (kind `insurer-details`). Data rather than
 * code because they belong to the company installing the app and change with it (address, phone); versioned
 * like every reference file so a reprint shows what was in force when the contract was concluded.
 */
export const insurerDetailsSchema = z
  .object({
    name: z.string().trim().min(1),
    address: z.string().trim().min(1),
    phone: z.string().trim().min(1),
    website: z.string().trim().min(1),
  })
  .strict()

export const insurerDetailsFileSchema = referenceFile('insurer-details', insurerDetailsSchema)

export type InsurerDetailsFile = z.infer<typeof insurerDetailsFileSchema>
