import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { emptyDriver, type OsagoDraft } from '../osago/draft'
import { completeDraft } from '../osago/testing/completeDraft'
import { kbmClasses } from '../osago/tariffSchema'
import { applyKbmAnswers, kbmDocument, kbmSubjects, uncheckedSubjects, type KbmAnswer } from './draftKbm'

const TODAY = '2026-12-06'
const kbmClass = fc.constantFrom(...kbmClasses)
const documentPart = fc.stringMatching(/^[0-9А-Я -]{0,6}$/)
const driver = fc.record({ series: documentPart, number: documentPart, kbmClass })

function draftWith(list: Array<{ series: string; number: string; kbmClass: string }>): OsagoDraft {
  const d = completeDraft(TODAY)
  d.drivers = {
    mode: 'list',
    list: list.map((x) => ({
      ...emptyDriver(),
      licence: { series: x.series, number: x.number },
      kbmClass: x.kbmClass,
    })),
  }
  return d
}

const answersFor = (draft: OsagoDraft, classes: string[]): KbmAnswer[] =>
  kbmSubjects(draft).subjects.map((s, i) => ({
    ref: s.ref,
    class: classes[i % classes.length]!,
    requestId: `R-${i}`,
    checkedAt: '2026-12-06T10:00:00.000Z',
    found: true,
  }))

describe('the KBM answers on a draft (docs/domain/kbm-check.md)', () => {
  it('a document is keyed the same however it is typed', () => {
    fc.assert(
      fc.property(documentPart, documentPart, (a, b) => {
        const key = kbmDocument(a, b)
        expect(kbmDocument(key)).toBe(key)
        expect(kbmDocument(a.toLowerCase(), ` ${b} `)).toBe(key)
        expect(key).not.toMatch(/[\s-]/)
      }),
    )
  })

  it('every driver with a licence is asked about; one without is named as missing', () => {
    fc.assert(
      fc.property(fc.array(driver, { minLength: 1, maxLength: 20 }), (list) => {
        const { subjects, missing } = kbmSubjects(draftWith(list))
        expect(subjects.length + missing.length).toBe(list.length)
        list.forEach((x, i) => {
          const typed = kbmDocument(x.series, x.number) !== ''
          expect(subjects.some((s) => s.ref === `driver:${i}`)).toBe(typed)
          expect(missing.includes(`driver:${i}`)).toBe(!typed)
        })
      }),
    )
  })

  it('after the answers every asked class is the register’s and confirmed; a later edit makes it the clerk’s again', () => {
    fc.assert(
      fc.property(
        fc.array(driver, { minLength: 1, maxLength: 20 }),
        fc.array(kbmClass, { minLength: 1, maxLength: 5 }),
        fc.nat(),
        kbmClass,
        (list, classes, pick, retyped) => {
          const draft = draftWith(list)
          const before = structuredClone(draft)
          const { subjects } = kbmSubjects(draft)
          const answers = answersFor(draft, classes)
          const next = applyKbmAnswers(draft, subjects, answers)
          expect(draft).toEqual(before)
          expect(uncheckedSubjects(next)).toEqual([])
          const drivers = next.drivers.mode === 'list' ? next.drivers.list : []
          for (const a of answers) {
            const d = drivers[Number(a.ref.slice('driver:'.length))]!
            expect(d.kbmClass).toBe(a.class)
            expect(d.kbmCheck).toMatchObject({ source: 'ais', class: a.class, requestId: a.requestId })
          }
          if (subjects.length === 0) return
          const subject = subjects[pick % subjects.length]!
          const d = drivers[Number(subject.ref.slice('driver:'.length))]!
          // Another class typed over the answer: unconfirmed, and only that driver.
          const edited = structuredClone(next)
          const e = (edited.drivers.mode === 'list' ? edited.drivers.list : [])[Number(subject.ref.slice(7))]!
          e.kbmClass = retyped
          expect(uncheckedSubjects(edited).map((s) => s.ref)).toEqual(retyped === d.kbmClass ? [] : [subject.ref])
          // Another licence: the answer was about someone else.
          e.kbmClass = d.kbmClass
          e.licence = { series: 'ZZ', number: `${e.licence.number}9` }
          expect(uncheckedSubjects(edited).map((s) => s.ref)).toEqual([subject.ref])
        },
      ),
    )
  })
})
