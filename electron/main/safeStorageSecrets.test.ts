import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

/** Electron is mocked: the token goes through safeStorage when the OS offers encryption, and is never written in clear. */
const state = vi.hoisted(() => ({ available: true, backend: 'gnome_libsecret' }))
vi.mock('electron', () => ({
  safeStorage: {
    isEncryptionAvailable: () => state.available,
    getSelectedStorageBackend: () => state.backend,
    encryptString: (s: string) => Buffer.from(`enc:${Buffer.from(s).toString('base64')}`),
    decryptString: (b: Buffer) => Buffer.from(b.toString().slice(4), 'base64').toString(),
  },
}))

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bd-secrets-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('safeStorage secrets', () => {
  it('stores the token encrypted by the OS and reads it back', async () => {
    state.available = true
    state.backend = 'gnome_libsecret'
    const { createSafeStorageSecrets } = await import('./safeStorageSecrets')
    const store = createSafeStorageSecrets(dir)
    expect(store.protection).toBe('os-encrypted')
    await store.set('hq-token', 'very-secret-token')
    expect(await store.get('hq-token')).toBe('very-secret-token')
    const [file] = readdirSync(dir)
    expect(readFileSync(join(dir, file!), 'utf8')).not.toContain('very-secret-token')
    await store.delete('hq-token')
    expect(await store.get('hq-token')).toBeNull()
  })

  it('says so when the OS offers no encryption (no keyring: basic_text), instead of pretending', async () => {
    state.backend = 'basic_text'
    const { createSafeStorageSecrets } = await import('./safeStorageSecrets')
    expect(createSafeStorageSecrets(dir).protection).toBe('plain-file')
    state.backend = 'gnome_libsecret'
    state.available = false
    expect(createSafeStorageSecrets(dir).protection).toBe('plain-file')
  })
})
