import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { SessionState } from '@shared/session/contract'
import { call, onSessionError, takeStartupAnswer } from '../api/client'
import { startupState } from './startupState'

/** Who is signed in here, and whether the screen is locked. The core is the authority; this mirrors it. */
export const useSessionStore = defineStore('session', () => {
  // The shell's startup state, when it gave one: the core's answer for this window as it was created (a new
  // window is signed out), so the first screen needs no round trip; the first refresh's live answer follows.
  const initial = startupState()
  const state = ref<SessionState>(initial?.session ?? { status: 'signed-out' })
  /**
   * Whether `state` is the core's answer yet. Until then «signed out» is only the start value; after it, the window
   * hears of every change (its own calls' results, the session errors below), so the router asks the core once,
   * not at every step of the first navigation's redirects (each a round trip before the sign-in screen shows).
   */
  const known = ref(initial !== null)
  /**
   * Changes of `state` so far: a refresh's answer overtaken by a later change (a sign-in while the start's check
   * was on its way, or a later refresh) is older than what it would replace, and is dropped.
   */
  let changes = 0
  const set = (next: SessionState) => {
    changes++
    state.value = next
  }
  const user = computed(() => (state.value.status === 'signed-out' ? null : state.value.user))
  const idleLockMinutes = computed(() => (state.value.status === 'signed-out' ? 10 : state.value.idleLockMinutes))

  onSessionError((error) => {
    known.value = true
    if (error.code === 'SESSION_LOCKED' && state.value.status !== 'signed-out') {
      set({ ...state.value, status: 'locked' })
    }
    if (error.code === 'UNAUTHENTICATED') set({ status: 'signed-out' })
  })

  async function refresh(): Promise<SessionState> {
    const mine = ++changes
    const answer = await (takeStartupAnswer('session/get-session') ?? call('session/get-session'))
    if (!answer.ok) throw answer.error
    if (mine === changes) state.value = answer.value
    known.value = true
    return state.value
  }

  /**
   * A state this window learned before the store existed (the start screen's sign-in, renderer/src/StartRoot.vue):
   * the core's answer, newer than any refresh already on its way.
   */
  function adopt(next: SessionState): void {
    set(next)
    known.value = true
  }

  async function signIn(login: string, password: string) {
    const r = await call('session/sign-in', { login, password })
    if (r.ok) set(r.value)
    return r
  }

  async function unlock(password: string) {
    const r = await call('session/unlock-screen', { password })
    if (r.ok) set(r.value)
    return r
  }

  async function changePassword(currentPassword: string, newPassword: string) {
    const r = await call('session/change-password', { currentPassword, newPassword })
    if (r.ok) set(r.value)
    return r
  }

  async function lock(): Promise<void> {
    const r = await call('session/lock-screen')
    if (r.ok) set(r.value)
  }

  async function signOut(): Promise<void> {
    await call('session/sign-out')
    set({ status: 'signed-out' })
  }

  return { state, known, user, idleLockMinutes, refresh, adopt, signIn, unlock, changePassword, lock, signOut }
})
