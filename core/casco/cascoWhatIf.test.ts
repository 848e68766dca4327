import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { completeCascoDraft } from '../../shared/casco/draftFixture'
import { applyCascoAlternative } from '../../shared/casco/whatIf'
import { todayIn } from '../../shared/dates/calendarDate'
import { call, expectOk, makeTestCore, setupBranch, signInAs } from '../testing/testCore'
import { timeSideBySide } from '../testing/timeSideBySide'
import { priceCasco } from './cascoPricing'
import { quotedColumnTotal, quoteWhatIf } from './cascoWhatIf'
import { draftToQuoteInput } from '../../shared/casco/draft'

let t: Awaited<ReturnType<typeof makeTestCore>>
let today: string
beforeAll(async () => {
  t = await makeTestCore()
  today = todayIn('Europe/Moscow', t.clock.now())
  await setupBranch(t.core)
  await signInAs(t.core, 'clerk', 'c')
})
afterAll(async () => t.dispose())

describe('CASCO what-if through the live comparison', () => {
  it('answers every column’s alternatives; each applied gives its column exactly the total it showed', async () => {
    const draft = completeCascoDraft(today)
    const live = await expectOk(call(t.core, 'casco/preview-quote', { draft }, 'c'))
    if (!live.ok) throw new Error(live.message)
    expect(new Set(live.whatIf.map((w) => w.alternative.option))).toEqual(new Set([0, 1, 2]))
    for (const w of live.whatIf) {
      const again = await expectOk(
        call(t.core, 'casco/preview-quote', { draft: applyCascoAlternative(draft, w.alternative) }, 'c'),
      )
      if (!again.ok) throw new Error(again.message)
      const column = again.quote.options[w.alternative.option]!
      expect(column.schedule.totalKopecks).toBe(w.totalKopecks)
      expect(w.differenceKopecks).toBe(w.totalKopecks - live.quote.options[w.alternative.option]!.schedule.totalKopecks)
    }
  })

  it('costs no more than the calculation itself per alternative (N calculations vs N alternatives, timed side by side)', () => {
    const reference = t.core.reference
    const draft = completeCascoDraft(today)
    const priced = priceCasco(reference, draftToQuoteInput(draft))
    if (!priced.ok) throw new Error(priced.first.messageKey)
    const alternatives = quoteWhatIf(reference, draft, priced.quote)
    const drafts = alternatives.map((w) => ({
      d: applyCascoAlternative(draft, w.alternative),
      i: w.alternative.option,
    }))
    // The calculation a clerk waits for is the whole comparison; one alternative prices its own column only.
    const whole = timeSideBySide({
      rounds: 40,
      calculations: () => drafts.map(({ d }) => priceCasco(reference, draftToQuoteInput(d))),
      alternatives: () => quoteWhatIf(reference, draft, priced.quote),
      count: drafts.length,
    })
    const column = timeSideBySide({
      rounds: 40,
      calculations: () => drafts.map(({ d, i }) => quotedColumnTotal(reference, d, i)),
      alternatives: () => quoteWhatIf(reference, draft, priced.quote),
      count: drafts.length,
    })
    console.log(`CASCO what-if (${drafts.length} alternatives), vs the whole comparison: ${whole.report}`)
    console.log(`CASCO what-if (${drafts.length} alternatives), vs its column alone: ${column.report}`)
    expect(whole.ratio).toBeLessThan(1)
    expect(column.ratio).toBeLessThan(1.6)
  }, 60_000)
})
