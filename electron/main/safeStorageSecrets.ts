import { safeStorage } from 'electron'
import { encryptedFileSecretStore, plainFileSecretStore, type SecretStore } from '../../core/sync/secretStore'

/**
 * The HQ token and bundle key, encrypted with Electron's safeStorage (DPAPI on Windows, Keychain on macOS,
 * libsecret/kwallet on Linux). Where the OS offers no encryption (a Linux box without a keyring, where
 * safeStorage would fall back to a hard-coded key), the files are plain and the sync screen says so instead of
 * pretending. Call after `app.whenReady()`: safeStorage is not available before.
 */
export function createSafeStorageSecrets(dir: string): SecretStore {
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os'
  if (!safeStorage.isEncryptionAvailable() || backend === 'basic_text') return plainFileSecretStore(dir)
  return encryptedFileSecretStore(dir, {
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (data) => safeStorage.decryptString(data),
  })
}
