import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { todayIn } from '../../../shared/dates/calendarDate'
import type { OsagoPolicy } from '../../../shared/osago/policy'
import { completeDraft } from '../../../shared/osago/testing/completeDraft'
import { call, expectOk, makeTestCore, setupBranch, signInAs } from '../../testing/testCore'
import { RecordingPrintPlatform } from '../recordingPlatform'

export type OsagoCounter = Awaited<ReturnType<typeof makeOsagoCounter>>

/**
 * A branch counter for print tests: a real core with a recording printer, blanks ААК 0123456789–799 received by
 * the admin, and the clerk signed in as client 'c'; `sell` prices (and issues) a policy the way the clerk does.
 */
export async function makeOsagoCounter(printers: string[]) {
  const saveDir = mkdtempSync(join(tmpdir(), 'bd-print-saved-'))
  const platform = new RecordingPrintPlatform({ saveDir, printers })
  const t = await makeTestCore({ print: platform })
  const today = todayIn('Europe/Moscow', t.clock.now())
  await setupBranch(t.core)
  await signInAs(t.core, 'admin', 'a')
  await expectOk(
    call(t.core, 'blanks/receive-range', { series: 'ААК', fromNumber: '0123456789', toNumber: '0123456799' }, 'a'),
  )
  await signInAs(t.core, 'clerk', 'c')

  async function sell(stage: 'calculated' | 'issued' = 'issued'): Promise<OsagoPolicy> {
    const draft = await expectOk(call(t.core, 'osago/create-draft', undefined, 'c'))
    const saved = await expectOk(
      call(
        t.core,
        'osago/save-draft',
        { id: draft.id, rowVersion: draft.rowVersion, draft: completeDraft(today) },
        'c',
      ),
    )
    const calculated = await expectOk(
      call(t.core, 'osago/calculate-policy', { id: saved.id, rowVersion: saved.rowVersion }, 'c'),
    )
    if (stage === 'calculated') return calculated
    return expectOk(
      call(
        t.core,
        'osago/issue-policy',
        {
          id: calculated.id,
          rowVersion: calculated.rowVersion,
          payment: { method: 'cash', receiptNumber: 'ФД 451', amountKopecks: calculated.calculation!.premiumKopecks },
        },
        'c',
      ),
    )
  }

  return {
    ...t,
    platform,
    today,
    sell,
    async dispose() {
      await t.dispose()
      rmSync(saveDir, { recursive: true, force: true })
    },
  }
}
