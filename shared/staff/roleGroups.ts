import { ROLES, type Role } from '../contract/roles'

/**
 * Who may do what, named once. The contracts' access lists, the core's own checks, HQ's rules and the renderer's
 * menus and buttons all read these groups, so a rule changed here moves the channel, the button and HQ together.
 * The roles themselves are listed in shared/contract/roles.ts.
 */

/** Everyone on the staff (home, sync status). */
export const EVERYONE: readonly Role[] = ROLES
/** The counter: clerks and supervisors sell OSAGO and CASCO and take terminations and refunds. */
export const DESK: readonly Role[] = ['clerk', 'supervisor']
/** The office: everyone but the inspector (contract look-up at HQ, printer calibration). */
export const OFFICE: readonly Role[] = ['clerk', 'supervisor', 'admin']
/** Administration: staff, settings, receiving blanks. */
export const ADMINS: readonly Role[] = ['admin']

/** Inspections: the inspector writes their own; the supervisor reads every inspection of the branch. */
export const INSPECTION_EDITORS: readonly Role[] = ['inspector']
export const INSPECTION_READERS: readonly Role[] = ['inspector', 'supervisor']
/** Reads (and prints) every inspection of the branch, not only their own. */
export const BRANCH_INSPECTION_READERS: readonly Role[] = ['supervisor']
/** Prints an inspection report once it is submitted, to hand it to the client with the contract. */
export const SUBMITTED_INSPECTION_PRINTERS: readonly Role[] = ['clerk']
/** An inspection report is printed by its inspector, the branch's readers, and the desk once it is submitted. */
export const INSPECTION_PRINTERS: readonly Role[] = [
  ...INSPECTION_EDITORS,
  ...BRANCH_INSPECTION_READERS,
  ...SUBMITTED_INSPECTION_PRINTERS,
]

/** Decides a CASCO case — approve, approve with conditions, refuse, return the inspection (docs/domain/casco.md#c6). */
export const CASCO_CASE_DECIDERS: readonly Role[] = ['supervisor']
/** Approves a refund above the threshold before payout. */
export const REFUND_APPROVERS: readonly Role[] = ['supervisor']

/** Paper blanks (BSO): the stock is seen by the office; a blank is spoiled by an admin or a supervisor. */
export const BLANK_VIEWERS: readonly Role[] = OFFICE
export const BLANK_SPOILERS: readonly Role[] = ['admin', 'supervisor']
/** Sets up the branch's printers. */
export const PRINTER_SETTERS: readonly Role[] = ['admin', 'supervisor']

/** Whether a role (e.g. the signed-in user's, absent when nobody is) belongs to a group. */
export function inGroup(role: Role | string | null | undefined, group: readonly Role[]): boolean {
  return role != null && (group as readonly string[]).includes(role)
}
