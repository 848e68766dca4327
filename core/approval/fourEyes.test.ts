import { describe, expect, it } from 'vitest'
import { fourEyesRefusal } from './fourEyes'

describe('four eyes', () => {
  const quote = { created_by: 'clerk', submitted_by: 'clerk2' }
  it('refuses whoever created, submitted or inspected the case, and nobody else', () => {
    expect(fourEyesRefusal('clerk', quote, [])).toBe('approval.errors.ownQuote')
    expect(fourEyesRefusal('clerk2', quote, [])).toBe('approval.errors.ownQuote')
    expect(fourEyesRefusal('insp', quote, ['other', 'insp'])).toBe('approval.errors.ownInspection')
    expect(fourEyesRefusal('boss', quote, ['insp'])).toBeNull()
    expect(fourEyesRefusal('boss', { created_by: null, submitted_by: null }, [])).toBeNull()
  })
})
