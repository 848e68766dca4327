import type { Core } from '../../core/app/createCore'
import { todayIn } from '../../shared/dates/calendarDate'
import type { OsagoPolicy } from '../../shared/osago/policy'
import { completeDraft } from '../../shared/osago/testing/completeDraft'
import { arrange } from './fixtures'

/** An OSAGO policy for a first-time client, priced and issued on the next blank, through the clerk's channels. */
export async function issuedOsagoPolicy(
  core: Core,
  clerkClient: string,
  receiptNumber = 'ФД 123',
): Promise<OsagoPolicy> {
  const draft = await arrange(core, 'osago/create-draft', undefined, clerkClient)
  const saved = await arrange(
    core,
    'osago/save-draft',
    { id: draft.id, rowVersion: draft.rowVersion, draft: completeDraft(todayIn('Europe/Moscow')) },
    clerkClient,
  )
  const calculated = await arrange(
    core,
    'osago/calculate-policy',
    { id: saved.id, rowVersion: saved.rowVersion },
    clerkClient,
  )
  return arrange(
    core,
    'osago/issue-policy',
    {
      id: calculated.id,
      rowVersion: calculated.rowVersion,
      payment: { method: 'card', receiptNumber, amountKopecks: calculated.calculation!.premiumKopecks },
    },
    clerkClient,
  )
}
