import { APP_VERSION_HEADER, type UnsavedForm, type UpdatePhase, type UpdateStatus } from '../../shared/update/contract'
import { compareVersions, isVersion } from '../../shared/update/semver'
import { AppError } from '../app/appError'
import type { Clock } from '../app/clock'
import type { UpdateFeed, Updater, UpdaterEvent } from './updater'

export interface UpdateServiceOptions {
  /** The shell's updater; null where there is none (development build, tests of other features). */
  updater: Updater | null
  clock: Clock
  /** HQ's update channel the branch follows. */
  channel: string
  /** HQ's address and this device's token; null while not enrolled. */
  hq: () => Promise<{ url: string; token: string } | null>
  /** After a check that found nothing (or a download that finished): when to ask again. */
  checkEveryMs?: number
  /** After a failure (HQ went away mid-download, a broken feed): when to try again. */
  retryAfterMs?: number
  log?: (message: string, error?: unknown) => void
}

const BUSY: readonly UpdatePhase[] = ['checking', 'available', 'downloading', 'downloaded', 'installing']

/**
 * The update state machine: idle → checking → available → downloading (progress) → downloaded → installing, with
 * error from checking or downloading (retried later). Checks happen only when the sync engine has just reached HQ,
 * so an offline branch never waits on the updater and keeps working; the download runs in the background; the
 * install happens on quit (electron-updater's own) or when a user asks — and never while a form in any window
 * holds changes the core does not have.
 */
export class UpdateService {
  private phase: UpdatePhase
  private version: string | null = null
  private progress: UpdateStatus['progress'] = null
  private lastCheckAt: Date | null = null
  private nextCheckAt = 0
  private error: UpdateStatus['error'] = null
  private checking: Promise<void> | null = null
  private readonly unsaved = new Map<string, UnsavedForm[]>()

  constructor(private readonly opts: UpdateServiceOptions) {
    this.phase = opts.updater?.supported ? 'idle' : 'unsupported'
    if (opts.updater?.supported) opts.updater.onEvent((event) => this.onEvent(event))
  }

  private get now(): Date {
    return this.opts.clock.now()
  }

  /** The sync engine reached HQ: check if a check is due (the engine probes every minute; checks are rarer). */
  hqReachable(): void {
    if (this.phase === 'unsupported' || BUSY.includes(this.phase) || this.now.getTime() < this.nextCheckAt) return
    void this.check()
  }

  /** An admin's «check now»: at once, unless a check or an update is already under way. */
  async checkNow(): Promise<UpdateStatus> {
    if (this.phase !== 'unsupported' && !BUSY.includes(this.phase)) await this.check()
    else await this.checking
    return this.status()
  }

  private check(): Promise<void> {
    this.checking ??= this.runCheck().finally(() => {
      this.checking = null
    })
    return this.checking
  }

  private async runCheck(): Promise<void> {
    const updater = this.opts.updater
    if (!updater?.supported) return
    const hq = await this.opts.hq()
    if (!hq) return
    const feed: UpdateFeed = {
      url: `${hq.url.replace(/\/+$/, '')}/updates/${this.opts.channel}`,
      headers: { authorization: `Bearer ${hq.token}`, [APP_VERSION_HEADER]: updater.currentVersion },
    }
    this.phase = 'checking'
    this.lastCheckAt = this.now
    let offered: { version: string } | null
    try {
      offered = await updater.check(feed)
    } catch (e) {
      this.fail('update.errors.checkFailed', e)
      return
    }
    this.error = null
    // HQ already offers only newer versions; the core checks again rather than trust the wire.
    if (!offered || !isVersion(offered.version) || compareVersions(offered.version, updater.currentVersion) <= 0) {
      this.phase = 'idle'
      this.version = null
      this.nextCheckAt = this.now.getTime() + (this.opts.checkEveryMs ?? 3_600_000)
      return
    }
    // The updater downloads on its own (autoDownload): progress events move the machine on.
    if (this.phase === 'checking') this.phase = 'available'
    this.version = offered.version
  }

  private fail(key: string, e: unknown): void {
    const message = (e instanceof Error ? e.message : String(e)).split('\n')[0]!.slice(0, 200)
    this.phase = 'error'
    this.progress = null
    this.error = { key, params: { message } }
    this.nextCheckAt = this.now.getTime() + (this.opts.retryAfterMs ?? 600_000)
    this.opts.log?.(`update: ${key}`, e)
  }

  private onEvent(event: UpdaterEvent): void {
    if (event.type === 'progress') {
      if (this.phase !== 'available' && this.phase !== 'downloading' && this.phase !== 'checking') return
      this.phase = 'downloading'
      this.progress = {
        transferred: event.transferred,
        total: event.total,
        percent: Math.max(0, Math.min(100, Math.round(event.percent))),
      }
    } else if (event.type === 'downloaded') {
      this.phase = 'downloaded'
      this.version = event.version
      this.progress = null
      this.error = null
    } else if (this.phase !== 'downloaded') {
      // A failed download (HQ went away, a hash that did not match) is tried again at a later check; a
      // downloaded update stays installable whatever a later event says.
      this.fail(
        this.phase === 'installing' ? 'update.errors.installFailed' : 'update.errors.downloadFailed',
        new Error(event.message),
      )
    }
  }

  /** A window's forms with unsaved changes; each report replaces that window's previous one. */
  reportUnsaved(clientId: string, forms: UnsavedForm[]): number {
    if (forms.length === 0) this.unsaved.delete(clientId)
    else this.unsaved.set(clientId, forms)
    return forms.length
  }

  forgetClient(clientId: string): void {
    this.unsaved.delete(clientId)
  }

  /** Unsaved forms of windows that still have a session (a window that closed cannot hold anything back). */
  unsavedForms(isLive: (clientId: string) => boolean = () => true): UnsavedForm[] {
    return [...this.unsaved].filter(([clientId]) => isLive(clientId)).flatMap(([, forms]) => forms)
  }

  /**
   * «Restart and update». Refused unless an update is downloaded, and while any form holds unsaved changes:
   * the error names them (`describe` turns kinds into the user's words).
   */
  install(opts: { isLive?: (clientId: string) => boolean; describe: (forms: UnsavedForm[]) => string }): void {
    if (this.phase !== 'downloaded' || !this.opts.updater) throw new AppError('CONFLICT', 'update.errors.notDownloaded')
    const forms = this.unsavedForms(opts.isLive)
    if (forms.length > 0)
      throw new AppError('CONFLICT', 'update.errors.unsavedForms', { forms: opts.describe(forms), count: forms.length })
    this.phase = 'installing'
    this.opts.updater.quitAndInstall()
  }

  status(isLive?: (clientId: string) => boolean): UpdateStatus {
    return {
      phase: this.phase,
      currentVersion: this.opts.updater?.currentVersion ?? '',
      version: this.version,
      progress: this.progress,
      lastCheckAt: this.lastCheckAt?.toISOString() ?? null,
      error: this.error,
      unsavedForms: this.unsavedForms(isLive),
    }
  }
}
