// The calculators' command line (`npm run --silent calc -- <command> <input.json>`), run from a bundle.
//
// Plain JavaScript on purpose: compiling the TypeScript of the calculators at every call (tsx) cost 0.6–2.8 s per
// call (issue 12). esbuild bundles scripts/calc.ts once into .cache/calc/ — at `npm ci` (the `prepare` script
// runs `node scripts/calc.mjs --build`) and again whenever a file it was built from has changed since, so an
// edited calculator is never run from a stale bundle. Two calls building at once each write their own temporary
// file and rename it into place; the rename is atomic.
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const outDir = join(root, '.cache', 'calc')
const bundle = join(outDir, 'calc.mjs')
const inputsFile = join(outDir, 'inputs.json')

/** True when the bundle exists and none of the files it was built from changed (size or time) since. */
function fresh() {
  if (!existsSync(bundle) || !existsSync(inputsFile)) return false
  let inputs
  try {
    inputs = JSON.parse(readFileSync(inputsFile, 'utf8'))
  } catch {
    return false
  }
  for (const [file, seen] of Object.entries(inputs)) {
    try {
      const st = statSync(join(root, file))
      if (st.mtimeMs !== seen.mtimeMs || st.size !== seen.size) return false
    } catch {
      return false
    }
  }
  return true
}

async function build() {
  const { build: esbuild } = await import('esbuild')
  mkdirSync(outDir, { recursive: true })
  const tmp = `${bundle}.${process.pid}.tmp`
  const result = await esbuild({
    absWorkingDir: root,
    entryPoints: ['scripts/calc.ts'],
    outfile: tmp,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    metafile: true,
    logLevel: 'error',
    // Bundled CommonJS dependencies call require(); give the ESM bundle one.
    banner: {
      js: "import { createRequire as __calcRequire } from 'node:module'; const require = __calcRequire(import.meta.url);",
    },
  })
  const inputs = {}
  for (const file of Object.keys(result.metafile.inputs)) {
    const st = statSync(join(root, file))
    inputs[file] = { mtimeMs: st.mtimeMs, size: st.size }
  }
  renameSync(tmp, bundle)
  const tmpInputs = `${inputsFile}.${process.pid}.tmp`
  writeFileSync(tmpInputs, JSON.stringify(inputs))
  renameSync(tmpInputs, inputsFile)
}

const args = process.argv.slice(2)
if (args[0] === '--build') {
  await build()
} else {
  if (!fresh()) await build()
  const { runCalc } = await import(pathToFileURL(bundle).href)
  process.exitCode = await runCalc(args, join(root, 'resources'))
}
