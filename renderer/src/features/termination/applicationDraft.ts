import type {
  ApplicationDetails,
  ApplicationDetailsInput,
  ApplicationKind,
  CascoSaleChoice,
  ContractData,
  PayoutMethod,
  ReceiptChannel,
} from '@shared/termination/application'
import { KINDS_BY_PRODUCT, asksEventDate, payoutMayBeNone } from '@shared/termination/application'
import type { TerminationGround } from '@shared/termination/rulesSchema'

/** The application form as typed: every text a string, the representative kept while the toggle is off. */
export interface ApplicationDraft {
  kind: ApplicationKind | null
  ground: TerminationGround | null
  eventDate: string
  cascoChoice: CascoSaleChoice | null
  insuredEventOccurred: boolean
  /** In person, or by post with the postmark date (GK RF art. 194 p. 2). */
  receipt: { channel: ReceiptChannel; postmarkDate: string }
  /** Cooling-off: a later end date the client asks for; empty for the day of filing. */
  requestedTerminationDate: string
  applicant: { fullName: string; passport: string; phone: string; address: string }
  byRepresentative: boolean
  representative: { fullName: string; powerOfAttorney: { number: string; date: string; notary: string } }
  payout: {
    method: PayoutMethod
    recipient: string
    bankName: string
    bik: string
    account: string
    correspondentAccount: string
  }
  /** Set from the refund preview: the rules refund nothing in this case, so no payout is asked for. */
  noPayout: boolean
}

export function emptyDraft(contract: ContractData | null): ApplicationDraft {
  const kinds = contract ? KINDS_BY_PRODUCT[contract.product] : []
  const name = contract?.policyholderType === 'individual' ? contract.policyholderName : ''
  return {
    kind: kinds.length === 1 ? kinds[0]! : null,
    ground: null,
    eventDate: '',
    cascoChoice: null,
    insuredEventOccurred: false,
    receipt: { channel: 'in-person', postmarkDate: '' },
    requestedTerminationDate: '',
    applicant: { fullName: name, passport: '', phone: '', address: '' },
    byRepresentative: false,
    representative: { fullName: '', powerOfAttorney: { number: '', date: '', notary: '' } },
    payout: { method: 'cash', recipient: name, bankName: '', bik: '', account: '', correspondentAccount: '' },
    noPayout: false,
  }
}

export function isReissue(d: Pick<ApplicationDraft, 'kind' | 'cascoChoice'>): boolean {
  return d.kind === 'casco-sale' && d.cascoChoice === 'reissue'
}

/** No payout section: a re-issue, or a case the rules refund nothing on (as the preview said). */
export function paysNothing(d: Pick<ApplicationDraft, 'kind' | 'cascoChoice' | 'ground' | 'noPayout'>): boolean {
  return isReissue(d) || (d.noPayout && payoutMayBeNone(d.kind, d.kind === 'osago-early-termination' ? d.ground : null))
}

export function toDetailsInput(d: ApplicationDraft): ApplicationDetailsInput {
  const ground = d.kind === 'osago-early-termination' ? d.ground : null
  return {
    kind: d.kind as ApplicationKind,
    ground,
    eventDate: asksEventDate(d.kind, ground) && d.eventDate ? d.eventDate : null,
    cascoChoice: d.kind === 'casco-sale' ? d.cascoChoice : null,
    insuredEventOccurred: d.kind === 'cooling-off' || d.kind === 'casco-refusal' ? d.insuredEventOccurred : false,
    receipt:
      d.receipt.channel === 'post'
        ? { channel: 'post', postmarkDate: d.receipt.postmarkDate }
        : { channel: 'in-person' },
    requestedTerminationDate:
      d.kind === 'cooling-off' && d.requestedTerminationDate ? d.requestedTerminationDate : null,
    applicant: { ...d.applicant, address: d.applicant.address || null },
    representative: d.byRepresentative
      ? { fullName: d.representative.fullName, powerOfAttorney: { ...d.representative.powerOfAttorney } }
      : null,
    payout: paysNothing(d)
      ? null
      : d.payout.method === 'cash'
        ? { method: 'cash' }
        : { ...d.payout, correspondentAccount: d.payout.correspondentAccount || null },
  }
}

/** An application as received, back into the form for editing. */
export function draftOf(details: ApplicationDetails): ApplicationDraft {
  const p = details.payout
  const receipt = details.receipt ?? { channel: 'in-person' }
  return {
    kind: details.kind,
    ground: details.ground,
    eventDate: details.eventDate ?? '',
    cascoChoice: details.cascoChoice,
    insuredEventOccurred: details.insuredEventOccurred,
    receipt: { channel: receipt.channel, postmarkDate: receipt.channel === 'post' ? receipt.postmarkDate : '' },
    requestedTerminationDate: details.requestedTerminationDate ?? '',
    applicant: {
      fullName: details.applicant.fullName,
      passport: `${details.applicant.passport.series} ${details.applicant.passport.number}`,
      phone: details.applicant.phone,
      address: details.applicant.address ?? '',
    },
    byRepresentative: details.representative !== null,
    representative: details.representative
      ? { fullName: details.representative.fullName, powerOfAttorney: { ...details.representative.powerOfAttorney } }
      : { fullName: '', powerOfAttorney: { number: '', date: '', notary: '' } },
    payout:
      p && p.method === 'transfer'
        ? {
            method: 'transfer',
            recipient: p.recipient,
            bankName: p.bankName,
            bik: p.bik,
            account: p.account,
            correspondentAccount: p.correspondentAccount ?? '',
          }
        : {
            method: 'cash',
            recipient: details.applicant.fullName,
            bankName: '',
            bik: '',
            account: '',
            correspondentAccount: '',
          },
    noPayout: p === null && !(details.kind === 'casco-sale' && details.cascoChoice === 'reissue'),
  }
}
