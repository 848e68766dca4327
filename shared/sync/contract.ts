import { z } from 'zod'
import { channel } from '../contract/channel'
import type { ListPage } from '../contract/listPage'
import type { ContractSummary, HqSettings } from './protocol'
import { ADMINS, OFFICE } from '../staff/roleGroups'

/** What the status bar and the sync screen show. */
export interface SyncStatus {
  /**
   * not-enrolled: no HQ yet · idle: last run fine · syncing: a run is going on · offline: HQ not reachable (the
   * device retries with backoff) · error: HQ refused something the device cannot fix by retrying · revoked: HQ
   * refuses this device; an admin must enrol it again.
   */
  state: 'not-enrolled' | 'idle' | 'syncing' | 'offline' | 'error' | 'revoked'
  /** Whether the last probe reached HQ (null before the first probe). */
  online: boolean | null
  hqUrl: string | null
  deviceId: string | null
  branchCode: string | null
  lastSuccessAt: string | null
  lastAttemptAt: string | null
  nextAttemptAt: string | null
  /** Local changes not yet accepted by HQ (including deferred ones). */
  pendingChanges: number
  /** Of those, held back by HQ until it can judge them. */
  deferredChanges: number
  pendingFiles: number
  pendingFileBytes: number
  /** Records HQ sent that wait for something before they can be written here. */
  waitingPulled: number
  issues: { total: number; unseen: number }
  /** i18n key and parameters of the last failure. */
  lastError: { key: string; params: Record<string, string | number> } | null
  /** A long upload or download in progress. */
  transfer: { direction: 'upload' | 'download'; done: number; total: number } | null
  settings: HqSettings | null
  /** How the device keeps its HQ token: encrypted by the OS, or in a plain file (no OS encryption here). */
  secretProtection: 'os-encrypted' | 'plain-file'
}

export interface SyncIssue {
  id: string
  kind: 'rejected' | 'conflict' | 'reference'
  entity: string
  entityId: string
  /** i18n key `sync.reasons.<code>` and its parameters. */
  reasonKey: string
  reasonParams: Record<string, string | number>
  /** The local change that lost, as it was made here. */
  local: Record<string, unknown> | null
  localVersion: number | null
  /** What HQ holds instead (null when HQ holds nothing for the record). */
  winner: Record<string, unknown> | null
  winnerVersion: number | null
  changedAt: string | null
  changedByName: string | null
  recordedAt: string
  seenAt: string | null
}

export interface SyncRunResult {
  ok: boolean
  status: SyncStatus
}

const hqUrlSchema = z
  .string()
  .trim()
  .min(1, { message: 'validation.required' })
  .regex(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/i, { message: 'validation.hqUrl.format' })
  .max(300, { message: 'validation.text.tooLong' })
const enrolmentCodeInput = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[0-9A-Z]{4}-?[0-9A-Z]{4}-?[0-9A-Z]{4}-?[0-9A-Z]{4}$/, { message: 'validation.enrolmentCode.format' })
  .transform((c) => c.replace(/-/g, '').replace(/(.{4})(?=.)/g, '$1-'))

export const enrolInput = z.strictObject({
  hqUrl: hqUrlSchema,
  code: enrolmentCodeInput,
  deviceName: z
    .string()
    .trim()
    .min(1, { message: 'validation.required' })
    .max(100, { message: 'validation.text.tooLong' }),
})

export const syncContract = {
  /** Passive: polled by the status bar; shown on the lock screen too. */
  'sync/get-status': channel<SyncStatus>()({
    input: z.strictObject({}).optional(),
    access: 'signed-in',
    whileLocked: true,
  }),
  /** The branch's admin enrols this device (the branch already exists here: its first device). */
  'sync/enrol': channel<SyncStatus>()({ input: enrolInput, access: ADMINS }),
  /** First run on a fresh device: joins an existing branch and pulls it (staff, blanks, settings). */
  'sync/enrol-new-device': channel<SyncStatus>()({ input: enrolInput, access: 'public' }),
  'sync/sync-now': channel<SyncRunResult>()({ input: z.strictObject({}).optional(), access: 'signed-in' }),
  'sync/list-issues': channel<ListPage<SyncIssue>>()({
    input: z
      .strictObject({
        limit: z.number().int().min(1).max(200).default(50),
        offset: z.number().int().min(0).default(0),
      })
      .optional(),
    access: 'signed-in',
  }),
  'sync/mark-issue-seen': channel<{ id: string }>()({
    input: z.strictObject({ id: z.string().min(1).max(64) }),
    access: 'signed-in',
  }),
  /** Offline transfer: writes the outbox and its files to a signed bundle; returns where. */
  /** Writes the signed bundle where the admin chooses in the save dialog; `savedTo: null` = cancelled. */
  'sync/export-bundle': channel<{ savedTo: string | null; changes: number; files: number }>()({
    input: z.strictObject({}).optional(),
    access: ADMINS,
  }),
  /** Reads HQ's signed answer bundle (`npm run hq -- import` wrote it), chosen in the open dialog; null = cancelled. */
  'sync/import-answer': channel<{
    accepted: number
    rejected: number
    conflicts: number
    deferred: number
    records: number
  } | null>()({
    input: z.strictObject({}).optional(),
    access: ADMINS,
  }),
  /** Finds an issued contract of any branch at HQ by its number (a termination brought to another branch). */
  'sync/lookup-contracts': channel<ContractSummary[]>()({
    input: z.strictObject({
      number: z
        .string()
        .trim()
        .min(1, { message: 'validation.required' })
        .max(32, { message: 'validation.text.tooLong' }),
      series: z.string().trim().max(8, { message: 'validation.text.tooLong' }).optional(),
    }),
    access: OFFICE,
  }),
  /** Fetches a photo or PDF of the branch from HQ (progress in the status); true once it is on this device. */
  'sync/download-file': channel<{ size: number }>()({
    input: z.strictObject({ sha256: z.string().regex(/^[0-9a-f]{64}$/, { message: 'validation.sha256.format' }) }),
    access: 'signed-in',
  }),
} as const
