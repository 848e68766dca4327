import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'

/**
 * Passwords are stored as scrypt hashes with their parameters: `scrypt$N$r$p$salt$hash` (base64). Parameters
 * travel with the hash so they can be raised later without invalidating old ones.
 */
export interface ScryptCost {
  N: number
  r: number
  p: number
}

/** The app's cost for every hash it makes. */
export const PASSWORD_COST: ScryptCost = { N: 16384, r: 8, p: 1 }
const KEY_LENGTH = 32

function derive(password: string, salt: Buffer, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { ...opts, maxmem: 256 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    )
  })
}

/**
 * A new hash at `cost`: the app's always (createCore passes `CoreOptions.passwordCost`, which only the unit tests'
 * cores lower; verifying reads the cost from the hash, so nothing else depends on it).
 */
export async function hashPassword(password: string, cost: ScryptCost = PASSWORD_COST): Promise<string> {
  const salt = randomBytes(16)
  const key = await derive(password, salt, cost)
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join('$')
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$')
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false
  const [, n, r, p, salt, hash] = parts as [string, string, string, string, string, string]
  const expected = Buffer.from(hash, 'base64')
  const key = await derive(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) })
  return key.length === expected.length && timingSafeEqual(key, expected)
}

/**
 * A hash of nothing in particular at the cost real hashes are made with: verifying against it for unknown logins
 * keeps response times uniform.
 */
const dummies = new Map<string, Promise<string>>()
export function dummyHash(cost: ScryptCost = PASSWORD_COST): Promise<string> {
  const key = `${cost.N}$${cost.r}$${cost.p}`
  let dummy = dummies.get(key)
  if (!dummy) dummies.set(key, (dummy = hashPassword(randomBytes(12).toString('hex'), cost)))
  return dummy
}
