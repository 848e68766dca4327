import {
  createWorkingDayCalendar,
  productionCalendarSchema,
  type WorkingDayCalendar,
} from '../../shared/reference/productionCalendar'
import type { Clock } from '../app/clock'
import type { Db } from '../db/openDatabase'
import type { ReferenceData } from './loadReferenceData'
import { onReferenceReloaded } from './referenceEvents'
import { calendarDataOf, workingDayCalendarOf } from './workingDays'

const KIND = 'production-calendar'

export interface CalendarWatch {
  /** The check at start-up is done. */
  ready: Promise<void>
  /** Every check asked for so far is done. */
  settled(): Promise<void>
  stop(): Promise<void>
}

interface StateRow {
  kind: string
  data: string
  versions: string
  applied_at: string
}

/**
 * Notices when the calendar the core counts on changes — an HQ update installed by sync, or a newer build bundling
 * a decree — and hands the calendar open deadlines were counted on, and the new one, to `onChange`. The calendar
 * last counted on is kept in `reference_state`, so a change is acted on exactly once: at the next start if the app
 * stopped between the install and the recalculation, never again after `onChange` succeeded. On a device's first
 * run (nothing kept yet) the current calendar is recorded and nothing is recalculated: every deadline on file was
 * counted on it or on what the device had before, which is unknown. The one-time recounts (`once`) run on every
 * device, the first run included: sync may have brought deadlines counted by the rule they replace.
 */
export function watchCalendar(opts: {
  db: Db
  reference: ReferenceData
  clock: Clock
  log?: (message: string, error?: unknown) => void
  onChange(previous: WorkingDayCalendar, current: WorkingDayCalendar): Promise<void>
  /**
   * Recounts a device does once, after an upgrade changed a rule open deadlines were counted by (kept in
   * `reference_state` under `kind`, so never again once `run` succeeded). Each gets the calendar the deadlines on
   * file were counted on, and runs before a calendar change is acted on, so that one counts from the new rule.
   */
  once?: ReadonlyArray<{ kind: string; run(countedOn: WorkingDayCalendar): Promise<void> }>
}): CalendarWatch {
  const { db, reference, clock } = opts
  let chain: Promise<void> = Promise.resolve()
  let stopped = false

  async function check(): Promise<void> {
    if (stopped) return
    const data = JSON.stringify(calendarDataOf(reference))
    const state = {
      data,
      versions: JSON.stringify(reference.versions[KIND].map((v) => v.version)),
      applied_at: clock.now().toISOString(),
    }
    const row = (await db('reference_state').where({ kind: KIND }).first()) as StateRow | undefined
    const kept = row ? productionCalendarSchema.safeParse(parseOrNull(row.data)) : null
    for (const once of opts.once ?? []) {
      if (await db('reference_state').where({ kind: once.kind }).first()) continue
      // On a first run the deadlines on file (brought by sync) were counted on a calendar unknown here: the current one
      // is the best guess, and a date it does not explain is left alone by the recount.
      await once.run(kept?.success ? createWorkingDayCalendar(kept.data) : workingDayCalendarOf(reference))
      await db('reference_state').insert({
        kind: once.kind,
        data: '{}',
        versions: '[]',
        applied_at: clock.now().toISOString(),
      })
    }
    if (!row) {
      await db('reference_state').insert({ kind: KIND, ...state })
      return
    }
    if (row.data === data) return
    // What an older build stored in a shape this one cannot read is not a calendar anything was counted on here.
    if (kept?.success) await opts.onChange(createWorkingDayCalendar(kept.data), workingDayCalendarOf(reference))
    await db('reference_state').where({ kind: KIND }).update(state)
  }

  function run(): Promise<void> {
    chain = chain
      .then(check)
      .catch((e: unknown) => opts.log?.('recalculating deadlines after a calendar change failed', e))
    return chain
  }

  // Called inside the pull's transaction: the check queues behind it for the database.
  const unsubscribe = onReferenceReloaded(reference, () => {
    void run()
  })
  return {
    ready: run(),
    settled: () => chain,
    async stop() {
      unsubscribe()
      stopped = true
      await chain
    },
  }
}

function parseOrNull(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}
