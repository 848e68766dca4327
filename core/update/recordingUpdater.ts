import type { UpdateFeed, Updater, UpdaterEvent } from './updater'

/**
 * An Updater that records what the core asked and answers what the test prepared: electron-updater's stand-in
 * for the update state machine's tests and the E2E harness. Events are emitted by the test (`emit`), as
 * electron-updater would emit them while downloading.
 */
export class RecordingUpdater implements Updater {
  readonly checks: UpdateFeed[] = []
  installs = 0
  relaunches = 0
  supported = true
  private listener: ((event: UpdaterEvent) => void) | null = null
  private answers: Array<{ version: string } | null | Error> = []

  constructor(readonly currentVersion = '0.1.0') {}

  /** The next checks' answers, in order: a version on offer, null (nothing newer) or an error (feed unreadable). */
  answer(...answers: Array<{ version: string } | null | Error>): void {
    this.answers.push(...answers)
  }

  async check(feed: UpdateFeed): Promise<{ version: string } | null> {
    this.checks.push(feed)
    const next = this.answers.shift()
    if (next === undefined) return null
    if (next instanceof Error) throw next
    return next
  }

  onEvent(listener: (event: UpdaterEvent) => void): void {
    this.listener = listener
  }

  emit(event: UpdaterEvent): void {
    if (!this.listener) throw new Error('RecordingUpdater: nobody listens')
    this.listener(event)
  }

  quitAndInstall(): void {
    this.installs += 1
  }

  relaunch(): void {
    this.relaunches += 1
  }
}
