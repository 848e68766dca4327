import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { todayIn } from '../../shared/dates/calendarDate'
import { completeDraft } from '../../shared/osago/testing/completeDraft'
import { applyOsagoAlternative } from '../../shared/osago/whatIf'
import { call, expectOk, makeTestCore, setupBranch, signInAs } from '../testing/testCore'
import { timeSideBySide } from '../testing/timeSideBySide'
import { draftToPremiumInput } from '../../shared/osago/draft'
import { priceOsago } from './osagoPricing'
import { quotedPremium, quoteWhatIf } from './osagoWhatIf'

let t: Awaited<ReturnType<typeof makeTestCore>>
let today: string
beforeAll(async () => {
  t = await makeTestCore()
  today = todayIn('Europe/Moscow', t.clock.now())
  await setupBranch(t.core)
  await signInAs(t.core, 'clerk', 'c')
})
afterAll(async () => t.dispose())

describe('OSAGO what-if through the live quote', () => {
  it('answers the alternatives beside the premium; each applied is priced by the same channel at exactly its amount', async () => {
    const draft = completeDraft(today)
    const quote = await expectOk(call(t.core, 'osago/quote-premium', { draft }, 'c'))
    if (!quote.ok) throw new Error(quote.message)
    expect(quote.whatIf.map((w) => w.alternative.kind)).toEqual([
      'anyDriver',
      'withoutDriver',
      'monthsOfUse',
      'monthsOfUse',
      'monthsOfUse',
    ])
    for (const w of quote.whatIf) {
      const again = await expectOk(
        call(t.core, 'osago/quote-premium', { draft: applyOsagoAlternative(draft, w.alternative) }, 'c'),
      )
      if (!again.ok) throw new Error(again.message)
      expect(again.premium.premiumKopecks).toBe(w.premiumKopecks)
      expect(w.differenceKopecks).toBe(w.premiumKopecks - quote.premium.premiumKopecks)
    }
  })

  it('a quote that does not price has no alternatives to offer', async () => {
    const draft = completeDraft(today)
    draft.vehicle.power = null
    const quote = await expectOk(call(t.core, 'osago/quote-premium', { draft }, 'c'))
    expect(quote.ok).toBe(false)
    expect(quote).not.toHaveProperty('whatIf')
  })

  it('costs no more than the calculation itself per alternative (N calculations vs N alternatives, timed side by side)', () => {
    const reference = t.core.reference
    const draft = completeDraft(today)
    // What the quote hands the what-if: its premium and the input it parsed on the way.
    const quote = priceOsago(reference, draftToPremiumInput(draft))
    if (!quote.ok) throw new Error('the draft does not price')
    const premium = quote.premium.premiumKopecks
    const drafts = quoteWhatIf(reference, draft, quote.input, premium).map((w) =>
      applyOsagoAlternative(draft, w.alternative),
    )
    const r = timeSideBySide({
      rounds: 300,
      calculations: () => drafts.map((d) => quotedPremium(reference, d)),
      alternatives: () => quoteWhatIf(reference, draft, quote.input, premium),
      count: drafts.length,
    })
    console.log(`OSAGO what-if (${drafts.length} alternatives): ${r.report}`)
    // The bound itself. The figures are 0.65–0.73× (an alternative is one calculation without the parse the
    // quote already did); alternating rounds and medians keep a loaded machine's noise on both sides alike.
    expect(r.ratio).toBeLessThan(1)
  })
})
