import { z } from 'zod'
import { channel } from '../contract/channel'
import type { Role } from '../contract/roles'
import { loginSchema, passwordSchema, typedPasswordSchema } from '../staff/schemas'

export interface SessionUser {
  id: string
  login: string
  fullName: string
  role: Role
}

export type SessionState =
  | { status: 'signed-out' }
  | { status: 'signed-in' | 'locked' | 'must-change-password'; user: SessionUser; idleLockMinutes: number }

export const sessionContract = {
  'session/get-session': channel<SessionState>()({
    input: z.strictObject({}).optional(),
    access: 'public',
    whileLocked: true,
  }),
  'session/sign-in': channel<SessionState>()({
    input: z.strictObject({ login: loginSchema, password: typedPasswordSchema }),
    access: 'public',
  }),
  'session/sign-out': channel<SessionState>()({
    input: z.strictObject({}).optional(),
    access: 'signed-in',
    whileLocked: true,
  }),
  /** The renderer's idle timer fired; the core also locks on its own when calls stop arriving. */
  'session/lock-screen': channel<SessionState>()({
    input: z.strictObject({}).optional(),
    access: 'signed-in',
    whileLocked: true,
  }),
  'session/unlock-screen': channel<SessionState>()({
    input: z.strictObject({ password: typedPasswordSchema }),
    access: 'signed-in',
    whileLocked: true,
  }),
  /** Keyboard/mouse activity, throttled by the renderer, keeps the core's idle clock in step with the user. */
  'session/report-activity': channel<{ idleLockMinutes: number }>()({
    input: z.strictObject({}).optional(),
    access: 'signed-in',
  }),
  'session/change-password': channel<SessionState>()({
    input: z.strictObject({ currentPassword: typedPasswordSchema, newPassword: passwordSchema }),
    access: 'signed-in',
  }),
} as const
