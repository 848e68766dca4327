// Preloaded into HQ by `bench:hq --profile <dir>` (NODE_OPTIONS=--import …; node refuses --cpu-prof there): the
// V8 CPU profile of the whole run, written when HQ exits, to open in Chrome DevTools or speedscope.
import { Session } from 'node:inspector'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'

const dir = process.env.HQ_CPU_PROFILE_DIR
if (dir) {
  const session = new Session()
  session.connect()
  session.post('Profiler.enable')
  session.post('Profiler.start')
  process.on('exit', () => {
    // A same-thread inspector session answers synchronously: the file is written before the process ends.
    session.post('Profiler.stop', (err, result) => {
      if (!err) writeFileSync(join(dir, `hq-${process.pid}.cpuprofile`), JSON.stringify(result.profile))
    })
  })
}
