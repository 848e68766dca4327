/**
 * Child process for incomingNumber.test.ts: one of several counter PCs registering applications on the same
 * database file. `go <n>` registers n applications, each numbered inside its own write transaction, and answers
 * with the numbers it got as one JSON line. A transaction that lost SQLite's snapshot race (SQLITE_BUSY) is
 * retried whole, as the app's caller would; nothing of it was kept.
 */
import { createInterface } from 'node:readline'
import { uuidv7 } from 'uuidv7'
import { openDatabase } from '../db/openDatabase'
import { write } from '../db/write'
import { allocateIncomingNumber } from './incomingNumber'

const [file, staffId, name] = process.argv.slice(2)
const db = await openDatabase(file!, { migrate: false })
const actor = { userId: staffId!, login: name! }

async function registerOne(): Promise<string> {
  for (;;) {
    try {
      return await write(db, actor, 'termination.received', new Date(), async (w) => {
        const n = await allocateIncomingNumber(w, '2026-03-02')
        await w.insert('termination_application', {
          branch_id: n.branchId,
          incoming_year: n.year,
          incoming_seq: n.seq,
          incoming_number: n.number,
          received_at: w.now,
          received_on: '2026-03-02',
          received_by: staffId,
          status: 'received',
          contract_source: 'manual',
          contract_id: uuidv7(),
          contract: '{}',
          kind: 'cooling-off',
          details: '{}',
          required_documents: '[]',
          policyholder_name: name!,
          contract_number: name!,
          search_text: name!,
        })
        return n.number
      })
    } catch (e) {
      if ((e as { code?: string }).code?.startsWith('SQLITE_BUSY')) continue
      throw e
    }
  }
}

const say = (o: unknown) => process.stdout.write(`${JSON.stringify(o)}\n`)
say({ ready: name })
for await (const line of createInterface({ input: process.stdin })) {
  const [command, arg] = line.trim().split(' ')
  if (command === 'go') {
    const numbers: string[] = []
    for (let i = 0; i < Number(arg); i++) numbers.push(await registerOne())
    say({ name, numbers })
  } else if (command === 'exit') {
    break
  }
}
await db.destroy()
