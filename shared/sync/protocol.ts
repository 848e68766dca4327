import { z } from 'zod'

/**
 * The wire protocol between a branch device and HQ. HQ parses every request with these schemas and the device
 * parses every answer with them, so both sides agree on one definition (and a malformed answer from a proxy or
 * an old HQ is refused instead of being half-applied).
 */

/** 2: pipelined push (a push batch may carry its place in the device's run) — issue 12. */
export const PROTOCOL_VERSION = 2

/** Synced table names travel as entity names; HQ stores them as data, never as SQL identifiers. */
export const entityNameSchema = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/)
export const recordIdSchema = z.string().min(1).max(64)
const isoTimestamp = z.string().min(10).max(40)
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/)

/**
 * A record's columns: a plain JSON object, checked and passed through as it is. `z.record(z.string(), z.unknown())`
 * accepted the same values (JSON has only string keys) but built a copy of every record, key by key, on both ends of
 * every push and pull page: ~2× the CPU of this check at HQ (500-change batches), and garbage to collect.
 */
const recordDataSchema = z.custom<Record<string, unknown>>((v) => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false
  const proto = Object.getPrototypeOf(v) as unknown
  return proto === Object.prototype || proto === null
}, 'Expected a JSON object')

/** One outbox row: what happened to one record on the device, with its after-image. */
export const changeSchema = z.strictObject({
  changeId: z.uuid(),
  entity: entityNameSchema,
  entityId: recordIdSchema,
  op: z.enum(['insert', 'update', 'delete']),
  rowVersion: z.number().int().min(1),
  data: recordDataSchema,
  changedAt: isoTimestamp,
  changedBy: z.string().max(64).nullable(),
})
export type Change = z.infer<typeof changeSchema>

export const MAX_PUSH_BATCH = 500

/**
 * The largest push body a device sends (issue 13): it cuts its batches by bytes as well as by count, and HQ's
 * PUSH_BODY_MAX may not be set below it. A batch of 500 ordinary changes is ~0.75 MB; 8 MiB leaves room for a few
 * records near HQ's per-record limit (RECORD_MAX, at most this). A single change larger than this is never sent.
 */
export const PUSH_REQUEST_MAX_BYTES = 8 * 1024 * 1024

export const pushRequestSchema = z.strictObject({
  changes: z.array(changeSchema).min(1).max(MAX_PUSH_BATCH),
  /**
   * Protocol 2: a device sends its next batch while HQ applies the previous one; the batch's run (a UUIDv7, so
   * runs sort by time) and index let HQ apply them in the order they were made (hq/pushOrder.ts).
   */
  place: z.strictObject({ run: z.string().min(1).max(64), index: z.number().int().min(0) }).optional(),
})
export type PushRequest = z.infer<typeof pushRequestSchema>

/**
 * Why HQ did not take a change. `code` picks an i18n message (`sync.reasons.<code>`); params fill it.
 * - rejected: the change breaks a rule (wrong branch, bad state transition); it will never be accepted.
 * - conflict: HQ holds a newer or different version; `current` is what won.
 * - deferred: HQ cannot judge it yet (an entity it does not know); the device keeps it and sends it again.
 */
export const reasonSchema = z.strictObject({
  code: z.string().regex(/^[a-zA-Z][a-zA-Z0-9-]{0,63}$/),
  params: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
})
export type Reason = z.infer<typeof reasonSchema>

export const currentRecordSchema = z.strictObject({
  rowVersion: z.number().int().min(1),
  data: recordDataSchema,
})

export const changeResultSchema = z.discriminatedUnion('status', [
  z.strictObject({ changeId: z.uuid(), status: z.literal('accepted') }),
  z.strictObject({
    changeId: z.uuid(),
    status: z.literal('rejected'),
    reason: reasonSchema,
    current: currentRecordSchema.nullable(),
  }),
  z.strictObject({
    changeId: z.uuid(),
    status: z.literal('conflict'),
    reason: reasonSchema,
    current: currentRecordSchema.nullable(),
  }),
  z.strictObject({ changeId: z.uuid(), status: z.literal('deferred'), reason: reasonSchema }),
])
export type ChangeResult = z.infer<typeof changeResultSchema>

export const pushResponseSchema = z.strictObject({
  results: z.array(changeResultSchema),
  serverTime: isoTimestamp,
})
export type PushResponse = z.infer<typeof pushResponseSchema>

/** Cursor = HQ's change sequence number, as a decimal string (it may outgrow a JS number's safe range one day). */
export const cursorSchema = z.string().regex(/^\d{1,20}$/)

export const pullQuerySchema = z.strictObject({
  cursor: cursorSchema.default('0'),
  limit: z.coerce.number().int().min(1).max(2000).default(500),
})

export const pulledRecordSchema = z.strictObject({
  kind: z.literal('record'),
  seq: cursorSchema,
  entity: entityNameSchema,
  id: recordIdSchema,
  rowVersion: z.number().int().min(1),
  data: recordDataSchema,
})
export const pulledReferenceSchema = z.strictObject({
  kind: z.literal('reference'),
  seq: cursorSchema,
  /** Reference file kind and version (the envelope's own fields), and the file's JSON text as HQ published it. */
  referenceKind: z.string().min(1).max(64),
  version: z.string().min(1).max(64),
  content: z.string(),
})
export const pulledItemSchema = z.discriminatedUnion('kind', [pulledRecordSchema, pulledReferenceSchema])
export type PulledItem = z.infer<typeof pulledItemSchema>
export type PulledRecord = z.infer<typeof pulledRecordSchema>
export type PulledReference = z.infer<typeof pulledReferenceSchema>

export const pullResponseSchema = z.strictObject({
  items: z.array(pulledItemSchema),
  cursor: cursorSchema,
  more: z.boolean(),
})
export type PullResponse = z.infer<typeof pullResponseSchema>

export const branchCardSchema = z.strictObject({
  code: z.string(),
  name: z.string(),
  city: z.string(),
  /** Id of the branch's own `branch` record once a device has established it at HQ. */
  recordId: z.string().nullable(),
})

/** Settings HQ ships to its branches (e.g. whether a policy may be printed before national registration). */
export const hqSettingsSchema = z.strictObject({
  printBeforeRegistration: z.boolean(),
})
export type HqSettings = z.infer<typeof hqSettingsSchema>

export const enrolmentCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/)

export const enrolRequestSchema = z.strictObject({
  code: enrolmentCodeSchema,
  deviceName: z.string().min(1).max(100),
  /** The branch this device already holds (its first device), or null for a fresh device joining its branch. */
  branch: z
    .strictObject({ id: recordIdSchema, code: z.string().min(1).max(16), name: z.string(), city: z.string() })
    .nullable(),
})
export type EnrolRequest = z.infer<typeof enrolRequestSchema>

export const enrolResponseSchema = z.strictObject({
  deviceId: z.string(),
  token: z.string().min(32),
  /** HMAC key for offline bundles between this device and HQ. */
  bundleKey: z.string().min(32),
  branch: branchCardSchema,
})
export type EnrolResponse = z.infer<typeof enrolResponseSchema>

export const whoamiResponseSchema = z.strictObject({
  service: z.literal('branch-desk-hq'),
  protocol: z.number().int(),
  serverTime: isoTimestamp,
  deviceId: z.string(),
  branch: branchCardSchema,
  settings: hqSettingsSchema,
})
export type WhoamiResponse = z.infer<typeof whoamiResponseSchema>

/** Every refusal from HQ has this body; `code` is stable (the device reacts to it), `message` is for logs. */
export const hqErrorSchema = z.strictObject({
  error: z.strictObject({ code: z.string(), message: z.string(), issues: z.array(z.unknown()).optional() }),
})
export type HqError = z.infer<typeof hqErrorSchema>

// --- Contracts of any branch, looked up for a termination at another branch. ---

export const contractLookupQuerySchema = z.strictObject({
  number: z.string().trim().min(1).max(32),
  series: z.string().trim().max(8).optional(),
})
export const contractSummarySchema = z.strictObject({
  product: z.enum(['osago', 'casco']),
  id: z.string(),
  branchCode: z.string(),
  series: z.string().nullable(),
  number: z.string(),
  status: z.string(),
  policyholderName: z.string().nullable(),
  plate: z.string().nullable(),
  vin: z.string().nullable(),
  conclusionDate: z.string().nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  premiumKopecks: z.number().int().nullable(),
})
export type ContractSummary = z.infer<typeof contractSummarySchema>
export const contractLookupResponseSchema = z.strictObject({ contracts: z.array(contractSummarySchema) })

// --- KBM: the class of drivers and owners asked of the national database through HQ (docs/domain/kbm-check.md). ---

/** One person asked about: by a driver's licence, an owner's passport or an organisation's INN (normalised). */
export const kbmSubjectSchema = z.strictObject({
  ref: z.string().regex(/^(driver:\d{1,2}|owner)$/),
  kind: z.enum(['licence', 'passport', 'inn']),
  document: z.string().regex(/^[0-9A-ZА-ЯЁ]{1,20}$/),
  surname: z.string().max(60),
  name: z.string().max(60),
  patronymic: z.string().max(60),
  birthDate: z.string().max(10),
})
/** At most a policy's whole list (20 drivers) and its owner in one request. */
export const KBM_SUBJECTS_MAX = 21
export const kbmRequestSchema = z.strictObject({ subjects: z.array(kbmSubjectSchema).min(1).max(KBM_SUBJECTS_MAX) })
export type KbmRequest = z.infer<typeof kbmRequestSchema>
export const kbmResultSchema = z.strictObject({
  ref: z.string(),
  class: z.enum(['M', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13']),
  requestId: z.string().min(1).max(64),
  checkedAt: isoTimestamp,
  /** False when the register holds nothing on the document: the class is then the first-time class 3. */
  found: z.boolean(),
})
export const kbmResponseSchema = z.strictObject({ register: z.string(), results: z.array(kbmResultSchema) })
export type KbmResponse = z.infer<typeof kbmResponseSchema>

// --- Clients of other branches, found through HQ by an exact identifier (docs/domain/personal-data.md#clients-of-other-branches). ---

/** A name as a whole word: letters, a hyphen or an apostrophe inside — nothing a pattern could be built from. */
const namePartSchema = z
  .string()
  .min(1)
  .max(60)
  .regex(/^\p{L}+(?:[-'’ ]\p{L}+)*$/u)
/**
 * One exact identifier: passport series and number (10 digits), INN (10 or 12), a phone's national digits (10), or a
 * person's surname with the birth date (name and patronymic too when given). Never a part of a name: HQ answers
 * only a client the asker can already identify.
 */
export const clientIdentifierSchema = z.discriminatedUnion('by', [
  z.strictObject({ by: z.literal('passport'), value: z.string().regex(/^\d{10}$/) }),
  z.strictObject({ by: z.literal('inn'), value: z.string().regex(/^(?:\d{10}|\d{12})$/) }),
  z.strictObject({ by: z.literal('phone'), value: z.string().regex(/^\d{10}$/) }),
  z.strictObject({
    by: z.literal('person'),
    surname: namePartSchema,
    name: namePartSchema.optional(),
    patronymic: namePartSchema.optional(),
    birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  }),
])
export type ClientIdentifier = z.infer<typeof clientIdentifierSchema>
/** What one typed text can be at once (ten digits: a passport, a phone, an INN). */
export const CLIENT_IDENTIFIERS_MAX = 3
export const clientLookupRequestSchema = z.strictObject({
  /** The staff member asking (HQ checks they are staff of the device's branch and logs them). */
  askedBy: recordIdSchema,
  identifiers: z.array(clientIdentifierSchema).min(1).max(CLIENT_IDENTIFIERS_MAX),
})
export type ClientLookupRequest = z.infer<typeof clientLookupRequestSchema>
/**
 * A client card of another branch as HQ answers it: the minimum to recognise the person and start an application —
 * the name, birth date, document, phone, the owning branch and the contracts — never the address, e-mail or history.
 */
export const remoteClientSchema = z.strictObject({
  id: recordIdSchema,
  branchCode: z.string(),
  branchName: z.string(),
  kind: z.enum(['person', 'organisation']),
  name: z.string(),
  birthDate: z.string().nullable(),
  phone: z.string().nullable(),
  person: z
    .strictObject({
      surname: z.string(),
      name: z.string(),
      patronymic: z.string(),
      passportSeries: z.string(),
      passportNumber: z.string(),
    })
    .nullable(),
  organisation: z
    .strictObject({ form: z.string().nullable(), fullName: z.string(), shortName: z.string(), inn: z.string() })
    .nullable(),
  contracts: z.array(contractSummarySchema),
})
export type RemoteClient = z.infer<typeof remoteClientSchema>
export const clientLookupResponseSchema = z.strictObject({ clients: z.array(remoteClientSchema) })
export type ClientLookupResponse = z.infer<typeof clientLookupResponseSchema>

// --- Blobs (photos, PDFs): content-addressed, uploaded in chunks, resumable. ---

export const blobHashSchema = sha256Hex
export const blobStatusSchema = z.strictObject({
  sha256: sha256Hex,
  size: z.number().int().min(0),
  /** Bytes HQ holds; the next chunk starts here. Equal to size and `complete` once the hash was verified. */
  received: z.number().int().min(0),
  complete: z.boolean(),
})
export type BlobStatus = z.infer<typeof blobStatusSchema>

export const blobChunkQuerySchema = z.strictObject({
  offset: z.coerce.number().int().min(0),
  size: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 40),
})

// --- Offline bundles ---

export const BUNDLE_FORMAT = 'branch-desk-bundle/1'
export const bundleBlobSchema = z.strictObject({ sha256: sha256Hex, dataBase64: z.string() })
export const deviceBundleSchema = z.strictObject({
  kind: z.literal('device-to-hq'),
  deviceId: z.string(),
  createdAt: isoTimestamp,
  /** The device's pull cursor: HQ's answer carries what the branch may see after it. */
  cursor: cursorSchema,
  changes: z.array(changeSchema),
  blobs: z.array(bundleBlobSchema),
})
export const hqBundleSchema = z.strictObject({
  kind: z.literal('hq-to-device'),
  deviceId: z.string(),
  createdAt: isoTimestamp,
  results: z.array(changeResultSchema),
  /** Files HQ now holds from this bundle. */
  blobs: z.array(sha256Hex),
  pull: pullResponseSchema,
})
export type DeviceBundle = z.infer<typeof deviceBundleSchema>
export type HqBundle = z.infer<typeof hqBundleSchema>
/** The file on disk: the payload (gzip of the JSON above, base64) and its HMAC-SHA256 under the device's bundle key. */
export const bundleFileSchema = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  deviceId: z.string(),
  payload: z.string(),
  hmac: z.string().regex(/^[0-9a-f]{64}$/),
})
export type BundleFile = z.infer<typeof bundleFileSchema>
