/** Branches of this insurer work on Moscow time until a branch-level time zone is needed. */
export const BRANCH_TIME_ZONE = 'Europe/Moscow'
