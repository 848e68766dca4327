/** Staff roles of a branch. A user has exactly one. */
export const ROLES = ['clerk', 'inspector', 'supervisor', 'admin'] as const
export type Role = (typeof ROLES)[number]
