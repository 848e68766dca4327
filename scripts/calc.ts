/**
 * Calculator command for support and QA: `npm run --silent calc -- <command> <input.json>`.
 * Each command lives in scripts/calc/<command>.ts and uses the same shared calculators and bundled reference
 * data as the app. Output is JSON on stdout; invalid input exits non-zero with a message naming the field.
 * This module only exports `runCalc`: scripts/calc.mjs runs it from a prebuilt bundle (no TypeScript compiled per call).
 */
import { readFileSync } from 'node:fs'

import { CalcInputError, type CalcCommand } from './calc/context'

export { CalcInputError, type CalcCommand, type CalcContext } from './calc/context'

const COMMANDS: Record<string, () => Promise<{ run: CalcCommand }>> = {
  osago: () => import('./calc/osago'),
  refund: () => import('./calc/refund'),
  'casco-schedule': () => import('./calc/cascoSchedule'),
  casco: () => import('./calc/casco'),
}

/** Runs one command; resolves to the process exit code (0 done, 1 failed, 2 bad usage or input). */
export async function runCalc(argv: string[], resourcesDir: string): Promise<number> {
  const [name, file] = argv
  const loader = name ? COMMANDS[name] : undefined
  if (!loader || !file) {
    process.stderr.write(`usage: npm run --silent calc -- <${Object.keys(COMMANDS).join('|')}> <input.json>\n`)
    return 2
  }
  let input: unknown
  try {
    input = JSON.parse(readFileSync(file, 'utf8'))
  } catch (e) {
    process.stderr.write(`cannot read ${file}: ${e instanceof Error ? e.message : String(e)}\n`)
    return 2
  }
  try {
    const { run } = await loader()
    process.stdout.write(`${JSON.stringify(run(input, { resourcesDir }), null, 2)}\n`)
    return 0
  } catch (e) {
    if (e instanceof CalcInputError) {
      process.stderr.write(`invalid input: ${e.field}: ${e.message}\n`)
      return 2
    }
    process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`)
    return 1
  }
}
