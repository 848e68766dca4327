/**
 * What the core needs from the shell to update the app: electron-updater in the app
 * (electron/main/updater.ts), a recording fake in tests. Plain data in and out, so the interface can cross a
 * process boundary as well as it crosses a function call.
 */
export interface UpdateFeed {
  /** HQ's feed folder for the channel: `<HQ>/updates/<channel>` (the generic provider adds `latest.yml`). */
  url: string
  /** Sent with the feed and every download: the device's bearer token and the app's version. */
  headers: Record<string, string>
}

export type UpdaterEvent =
  | { type: 'progress'; transferred: number; total: number; percent: number }
  | { type: 'downloaded'; version: string }
  | { type: 'error'; message: string }

export interface Updater {
  /** The running app's version (semver). */
  readonly currentVersion: string
  /** False where the app cannot update itself (a development build): the core then never checks. */
  readonly supported: boolean
  /**
   * Asks the feed; when a newer version is offered, resolves with it and starts downloading it in the background
   * (progress, completion and failures come as events). Null: nothing newer. Rejects when the feed cannot be read.
   */
  check(feed: UpdateFeed): Promise<{ version: string } | null>
  /** Registers the one listener for download events. */
  onEvent(listener: (event: UpdaterEvent) => void): void
  /** Quits the app and runs the downloaded installer, which starts the app again. */
  quitAndInstall(): void
  /** Quits and starts the app again (a restored backup is put in place at start). */
  relaunch(): void
}
