import { onBeforeUnmount, onMounted, watch } from 'vue'
import { call } from '../api/client'
import { useSessionStore } from '../stores/session'

const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const
const REPORT_EVERY_MS = 60_000
const CHECK_EVERY_MS = 5_000

/**
 * Locks the screen after the branch's idle time. The renderer sees the keyboard and mouse; the core sees
 * only calls, so activity is reported to it (throttled). The core locks on its own as well, so a renderer
 * that never reports cannot keep a session open.
 */
export function useIdleLock(): void {
  const session = useSessionStore()
  let lastActivity = Date.now()
  let lastReport = 0
  let timer: ReturnType<typeof setInterval> | undefined

  const onActivity = () => {
    lastActivity = Date.now()
    if (session.state.status !== 'signed-in') return
    if (lastActivity - lastReport > REPORT_EVERY_MS) {
      lastReport = lastActivity
      void call('session/report-activity')
    }
  }

  // Signing in is activity: the idle time starts then, not at the last check before it (a computer waking from
  // sleep at the sign-in screen would otherwise lock the moment the clerk signs in).
  watch(
    () => session.state.status,
    (status) => {
      if (status === 'signed-in') lastActivity = Date.now()
    },
  )

  onMounted(() => {
    for (const e of ACTIVITY_EVENTS) window.addEventListener(e, onActivity, { passive: true, capture: true })
    timer = setInterval(() => {
      if (session.state.status !== 'signed-in') {
        lastActivity = Date.now()
        return
      }
      if (Date.now() - lastActivity >= session.idleLockMinutes * 60_000) void session.lock()
    }, CHECK_EVERY_MS)
  })

  onBeforeUnmount(() => {
    for (const e of ACTIVITY_EVENTS) window.removeEventListener(e, onActivity, { capture: true })
    if (timer) clearInterval(timer)
  })
}
