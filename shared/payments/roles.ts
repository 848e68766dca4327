import type { Role } from '../contract/roles'

/** Who reads the journal and the day's cash report: the counter and the branch admin. */
export const JOURNAL_READERS: readonly Role[] = ['clerk', 'supervisor', 'admin']
/** Who closes the cash day (the cashier's senior, Указание ЦБ № 3210-У п. 4.6): a supervisor or the branch admin. */
export const DAY_CLOSERS: readonly Role[] = ['supervisor', 'admin']
/** Who reverses a mistaken payment (with a reason): a supervisor. */
export const PAYMENT_REVERSERS: readonly Role[] = ['supervisor']
