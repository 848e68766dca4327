/**
 * How the shell hands a window the state its first screen needs (shared/app/startupState.ts): one command-line
 * argument of the renderer process (`webPreferences.additionalArguments`), which a sandboxed preload can read from
 * `process.argv`. Kept apart from the schema so the preload reads it without bundling zod.
 */
export const STARTUP_ARGUMENT_PREFIX = '--branch-desk-startup='

/** The parsed JSON of the startup argument, or null when there is none or it is not JSON. */
export function readStartupArgument(argv: readonly string[]): unknown {
  const arg = argv.find((a) => a.startsWith(STARTUP_ARGUMENT_PREFIX))
  if (!arg) return null
  try {
    return JSON.parse(arg.slice(STARTUP_ARGUMENT_PREFIX.length)) as unknown
  } catch {
    return null
  }
}
