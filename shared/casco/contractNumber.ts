/** A CASCO contract number, `MSK-01-К000042`: the core issues it, HQ checks a pushed one against the same format. */
export function formatContractNumber(branchCode: string, seq: number): string {
  return `${branchCode}-К${String(seq).padStart(6, '0')}`
}
