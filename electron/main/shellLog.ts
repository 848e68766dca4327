import pino, { type Logger } from 'pino'
import { createStream, type RotatingFileStream } from 'rotating-file-stream'
import { mkdirSync } from 'node:fs'

/**
 * The main process's log: JSON lines (pino) in `<logs>/main.log`, rotated past 5 MB to main.1.log … main.4.log
 * (rotating-file-stream, logrotate-style), so support gets the history without the disk filling up. A logs
 * folder that cannot be made (it sits in the user-data folder, which may be the very thing that is broken)
 * falls back to a folder in temp, then to stderr. `flush()` waits until every line is on disk — before an
 * error dialog and `app.exit`.
 */
export interface ShellLog {
  /** The folder the log is written to: the one asked for, or the fallback once the first could not be used. */
  readonly dir: string
  info(message: string, details?: Record<string, unknown>): void
  warn(message: string, details?: Record<string, unknown>): void
  error(message: string, error?: unknown, details?: Record<string, unknown>): void
  /** Resolves once the file is open (or the log fell back to stderr). */
  readonly opened: Promise<void>
  /** Resolves once every line logged so far is written. */
  flush(): Promise<void>
}

type Level = 'info' | 'warn' | 'error'

export const LOG_FILE = 'main.log'

export function openShellLog(dir: string, opts: { fallbackDir?: string; mirrorToConsole?: boolean } = {}): ShellLog {
  let usedDir = ''
  let stream: RotatingFileStream | null = null
  for (const candidate of [dir, opts.fallbackDir]) {
    if (!candidate) continue
    try {
      mkdirSync(candidate, { recursive: true })
      // Classical logrotate mode calls the name generator with the rotation index alone (null: the live file).
      stream = createStream(
        (index: number | Date | null) => (typeof index === 'number' && index > 0 ? `main.${index}.log` : LOG_FILE),
        { path: candidate, size: '5M', rotate: 4 },
      )
      usedDir = candidate
      break
    } catch (error) {
      console.error(`Branch Desk: cannot write the log in ${candidate}`, error)
    }
  }
  stream?.on('error', (error) => console.error(`Branch Desk: the log in ${usedDir} failed`, error))
  // A write's callback runs once it and every write before it reached the file (the stream keeps their order).
  const written = () =>
    new Promise<void>((resolve) => {
      if (!stream || stream.destroyed || stream.writableEnded) resolve()
      else stream.write('', () => resolve())
    })
  const opened = written()
  const options: pino.LoggerOptions = {
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    serializers: { err: pino.stdSerializers.err },
  }
  const logger: Logger = stream ? pino(options, stream) : pino(options, pino.destination({ dest: 2, sync: true }))
  if (usedDir && usedDir !== dir)
    logger.warn({ wanted: dir }, 'the logs folder could not be used; logging here instead')

  const emit = (level: Level, message: string, fields: Record<string, unknown>) => {
    if (opts.mirrorToConsole || level === 'error') {
      const print = level === 'error' ? console.error : console.log
      print(`[${level}] ${message}`, ...(fields.err ? [fields.err] : []))
    }
    logger[level](fields, message)
  }

  return {
    get dir() {
      return usedDir
    },
    opened,
    info: (message, details = {}) => emit('info', message, details),
    warn: (message, details = {}) => emit('warn', message, details),
    error: (message, error, details = {}) =>
      emit('error', message, { ...details, ...(error === undefined ? {} : { err: asError(error) }) }),
    flush: written,
  }
}

/** pino serialises Errors (name, message, stack, code); anything else thrown is wrapped so it shows up too. */
function asError(value: unknown): Error {
  if (value instanceof Error) return value
  if (value && typeof value === 'object' && 'message' in value) {
    return Object.assign(new Error(String((value as { message: unknown }).message)), value)
  }
  return new Error(typeof value === 'string' ? value : JSON.stringify(value))
}
