import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { SessionState } from '@shared/session/contract'
import { call, callOrThrow, onSessionError } from '../api/client'

/** Who is signed in here, and whether the screen is locked. The core is the authority; this mirrors it. */
export const useSessionStore = defineStore('session', () => {
  const state = ref<SessionState>({ status: 'signed-out' })
  const user = computed(() => (state.value.status === 'signed-out' ? null : state.value.user))
  const idleLockMinutes = computed(() => (state.value.status === 'signed-out' ? 10 : state.value.idleLockMinutes))

  onSessionError((error) => {
    if (error.code === 'SESSION_LOCKED' && state.value.status !== 'signed-out') {
      state.value = { ...state.value, status: 'locked' }
    }
    if (error.code === 'UNAUTHENTICATED') state.value = { status: 'signed-out' }
  })

  async function refresh(): Promise<SessionState> {
    state.value = await callOrThrow('session/get-session')
    return state.value
  }

  async function signIn(login: string, password: string) {
    const r = await call('session/sign-in', { login, password })
    if (r.ok) state.value = r.value
    return r
  }

  async function unlock(password: string) {
    const r = await call('session/unlock-screen', { password })
    if (r.ok) state.value = r.value
    return r
  }

  async function changePassword(currentPassword: string, newPassword: string) {
    const r = await call('session/change-password', { currentPassword, newPassword })
    if (r.ok) state.value = r.value
    return r
  }

  async function lock(): Promise<void> {
    const r = await call('session/lock-screen')
    if (r.ok) state.value = r.value
  }

  async function signOut(): Promise<void> {
    await call('session/sign-out')
    state.value = { status: 'signed-out' }
  }

  return { state, user, idleLockMinutes, refresh, signIn, unlock, changePassword, lock, signOut }
})
