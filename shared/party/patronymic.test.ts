import { describe, expect, it } from 'vitest'
import { genderFromPatronymic } from './patronymic'

describe('genderFromPatronymic', () => {
  it('reads the common endings', () => {
    for (const p of ['Игоревич', 'Сергеевич', 'Ильич', 'Кузьмич', 'Мамед оглы', ' петрович ']) {
      expect(genderFromPatronymic(p), p).toBe('male')
    }
    for (const p of ['Игоревна', 'Сергеевна', 'Ильинична', 'Никитична', 'Кузьминична', 'Алиевна', 'Мамед кызы']) {
      expect(genderFromPatronymic(p), p).toBe('female')
    }
  })

  it('says nothing when the ending does not tell', () => {
    for (const p of ['', null, undefined, 'Джон', 'Ли', 'Smith']) expect(genderFromPatronymic(p)).toBeNull()
  })
})
