/**
 * Child process for blankRace.test.ts: one of several processes issuing policies on the same database file.
 * Commands arrive on stdin, one per line, so the parent can start every process at the same moment:
 *   `chosen <blankId>` — one attempt on that blank; `next` — take the next free blank until none is left.
 * Answers are JSON lines on stdout. A process whose transaction lost SQLite's snapshot race (SQLITE_BUSY) retries
 * the whole transaction, as a second process must; nothing of the failed attempt was kept.
 */
import { createInterface } from 'node:readline'
import { uuidv7 } from 'uuidv7'
import { AppError } from '../app/appError'
import { openDatabase } from '../db/openDatabase'
import { write } from '../db/write'
import { assignBlank } from './blankUse'

const [file, name, readFirst] = process.argv.slice(2)
const db = await openDatabase(file!, { migrate: false })
const actor = { userId: null, login: name! }
let busyRetries = 0

type Attempt =
  | { ok: true; blankId: string; number: string; series: string; policyId: string }
  | { ok: false; code: string; key: string }

async function attempt(blankId?: string): Promise<Attempt> {
  const policyId = uuidv7()
  for (;;) {
    try {
      const ref = await write(db, actor, 'osago.issued', new Date(), async (w) => {
        // The issue flow reads the policy before it takes a blank; half the workers do a read first too, so the
        // claim also runs in a transaction that already holds a (possibly stale) snapshot.
        if (readFirst === 'read-first') await w.trx('policy_blank').count({ n: '*' })
        return assignBlank(w, blankId === undefined ? { policyId } : { policyId, blankId })
      })
      return { ok: true, blankId: ref.id, number: ref.number, series: ref.series, policyId }
    } catch (e) {
      if (e instanceof AppError) return { ok: false, code: e.code, key: e.messageKey }
      if ((e as { code?: string }).code?.startsWith('SQLITE_BUSY')) {
        busyRetries++
        continue
      }
      throw e
    }
  }
}

const say = (o: unknown) => process.stdout.write(`${JSON.stringify(o)}\n`)
say({ ready: name })
for await (const line of createInterface({ input: process.stdin })) {
  const [command, arg] = line.trim().split(' ')
  if (command === 'chosen') {
    say({ name, chosen: await attempt(arg), busyRetries })
  } else if (command === 'next') {
    const taken: Attempt[] = []
    for (;;) {
      const a = await attempt()
      taken.push(a)
      if (!a.ok) break
    }
    say({ name, next: taken, busyRetries })
  } else if (command === 'exit') {
    break
  }
}
await db.destroy()
