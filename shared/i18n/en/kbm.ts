import type ru from '../ru/kbm'
import type { LocaleFile } from '../schema'

/** The KBM check in the national OSAGO database through HQ (docs/domain/kbm-check.md). */
export default {
  kbm: {
    check: {
      label: 'KBM check in the national OSAGO database',
      button: 'Check KBM',
      hint: "Each driver's KBM class (the owner's for any driver) is requested from the national OSAGO database through HQ.",
      done: 'KBM checked in the national database. Calculate the premium again.',
    },
    result: {
      driver: 'Driver {n}',
      owner: 'Owner',
      fromAis: 'class {class} — national database, request {requestId} of {date}',
      notFound: 'no data in the national database: class 3, as a first-time driver',
      typed: 'class {class} typed by hand',
      noDocument: "driver's licence not entered",
      noOwnerDocument: "owner's passport (INN) not entered",
    },
    errors: {
      notFlagged: 'This policy’s KBM does not differ from the national database: nothing to dismiss.',
      alreadyDismissed: 'The KBM difference flag has already been dismissed.',
      offline:
        'HQ is out of reach: KBM not checked. Keep the typed class with its reason — once issued, the policy is re-checked at the next sync.',
      notEnrolled: 'This computer is not connected to HQ: KBM cannot be checked. Keep the typed class with its reason.',
      busy: 'HQ is busy: check again in {seconds} s.',
      refused: 'HQ refused the KBM check (code {code}).',
      nothingToCheck: "Enter at least one driver's licence (or the owner's passport) to check KBM.",
    },
    recheck: {
      dismiss: 'Dismiss the flag',
      dismissTitle: 'Dismiss the KBM difference flag',
      dismissHint: 'Say why the difference needs no change to the policy. The decision goes into the audit log.',
      reason: 'Reason',
      dismissed: 'Flag dismissed on {date} by {who}: {reason}',
      title: 'KBM re-check',
      differs:
        'The national database gave another KBM class than the policy has. Check the policy and make a change if needed.',
      same: 'KBM classes confirmed by the national database at the re-check on {date}.',
      confirmedAtCounter: 'KBM classes were checked in the national database at issue.',
      pending: 'The KBM class was typed by hand: the policy is re-checked in the national database at the next sync.',
      row: '{who}: class {typed} on the policy, {class} in the national database (request {requestId})',
    },
    home: {
      title: 'KBM differs from the national database',
      hint: 'Issued policies whose hand-typed KBM class differs from the national database’s answer.',
      checkedAt: 're-checked {date}',
    },
  },
} as const satisfies LocaleFile<typeof ru>
