import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { backupsToKeep } from './retention'

const TZ = 'Europe/Moscow'
const at = (iso: string) => ({ id: iso, createdAt: iso })

describe('backup retention', () => {
  it('keeps 7 daily + 4 weekly: the newest of each recent day and week, nothing else', () => {
    // One backup a day at 18:00 Moscow (15:00 UTC) for 60 days, ending Saturday 2026-12-05.
    const all = Array.from({ length: 60 }, (_, i) => at(new Date(Date.UTC(2026, 11, 5 - i, 15)).toISOString()))
    const kept = [...backupsToKeep(all, { keepDaily: 7, keepWeekly: 4 }, TZ)].sort()
    expect(kept).toEqual(
      [
        // Weekly: the newest of the weeks starting Mon 09.11, 16.11, 23.11 (and 30.11, which the dailies cover).
        '2026-11-15T15:00:00.000Z',
        '2026-11-22T15:00:00.000Z',
        '2026-11-29T15:00:00.000Z',
        '2026-11-30T15:00:00.000Z',
        '2026-12-01T15:00:00.000Z',
        '2026-12-02T15:00:00.000Z',
        '2026-12-03T15:00:00.000Z',
        '2026-12-04T15:00:00.000Z',
        '2026-12-05T15:00:00.000Z',
      ].sort(),
    )
  })

  it('keeps only the newest of several backups on one day, by the branch’s calendar', () => {
    const day = ['2026-12-04T20:30:00.000Z', '2026-12-04T21:30:00.000Z', '2026-12-05T08:00:00.000Z'].map(at)
    // 21:30 UTC is 00:30 on the 5th in Moscow: it belongs to the 5th, and 08:00 UTC is the newest of that day.
    expect([...backupsToKeep(day, { keepDaily: 2, keepWeekly: 0 }, TZ)].sort()).toEqual([
      '2026-12-04T20:30:00.000Z',
      '2026-12-05T08:00:00.000Z',
    ])
    expect([...backupsToKeep(day, { keepDaily: 0, keepWeekly: 0 }, TZ)]).toEqual(['2026-12-05T08:00:00.000Z'])
    expect(backupsToKeep([], { keepDaily: 7, keepWeekly: 4 }, TZ).size).toBe(0)
  })

  it('never keeps more than daily + weekly + 1, always keeps the newest, and keeping is stable (random histories)', () => {
    const instant = fc
      .integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) })
      .map((ms) => new Date(ms).toISOString())
    fc.assert(
      fc.property(fc.uniqueArray(instant, { maxLength: 80 }), fc.nat(10), fc.nat(6), (isos, keepDaily, keepWeekly) => {
        const backups = isos.map(at)
        const kept = backupsToKeep(backups, { keepDaily, keepWeekly }, TZ)
        expect(kept.size).toBeLessThanOrEqual(Math.min(backups.length, keepDaily + keepWeekly + 1))
        if (backups.length) expect(kept.has([...isos].sort().at(-1)!)).toBe(true)
        // Applying the rule again to what it kept deletes nothing more: a retention run is idempotent.
        const again = backupsToKeep(
          backups.filter((b) => kept.has(b.id)),
          { keepDaily, keepWeekly },
          TZ,
        )
        expect([...again].sort()).toEqual([...kept].sort())
      }),
    )
  })
})
