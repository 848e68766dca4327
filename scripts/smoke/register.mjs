/**
 * `node --import tsx --import ./scripts/smoke/register.mjs …`: makes 'electron' the recording stand-in for
 * ESM imports (loader hook) and for CommonJS `require('electron')` in dependencies (electronStandIn.cjs), then
 * loads the stand-in so both see the same recorder.
 */
import { createRequire, register } from 'node:module'

register('./electronHooks.mjs', import.meta.url)

const require = createRequire(import.meta.url)
const Module = require('node:module')
const bridge = require.resolve('./electronStandIn.cjs')
const resolveFilename = Module._resolveFilename
Module._resolveFilename = function (request, ...rest) {
  if (request === 'electron') return bridge
  return resolveFilename.call(this, request, ...rest)
}

await import('electron')
