/** Hot-row columns that only mean something for the priced quote they came from. */
export const UNPRICED = {
  status: 'draft',
  chosen_option: null,
  payment_plan: null,
  premium_kopecks: null,
  total_kopecks: null,
  tariff_version: null,
  conclusion_date: null,
  start_date: null,
  end_date: null,
  sum_insured_kopecks: null,
} as const

/** Hot-row columns a quote gets from submission on: none on a new quote. */
export const NOT_SUBMITTED = {
  submitted_at: null,
  submitted_by: null,
  contract_branch: null,
  contract_seq: null,
  contract_number: null,
  schedule: null,
  first_payment: null,
  issued_at: null,
  issued_by: null,
  printed_at: null,
  terminated_on: null,
} as const

/** A new quote's hot-row columns before any pricing or submission (casco/create-quote, a renewal's new quote). */
export const NEW_QUOTE_COLUMNS = { ...UNPRICED, ...NOT_SUBMITTED } as const
