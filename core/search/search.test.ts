import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { todayIn } from '../../shared/dates/calendarDate'
import { completeDraft } from '../../shared/osago/testing/completeDraft'
import { emptyOrganisation } from '../../shared/party/draft'
import type { OsagoDraft } from '../../shared/osago/draft'
import { call, expectOk, makeTestCore, setupBranch, signInAs } from '../testing/testCore'
import { shareHits } from './app'

/**
 * Search through the handlers (issue 12): the OSAGO list's search box and the global search, on records written
 * by the handlers (so search_text comes from the row functions and the FTS index from the triggers).
 */
let t: Awaited<ReturnType<typeof makeTestCore>>
let today: string
const ids: Record<string, string> = {}

async function policy(key: string, edit: (d: OsagoDraft) => void): Promise<void> {
  const p = await expectOk(call(t.core, 'osago/create-draft', undefined, 'c'))
  const draft: OsagoDraft = completeDraft(today)
  edit(draft)
  const saved = await expectOk(call(t.core, 'osago/save-draft', { id: p.id, rowVersion: p.rowVersion, draft }, 'c'))
  ids[key] = saved.id
}

beforeAll(async () => {
  t = await makeTestCore()
  today = todayIn('Europe/Moscow', t.clock.now())
  await setupBranch(t.core)
  await signInAs(t.core, 'clerk', 'c')
  await signInAs(t.core, 'inspector', 'i')
  await policy('semenova', (d) => {
    Object.assign(d.insured, { surname: 'Семёнова', name: 'Анна', phone: '8 (903) 765-43-21' })
    d.vehicle.plate = 'А123ВС77'
  })
  await policy('smirnov', () => {})
  await policy('romashka', (d) => {
    d.insured = { kind: 'organisation', ...emptyOrganisation(), fullName: 'ООО "Ромашка" 100%_' }
  })
}, 60_000)

afterAll(async () => t.dispose())

async function listed(query: string): Promise<string[]> {
  const page = await expectOk(call(t.core, 'osago/list-policies', { query }, 'c'))
  return page.items.map((i) => Object.entries(ids).find(([, id]) => id === i.id)?.[0] ?? i.id).sort()
}

describe('search through the OSAGO list', () => {
  it('finds a substring inside a surname, in any case, ё typed as е or ё', async () => {
    expect(await listed('мёнов')).toEqual(['semenova'])
    expect(await listed('МЕНОВ')).toEqual(['semenova'])
    expect(await listed('семенова анна')).toEqual(['semenova'])
    expect(await listed('рнов')).toEqual(['smirnov'])
  })

  it('finds a phone typed in any format and a passport with or without its space', async () => {
    for (const phone of ['+7 903 765-43-21', '8(903)7654321', '89037654321', '765-43-21', '7654321', '8 (903) 765'])
      expect(await listed(phone), phone).toEqual(['semenova'])
    expect(await listed('4519 123456')).toEqual(['semenova', 'smirnov'])
    expect(await listed('4519123456')).toEqual(['semenova', 'smirnov'])
  })

  it('finds a plate in either alphabet and a VIN through the exact indexes', async () => {
    expect(await listed('A123BC77')).toEqual(['semenova'])
    expect(await listed('а123вс')).toEqual(['semenova'])
    expect(await listed('a123bc')).toEqual(['semenova'])
    expect(await listed('XTAGFK330RY123456')).toEqual(['romashka', 'semenova', 'smirnov'])
  })

  it('answers one and two characters by the beginning of the name, plate or VIN', async () => {
    expect(await listed('с')).toEqual(['semenova', 'smirnov'])
    expect(await listed('СМ')).toEqual(['smirnov'])
    expect(await listed('о')).toEqual(['romashka'])
    expect(await listed('а1')).toEqual(['semenova'])
    expect(await listed('xt')).toEqual(['romashka', 'semenova', 'smirnov'])
    expect(await listed('ы')).toEqual([])
  })

  it('takes % _ and " as typed, never as patterns or FTS syntax', async () => {
    expect(await listed('100%_')).toEqual(['romashka'])
    expect(await listed('"ромашка"')).toEqual(['romashka'])
    expect(await listed('0_')).toEqual([])
    expect(await listed('10_')).toEqual([])
    expect(await listed('0%_')).toEqual(['romashka'])
    expect(await listed('%')).toEqual([])
    expect(await listed('_')).toEqual([])
    expect(await listed('%%%')).toEqual([])
    expect(await listed('" OR "')).toEqual([])
    expect(await listed('ромашка* NEAR(')).toEqual([])
  })
})

describe('search/global', () => {
  it('titles a policy by its insured until it has a number; a client hit opens the policy', async () => {
    const { hits } = await expectOk(call(t.core, 'search/global', { query: 'семён' }, 'c'))
    expect(hits).toEqual([
      {
        kind: 'osago',
        id: ids.semenova,
        title: 'Семёнова Анна Игоревич',
        subtitle: 'А 123 ВС 77 · XTAGFK330RY123456',
        status: 'draft',
        updatedOn: expect.stringMatching(/^\d{4}-\d\d-\d\d$/),
      },
      {
        kind: 'client',
        id: ids.semenova,
        title: 'Семёнова Анна Игоревич',
        subtitle: 'А 123 ВС 77',
        status: 'draft',
        updatedOn: expect.stringMatching(/^\d{4}-\d\d-\d\d$/),
        source: { kind: 'osago', id: ids.semenova },
      },
    ])
    // A plate is not a person: no client hit.
    const byPlate = await expectOk(call(t.core, 'search/global', { query: 'А123ВС77' }, 'c'))
    expect(byPlate.hits.map((h) => h.kind)).toEqual(['osago'])
  })

  it('searches a kind only for a role that may open its list', async () => {
    // The inspector may not read OSAGO (osago/list-policies' access): nothing of it, not even its clients.
    expect((await expectOk(call(t.core, 'search/global', { query: 'семён' }, 'i'))).hits).toEqual([])
    await signInAs(t.core, 'admin', 'a')
    expect((await expectOk(call(t.core, 'search/global', { query: 'XTAGFK' }, 'a'))).hits).toEqual([])
    const clerk = await expectOk(call(t.core, 'search/global', { query: 'XTAGFK' }, 'c'))
    expect(clerk.hits.filter((h) => h.kind === 'osago')).toHaveLength(3)
  })

  it('shares the limit fairly between the kinds that found something, grouped in kind order', () => {
    const hit = (kind: 'osago' | 'casco' | 'termination', n: number) =>
      Array.from({ length: n }, (_, i) => ({
        kind,
        id: `${kind}${i}`,
        title: '',
        subtitle: '',
        status: '',
        updatedOn: '',
      }))
    const shared = shareHits(
      new Map([
        ['termination', hit('termination', 1)],
        ['osago', hit('osago', 10)],
        ['casco', hit('casco', 2)],
      ]),
      6,
    )
    expect(shared.map((h) => h.id)).toEqual(['osago0', 'osago1', 'osago2', 'casco0', 'casco1', 'termination0'])
  })
})
