import type { OsagoDraft } from '../osago/draft'
import { kbmCheckHolds, kbmDocument, type KbmCheck } from '../osago/kbmCheck'

export { kbmCheckHolds, kbmDocument, type KbmCheck } from '../osago/kbmCheck'

/**
 * The KBM check (issue 15 point 5; docs/domain/kbm-check.md): the class of each listed driver — or of the owner for
 * an any-driver policy — asked of the national database through HQ. The answer replaces the class the clerk typed
 * and is kept beside it with its request id, so the application shows where the class came from.
 */

/** What the register is asked by: a driver's licence, an owner's passport, an organisation's INN. */
export const KBM_DOCUMENT_KINDS = ['licence', 'passport', 'inn'] as const
export type KbmDocumentKind = (typeof KBM_DOCUMENT_KINDS)[number]

/** Whom to ask about: `ref` is `driver:<index>` or `owner`; names help the register (and the log) tell people apart. */
export interface KbmSubject {
  ref: string
  kind: KbmDocumentKind
  document: string
  surname: string
  name: string
  patronymic: string
  birthDate: string
}

/** One answer for one subject, as HQ returns it. */
export interface KbmAnswer {
  ref: string
  class: string
  requestId: string
  checkedAt: string
  /** False when the register holds nothing on the document: class 3 then (docs/domain/kbm-check.md). */
  found: boolean
}

/** The owner whose KBM prices an any-driver policy: the owner block, or the insured when it is the owner. */
function ownerParty(draft: OsagoDraft) {
  if (draft.ownerIsInsured || !draft.owner) return draft.insured.kind === 'organisation' ? null : draft.insured
  return draft.owner.type === 'individual' ? draft.owner.person : null
}

function ownerOrganisation(draft: OsagoDraft) {
  if (draft.ownerIsInsured || !draft.owner) return draft.insured.kind === 'organisation' ? draft.insured : null
  return draft.owner.type === 'legal' ? draft.owner.entity : null
}

/**
 * Who a draft's KBM depends on (docs/domain/kbm-check.md): each listed driver, or the owner of an any-driver
 * policy. A person whose document is not typed yet cannot be asked about and is left out (`missing` names them).
 */
export function kbmSubjects(draft: OsagoDraft): { subjects: KbmSubject[]; missing: string[] } {
  const subjects: KbmSubject[] = []
  const missing: string[] = []
  if (draft.drivers.mode === 'list') {
    draft.drivers.list.forEach((d, i) => {
      const document = kbmDocument(d.licence.series, d.licence.number)
      if (document === '') missing.push(`driver:${i}`)
      else
        subjects.push({
          ref: `driver:${i}`,
          kind: 'licence',
          document,
          surname: d.surname,
          name: d.name,
          patronymic: d.patronymic,
          birthDate: d.birthDate,
        })
    })
    return { subjects, missing }
  }
  const person = ownerParty(draft)
  const organisation = ownerOrganisation(draft)
  const document = person
    ? kbmDocument(person.passport.series, person.passport.number)
    : kbmDocument(organisation?.inn ?? '')
  if (document === '') missing.push('owner')
  else
    subjects.push({
      ref: 'owner',
      kind: person ? 'passport' : 'inn',
      document,
      surname: person ? person.surname : (organisation?.fullName ?? '').slice(0, 60),
      name: person?.name ?? '',
      patronymic: person?.patronymic ?? '',
      birthDate: person?.birthDate ?? '',
    })
  return { subjects, missing }
}

/** The class a subject has on the draft now, and the check stored beside it. */
export function kbmOnDraft(draft: OsagoDraft, ref: string): { class: string; check: KbmCheck | null } | null {
  if (ref === 'owner')
    return draft.drivers.mode === 'unlimited'
      ? { class: draft.drivers.ownerKbmClass, check: draft.drivers.ownerKbmCheck ?? null }
      : null
  const i = /^driver:(\d+)$/.exec(ref)?.[1]
  const d = i !== undefined && draft.drivers.mode === 'list' ? draft.drivers.list[Number(i)] : undefined
  return d ? { class: d.kbmClass, check: d.kbmCheck ?? null } : null
}

/** The subjects whose class on the draft no check of the register confirms (what a later re-check asks about). */
export function uncheckedSubjects(draft: OsagoDraft): KbmSubject[] {
  return kbmSubjects(draft).subjects.filter((s) => {
    const on = kbmOnDraft(draft, s.ref)
    return !on || !kbmCheckHolds(on.check, s.document, on.class)
  })
}

/**
 * The draft with the register's answers in place of the typed classes (a copy; the draft given is not touched):
 * each answered driver — or the owner — gets the class returned and the check beside it. The typed reason stays.
 */
export function applyKbmAnswers(draft: OsagoDraft, subjects: readonly KbmSubject[], answers: readonly KbmAnswer[]) {
  const next = structuredClone(draft)
  for (const a of answers) {
    const subject = subjects.find((s) => s.ref === a.ref)
    if (!subject) continue
    const check: KbmCheck = {
      source: 'ais',
      class: a.class,
      requestId: a.requestId,
      checkedAt: a.checkedAt,
      document: subject.document,
    }
    if (a.ref === 'owner') {
      if (next.drivers.mode === 'unlimited')
        next.drivers = { ...next.drivers, ownerKbmClass: a.class, ownerKbmCheck: check }
      continue
    }
    const i = Number(/^driver:(\d+)$/.exec(a.ref)?.[1] ?? NaN)
    const d = next.drivers.mode === 'list' ? next.drivers.list[i] : undefined
    if (d) Object.assign(d, { kbmClass: a.class, kbmCheck: check })
  }
  return next
}
