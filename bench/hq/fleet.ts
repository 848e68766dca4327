import { Agent, request } from 'node:http'
import { uuidv7 } from 'uuidv7'
import type { Change, ChangeResult, EnrolResponse, PullResponse, PushResponse } from '../../shared/sync/protocol'
import { completeDraft } from '../../shared/osago/testing/completeDraft'

/**
 * The light devices of `bench:hq`: each is a keep-alive HTTP connection of its own (node:http, one socket) and the
 * records a branch computer would send, built here instead of through the device core so that thousands of them
 * fit in one process. The shapes are the device's: the Writer's synced columns, the OSAGO hot row and its
 * document (completeDraft), staff as setup and the staff screen write them (core/setup, core/staff).
 */

export interface Answer<T> {
  status: number
  body: T
  ms: number
  /** Retry-After in seconds, when HQ sent one (a busy answer). */
  retryAfterS: number | null
  /** The busy answer's appointment (x-hq-appointment, hq/appointments.ts), sent back with the same request. */
  appointment: string | null
}

/**
 * A kept-alive socket idle longer than this is not used again: HQ closes idle sockets after KEEP_ALIVE_TIMEOUT_MS
 * (65 s), and a request written as it closes is reset. The device's fetch (undici) does the same from HQ's
 * Keep-Alive hint; a device waiting out a long Retry-After meets it (bench:hq: 56 resets before this).
 */
const IDLE_SOCKET_REUSE_MS = 60_000

export class HttpDevice {
  agent = new Agent({ keepAlive: true, maxSockets: 1 })
  private lastAnswerAt = 0
  token = ''
  constructor(
    readonly base: URL,
    readonly timeoutMs: number,
  ) {}

  call<T>(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    extra: Record<string, string> = {},
  ): Promise<Answer<T>> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body))
    const started = performance.now()
    if (this.lastAnswerAt > 0 && started - this.lastAnswerAt > IDLE_SOCKET_REUSE_MS) {
      this.agent.destroy()
      this.agent = new Agent({ keepAlive: true, maxSockets: 1 })
    }
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: this.base.hostname,
          port: this.base.port,
          method,
          path,
          agent: this.agent,
          headers: {
            ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
            ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
            ...extra,
          },
        },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8')
            let parsed: unknown = text
            try {
              parsed = JSON.parse(text)
            } catch {
              // a non-JSON answer is reported as text
            }
            this.lastAnswerAt = performance.now()
            const retryAfter = Number(res.headers['retry-after'])
            resolve({
              status: res.statusCode ?? 0,
              body: parsed as T,
              ms: performance.now() - started,
              retryAfterS: Number.isFinite(retryAfter) ? retryAfter : null,
              appointment: typeof res.headers['x-hq-appointment'] === 'string' ? res.headers['x-hq-appointment'] : null,
            })
          })
          res.on('error', reject)
        },
      )
      // Stricter than the device's own push timeout (core/sync/hqClient.ts: 120 s): a push slower than 30 s counts as an error.
      req.setTimeout(this.timeoutMs, () => req.destroy(new Error('timeout')))
      req.on('error', reject)
      if (payload) req.end(payload)
      else req.end()
    })
  }

  close(): void {
    this.agent.destroy()
  }
}

export interface BranchPlan {
  code: string
  recordId: string
  adminId: string
  /** One clerk per device of the branch: the author of that device's contracts. */
  clerks: string[]
}

const synced = (now: string) => ({ created_at: now, updated_at: now, row_version: 1 })

/** What `setup/create-branch` and the staff screen push first: the branch, its admin (no author yet), its clerks. */
export function setupChanges(plan: BranchPlan, now: string): Change[] {
  const change = (entity: string, data: Record<string, unknown>, changedBy: string | null): Change => ({
    changeId: uuidv7(),
    entity,
    entityId: String(data.id),
    op: 'insert',
    rowVersion: 1,
    data,
    changedAt: now,
    changedBy,
  })
  const staff = (id: string, login: string, role: string) => ({
    id,
    ...synced(now),
    branch_id: plan.recordId,
    login,
    full_name: `Сотрудник ${login}`,
    role,
    password_hash: 'scrypt$bench$not-a-real-hash',
    active: 1,
    must_change_password: 0,
  })
  return [
    change('branch', { id: plan.recordId, ...synced(now), code: plan.code, name: plan.code, city: 'Москва' }, null),
    change('staff', staff(plan.adminId, 'admin', 'admin'), null),
    ...plan.clerks.map((id, i) => change('staff', staff(id, `clerk${i + 1}`, 'clerk'), plan.adminId)),
  ]
}

/**
 * One device's contracts: each batch opens new draft policies (the hot row and its document) and edits policies
 * opened earlier (a new version of the hot row), as a clerk filling applications at the counter does.
 */
export class ContractWork {
  private readonly open: Array<{ id: string; version: number; row: Record<string, unknown> }> = []
  private made = 0
  constructor(
    readonly author: string,
    readonly tag: string,
    readonly today: string,
  ) {}

  private readonly draft = completeDraft(new Date().toISOString().slice(0, 10))

  batch(size: number, now: string): Change[] {
    const out: Change[] = []
    // A fifth of the batch edits earlier policies (from the second batch on); the rest opens new ones, in pairs.
    const edits = this.open.length > 0 ? Math.min(this.open.length, Math.floor(size / 5)) : 0
    for (let i = 0; i < edits; i++) {
      const p = this.open[(this.made + i) % this.open.length]!
      p.version += 1
      p.row = { ...p.row, updated_at: now, row_version: p.version, insured_phone: `+7 900 ${p.version}00-00-00` }
      out.push(this.change('osago_policy', p.row, 'update', p.version, now))
    }
    while (out.length + 2 <= size) {
      this.made += 1
      const id = uuidv7()
      const row = {
        id,
        ...synced(now),
        status: 'draft',
        insured_name: `Смирнов ${this.tag}-${this.made}`,
        search_text: `смирнов ${this.tag}-${this.made}`,
        conclusion_date: this.today,
        premium_kopecks: null,
        blank_id: null,
        policy_series: null,
        policy_number: null,
        created_by: this.author,
      }
      out.push(this.change('osago_policy', row, 'insert', 1, now))
      out.push(
        this.change('osago_document', { id, ...synced(now), draft: this.draft, calculation: null }, 'insert', 1, now),
      )
      this.open.push({ id, version: 1, row })
    }
    if (out.length < size) {
      const p = this.open[0]!
      p.version += 1
      p.row = { ...p.row, updated_at: now, row_version: p.version }
      out.push(this.change('osago_policy', p.row, 'update', p.version, now))
    }
    return out
  }

  private change(entity: string, data: Record<string, unknown>, op: 'insert' | 'update', v: number, now: string) {
    return {
      changeId: uuidv7(),
      entity,
      entityId: String(data.id),
      op,
      rowVersion: v,
      data,
      changedAt: now,
      changedBy: this.author,
    } satisfies Change
  }

  /** Policies and the sum of their final versions: what HQ must hold at the end. */
  expected(): { policies: number; versions: number } {
    return { policies: this.open.length, versions: this.open.reduce((s, p) => s + p.version, 0) }
  }
}

export type { ChangeResult, EnrolResponse, PullResponse, PushResponse }
