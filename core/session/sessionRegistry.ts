import type { Locale } from '../../shared/app/contract'

/**
 * Who is signed in on which client (an Electron window, or a test page). Kept in memory on purpose: a restart
 * signs everybody out, which is what a counter terminal should do.
 */
export interface ClientSession {
  userId: string
  locked: boolean
  lastActivityMs: number
}

export class SessionRegistry {
  private readonly sessions = new Map<string, ClientSession>()
  private readonly locales = new Map<string, Locale>()

  get(clientId: string): ClientSession | undefined {
    return this.sessions.get(clientId)
  }

  start(clientId: string, userId: string, nowMs: number): ClientSession {
    const s = { userId, locked: false, lastActivityMs: nowMs }
    this.sessions.set(clientId, s)
    return s
  }

  end(clientId: string): void {
    this.sessions.delete(clientId)
  }

  /** Ends every session of a user (disabled, or password reset by the admin). */
  endAllOf(userId: string): void {
    for (const [client, s] of this.sessions) if (s.userId === userId) this.sessions.delete(client)
  }

  locale(clientId: string): Locale {
    return this.locales.get(clientId) ?? 'ru'
  }

  setLocale(clientId: string, locale: Locale): void {
    this.locales.set(clientId, locale)
  }

  /** A closed window forgets its session. */
  forget(clientId: string): void {
    this.sessions.delete(clientId)
    this.locales.delete(clientId)
  }
}
