// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { emptyParty } from '@shared/party/draft'
import { router } from '../../router/index'
import { partyLines, RECORD_SCREENS, startsFor } from './clientLines'

const date = (d: string) => d.split('-').reverse().join('.')

describe('the client card’s lines', () => {
  it('shows only what the card knows: a card made from an inspection has a name and a phone', () => {
    const person = { ...emptyParty('person'), surname: 'Смирнов', name: 'Алексей', phone: '+79161234567' }
    expect(partyLines(person, date)).toEqual([['client.fields.phone', '+7 (916) 123-45-67']])
    const full = {
      ...person,
      birthDate: '1999-04-12',
      passport: { series: '4519', number: '123456', issueDate: '', issuer: '', departmentCode: '' },
      address: { region: 'Москва', city: '', street: 'ул. Тверская', house: '12', flat: '45' },
    }
    expect(partyLines(full, date)).toEqual([
      ['client.fields.phone', '+7 (916) 123-45-67'],
      ['client.fields.passport', '45 19 123456'],
      ['client.fields.birthDate', '12.04.1999'],
      ['client.fields.address', 'Москва, ул. Тверская, 12, 45'],
    ])
    const org = { ...emptyParty('organisation'), fullName: 'ООО «Ромашка»', inn: '7707083893', ogrn: '1027700132195' }
    expect(partyLines(org, date).map(([k]) => k)).toEqual(['client.fields.inn', 'client.fields.ogrn'])
  })

  it('starts OSAGO for any active card and CASCO for a person only; a merged card starts nothing', () => {
    expect(startsFor({ kind: 'person', status: 'active' })).toEqual({ osago: true, casco: true })
    expect(startsFor({ kind: 'organisation', status: 'active' })).toEqual({ osago: true, casco: false })
    expect(startsFor({ kind: 'person', status: 'merged' })).toEqual({ osago: false, casco: false })
  })

  it('opens each record on its feature’s own screen (the real router)', () => {
    for (const [entity, screen] of Object.entries(RECORD_SCREENS))
      expect(router.hasRoute(screen.route), entity).toBe(true)
    expect(router.resolve({ name: 'client', params: { id: 'c1' } }).fullPath).toBe('/clients/c1')
  })
})
