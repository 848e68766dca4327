import { watch, type Ref } from 'vue'
import { asksEventDate, type ContractSummary } from '@shared/termination/application'
import type { RefundPreview } from '@shared/termination/contract'
import { call } from '../../api/client'
import { isReissue, type ApplicationDraft } from './applicationDraft'

const PREVIEW_MS = 250

/** Asks the core for the refund as the form stands, a moment after each change (the core owns the rules). */
export function useRefundPreview(
  contract: Ref<Pick<ContractSummary, 'source' | 'id'> | null>,
  draft: Ref<ApplicationDraft>,
  preview: Ref<RefundPreview | null>,
  applicationId?: Ref<string | undefined>,
): void {
  let timer: ReturnType<typeof setTimeout> | undefined
  let seq = 0
  async function load() {
    const c = contract.value
    const d = draft.value
    if (!c || !d.kind) {
      preview.value = null
      return
    }
    const mine = ++seq
    const r = await call('termination/preview-refund', {
      contract: { source: c.source, id: c.id },
      kind: d.kind,
      ground: d.kind === 'osago-early-termination' ? d.ground : null,
      eventDate:
        asksEventDate(d.kind, d.kind === 'osago-early-termination' ? d.ground : null) && d.eventDate
          ? d.eventDate
          : null,
      cascoChoice: d.kind === 'casco-sale' ? d.cascoChoice : null,
      insuredEventOccurred: (d.kind === 'cooling-off' || d.kind === 'casco-refusal') && d.insuredEventOccurred,
      postmarkDate: d.receipt.channel === 'post' && d.receipt.postmarkDate ? d.receipt.postmarkDate : null,
      requestedTerminationDate:
        d.kind === 'cooling-off' && d.requestedTerminationDate ? d.requestedTerminationDate : null,
      representative: d.byRepresentative,
      payoutMethod: isReissue(d) ? null : d.payout.method,
      ...(applicationId?.value ? { applicationId: applicationId.value } : {}),
    })
    // A slower answer to an older question must not replace a newer one.
    if (mine !== seq || !r.ok) return
    preview.value = r.value
    // Where the rules refund nothing the form asks for no payout (the core asks for one again if they do).
    const none = r.value.ok && r.value.calculation.outcome === 'terminated-no-refund'
    if (draft.value.noPayout !== none) draft.value.noPayout = none
  }
  watch(
    [contract, draft],
    () => {
      clearTimeout(timer)
      timer = setTimeout(() => void load(), PREVIEW_MS)
    },
    { deep: true, immediate: true },
  )
}
