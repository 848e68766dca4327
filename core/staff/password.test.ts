import { describe, expect, it } from 'vitest'
import { hashPassword, verifyPassword } from './password'

describe('password hashing', () => {
  it('stores scrypt hashes, never the password', async () => {
    const h = await hashPassword('Secret123')
    expect(h.startsWith('scrypt$16384$8$1$')).toBe(true)
    expect(h).not.toContain('Secret123')
    expect(await verifyPassword('Secret123', h)).toBe(true)
    expect(await verifyPassword('Secret124', h)).toBe(false)
  })
  it('salts each hash', async () => {
    expect(await hashPassword('Secret123')).not.toBe(await hashPassword('Secret123'))
  })
  it('rejects malformed stored hashes', async () => {
    expect(await verifyPassword('x', 'plain-text')).toBe(false)
  })
})
