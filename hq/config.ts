import { resolve } from 'node:path'
import { z } from 'zod'

/**
 * HQ is configured by environment only (twelve-factor): the same build runs on a laptop with the embedded SQLite
 * default and in production on PostgreSQL.
 */
const envSchema = z.object({
  /** postgres://… for production; absent → SQLite file in HQ_DATA_DIR (quick start). */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// URL')
    .optional(),
  HQ_DATA_DIR: z.string().default('hq-data'),
  /** Uploaded photos and PDFs, content-addressed by SHA-256. Default: <HQ_DATA_DIR>/blobs. */
  BLOB_DIR: z.string().optional(),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Days an enrolment code stays valid. */
  ENROL_CODE_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  /** Enrolment attempts one address may make per minute (codes are one-time, but guessing must stay slow). */
  ENROL_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(10),
  /** Largest chunk of a blob upload, in bytes. */
  BLOB_CHUNK_MAX: z.coerce
    .number()
    .int()
    .min(1024)
    .max(64 * 1024 * 1024)
    .default(8 * 1024 * 1024),
  /** Interval of the national-register worker in ms (0 = off; `registerPending` can still be called). */
  REGISTER_INTERVAL_MS: z.coerce.number().int().min(0).default(5000),
})

export interface HqConfig {
  database: { client: 'pg'; url: string } | { client: 'sqlite'; file: string }
  dataDir: string
  blobDir: string
  host: string
  port: number
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL']
  enrolCodeDays: number
  blobChunkMax: number
  registerIntervalMs: number
  enrolAttemptsPerMinute: number
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): HqConfig {
  const parsed = envSchema.safeParse(env)
  if (!parsed.success) {
    throw new Error(
      `HQ configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    )
  }
  const e = parsed.data
  const dataDir = resolve(e.HQ_DATA_DIR)
  return {
    database: e.DATABASE_URL
      ? { client: 'pg', url: e.DATABASE_URL }
      : { client: 'sqlite', file: resolve(dataDir, 'hq.sqlite') },
    dataDir,
    blobDir: resolve(e.BLOB_DIR ?? resolve(dataDir, 'blobs')),
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    enrolCodeDays: e.ENROL_CODE_DAYS,
    blobChunkMax: e.BLOB_CHUNK_MAX,
    registerIntervalMs: e.REGISTER_INTERVAL_MS,
    enrolAttemptsPerMinute: e.ENROL_ATTEMPTS_PER_MINUTE,
  }
}
