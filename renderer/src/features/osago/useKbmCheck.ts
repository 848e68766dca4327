import { computed, ref, type Ref } from 'vue'
import type { KbmFlaggedPolicy, KbmRecheck } from '@shared/kbm/contract'
import { kbmCheckHolds, kbmOnDraft, kbmSubjects } from '@shared/kbm/draftKbm'
import type { Result } from '@shared/contract/result'
import type { OsagoDraft } from '@shared/osago/draft'
import type { OsagoPolicy } from '@shared/osago/policy'
import { call } from '../../api/client'
import { useAction } from '../../composables/useAction'

type Submit = (
  send: (input: { id: string; rowVersion: number; draft: OsagoDraft }) => Promise<Result<OsagoPolicy>>,
) => Promise<Result<OsagoPolicy> | null>

/** One line of the drivers' KBM: where the class on the form comes from (docs/domain/kbm-check.md). */
export interface KbmLine {
  ref: string
  n: number
  state: 'ais' | 'typed' | 'no-document'
  class: string
  requestId?: string
  checkedAt?: string
}

/** What the form's drivers (or owner) hold: a class the register confirmed, one typed by hand, or nobody to ask yet. */
export function kbmLines(draft: OsagoDraft): KbmLine[] {
  const { subjects, missing } = kbmSubjects(draft)
  const lines: KbmLine[] = subjects.map((s) => {
    const on = kbmOnDraft(draft, s.ref)
    const n = s.ref === 'owner' ? 0 : Number(s.ref.slice('driver:'.length)) + 1
    if (on && on.check && kbmCheckHolds(on.check, s.document, on.class))
      return {
        ref: s.ref,
        n,
        state: 'ais',
        class: on.class,
        requestId: on.check.requestId,
        checkedAt: on.check.checkedAt,
      }
    return { ref: s.ref, n, state: 'typed', class: on?.class ?? '' }
  })
  for (const ref of missing)
    lines.push({
      ref,
      n: ref === 'owner' ? 0 : Number(ref.slice('driver:'.length)) + 1,
      state: 'no-document',
      class: kbmOnDraft(draft, ref)?.class ?? '',
    })
  return lines.sort((a, b) => a.n - b.n)
}

/**
 * «Проверить КБМ» on an editable application: the form on screen goes to the core in the editor's save chain (as
 * «Рассчитать» does), the core asks HQ and saves the classes returned; the form then takes them over, so the next
 * autosave keeps them. A refusal (HQ away, not enrolled) leaves the typed classes and reasons as they are.
 */
export function useKbmCheck(draft: Ref<OsagoDraft | null>, submit: Submit) {
  const action = useAction()
  const done = ref(false)
  async function check(): Promise<void> {
    done.value = false
    const answer = await action.run<OsagoPolicy | null>('kbm', async () => {
      const r = await submit((input) => call('kbm/check-draft', input))
      return r ?? { ok: true as const, value: null }
    })
    const d = draft.value
    if (!answer || !d) return
    // Only the KBM fields: anything typed while the check was on its way stays as typed.
    const from = answer.draft.drivers
    const to = d.drivers
    if (from.mode === 'unlimited' && to.mode === 'unlimited') {
      to.ownerKbmClass = from.ownerKbmClass
      to.ownerKbmCheck = from.ownerKbmCheck ?? null
    } else if (from.mode === 'list' && to.mode === 'list') {
      from.list.forEach((x, i) => {
        const y = to.list[i]
        if (!y || !x.kbmCheck) return
        y.kbmClass = x.kbmClass
        y.kbmCheck = x.kbmCheck
      })
    }
    done.value = true
  }
  return {
    check,
    busy: action.busy,
    error: action.error,
    done,
    lines: computed(() => (draft.value ? kbmLines(draft.value) : [])),
  }
}

/** The re-check of an issued policy after sync (null until made). */
export async function loadKbmRecheck(id: string): Promise<KbmRecheck | null> {
  const r = await call('kbm/get-recheck', { id })
  return r.ok ? r.value : null
}

/** Dismisses the re-check's «class differs» flag with the reason (audited in the core). */
export function dismissKbmFlag(id: string, reason: string): Promise<Result<KbmRecheck>> {
  return call('kbm/dismiss-flag', { id, reason })
}

/** Issued policies whose typed KBM class the register did not confirm, for the home screen. */
export async function loadKbmFlagged(limit = 5): Promise<{ items: KbmFlaggedPolicy[]; more: boolean } | null> {
  const r = await call('kbm/list-flagged', { limit })
  return r.ok ? r.value : null
}
