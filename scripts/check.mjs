// `npm test`'s first step: the typecheck and the lint side by side (each is mostly one core's work, and CI has two),
// each one's output printed whole when it ends, so a failure reads as it would alone. Fails if either fails.
import { spawn } from 'node:child_process'

function run(script) {
  return new Promise((resolve) => {
    const started = Date.now()
    const child = spawn('npm', ['run', '--silent', script], { stdio: ['ignore', 'pipe', 'pipe'] })
    const out = []
    child.stdout.on('data', (d) => out.push(d))
    child.stderr.on('data', (d) => out.push(d))
    child.on('close', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(0)
      process.stdout.write(`\n── npm run ${script}: ${code === 0 ? 'passed' : `failed (${code})`} in ${seconds} s ──\n`)
      process.stdout.write(Buffer.concat(out))
      resolve(code ?? 1)
    })
  })
}

const codes = await Promise.all([run('typecheck'), run('lint')])
process.exit(codes.some((c) => c !== 0) ? 1 : 0)
