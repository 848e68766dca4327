/**
 * Columns of synced tables that hold a JSON document. SQLite keeps them as text; on the wire (outbox, push, pull)
 * and in the audit log they are the objects themselves, so a change is JSON once, not JSON strings inside JSON.
 * Both sides use this one codec: the device's Writer and pull (core/db/write.ts, core/sync/localRows.ts) and HQ's
 * push and records (hq/push.ts, hq/records.ts). core/db/tables.ts declares the same columns with their types; its
 * test keeps the two lists equal.
 */
export const DOCUMENT_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  osago_policy: ['payment'],
  osago_document: ['draft', 'calculation'],
  manual_contract: ['periods_of_use'],
  termination_application: [
    'contract',
    'details',
    'required_documents',
    'documents',
    'calculation',
    'late_payout',
    'deadline_changes',
  ],
  casco_quote: ['schedule', 'first_payment'],
  casco_document: ['draft', 'quote_input', 'quote_result'],
  inspection: ['report'],
  approval_decision: ['conditions', 'checks'],
  client: ['party', 'consent'],
  client_version: ['party'],
  osago_change: ['before', 'after', 'calculation', 'settlement'],
  payment: ['receipt'],
  cash_day: ['report'],
}

/**
 * Document columns that a device on the previous version still sends (before migration 20261205000015 the OSAGO
 * policy carried its draft, application and calculation in the row). HQ reads them as objects too.
 */
export const PREVIOUS_DOCUMENT_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  osago_policy: ['draft', 'application', 'calculation'],
  // Before migration 20261205000017 the CASCO quote carried its draft, engine input and result in the row.
  casco_quote: ['draft', 'quote_input', 'quote_result'],
}

type Data = Record<string, unknown>

/**
 * A document column's value as an object. Text is the stored form (SQLite, or a device on the previous version
 * that sent JSON inside JSON); every document is an object or an array, never a bare string, so a string is
 * always JSON text. Text that is not JSON stays as it is, for the entity's rules to refuse.
 */
export function decodeDocument(value: unknown): unknown {
  if (typeof value !== 'string') return value
  try {
    return JSON.parse(value) as unknown
  } catch {
    return value
  }
}

/** A document column's value as SQLite stores it: JSON text (text already is). */
export function encodeDocument(value: unknown): unknown {
  return value === null || value === undefined || typeof value === 'string' ? value : JSON.stringify(value)
}

function mapColumns(entity: string, data: Data, columns: readonly string[], fn: (v: unknown) => unknown): Data {
  let out: Data | null = null
  for (const c of columns) {
    if (!(c in data)) continue
    const v = fn(data[c])
    if (v === data[c]) continue
    out ??= { ...data }
    out[c] = v
  }
  return out ?? data
}

const wireColumns = (entity: string) => [
  ...(DOCUMENT_COLUMNS[entity] ?? []),
  ...(PREVIOUS_DOCUMENT_COLUMNS[entity] ?? []),
]

/** A row as it travels and is audited: document columns as objects (from text, or as a device sent them). */
export function toWire(entity: string, data: Data): Data {
  return mapColumns(entity, data, wireColumns(entity), decodeDocument)
}

/** A row as SQLite stores it: document columns as JSON text. */
export function toColumns(entity: string, data: Data): Data {
  return mapColumns(entity, data, wireColumns(entity), encodeDocument)
}
