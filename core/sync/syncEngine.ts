import { hostname } from 'node:os'
import { join } from 'node:path'
import type { SyncStatus } from '../../shared/sync/contract'
import type { EnrolRequest, HqSettings } from '../../shared/sync/protocol'
import { hasMessage } from '../../shared/i18n/messages'
import { AppError } from '../app/appError'
import type { Clock } from '../app/clock'
import type { Db } from '../db/openDatabase'
import type { ReferenceData } from '../reference/loadReferenceData'
import { downloadBlob, enqueueBlobs, pendingBlobs, uploadBlobs, type BlobSource, type Transfer } from './blobSync'
import { HqBusy, HqClient, HqRefused, HqUnreachable, type Fetch } from './hqClient'
import { pullChanges } from './pullChanges'
import { pushOutbox } from './pushOutbox'
import type { ReferenceTarget } from './referenceUpdates'
import type { SecretStore } from './secretStore'
import { SYNC_SETTINGS } from './syncSettings'
import { BUNDLE_KEY_SECRET, getState, getStates, readHqSettings, setState, TOKEN_SECRET } from './syncState'

export interface SyncEngineOptions {
  db: Db
  dataDir: string
  resourcesDir: string
  reference: ReferenceData
  clock: Clock
  secrets: SecretStore
  /** The transport; tests inject one that cuts connections and loses answers. */
  fetch?: Fetch
  blobSources?: BlobSource[]
  /** Pause between background runs while all is well. */
  intervalMs?: number
  /** Exponential backoff after failures: base × 2^(n−1), capped, with ±20 % jitter. */
  backoff?: { baseMs: number; maxMs: number }
  batchSize?: number
  pageSize?: number
  chunkSize?: number
  deviceName?: string
  log?: (message: string, error?: unknown) => void
  /** Randomness for backoff jitter (tests make it fixed). */
  random?: () => number
}

type RunState = Exclude<SyncStatus['state'], 'not-enrolled'>

/**
 * The device's sync with HQ. One run = probe HQ (reachability and a valid token — OS "online" flags are not
 * trusted) → push the outbox → upload files → pull. Runs never overlap; "Sync now" starts one at once (or right
 * after the one in progress, so changes made meanwhile go too). In the background a run follows every
 * `intervalMs` while HQ answers, and with exponential backoff while it does not.
 */
export class SyncEngine {
  private current: Promise<boolean> | null = null
  private queued: Promise<boolean> | null = null
  private timer: NodeJS.Timeout | null = null
  private background = false
  private failures = 0
  private online: boolean | null = null
  private runState: RunState = 'idle'
  private transfer: Transfer | null = null
  private nextAttemptAt: Date | null = null
  private readonly reference: ReferenceTarget
  private readonly reachableListeners: Array<() => void> = []
  private readonly syncedListeners: Array<() => Promise<void>> = []

  constructor(private readonly opts: SyncEngineOptions) {
    this.reference = {
      bundledDir: opts.resourcesDir,
      overrideDir: join(opts.dataDir, 'reference-updates'),
      reference: opts.reference,
    }
  }

  private get db(): Db {
    return this.opts.db
  }

  private now = () => this.opts.clock.now()

  async isEnrolled(): Promise<boolean> {
    return (await getState(this.db, 'device_id')) !== null && (await this.opts.secrets.get(TOKEN_SECRET)) !== null
  }

  private async client(): Promise<HqClient> {
    const [url, token] = [await getState(this.db, 'hq_url'), await this.opts.secrets.get(TOKEN_SECRET)]
    if (!url || !token) throw new AppError('CONFLICT', 'sync.errors.notEnrolled')
    return new HqClient({ baseUrl: url, token, ...(this.opts.fetch ? { fetch: this.opts.fetch } : {}) })
  }

  /**
   * Enrols this device with a one-time code. With a local branch (its first device) HQ adopts the branch; a
   * fresh device joins an established branch and pulls it right away (if that pull fails, the background
   * retries it). Re-enrolling a revoked device keeps its data and pull position.
   */
  async enrol(
    input: { hqUrl: string; code: string; deviceName?: string },
    mode: 'existing-branch' | 'new-device',
  ): Promise<void> {
    const branch = (await this.db('branch').first()) as
      { id: string; code: string; name: string; city: string } | undefined
    if (mode === 'new-device' && branch) throw new AppError('CONFLICT', 'errors.branchExists')
    if (mode === 'existing-branch' && !branch) throw new AppError('CONFLICT', 'sync.errors.noBranch')
    const request: EnrolRequest = {
      code: input.code,
      deviceName: input.deviceName ?? this.opts.deviceName ?? hostname(),
      branch: branch ? { id: branch.id, code: branch.code, name: branch.name, city: branch.city } : null,
    }
    const client = new HqClient({ baseUrl: input.hqUrl, ...(this.opts.fetch ? { fetch: this.opts.fetch } : {}) })
    let answer
    try {
      answer = await client.enrol(request)
    } catch (e) {
      if (e instanceof HqRefused) {
        const key = `sync.enrolErrors.${e.code}`
        throw new AppError('CONFLICT', hasMessage('ru', key) ? key : 'sync.errors.refused', { code: e.code })
      }
      if (e instanceof HqUnreachable) throw new AppError('CONFLICT', 'sync.errors.unreachable')
      throw e
    }
    await this.opts.secrets.set(TOKEN_SECRET, answer.token)
    await this.opts.secrets.set(BUNDLE_KEY_SECRET, answer.bundleKey)
    await this.db.transaction(async (trx) => {
      await setState(trx, 'hq_url', client.baseUrl)
      await setState(trx, 'device_id', answer.deviceId)
      await setState(trx, 'branch_code', answer.branch.code)
      await setState(trx, 'enrolled_at', this.now().toISOString())
      await setState(trx, 'last_error', null)
      if ((await getState(trx, 'cursor')) === null) await setState(trx, 'cursor', '0')
    })
    this.runState = 'idle'
    this.failures = 0
    if (mode === 'new-device') await this.syncNow()
    if (this.background) this.schedule(0)
  }

  /** Runs a sync now; if one is running, runs again right after it. Resolves true when the run succeeded. */
  syncNow(): Promise<boolean> {
    if (!this.current) {
      this.current = this.run().finally(() => {
        this.current = null
      })
      return this.current
    }
    if (!this.queued) {
      this.queued = this.current.then(() => {
        this.queued = null
        return this.syncNow()
      })
    }
    return this.queued
  }

  private async run(): Promise<boolean> {
    if (!(await this.isEnrolled())) return false
    this.runState = 'syncing'
    await setState(this.db, 'last_attempt_at', this.now().toISOString())
    let ok = false
    let retryAfterMs = 0
    const sources = this.opts.blobSources ?? []
    try {
      // Queued before the probe, so the status counts photos waiting for HQ even while it is out of reach.
      await enqueueBlobs(this.db, sources, this.now())
      const client = await this.client()
      const who = await client.whoami()
      this.online = true
      for (const listener of this.reachableListeners) {
        try {
          listener()
        } catch (e) {
          this.opts.log?.('a listener of HQ reachability failed', e)
        }
      }
      await setState(this.db, 'hq_settings', JSON.stringify(who.settings))
      await setState(this.db, 'hq_clock_offset_ms', String(new Date(who.serverTime).getTime() - this.now().getTime()))
      // HQ of protocol 2 applies pipelined batches in order (hq/pushOrder.ts); an older one gets one at a time.
      await pushOutbox(this.db, client, this.now, {
        batchSize: this.opts.batchSize ?? SYNC_SETTINGS.batchSize,
        pipeline: who.protocol >= 2,
      })
      await enqueueBlobs(this.db, sources, this.now())
      await uploadBlobs(this.db, client, sources, this.now, {
        chunkSize: this.opts.chunkSize,
        onProgress: (t) => {
          this.transfer = t
        },
      })
      await pullChanges(this.db, client, this.reference, this.now, {
        pageSize: this.opts.pageSize ?? SYNC_SETTINGS.pageSize,
      })
      await setState(this.db, 'last_success_at', this.now().toISOString())
      await setState(this.db, 'last_error', null)
      this.failures = 0
      this.runState = 'idle'
      ok = true
      await this.afterSync()
    } catch (e) {
      this.failures++
      this.transfer = null
      // HQ said when to come back (429, its per-device rate limit): not sooner.
      if (e instanceof HqBusy) retryAfterMs = e.retryAfterMs
      await this.recordFailure(e)
    }
    if (this.background)
      this.schedule(ok ? (this.opts.intervalMs ?? 60_000) : Math.max(this.backoffDelay(), retryAfterMs))
    return ok
  }

  private async recordFailure(e: unknown): Promise<void> {
    let error: { key: string; params: Record<string, string | number> }
    if (e instanceof HqUnreachable) {
      this.online = false
      this.runState = 'offline'
      error = { key: 'sync.errors.unreachable', params: {} }
    } else if (e instanceof HqRefused && ['device-revoked', 'token-invalid', 'token-missing'].includes(e.code)) {
      this.online = true
      this.runState = 'revoked'
      error = { key: 'sync.errors.revoked', params: {} }
    } else if (e instanceof HqBusy) {
      this.online = true
      this.runState = 'error'
      error = { key: 'sync.errors.busy', params: { seconds: Math.ceil(e.retryAfterMs / 1000) } }
    } else if (e instanceof HqRefused) {
      this.online = true
      this.runState = 'error'
      error = { key: 'sync.errors.refused', params: { code: e.code } }
    } else if (e instanceof AppError) {
      this.runState = 'error'
      error = { key: e.messageKey, params: e.params }
    } else {
      this.runState = 'error'
      error = {
        key: 'sync.errors.internal',
        params: { message: (e instanceof Error ? e.message : String(e)).slice(0, 300) },
      }
      this.opts.log?.('sync run failed', e)
    }
    await setState(this.db, 'last_error', JSON.stringify(error))
  }

  backoffDelay(): number {
    const { baseMs, maxMs } = this.opts.backoff ?? { baseMs: 5_000, maxMs: 300_000 }
    const raw = Math.min(maxMs, baseMs * 2 ** Math.max(0, this.failures - 1))
    const jitter = 0.8 + 0.4 * (this.opts.random ?? Math.random)()
    return Math.round(Math.min(maxMs, raw * jitter))
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer)
    // A revoked device stops trying until an admin enrols it again.
    if (!this.background || this.runState === 'revoked') {
      this.nextAttemptAt = null
      return
    }
    this.nextAttemptAt = new Date(this.now().getTime() + delayMs)
    this.timer = setTimeout(() => {
      this.timer = null
      void this.syncNow()
    }, delayMs)
    this.timer.unref?.()
  }

  /** Called after every successful probe (HQ reachable, token valid): app updates check then, never offline. */
  onReachable(listener: () => void): void {
    this.reachableListeners.push(listener)
  }

  /**
   * Called after every successful run, awaited before the run ends (so a test's `syncNow` sees its effect): work that
   * needs HQ but is no part of the exchange (the KBM re-check, core/kbm). A listener bounds its own work; one that
   * fails is logged and never fails the run.
   */
  onSynced(listener: () => Promise<void>): void {
    this.syncedListeners.push(listener)
  }

  private async afterSync(): Promise<void> {
    for (const listener of this.syncedListeners) {
      try {
        await listener()
      } catch (e) {
        this.opts.log?.('work after a sync run failed', e)
      }
    }
  }

  /** A client for HQ routes outside the exchange (the KBM check, core/kbm), with this device's token; null if not enrolled. */
  async hqClientIfEnrolled(): Promise<HqClient | null> {
    return (await this.isEnrolled()) ? this.client() : null
  }

  /** HQ's address and this device's token for HQ routes outside the sync protocol (app updates); null if not enrolled. */
  async hqAccess(): Promise<{ url: string; token: string } | null> {
    const [url, token] = [await getState(this.db, 'hq_url'), await this.opts.secrets.get(TOKEN_SECRET)]
    return url && token ? { url, token } : null
  }

  /** Background sync: starts at once if enrolled. */
  start(): void {
    this.background = true
    this.schedule(0)
  }

  async stop(): Promise<void> {
    this.background = false
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    await this.current?.catch(() => undefined)
    await this.queued?.catch(() => undefined)
  }

  setTransfer(t: Transfer | null): void {
    this.transfer = t
  }

  /**
   * Fetches a file of the branch from HQ into `dest` (resumable, hash-checked: see downloadBlob), showing the
   * transfer in the status. Refusals become messages for the user: not enrolled, HQ out of reach, unknown file.
   */
  async downloadFile(
    sha256: string,
    dest: string,
    source: string,
    onProgress?: (t: Transfer) => void,
  ): Promise<{ size: number }> {
    const client = await this.client()
    try {
      const got = await downloadBlob(client, sha256, dest, (t) => {
        if (!t) return // the end is marked below, once, whatever happened
        this.setTransfer(t)
        onProgress?.(t)
      })
      // HQ has this file already: it must not be queued for upload when the feature that uses it lists it.
      await this.db('sync_blob')
        .insert({
          sha256,
          size: got.size,
          origin: 'hq',
          source,
          created_at: this.now().toISOString(),
          uploaded_at: this.now().toISOString(),
        })
        .onConflict('sha256')
        .ignore()
      return got
    } catch (e) {
      if (e instanceof HqRefused && e.code === 'blob-unknown')
        throw new AppError('NOT_FOUND', 'sync.errors.fileUnknown')
      if (e instanceof HqUnreachable) throw new AppError('CONFLICT', 'sync.errors.unreachable')
      throw e
    } finally {
      this.setTransfer(null)
    }
  }

  settings(): Promise<HqSettings | null> {
    return readHqSettings(this.db)
  }

  async status(): Promise<SyncStatus> {
    const s = await getStates(this.db)
    const enrolled = s.device_id !== undefined && (await this.opts.secrets.get(TOKEN_SECRET)) !== null
    const count = async (q: ReturnType<Db>) => Number(((await q.count({ n: '*' }).first()) as { n: number }).n)
    const blobs = await pendingBlobs(this.db)
    const lastError = s.last_error ? (JSON.parse(s.last_error) as SyncStatus['lastError']) : null
    let state: SyncStatus['state'] = enrolled ? this.runState : 'not-enrolled'
    // After a restart the in-memory state is fresh: a stored failure still shows until the next run.
    if (state === 'idle' && lastError && this.online === null) {
      state =
        lastError.key === 'sync.errors.unreachable'
          ? 'offline'
          : lastError.key === 'sync.errors.revoked'
            ? 'revoked'
            : 'error'
    }
    return {
      state,
      online: enrolled ? this.online : null,
      hqUrl: s.hq_url ?? null,
      deviceId: s.device_id ?? null,
      branchCode: s.branch_code ?? null,
      lastSuccessAt: s.last_success_at ?? null,
      lastAttemptAt: s.last_attempt_at ?? null,
      nextAttemptAt: this.nextAttemptAt?.toISOString() ?? null,
      pendingChanges: await count(this.db('outbox').whereNull('sent_at')),
      deferredChanges: await count(this.db('outbox').whereNull('sent_at').whereNotNull('deferred_reason')),
      pendingFiles: blobs.count,
      pendingFileBytes: blobs.bytes,
      waitingPulled: await count(this.db('sync_pull_deferred')),
      issues: {
        total: await count(this.db('sync_issue')),
        unseen: await count(this.db('sync_issue').whereNull('seen_at')),
      },
      lastError,
      transfer: this.transfer
        ? { direction: this.transfer.direction, done: this.transfer.done, total: this.transfer.total }
        : null,
      settings: await this.settings(),
      secretProtection: this.opts.secrets.protection,
    }
  }
}
