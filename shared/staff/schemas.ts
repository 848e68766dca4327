import { z } from 'zod'
import { ROLES } from '../contract/roles'

/** Shared by the staff form and the core: the same rules at the field and on save. */
export const loginSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,32}$/, { message: 'validation.login.format' })

export const passwordSchema = z
  .string()
  .min(8, { message: 'validation.password.tooShort' })
  .max(128, { message: 'validation.password.tooLong' })
  .refine((p) => /\p{L}/u.test(p) && /\d/.test(p), { message: 'validation.password.lettersAndDigits' })

/** Sign-in takes whatever was typed (bounded) — the strength rules apply when a password is set, not when checked. */
export const typedPasswordSchema = z
  .string()
  .min(1, { message: 'validation.required' })
  .max(128, { message: 'validation.password.tooLong' })

export const fullNameSchema = z
  .string()
  .trim()
  .min(1, { message: 'validation.required' })
  .max(200, { message: 'validation.text.tooLong' })

export const roleSchema = z.enum(ROLES)
export const idSchema = z.uuid({ message: 'validation.id.format' })
export const rowVersionSchema = z.number().int().min(1)

export const createStaffInput = z.strictObject({
  login: loginSchema,
  fullName: fullNameSchema,
  role: roleSchema,
  password: passwordSchema,
})

export const updateStaffInput = z.strictObject({
  id: idSchema,
  rowVersion: rowVersionSchema,
  fullName: fullNameSchema.optional(),
  role: roleSchema.optional(),
  active: z.boolean().optional(),
})

export const resetPasswordInput = z.strictObject({
  id: idSchema,
  newPassword: passwordSchema,
})

export interface StaffMember {
  id: string
  login: string
  fullName: string
  role: z.infer<typeof roleSchema>
  active: boolean
  /** Signed in too often with a wrong password: locked until this ISO instant. */
  lockedUntil: string | null
  mustChangePassword: boolean
  rowVersion: number
  createdAt: string
  updatedAt: string
}
