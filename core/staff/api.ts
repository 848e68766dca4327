/** What other parts of the core may use from core/staff (scripts/featureBoundaries.test.ts): accounts and passwords. */
export { findStaffById, findStaffByLogin, toSessionUser, type GuardRow, type StaffRow } from './staffRows'
export { dummyHash, hashPassword, PASSWORD_COST, verifyPassword, type ScryptCost } from './password'
