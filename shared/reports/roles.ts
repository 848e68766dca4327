import type { Role } from '../contract/roles'

/** Who reads the branch's blank report (the stock's accountability, docs/domain/paper-blanks.md#e): the seniors. */
export const REPORT_READERS: readonly Role[] = ['supervisor', 'admin']
