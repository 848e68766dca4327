import { afterEach, describe, expect, it } from 'vitest'
import { addMonths, todayIn } from '../../shared/dates/calendarDate'
import { completeDraft } from '../../shared/osago/testing/completeDraft'
import { call, expectOk, makeTestCore, setupBranch, signInAs } from '../testing/testCore'
import { osAtRestPlatform, RecordingAtRestPlatform, type AtRestState } from './atRest'
import { clientsPastRetention, personalDataAttention } from './retention'

let t: Awaited<ReturnType<typeof makeTestCore>> | null = null
afterEach(async () => {
  await t?.dispose()
  t = null
})

async function coreWithPolicy(atRest: RecordingAtRestPlatform) {
  t = await makeTestCore({ atRest })
  const today = todayIn('Europe/Moscow', t.clock.now())
  await setupBranch(t.core)
  await signInAs(t.core, 'admin', 'admin')
  await expectOk(
    call(t.core, 'blanks/receive-range', { series: 'ААК', fromNumber: '0000000101', toNumber: '0000000102' }, 'admin'),
  )
  await signInAs(t.core, 'clerk', 'c')
  const p = await expectOk(call(t.core, 'osago/create-draft', undefined, 'c'))
  const draft = completeDraft(today)
  const saved = await expectOk(call(t.core, 'osago/save-draft', { id: p.id, rowVersion: p.rowVersion, draft }, 'c'))
  const calc = await expectOk(call(t.core, 'osago/calculate-policy', { id: p.id, rowVersion: saved.rowVersion }, 'c'))
  const issued = await expectOk(
    call(
      t.core,
      'osago/issue-policy',
      {
        id: p.id,
        rowVersion: calc.rowVersion,
        payment: { method: 'cash', receiptNumber: 'ФД 1', amountKopecks: calc.calculation!.premiumKopecks },
      },
      'c',
    ),
  )
  return { core: t.core, today, issued }
}

describe('personal data: retention and the disk at rest', () => {
  it('counts a card only once its last contract ended more than the retention period ago', async () => {
    const { core, today, issued } = await coreWithPolicy(new RecordingAtRestPlatform())
    const card = (await core.db('client').first('last_activity_on')) as { last_activity_on: string }
    // The policy's last day: the card is kept five years from then (resources/rules/personal-data.json).
    expect(card.last_activity_on).toBe(issued.endDate)
    const fiveYearsOn = addMonths(issued.endDate!, 60)
    expect(await clientsPastRetention(core.db, fiveYearsOn, 5)).toBe(0)
    expect(await clientsPastRetention(core.db, addMonths(fiveYearsOn, 1), 5)).toBe(1)
    expect(await clientsPastRetention(core.db, today, 5)).toBe(0)
    const lines = await personalDataAttention(
      core.db,
      core.reference,
      addMonths(fiveYearsOn, 1),
      Promise.resolve({ state: 'encrypted', how: 'test' }),
    )
    expect(lines).toEqual([
      expect.objectContaining({
        key: 'clientsPastRetention',
        section: 'client-retention',
        params: { count: 1, years: 5 },
      }),
    ])
  })

  it('asks about the data folder at start and shows the admin a disk that is not encrypted', async () => {
    const atRest = new RecordingAtRestPlatform({ state: 'not-encrypted', how: 'BitLocker C:' })
    const { core } = await coreWithPolicy(atRest)
    expect(atRest.asked).toHaveLength(1)
    const home = await expectOk(call(core, 'home/get-work', undefined, 'admin'))
    expect(home.attention!.items).toContainEqual(
      expect.objectContaining({ key: 'diskNotEncrypted', level: 'error', params: { how: 'BitLocker C:' } }),
    )
    // The clerk's home has no admin part.
    expect((await expectOk(call(core, 'home/get-work', undefined, 'c'))).attention).toBeNull()
  })

  it("reads each system's own tool", async () => {
    const answers = (out: Record<string, string>) => async (file: string, args: readonly string[]) => {
      const key = [file, ...args].join(' ')
      if (!(key in out)) throw new Error(`not found: ${key}`)
      return out[key]!
    }
    const check = (platform: NodeJS.Platform, out: Record<string, string>, dir = '/data'): Promise<AtRestState> =>
      osAtRestPlatform(platform, answers(out)).check(dir)
    expect(
      await check(
        'win32',
        { 'manage-bde -status D:': 'Volume D: [Data]\n    Protection Status:    Protection On\n' },
        'D:\\BranchDesk',
      ),
    ).toEqual({ state: 'encrypted', how: 'BitLocker D:' })
    expect(
      await check('win32', { 'manage-bde -status C:': '    Состояние защиты:    Защита отключена\n' }, 'C:\\Users\\x'),
    ).toEqual({ state: 'not-encrypted', how: 'BitLocker C:' })
    expect(await check('darwin', { 'fdesetup status': 'FileVault is On.\n' })).toEqual({
      state: 'encrypted',
      how: 'FileVault',
    })
    expect(await check('darwin', { 'fdesetup status': 'FileVault is Off.\n' })).toEqual({
      state: 'not-encrypted',
      how: 'FileVault',
    })
    const linux = (types: string) => ({
      'findmnt -n -o SOURCE --target /data': '/dev/mapper/root\n',
      'lsblk -s -n -o TYPE /dev/mapper/root': types,
    })
    expect(await check('linux', linux('crypt\npart\ndisk\n'))).toEqual({ state: 'encrypted', how: 'LUKS/dm-crypt' })
    expect(await check('linux', linux('lvm\npart\ndisk\n'))).toEqual({ state: 'not-encrypted', how: 'lsblk' })
    // A tool that is missing or refuses (no rights to manage-bde): not known, never a crash.
    expect((await check('win32', {}, 'C:\\x')).state).toBe('unknown')
    expect((await check('linux', { 'findmnt -n -o SOURCE --target /data': 'overlay\n' })).state).toBe('unknown')
  })
})
