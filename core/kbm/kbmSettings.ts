/**
 * How many issued policies one successful sync run re-checks at most (docs/domain/kbm-check.md#re-check-after-sync):
 * each is a request to the national database through HQ, which allows a device KBM_REQUESTS_PER_MINUTE (hq/config.ts,
 * 30 by default); a backlog after a long time offline is worked off over the following runs.
 */
export const KBM_RECHECK_PER_RUN = 10

/**
 * How far back (days, by conclusion date) issued policies are re-checked: a policy issued offline is re-checked at the
 * next sync, which comes within hours or days; older ones — those issued before this feature, above all — are not
 * asked about all at once after an upgrade. It also keeps the run's statement a short range of an index on the day
 * instead of an anti-join over every policy in force, every minute.
 */
export const KBM_RECHECK_WINDOW_DAYS = 30
