import { decodeDocument } from '../../shared/sync/documentColumns'
import type { OsagoDraft } from '../../shared/osago/draft'
import type { StoredOsagoPremium } from '../../shared/osago/calculator'
import type { OsagoPayment, OsagoStatus } from '../../shared/osago/policy'
import type { BlankStatus } from '../../shared/blanks/schemas'
import type {
  ChangeSettlement,
  OsagoChangeKind,
  OsagoChangePrint,
  StoredChangeCalculation,
} from '../../shared/osagoChange/change'
import type { OsagoChangeStatus } from '../../shared/osagoChange/lifecycle'
import type {
  ApplicationDetails,
  ApplicationStatus,
  ContractData,
  ContractSource,
} from '../../shared/termination/application'
import type { InspectionStatus, PhotoSource } from '../../shared/inspection/inspection'
import type { CascoFirstPayment, CascoQuoteStatus, CascoScheduleRecord } from '../../shared/casco/contract'
import type { CascoDraft } from '../../shared/casco/draft'
import type { CascoQuoteInput } from '../../shared/casco/quoteInput'
import type { CascoQuote } from '../../shared/casco/quoteTypes'
import type { ClientConsent, ClientStatus } from '../../shared/client/client'
import type { PartyDraft } from '../../shared/party/draft'
import type { MoneyMethod, PaymentDirection, PaymentPurpose, PaymentReceipt } from '../../shared/payments/payment'
import type { CashReport } from '../../shared/payments/cashReport'
import type { CashDayStatus } from '../../shared/payments/lifecycle'

/**
 * The typed map of the synced tables: each table's columns, so the Writer (core/db/write.ts) takes and returns
 * that table's row type, and which columns hold JSON documents (shared/sync/documentColumns.ts lists the same
 * names for HQ; tables.test.ts keeps both lists and this map equal to the migrated schema).
 *
 * - `json<T>()`: a document the code reads and writes as the object `T`; the Writer stores it as JSON text.
 * - `jsonText()`: a document the feature still writes as JSON text itself (it travels as an object all the same);
 *   a feature moves to `json<T>()` when its handlers stop calling JSON.stringify.
 * - `nullable(c)` may be null; `withDefault(c)` has an SQL default: both may be left out of an insert.
 */
export type ColumnKind = 'text' | 'int' | 'real' | 'bool' | 'json' | 'jsonText'

export interface Column<T, Optional extends boolean = boolean> {
  readonly kind: ColumnKind
  readonly optional: Optional
  /** Type only: the value's type in a row. */
  readonly type?: T
}

const column = <T>(kind: ColumnKind): Column<T, false> => ({ kind, optional: false })

export const text = column<string>('text')
export const textOf = <T extends string>() => column<T>('text')
export const int = column<number>('int')
export const real = column<number>('real')
/** SQLite gives 0/1 back for a boolean the code wrote as false/true. */
export const bool = column<boolean | number>('bool')
export const json = <T>() => column<T>('json')
export const jsonText = () => column<string>('jsonText')
export const nullable = <T>(c: Column<T>): Column<T | null, true> => ({ ...c, optional: true })
export const withDefault = <T>(c: Column<T>): Column<T, true> => ({ ...c, optional: true })

/** Columns every synced row has; the Writer fills them. */
export interface SyncedColumns {
  id: string
  created_at: string
  updated_at: string
  row_version: number
}

export const TABLES = {
  branch: {
    code: text,
    name: text,
    city: text,
    time_zone: withDefault(text),
  },
  staff: {
    branch_id: text,
    login: text,
    full_name: text,
    role: text,
    password_hash: text,
    active: withDefault(bool),
    must_change_password: withDefault(bool),
  },
  setting: {
    key: text,
    value: text,
  },
  policy_blank: {
    series: text,
    number: text,
    status: textOf<BlankStatus>(),
    received_at: text,
    received_by: nullable(text),
    policy_id: nullable(text),
    used_at: nullable(text),
    used_by: nullable(text),
    spoiled_at: nullable(text),
    spoiled_by: nullable(text),
    spoiled_reason: nullable(text),
    // A blank the client lost, recorded when its duplicate is issued (migration 20261205000023).
    lost_at: nullable(text),
    lost_by: nullable(text),
    lost_reason: nullable(text),
  },
  // The hot row: what lists, search and the status machine read. Its documents are in osago_document.
  osago_policy: {
    status: textOf<OsagoStatus>(),
    premium_kopecks: nullable(int),
    tariff_version: nullable(text),
    conclusion_date: nullable(text),
    start_date: nullable(text),
    end_date: nullable(text),
    insured_name: nullable(text),
    plate: nullable(text),
    vin: nullable(text),
    blank_id: nullable(text),
    policy_series: nullable(text),
    policy_number: nullable(text),
    payment: nullable(json<OsagoPayment>()),
    issued_at: nullable(text),
    issued_by: nullable(text),
    printed_at: nullable(text),
    created_by: nullable(text),
    search_text: nullable(text),
    terminated_on: nullable(text),
    // The policy this draft renews (migration 20261205000022, core/renewal).
    renews_policy_id: nullable(text),
  },
  // One per policy, same id: the application as the clerk typed it (stored once; the validated application is
  // derived from it) and the premium's breakdown once calculated. Read by id, never listed.
  osago_document: {
    draft: json<OsagoDraft>(),
    calculation: nullable(json<StoredOsagoPremium>()),
  },
  manual_contract: {
    product: textOf<ContractData['product']>(),
    contract_number: text,
    concluded_at: nullable(text),
    policyholder_type: textOf<ContractData['policyholderType']>(),
    policyholder_name: text,
    plate: nullable(text),
    vin: nullable(text),
    conclusion_date: text,
    start_date: text,
    end_date: text,
    premium_kopecks: int,
    periods_of_use: nullable(jsonText()),
    entered_by: nullable(text),
    terminated_on: nullable(text),
    search_text: text,
  },
  termination_application: {
    branch_id: text,
    incoming_year: int,
    incoming_seq: int,
    incoming_number: text,
    received_at: text,
    received_on: text,
    received_by: nullable(text),
    status: textOf<ApplicationStatus>(),
    contract_source: textOf<ContractSource>(),
    contract_id: text,
    contract: jsonText(),
    kind: textOf<ApplicationDetails['kind']>(),
    details: jsonText(),
    required_documents: jsonText(),
    documents_verified: withDefault(bool),
    documents: withDefault(jsonText()),
    payout_due_on: nullable(text),
    calculation: nullable(jsonText()),
    refund_kopecks: nullable(int),
    completed_at: nullable(text),
    completed_by: nullable(text),
    approved_at: nullable(text),
    approved_by: nullable(text),
    paid_on: nullable(text),
    paid_by: nullable(text),
    payment_document: nullable(text),
    penalty_kopecks: nullable(int),
    paid_kopecks: nullable(int),
    refused_at: nullable(text),
    refused_by: nullable(text),
    refusal_reason: nullable(text),
    policyholder_name: text,
    contract_number: text,
    search_text: text,
    late_payout: nullable(jsonText()),
    deadline_changes: nullable(jsonText()),
  },
  // The hot row: what lists, search, the status machine and the contract read. Its documents are in casco_document.
  casco_quote: {
    status: textOf<CascoQuoteStatus>(),
    chosen_option: nullable(text),
    payment_plan: nullable(text),
    premium_kopecks: nullable(int),
    total_kopecks: nullable(int),
    sum_insured_kopecks: nullable(int),
    tariff_version: nullable(text),
    conclusion_date: nullable(text),
    start_date: nullable(text),
    end_date: nullable(text),
    insured_name: nullable(text),
    plate: nullable(text),
    vin: nullable(text),
    vehicle_name: nullable(text),
    submitted_at: nullable(text),
    submitted_by: nullable(text),
    contract_branch: nullable(text),
    contract_seq: nullable(int),
    contract_number: nullable(text),
    schedule: nullable(json<CascoScheduleRecord>()),
    first_payment: nullable(json<CascoFirstPayment>()),
    issued_at: nullable(text),
    issued_by: nullable(text),
    printed_at: nullable(text),
    created_by: nullable(text),
    search_text: nullable(text),
    terminated_on: nullable(text),
    // The contract this quote renews (migration 20261205000022, core/renewal).
    renews_contract_id: nullable(text),
  },
  // One per quote, same id (migration 20261205000017): the form as typed and, once priced, what the engine was
  // given and what it answered. Read by id, never listed.
  casco_document: {
    draft: json<CascoDraft>(),
    quote_input: nullable(json<CascoQuoteInput>()),
    quote_result: nullable(json<CascoQuote>()),
  },
  inspection: {
    number: text,
    status: textOf<InspectionStatus>(),
    quote_id: nullable(text),
    report: jsonText(),
    checklist_version: text,
    inspector_id: text,
    inspected_at: nullable(text),
    plate: nullable(text),
    vin: nullable(text),
    client_name: nullable(text),
    vehicle: nullable(text),
    search_text: nullable(text),
    submitted_at: nullable(text),
    submitted_by: nullable(text),
    returned_at: nullable(text),
    returned_by: nullable(text),
    return_reason: nullable(text),
  },
  inspection_damage: {
    inspection_id: text,
    seq: int,
    view: text,
    x: real,
    y: real,
    zone_code: withDefault(text),
    part_code: withDefault(text),
    type_code: withDefault(text),
    size_cm: nullable(real),
    severity: withDefault(text),
    note: withDefault(text),
    removed_at: nullable(text),
  },
  inspection_photo: {
    inspection_id: text,
    sha256: text,
    shot: text,
    damage_id: nullable(text),
    captured_at: text,
    source: textOf<PhotoSource>(),
    device: withDefault(text),
    file_name: withDefault(text),
    width: int,
    height: int,
    bytes: int,
    format: text,
    gps_lat: nullable(real),
    gps_lon: nullable(real),
    gps_accuracy_m: nullable(real),
    removed_at: nullable(text),
  },
  approval_decision: {
    quote_id: text,
    quote_row_version: int,
    inspection_id: nullable(text),
    decision: text,
    return_to: nullable(text),
    comment: nullable(text),
    conditions: nullable(jsonText()),
    valid_until: nullable(text),
    checks: jsonText(),
    decided_by: text,
    decided_by_name: text,
    decided_at: text,
  },
  printer_profile: {
    printer_name: text,
    offset_x_mm: withDefault(real),
    offset_y_mm: withDefault(real),
  },
  // A change to an issued OSAGO policy or a duplicate of a lost one (core/osagoChange, migration 20261205000023).
  osago_change: {
    policy_id: text,
    kind: textOf<OsagoChangeKind>(),
    status: textOf<OsagoChangeStatus>(),
    print_form: textOf<OsagoChangePrint>(),
    effective_date: text,
    before: json<OsagoDraft>(),
    after: json<OsagoDraft>(),
    calculation: nullable(json<StoredChangeCalculation>()),
    settlement: nullable(json<ChangeSettlement>()),
    amount_kopecks: nullable(int),
    fee_kopecks: nullable(int),
    old_blank_id: nullable(text),
    new_blank_id: nullable(text),
    new_series: nullable(text),
    new_number: nullable(text),
    reason: nullable(text),
    applied_at: nullable(text),
    applied_by: nullable(text),
    created_by: nullable(text),
  },
  osago_registration: {
    policy_id: text,
    status: text,
    registration_id: nullable(text),
    registered_at: nullable(text),
    refusal_reason: nullable(text),
    register_name: nullable(text),
  },
  // The client card (core/client, migration 20261205000024): the party as typed, its match and search columns.
  client: {
    branch_id: text,
    kind: textOf<PartyDraft['kind']>(),
    status: withDefault(textOf<ClientStatus>()),
    party: json<PartyDraft>(),
    display_name: text,
    passport: nullable(text),
    inn: nullable(text),
    phone: nullable(text),
    consent: nullable(json<ClientConsent>()),
    merged_into: nullable(text),
    erased_at: nullable(text),
    last_activity_on: nullable(text),
    created_by: nullable(text),
    search_text: nullable(text),
  },
  client_version: {
    client_id: text,
    version: int,
    party: json<PartyDraft>(),
    source: text,
    source_id: nullable(text),
    changed_by: nullable(text),
    changed_at: text,
  },
  client_link: {
    client_id: text,
    entity: text,
    entity_id: text,
    role: text,
  },
  // The payments journal, only ever inserted, and the branch's cash days (core/payments, migration 20261206000004).
  payment: {
    branch_id: text,
    direction: textOf<PaymentDirection>(),
    purpose: textOf<PaymentPurpose>(),
    record_type: text,
    record_id: text,
    instalment_no: nullable(int),
    amount_kopecks: int,
    method: textOf<MoneyMethod>(),
    receipt: json<PaymentReceipt>(),
    clerk_id: text,
    clerk_name: text,
    paid_at: text,
    business_day: text,
    cash_day_id: nullable(text),
    reverses_id: nullable(text),
    reason: nullable(text),
  },
  cash_day: {
    branch_id: text,
    day: text,
    status: textOf<CashDayStatus>(),
    closed_at: nullable(text),
    closed_by: nullable(text),
    report: nullable(json<CashReport>()),
  },
  // Issued documents, chained per branch computer (migration 20261206000006; shared/documentLedger/chain.ts).
  document_ledger: {
    branch_id: text,
    chain_id: text,
    seq: int,
    kind: text,
    record_type: text,
    record_id: text,
    content_sha256: text,
    issued_at: text,
    issued_by: nullable(text),
    prev_hash: text,
    entry_hash: text,
  },
} as const satisfies Record<string, Record<string, Column<unknown>>>

export type TableName = keyof typeof TABLES
type ColumnsOf<N extends TableName> = (typeof TABLES)[N]
type ValueOf<C> = C extends Column<infer T> ? T : never

/** A row of table N as the code sees it: documents declared with `json<T>()` as objects. */
export type RowOf<N extends TableName> = N extends TableName
  ? SyncedColumns & { -readonly [K in keyof ColumnsOf<N>]: ValueOf<ColumnsOf<N>[K]> }
  : never

/** What an insert into N must give: every column without a default or NULL; the id only when it is chosen. */
export type InsertOf<N extends TableName> = N extends TableName
  ? { id?: string } & {
      -readonly [K in keyof ColumnsOf<N> as ColumnsOf<N>[K] extends Column<unknown, false> ? K : never]: ValueOf<
        ColumnsOf<N>[K]
      >
    } & {
      -readonly [K in keyof ColumnsOf<N> as ColumnsOf<N>[K] extends Column<unknown, false> ? never : K]?: ValueOf<
        ColumnsOf<N>[K]
      >
    }
  : never

/** What an update of N may change (the Writer sets updated_at and row_version). */
export type PatchOf<N extends TableName> = N extends TableName ? Partial<Omit<RowOf<N>, keyof SyncedColumns>> : never

export function columnsOf(table: string): Readonly<Record<string, Column<unknown>>> | undefined {
  return Object.prototype.hasOwnProperty.call(TABLES, table)
    ? (TABLES as Record<string, Record<string, Column<unknown>>>)[table]
    : undefined
}

/** The columns of a table that hold documents (both kinds), in declaration order. */
export function documentColumnsOf(table: string): string[] {
  return Object.entries(columnsOf(table) ?? {})
    .filter(([, c]) => c.kind === 'json' || c.kind === 'jsonText')
    .map(([name]) => name)
}

/**
 * A row as SQLite gave it, in the code's form: documents declared `json<T>()` as objects (`jsonText()` ones stay
 * text). For reads beside the Writer; the Writer returns its rows in this form already.
 */
export function fromStored<N extends TableName>(table: N, row: Record<string, unknown>): RowOf<N>
export function fromStored(table: string, row: Record<string, unknown>): Record<string, unknown>
export function fromStored(table: string, row: Record<string, unknown>): Record<string, unknown> {
  let out: Record<string, unknown> | null = null
  for (const [name, c] of Object.entries(columnsOf(table) ?? {})) {
    if (c.kind !== 'json' || typeof row[name] !== 'string') continue
    out ??= { ...row }
    out[name] = decodeDocument(row[name])
  }
  return out ?? row
}
