import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick, ref, type EffectScope } from 'vue'
import type { Result } from '@shared/contract/result'
import { todayIn } from '@shared/dates/calendarDate'
import { useDraftEditor } from './useDraftEditor'

interface Draft {
  contract: { date: string }
  name: string
}
interface Rec {
  id: string
  rowVersion: number
  status: 'draft' | 'quoted' | 'issued'
  draft: Draft
}
type Live =
  | { ok: true; total: number }
  | { ok: false; field: string | null; messageKey: string; params: Record<string, string | number> }

const BACKUP_KEY = 'branch-desk.test-draft.r1'
const today = () => todayIn('Europe/Moscow')
const record = (over: Partial<Rec> = {}, draft: Partial<Draft> = {}): Rec => ({
  id: 'r1',
  rowVersion: 1,
  status: 'draft',
  ...over,
  draft: { contract: { date: today() }, name: '', ...draft },
})

function deferred<T>() {
  let resolve!: (v: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

/** Node has no localStorage; the backup needs only these three calls. */
class MemoryStorage {
  private items = new Map<string, string>()
  getItem(key: string) {
    return this.items.get(key) ?? null
  }
  setItem(key: string, value: string) {
    this.items.set(key, value)
  }
  removeItem(key: string) {
    this.items.delete(key)
  }
}

/** Lets every promise callback already due run (answers resolved by hand travel through several). */
async function settle() {
  for (let i = 0; i < 20; i++) await Promise.resolve()
}

const backupDraft = () => {
  const text = localStorage.getItem(BACKUP_KEY)
  return text ? (JSON.parse(text) as Draft) : null
}

let scope: EffectScope

/** The clerk types only into a form on screen, i.e. after Vue has rendered the loaded draft. */
async function show(editor: { load(r: Rec): void }, rec: Rec) {
  editor.load(rec)
  await nextTick()
}

type Extra = Partial<Pick<Parameters<typeof useDraftEditor<Draft, Rec, Live>>[0], 'upgrade' | 'conform'>>

function editorOnTheCore(extra: Extra = {}) {
  const rec = ref<Rec | null>(null)
  const saves: {
    input: { id: string; rowVersion: number; draft: Draft }
    answer: ReturnType<typeof deferred<Result<Rec>>>
  }[] = []
  const quotes: { draft: Draft; answer: ReturnType<typeof deferred<Result<Live>>> }[] = []
  scope = effectScope()
  const editor = scope.run(() =>
    useDraftEditor<Draft, Rec, Live>({
      record: rec,
      editable: (r) => r.status !== 'issued',
      draftOf: (r) => r.draft,
      backupPrefix: 'test-draft',
      save(input) {
        const answer = deferred<Result<Rec>>()
        saves.push({ input, answer })
        return answer.promise
      },
      quote(draft) {
        const answer = deferred<Result<Live>>()
        quotes.push({ draft, answer })
        return answer.promise
      },
      quoteDelayMs: 300,
      validate: (d) => ({ fieldErrors: d.name ? {} : { name: 'validation.required' } }),
      redate(d, r, day) {
        if (r.status !== 'draft' || d.contract.date === day) return false
        d.contract.date = day
        return true
      },
      today,
      t: (key) => key,
      messages: { saveFailed: 'saveFailed' },
      ...extra,
    }),
  )!
  /** The core accepts save `i`: the record comes back with the next row version and, a draft save unprices it. */
  async function accept(i: number, rowVersion: number) {
    const { input, answer } = saves[i]!
    answer.resolve({
      ok: true,
      value: { ...rec.value!, id: input.id, rowVersion, status: 'draft', draft: input.draft },
    })
    await settle()
  }
  return { rec, editor, saves, quotes, accept }
}

beforeEach(() => {
  vi.useFakeTimers()
  vi.stubGlobal('localStorage', new MemoryStorage())
})
afterEach(() => {
  scope.stop()
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

describe('useDraftEditor', () => {
  it('conforms an editable draft to the form’s rules on load and saves the change; a read-only one stays as stored', async () => {
    const conform = (d: Draft) => (d.name === d.name.toUpperCase() ? false : ((d.name = d.name.toUpperCase()), true))
    const { editor, saves } = editorOnTheCore({ conform })
    await show(editor, record({}, { name: 'ab' }))
    expect(editor.draft.value!.name).toBe('AB')
    expect(editor.dirty.value).toBe(true)
    await settle()
    expect(saves.map((s) => s.input.draft.name)).toEqual(['AB'])
    const other = editorOnTheCore({ conform })
    await show(other.editor, record({ status: 'issued' }, { name: 'ab' }))
    expect(other.editor.draft.value!.name).toBe('ab')
    expect(other.saves).toHaveLength(0)
  })

  it('reads a backup written by an earlier version through upgrade', async () => {
    localStorage.setItem(BACKUP_KEY, JSON.stringify({ contract: { date: today() }, title: 'Old' }))
    const upgrade = (d: Draft) => {
      const old = d as unknown as { contract: Draft['contract']; title?: string }
      return { contract: old.contract, name: old.title ?? d.name }
    }
    const { editor } = editorOnTheCore({ upgrade })
    await show(editor, record())
    expect(editor.draft.value).toEqual({ contract: { date: today() }, name: 'Old' })
  })

  it('chains saves in order, each sent with the row version of the previous answer', async () => {
    const { editor, rec, saves, accept } = editorOnTheCore()
    await show(editor, record())
    editor.draft.value!.name = 'A'
    await vi.advanceTimersByTimeAsync(400)
    editor.draft.value!.name = 'AB'
    await vi.advanceTimersByTimeAsync(400)
    // The second save waits for the first answer: sent now, it would carry row version 1 again and conflict.
    expect(saves.map((s) => s.input.rowVersion)).toEqual([1])
    await accept(0, 2)
    expect(saves.map((s) => [s.input.rowVersion, s.input.draft.name])).toEqual([
      [1, 'A'],
      [2, 'AB'],
    ])
    await accept(1, 3)
    expect(rec.value!.rowVersion).toBe(3)
    expect(editor.dirty.value).toBe(false)
  })

  it('writes the backup on every edit and clears it only once the core has the latest edit', async () => {
    const { editor, saves, accept } = editorOnTheCore()
    await show(editor, record())
    editor.draft.value!.name = 'A'
    await nextTick()
    expect(backupDraft()?.name).toBe('A')
    await vi.advanceTimersByTimeAsync(400)
    editor.draft.value!.name = 'AB'
    await nextTick()
    expect(backupDraft()?.name).toBe('AB')
    // The answer to the save of "A" arrives after "AB" was typed: the backup still holds what the core lacks.
    await accept(0, 2)
    expect(backupDraft()?.name).toBe('AB')
    expect(editor.dirty.value).toBe(true)
    await vi.advanceTimersByTimeAsync(400)
    expect(saves).toHaveLength(2)
    await accept(1, 3)
    expect(backupDraft()).toBeNull()
    expect(editor.dirty.value).toBe(false)
  })

  it('keeps the backup when a save fails, and flush tries again', async () => {
    const { editor, saves, accept } = editorOnTheCore()
    await show(editor, record())
    editor.draft.value!.name = 'A'
    await vi.advanceTimersByTimeAsync(400)
    saves[0]!.answer.resolve({ ok: false, error: { code: 'INTERNAL', message: 'disk full' } })
    await settle()
    expect(editor.saveError.value).toBe('saveFailed')
    expect(backupDraft()?.name).toBe('A')
    const flushed = editor.flush()
    await settle()
    expect(saves).toHaveLength(2)
    await accept(1, 2)
    await flushed
    expect(backupDraft()).toBeNull()
    expect(editor.saveError.value).toBeNull()
  })

  it('does not take a load for an edit: nothing is saved, backed up or unpriced', async () => {
    const { editor, rec, saves } = editorOnTheCore()
    editor.load(record({ status: 'quoted' }, { name: 'A' }))
    // What a field does to the draft while first showing it (a default filled in) is not the clerk's edit either.
    editor.draft.value!.name = 'B'
    await vi.advanceTimersByTimeAsync(2000)
    // Loading the core's answer to a step (calculate, choose) again is not an edit either.
    editor.load(record({ status: 'quoted', rowVersion: 2 }, { name: 'B' }))
    await vi.advanceTimersByTimeAsync(2000)
    await editor.flush()
    expect(saves).toHaveLength(0)
    expect(backupDraft()).toBeNull()
    expect(editor.dirty.value).toBe(false)
    expect(rec.value!.status).toBe('quoted')
  })

  it('saves at once a draft restored from the backup, and one resumed on a later day', async () => {
    const { editor, saves, accept } = editorOnTheCore()
    localStorage.setItem(BACKUP_KEY, JSON.stringify({ contract: { date: today() }, name: 'typed before the reload' }))
    editor.load(record({}, { name: 'what the core has' }))
    expect(editor.draft.value!.name).toBe('typed before the reload')
    await settle()
    expect(saves.map((s) => s.input.draft.name)).toEqual(['typed before the reload'])
    await accept(0, 2)
    expect(backupDraft()).toBeNull()

    editor.load(record({ rowVersion: 2 }, { contract: { date: '2020-01-01' } }))
    await settle()
    expect(saves[1]!.input.draft.contract.date).toBe(today())

    // A priced quote keeps its date: moving it would unprice it just for being opened.
    editor.load(record({ status: 'quoted', rowVersion: 3 }, { contract: { date: '2020-01-01' } }))
    await vi.advanceTimersByTimeAsync(1000)
    expect(saves).toHaveLength(2)
    expect(editor.draft.value!.contract.date).toBe('2020-01-01')
  })

  it('does not save a record that is no longer editable, and drops its backup', async () => {
    const { editor, saves } = editorOnTheCore()
    localStorage.setItem(BACKUP_KEY, JSON.stringify({ contract: { date: today() }, name: 'left over' }))
    await show(editor, record({ status: 'issued' }, { name: 'issued' }))
    expect(editor.readonly.value).toBe(true)
    expect(editor.draft.value!.name).toBe('issued')
    expect(backupDraft()).toBeNull()
    editor.draft.value!.name = 'changed'
    await vi.advanceTimersByTimeAsync(1000)
    await editor.flush()
    expect(saves).toHaveLength(0)
    expect(backupDraft()).toBeNull()
  })

  it('drops a quote answered after a newer one, and hides the field error of a stale answer', async () => {
    const { editor, quotes } = editorOnTheCore()
    await show(editor, record({}, { name: 'A' }))
    editor.showAll.value = true
    editor.draft.value!.name = 'AB'
    await vi.advanceTimersByTimeAsync(300)
    expect(quotes.map((q) => q.draft.name)).toEqual(['A', 'AB'])
    quotes[1]!.answer.resolve({ ok: true, value: { ok: true, total: 2 } })
    await settle()
    quotes[0]!.answer.resolve({ ok: true, value: { ok: false, field: 'name', messageKey: 'quote.old', params: {} } })
    await settle()
    expect(editor.live.value).toEqual({ ok: true, total: 2 })
    expect(editor.form.errorsOf('name')).toEqual([])

    editor.draft.value!.name = 'ABC'
    await vi.advanceTimersByTimeAsync(300)
    quotes[2]!.answer.resolve({
      ok: true,
      value: { ok: false, field: 'contract.date', messageKey: 'quote.tooLate', params: {} },
    })
    await settle()
    expect(editor.form.errorsOf('contract.date')).toEqual(['quote.tooLate'])
    // Typed again: until the core answers for the new draft, its old complaint is not shown.
    editor.draft.value!.name = 'ABCD'
    await nextTick()
    expect(editor.form.errorsOf('contract.date')).toEqual([])
  })
})

describe('useDraftEditor.submit (a call that saves the form too: OSAGO’s «Рассчитать»)', () => {
  it('sends the form on screen once, in place of the pending autosave, after a save on its way', async () => {
    const { editor, rec, saves, accept } = editorOnTheCore()
    await show(editor, record())
    editor.draft.value!.name = 'A'
    await vi.advanceTimersByTimeAsync(400)
    editor.draft.value!.name = 'AB'
    await nextTick()
    const sent: Array<{ rowVersion: number; draft: Draft }> = []
    const submitted = editor.submit(async (input) => {
      sent.push({ rowVersion: input.rowVersion, draft: input.draft })
      return { ok: true, value: { ...rec.value!, rowVersion: input.rowVersion + 1, status: 'quoted' } }
    })
    // It waits for the save already sent, then carries that answer's row version and the latest text.
    expect(sent).toHaveLength(0)
    await accept(0, 2)
    const answer = await submitted
    expect(sent).toEqual([{ rowVersion: 2, draft: { contract: { date: today() }, name: 'AB' } }])
    expect(answer).toMatchObject({ ok: true, value: { rowVersion: 3, status: 'quoted' } })
    expect(rec.value).toMatchObject({ rowVersion: 3, status: 'quoted' })
    expect(editor.dirty.value).toBe(false)
    // No separate save of "AB" follows: the call saved it.
    await vi.advanceTimersByTimeAsync(2000)
    expect(saves).toHaveLength(1)
  })

  it('leaves a refused call’s edit to autosave', async () => {
    const { editor, saves } = editorOnTheCore()
    await show(editor, record())
    editor.draft.value!.name = 'A'
    await nextTick()
    const answer = await editor.submit(async () => ({
      ok: false,
      error: { code: 'VALIDATION', message: 'no', fieldErrors: { name: 'x' } },
    }))
    expect(answer).toMatchObject({ ok: false })
    expect(editor.dirty.value).toBe(true)
    await vi.advanceTimersByTimeAsync(2000)
    expect(saves.map((s) => s.input.draft.name)).toEqual(['A'])
  })
})
