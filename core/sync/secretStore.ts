import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Where the device keeps its HQ credentials (bearer token, bundle key). The app passes an adapter over
 * Electron's safeStorage (electron/main/safeStorageSecrets.ts: encrypted with the OS keychain/DPAPI/libsecret);
 * the core only sees this interface.
 */
export interface SecretStore {
  /** 'os-encrypted' (safeStorage) or 'plain-file' (no OS encryption available, or tests). Shown on the sync screen. */
  readonly protection: 'os-encrypted' | 'plain-file'
  get(name: string): Promise<string | null>
  set(name: string, value: string): Promise<void>
  delete(name: string): Promise<void>
}

const NAME = /^[a-z][a-z0-9-]{0,40}$/

/**
 * PLAIN-TEXT secrets in files under `dir` (mode 0600). For tests, the E2E harness, and platforms where the OS
 * offers no encryption — the sync screen then says the token is stored unencrypted.
 */
export function plainFileSecretStore(dir: string): SecretStore {
  const file = (name: string) => {
    if (!NAME.test(name)) throw new Error(`bad secret name ${name}`)
    return join(dir, `${name}.secret`)
  }
  return {
    protection: 'plain-file',
    async get(name) {
      const f = file(name)
      return existsSync(f) ? readFileSync(f, 'utf8') : null
    },
    async set(name, value) {
      mkdirSync(dir, { recursive: true, mode: 0o700 })
      const f = file(name)
      writeFileSync(`${f}.tmp`, value, { mode: 0o600 })
      renameSync(`${f}.tmp`, f)
    },
    async delete(name) {
      rmSync(file(name), { force: true })
    },
  }
}

/**
 * Secrets encrypted by a platform cipher (Electron's safeStorage), stored as files: the shell supplies the two
 * functions, the core keeps the files. Used by electron/main; testable with any reversible cipher.
 */
export function encryptedFileSecretStore(
  dir: string,
  cipher: { encrypt(plain: string): Buffer; decrypt(data: Buffer): string },
): SecretStore {
  const file = (name: string) => {
    if (!NAME.test(name)) throw new Error(`bad secret name ${name}`)
    return join(dir, `${name}.enc`)
  }
  return {
    protection: 'os-encrypted',
    async get(name) {
      const f = file(name)
      return existsSync(f) ? cipher.decrypt(readFileSync(f)) : null
    },
    async set(name, value) {
      mkdirSync(dir, { recursive: true, mode: 0o700 })
      const f = file(name)
      writeFileSync(`${f}.tmp`, cipher.encrypt(value), { mode: 0o600 })
      renameSync(`${f}.tmp`, f)
    },
    async delete(name) {
      rmSync(file(name), { force: true })
    },
  }
}
