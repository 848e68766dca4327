/**
 * Four eyes: whoever prepared a case — created or submitted the quote, or inspected the vehicle for it — does
 * not decide on it. Returns why not (an i18n key), or null when the user may decide. The database refuses the
 * quote's author too (trigger on approval_decision); this covers the inspector, whose rows live elsewhere.
 */
export function fourEyesRefusal(
  userId: string,
  quote: { created_by: string | null; submitted_by: string | null },
  inspectorIds: readonly string[],
): string | null {
  if (userId === quote.created_by || userId === quote.submitted_by) return 'approval.errors.ownQuote'
  if (inspectorIds.includes(userId)) return 'approval.errors.ownInspection'
  return null
}
