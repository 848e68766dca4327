import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { blankReport, blankReportData, numberRanges, type BlankMoves } from './blankReport'

const TZ = 'Europe/Moscow'
const n = (k: number) => String(k).padStart(10, '0')
const blank = (k: number, over: Partial<BlankMoves> = {}): BlankMoves => ({
  series: 'ХХХ',
  number: n(k),
  status: 'available',
  received_at: '2026-11-20T07:00:00.000Z',
  used_at: null,
  spoiled_at: null,
  ...over,
})

describe('blank report', () => {
  it('counts each column in the branch’s days and keeps the balance', () => {
    const blanks: BlankMoves[] = [
      blank(1), // on hand throughout
      blank(2, { status: 'used', used_at: '2026-11-30T21:30:00.000Z' }), // 01.12 00:30 Moscow: issued in the period
      blank(3, { status: 'used', used_at: '2026-11-30T20:30:00.000Z' }), // 30.11 23:30 Moscow: before
      blank(4, { status: 'spoiled', spoiled_at: '2026-12-03T08:00:00.000Z', spoiled_reason: 'замят принтером' }),
      blank(5, {
        status: 'spoiled',
        used_at: '2026-11-25T08:00:00.000Z',
        spoiled_at: '2026-12-04T08:00:00.000Z',
        spoiled_reason: 'переоформлен',
      }),
      blank(6, {
        status: 'lost',
        used_at: '2026-11-25T08:00:00.000Z',
        lost_at: '2026-12-05T08:00:00.000Z',
        lost_reason: 'утерян страхователем',
      }),
      blank(10, { received_at: '2026-12-02T08:00:00.000Z' }),
      blank(11, { received_at: '2026-12-02T08:00:00.000Z', status: 'used', used_at: '2026-12-02T09:00:00.000Z' }),
      blank(12, { received_at: '2026-12-02T08:00:00.000Z' }),
      blank(20, { received_at: '2026-12-10T08:00:00.000Z' }), // after the period
      blank(21, { series: 'ААА', status: 'used', used_at: '2026-11-21T08:00:00.000Z' }), // nothing in the period
    ]
    const data = blankReportData(blanks, { from: '2026-12-01', to: '2026-12-06' }, TZ)
    expect(data.lines).toEqual([
      {
        series: 'ХХХ',
        onHandStart: 3, // 1, 2, 4
        received: 3,
        issued: 2, // 2, 11
        spoiled: 2,
        spoiledFromStock: 1,
        lost: 1,
        onHandEnd: 3, // 1, 10, 12
        receivedRanges: '0000000010–0000000012',
        onHandEndRanges: '0000000001, 0000000010, 0000000012',
      },
    ])
    expect(data.writeOffs.map((w) => [w.day, w.number, w.status, w.reason])).toEqual([
      ['2026-12-03', n(4), 'spoiled', 'замят принтером'],
      ['2026-12-04', n(5), 'spoiled', 'переоформлен'],
      ['2026-12-05', n(6), 'lost', 'утерян страхователем'],
    ])
    const report = blankReport([{ branch: 'MSK-01', data }], data, {
      at: '2026-12-06T09:15:00.000Z',
      timeZone: TZ,
      scope: 'MSK-01',
    })
    expect(report.lines).toEqual(['Период: 01.12.2026 — 06.12.2026', 'Филиал: MSK-01', 'Сформирован: 06.12.2026 12:15'])
    expect(report.tables[0]!.columns.map((c) => c.key)).not.toContain('branch')
    expect(report.tables[0]!.totals).toMatchObject({ series: 'Итого', onHandStart: 3, onHandEnd: 3 })
  })

  it('ranges join consecutive numbers only', () => {
    expect(numberRanges([n(3), n(1), n(2), n(9), n(11), n(10)])).toBe(`${n(1)}–${n(3)}, ${n(9)}–${n(11)}`)
    expect(numberRanges([])).toBe('')
  })

  it('property: on hand at the end = at the start + received − issued − spoiled from stock; the next period starts where this ends', () => {
    const day = fc.integer({ min: 0, max: 30 }).map((d) => `2026-12-${String(d + 1).padStart(2, '0')}T10:00:00.000Z`)
    const life = fc
      .record({
        k: fc.integer({ min: 1, max: 200 }),
        received: day,
        fate: fc.constantFrom('available', 'used', 'spoiled', 'used-spoiled', 'lost'),
        d1: fc.integer({ min: 0, max: 5 }),
        d2: fc.integer({ min: 0, max: 5 }),
      })
      .map(({ k, received, fate, d1, d2 }): BlankMoves => {
        const plus = (iso: string, days: number) => new Date(Date.parse(iso) + days * 86_400_000).toISOString()
        const first = plus(received, d1)
        const second = plus(first, d2)
        return blank(k, {
          received_at: received,
          status: fate === 'used-spoiled' ? 'spoiled' : (fate as BlankMoves['status']),
          used_at: ['used', 'used-spoiled', 'lost'].includes(fate) ? first : null,
          spoiled_at: fate === 'spoiled' ? first : fate === 'used-spoiled' ? second : null,
          lost_at: fate === 'lost' ? second : null,
        })
      })
    fc.assert(
      fc.property(
        fc.uniqueArray(life, { selector: (b) => b.number, maxLength: 60 }),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 0, max: 6 }),
        (blanks, start, len) => {
          const from = `2026-12-${String(start).padStart(2, '0')}`
          const to = `2026-12-${String(Math.min(31, start + len)).padStart(2, '0')}`
          const line = blankReportData(blanks, { from, to }, TZ).lines[0]
          if (!line) return
          expect(line.onHandEnd).toBe(line.onHandStart + line.received - line.issued - line.spoiledFromStock)
          if (to < '2026-12-31') {
            const next = `2026-12-${String(Number(to.slice(8)) + 1).padStart(2, '0')}`
            const after = blankReportData(blanks, { from: next, to: '2026-12-31' }, TZ).lines[0]
            expect(after?.onHandStart ?? 0).toBe(line.onHandEnd)
          }
        },
      ),
    )
  })
})
