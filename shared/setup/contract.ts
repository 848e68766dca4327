import { z } from 'zod'
import { channel } from '../contract/channel'
import { fullNameSchema, loginSchema, passwordSchema } from '../staff/schemas'

export const branchCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[0-9A-ZА-ЯЁ-]{2,16}$/u, { message: 'validation.branchCode.format' })

export const createBranchInput = z.strictObject({
  branch: z.strictObject({
    code: branchCodeSchema,
    name: z.string().trim().min(1, { message: 'validation.required' }).max(200, { message: 'validation.text.tooLong' }),
    city: z.string().trim().min(1, { message: 'validation.required' }).max(100, { message: 'validation.text.tooLong' }),
  }),
  admin: z.strictObject({ login: loginSchema, fullName: fullNameSchema, password: passwordSchema }),
})

/** First run only: creates the branch and its first admin; refused once a branch exists. */
export const setupContract = {
  'setup/create-branch': channel<{ branchId: string; adminId: string }>()({
    input: createBranchInput,
    access: 'public',
  }),
} as const
