/**
 * Child process for crash.test.ts: writes batches of staff rows (each batch one transaction with its outbox
 * and audit entries) and announces when it is in the middle of one, so the parent can kill it there.
 */
import { openDatabase } from './openDatabase'
import { write } from './write'

const [file] = process.argv.slice(2)
const db = await openDatabase(file!)
const actor = { userId: null, login: 'crash-test' }
const branch = await write(db, actor, 'branch.created', new Date(), (w) =>
  w.insert('branch', { code: 'CR', name: 'Crash', city: 'C' }),
)
for (let batch = 0; ; batch++) {
  await write(db, actor, 'staff.created', new Date(), async (w) => {
    for (let i = 0; i < 500; i++) {
      await w.insert('staff', {
        branch_id: branch.id,
        login: `u${batch}-${i}`,
        full_name: 'X',
        role: 'clerk',
        password_hash: 'h',
      })
      if (i === 100) process.stdout.write(`in-tx ${batch}\n`)
    }
  })
  process.stdout.write(`committed ${batch}\n`)
}
