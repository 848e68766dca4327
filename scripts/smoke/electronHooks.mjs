/**
 * Node loader hooks (registered by register.mjs through `module.register`): every ESM `import … from 'electron'`
 * resolves to the recording stand-in instead of the npm package (which would only print the path of an Electron
 * binary that is not here).
 */
const STAND_IN = new URL('./electronStandIn.ts', import.meta.url).href
const ELECTRON_SPECIFIERS = new Set(['electron', 'electron/main', 'electron/common', 'electron/renderer'])

export async function resolve(specifier, context, nextResolve) {
  // Passed on (not short-circuited) so the TypeScript loader registered before this one still compiles the file.
  if (ELECTRON_SPECIFIERS.has(specifier)) return nextResolve(STAND_IN, context)
  return nextResolve(specifier, context)
}
