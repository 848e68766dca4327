import { blankNumberAt, rangeSize, type BlankCounts } from '../../shared/blanks/schemas'
import { AppError } from '../app/appError'
import type { Db } from '../db/openDatabase'
import { countBound, countUpTo } from '../db/search'
import { write } from '../db/write'
import type { HandlersOf } from '../ipc/handlers'
import { toBlank, withNames, type NamedBlankRow } from './blankRows'
import { spoilBlank } from './blankUse'

type BlanksChannels = 'blanks/receive-range' | 'blanks/list-blanks' | 'blanks/get-stock' | 'blanks/spoil-blank'

interface CountsRow {
  series: string
  received: number
  used: number | null
  spoiled: number | null
  on_hand: number | null
}

const counts = (r: Omit<CountsRow, 'series'>): BlankCounts => ({
  received: Number(r.received),
  used: Number(r.used ?? 0),
  spoiled: Number(r.spoiled ?? 0),
  onHand: Number(r.on_hand ?? 0),
})

/** Blank stock of the branch: receiving ranges, the list and the stock report, spoiling a damaged blank. */
export function blanksHandlers(db: Db): HandlersOf<BlanksChannels> {
  async function blank(id: string) {
    const row = (await withNames(db('policy_blank as b')).where('b.id', id).first()) as NamedBlankRow | undefined
    if (!row) throw new AppError('NOT_FOUND', 'blanks.errors.notFound')
    return toBlank(row)
  }

  return {
    'blanks/receive-range': async (input, ctx) => {
      const { series, fromNumber, toNumber } = input
      const count = rangeSize(fromNumber, toNumber)
      await write(db, ctx.actor, 'blank.received', ctx.now, async (w) => {
        // Fixed-width digit strings compare as numbers do, so BETWEEN finds any blank of the series in the range.
        const clash = (await w
          .trx('policy_blank')
          .where({ series })
          .whereBetween('number', [fromNumber, toNumber])
          .orderBy('number')
          .first('number')) as { number: string } | undefined
        if (clash) {
          throw new AppError(
            'CONFLICT',
            'blanks.errors.overlap',
            { series, number: clash.number },
            { fromNumber: 'blanks.errors.overlapField', toNumber: 'blanks.errors.overlapField' },
          )
        }
        for (let i = 0; i < count; i++) {
          await w.insert('policy_blank', {
            series,
            number: blankNumberAt(fromNumber, i),
            status: 'available',
            received_at: w.now,
            received_by: ctx.actor.userId,
          })
        }
      })
      return { series, fromNumber, toNumber, count }
    },

    'blanks/list-blanks': async (input) => {
      const { status, series, limit = 50, offset = 0 } = input ?? {}
      const filtered = () => {
        const q = db('policy_blank as b')
        if (status) q.where('b.status', status)
        if (series) q.where('b.series', series)
        return q
      }
      // Counted up to the next thousand past the page (a branch holds ~700k blanks at 1M contracts): the walk of
      // policy_blank_status_idx / policy_blank_number_uq stays short; the screen says «N+» past it.
      const bound = countBound(offset, limit)
      const total = await countUpTo(db, filtered(), bound)
      // (series, number) is policy_blank_number_uq, and policy_blank_status_idx after an equal status: no sort.
      const rows = (await withNames(filtered())
        .orderBy([{ column: 'b.series' }, { column: 'b.number' }])
        .limit(limit)
        .offset(offset)) as NamedBlankRow[]
      const items = rows.map(toBlank)
      return total >= bound ? { items, total, totalAtLeast: true } : { items, total }
    },

    // A walk of the covering index policy_blank_series_status_idx in its (series) order: no table row read and no
    // sort, ~20 bytes an entry (≈15 MB of index at 700k blanks, some tens of ms warm). Acceptable for a screen a
    // clerk opens, not per keystroke; per-series counters would make it O(series) but every blank write would have
    // to keep them true (the Writer and sync pull) — not worth that risk here.
    'blanks/get-stock': async () => {
      const rows = (await db('policy_blank')
        .select('series')
        .count({ received: '*' })
        .select(
          db.raw("SUM(status = 'used') AS used"),
          db.raw("SUM(status = 'spoiled') AS spoiled"),
          db.raw("SUM(status = 'available') AS on_hand"),
        )
        .groupBy('series')
        .orderBy('series')) as CountsRow[]
      const bySeries = rows.map((r) => ({ series: r.series, ...counts(r) }))
      const totals = bySeries.reduce<BlankCounts>(
        (t, s) => ({
          received: t.received + s.received,
          used: t.used + s.used,
          spoiled: t.spoiled + s.spoiled,
          onHand: t.onHand + s.onHand,
        }),
        { received: 0, used: 0, spoiled: 0, onHand: 0 },
      )
      return { totals, bySeries }
    },

    // From the stock screen only a blank without a policy is spoiled; a printed one is spoiled by reprinting.
    'blanks/spoil-blank': async (input, ctx) => {
      await write(db, ctx.actor, 'blank.spoiled', ctx.now, (w) => spoilBlank(w, input, ['available']))
      return blank(input.blankId)
    },
  }
}
