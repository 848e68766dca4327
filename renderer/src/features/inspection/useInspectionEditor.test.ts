// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick } from 'vue'
import type { Role } from '@shared/contract/roles'
import type { Inspection } from '@shared/inspection/inspection'
import { emptyReport } from '@shared/inspection/report'

/**
 * The inspection report's local backup: what was typed reaches localStorage at once and survives a reload inside
 * the autosave delay; the core's confirmation of that very change clears it; a submitted report has none.
 */
const saves: Array<{ report: { place: string } }> = []
let stored: Inspection
vi.mock('../../api/client', () => ({
  call: vi.fn(async (channel: string, input: { report: { place: string } }) => {
    if (channel === 'inspection/get') return { ok: true, value: structuredClone(stored) }
    if (channel === 'inspection/get-reference') return { ok: true, value: { checklist: {}, unverified: false } }
    if (channel === 'inspection/save-report') {
      saves.push(input)
      stored = { ...stored, report: input.report as Inspection['report'], rowVersion: stored.rowVersion + 1 }
      return { ok: true, value: { rowVersion: stored.rowVersion, updatedAt: '2026-12-05T10:00:00Z' } }
    }
    return { ok: true, value: null }
  }),
  callOrThrow: vi.fn(),
  onSessionError: () => undefined,
}))
vi.mock('../../plugins/i18n', () => ({ useI18n: () => ({ t: (key: string) => key }) }))

const { useInspectionEditor } = await import('./useInspectionEditor')
const { useSessionStore } = await import('../../stores/session')
const KEY = 'branch-desk.inspection-report.i-1'

function inspection(status: Inspection['status']): Inspection {
  return {
    id: 'i-1',
    number: 'MSK-01/2026/00001',
    status,
    quoteId: null,
    report: emptyReport('2026-12-05T10:00', 'Офис'),
    damages: [],
    photos: [],
    inspector: { id: 'u-1', name: 'Сидоров' },
    checklistVersion: 'v1',
    submittedAt: null,
    returnedAt: null,
    returnReason: null,
    createdAt: '2026-12-05T10:00:00Z',
    updatedAt: '2026-12-05T10:00:00Z',
    rowVersion: 1,
  }
}

function signIn(role: Role) {
  useSessionStore().state = {
    status: 'signed-in',
    user: { id: 'u-1', login: role, fullName: role, role },
    idleLockMinutes: 10,
  }
}

function editor() {
  return effectScope().run(() => useInspectionEditor())!
}

describe('the inspection report backup', () => {
  beforeEach(() => {
    localStorage.clear()
    saves.length = 0
    vi.useFakeTimers()
    setActivePinia(createPinia())
    signIn('inspector')
  })
  afterEach(() => vi.useRealTimers())

  it('holds a change until the core has it, then clears', async () => {
    stored = inspection('draft')
    const e = editor()
    await e.load('i-1')
    await nextTick()
    await vi.runAllTimersAsync()
    saves.length = 0
    e.report.value!.place = 'Стоянка у офиса'
    await nextTick()
    expect(JSON.parse(localStorage.getItem(KEY)!).place).toBe('Стоянка у офиса')
    expect(e.dirty.value).toBe(true)
    await vi.runAllTimersAsync()
    expect(saves.map((s) => s.report.place)).toEqual(['Стоянка у офиса'])
    expect(localStorage.getItem(KEY)).toBeNull()
    expect(e.dirty.value).toBe(false)
  })

  it('restores what was typed before a reload and saves it at once', async () => {
    stored = inspection('draft')
    localStorage.setItem(KEY, JSON.stringify({ ...stored.report, place: 'typed before the reload' }))
    const e = editor()
    await e.load('i-1')
    expect(e.report.value!.place).toBe('typed before the reload')
    await vi.runAllTimersAsync()
    expect(saves[0]!.report.place).toBe('typed before the reload')
    expect(localStorage.getItem(KEY)).toBeNull()
  })

  it('drops a backup of a report that is no longer editable', async () => {
    stored = inspection('submitted')
    localStorage.setItem(KEY, JSON.stringify({ ...stored.report, place: 'left over' }))
    const e = editor()
    await e.load('i-1')
    expect(e.report.value!.place).toBe('Офис')
    expect(localStorage.getItem(KEY)).toBeNull()
    await vi.runAllTimersAsync()
    expect(saves).toEqual([])
  })

  it('is read-only for a supervisor looking at a draft: no backup, no save, the inspector’s backup kept', async () => {
    stored = inspection('draft')
    const inspectorsTyping = JSON.stringify({ ...stored.report, place: 'typed by the inspector' })
    localStorage.setItem(KEY, inspectorsTyping)
    signIn('supervisor')
    const e = editor()
    await e.load('i-1')
    expect(e.readonly.value).toBe(true)
    expect(e.report.value!.place).toBe('Офис')
    e.report.value!.place = 'typed by the supervisor'
    await nextTick()
    await vi.runAllTimersAsync()
    expect(e.dirty.value).toBe(false)
    expect(localStorage.getItem(KEY)).toBe(inspectorsTyping)
    expect(saves).toEqual([])
  })
})
