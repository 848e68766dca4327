// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia'
import { computed } from 'vue'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { cascoLifecycle } from '@shared/casco/lifecycle'
import type { Role } from '@shared/contract/roles'
import { useSessionStore } from '../stores/session'
import { useCan } from './useCan'

vi.mock('../api/client', () => ({
  call: vi.fn(),
  callOrThrow: vi.fn(),
  onSessionError: () => undefined,
}))

function signIn(role: Role | null) {
  const session = useSessionStore()
  session.state =
    role === null
      ? { status: 'signed-out' }
      : {
          status: 'signed-in',
          user: { id: 'u1', login: role, fullName: role, role } as never,
          idleLockMinutes: 10,
        }
}

beforeEach(() => setActivePinia(createPinia()))

describe('useCan', () => {
  it('answers for the signed-in user, from the contract and the record’s lifecycle', () => {
    const { can } = useCan()
    signIn('clerk')
    expect(can('osago/issue-policy', { status: 'calculated' })).toBe(true)
    expect(can('osago/issue-policy', { status: 'issued' })).toBe(false)
    expect(can('blanks/spoil-blank', { status: 'available' })).toBe(false)
    signIn('supervisor')
    expect(can('blanks/spoil-blank', { status: 'available' })).toBe(true)
    expect(can('approval/decide', { status: 'submitted' }, cascoLifecycle)).toBe(true)
  })

  it('follows a sign-in and a sign-out inside a computed', () => {
    const { can } = useCan()
    const mayReceive = computed(() => can('blanks/receive-range'))
    signIn(null)
    expect(mayReceive.value).toBe(false)
    signIn('admin')
    expect(mayReceive.value).toBe(true)
    signIn('inspector')
    expect(mayReceive.value).toBe(false)
  })
})
