// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { SEARCH_KINDS, type SearchHit } from '@shared/search/contract'
import { MESSAGES, translate } from '@shared/i18n/messages'
import { router } from '../../router/index'
import { groupHits, statusKey, targetOf } from './searchHits'

const hit = (kind: SearchHit['kind'], id: string, status: string, source?: SearchHit['source']): SearchHit => ({
  kind,
  id,
  title: id,
  subtitle: '',
  status,
  updatedOn: '2026-12-05',
  ...(source ? { source } : {}),
})

describe('where a hit opens', () => {
  it('opens each kind on its feature’s own screen (the real router, from the features’ routes.ts)', () => {
    const opened = (h: SearchHit) => router.resolve(targetOf(h)!)
    expect(opened(hit('osago', 'p1', 'issued')).fullPath).toBe('/osago/p1')
    expect(opened(hit('casco', 'q1', 'quoted')).fullPath).toBe('/casco/q1')
    expect(opened(hit('inspection', 'i1', 'draft')).fullPath).toBe('/inspections/i1')
    expect(opened(hit('termination', 't1', 'paid')).fullPath).toBe('/terminations/t1')
    expect(opened(hit('client', 'c1', 'issued', { kind: 'termination', id: 't2' })).fullPath).toBe('/terminations/t2')
    // A client card's own hit (no source record) opens the card.
    expect(opened(hit('client', 'c2', 'active')).fullPath).toBe('/clients/c2')
  })

  it('reads every status a list can show through that list’s own messages', () => {
    const statuses = {
      osago: MESSAGES.ru.osago.status,
      casco: MESSAGES.ru.casco.status,
      inspection: MESSAGES.ru.inspection.status,
      termination: MESSAGES.ru.termination.status,
    }
    for (const [kind, messages] of Object.entries(statuses)) {
      for (const [status, text] of Object.entries(messages)) {
        expect(translate('ru', statusKey(hit(kind as SearchHit['kind'], 'x', status))!)).toBe(text)
      }
    }
    expect(statusKey(hit('client', 'c1', 'submitted', { kind: 'casco', id: 'q1' }))).toBe('casco.status.submitted')
    expect(statusKey(hit('client', 'c2', ''))).toBeNull()
  })
})

describe('groupHits', () => {
  it('groups by kind in a fixed order, keeps the core’s order inside a kind, numbers options as shown', () => {
    const groups = groupHits([
      hit('client', 'c1', ''),
      hit('osago', 'p1', 'issued'),
      hit('termination', 't1', 'paid'),
      hit('osago', 'p2', 'draft'),
    ])
    expect(groups.map((g) => [g.kind, g.hits.map((s) => [s.hit.id, s.index])])).toEqual([
      [
        'osago',
        [
          ['p1', 0],
          ['p2', 1],
        ],
      ],
      ['termination', [['t1', 2]]],
      ['client', [['c1', 3]]],
    ])
    expect(SEARCH_KINDS).toEqual(['osago', 'casco', 'inspection', 'termination', 'client'])
  })
})
