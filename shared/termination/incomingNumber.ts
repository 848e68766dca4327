/** `<branch code>-<year>-<seq, 5 digits>`, e.g. MSK-01-2026-00001: the core issues it, HQ checks a pushed one. */
export function formatIncomingNumber(branchCode: string, year: number, seq: number): string {
  return `${branchCode}-${year}-${String(seq).padStart(5, '0')}`
}
