import { describe, expect, it } from 'vitest'
import { formatPhone, formatPlate } from '@shared/format/identifiers'
import { MASKS } from './masks'

// One picture of a phone and a plate: what the form shows while typing is what lists and paper show.
describe('the masks and the shared formatter show a value the same way', () => {
  it.each(['+79161234567', '+74951234567'])('phone %s', (p) => {
    expect(MASKS.phone.toDisplay(p)).toBe(formatPhone(p))
  })
  it.each(['А123ВС777', 'А123ВС77', 'АВ12377', 'АВ123777'])('plate %s', (p) => {
    expect(MASKS.plate.toDisplay(p)).toBe(formatPlate(p))
  })
})
