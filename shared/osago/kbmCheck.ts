import { z } from 'zod'

/**
 * A KBM class as the national database answered it (issue 15 point 5; docs/domain/kbm-check.md), stored on the
 * draft beside the class it set: `source` says where the class came from, the request id and time are what the
 * register's answer is found by later.
 */
export interface KbmCheck {
  source: 'ais'
  class: string
  requestId: string
  /** ISO time HQ asked the register. */
  checkedAt: string
  /** The document asked by, normalised (kbmDocument): a check of another licence is not this driver's. */
  document: string
}

export const kbmCheckSchema = z.strictObject({
  source: z.literal('ais'),
  class: z.string().max(2),
  requestId: z.string().max(64),
  checkedAt: z.string().max(40),
  document: z.string().max(40),
})

/** A document as the register keys it: letters upper-case, without spaces or dashes («99 12 345678» = «9912345678»). */
export function kbmDocument(...parts: string[]): string {
  return parts
    .join('')
    .replace(/[\s-]+/g, '')
    .toUpperCase()
}

/**
 * A stored check still speaks for the class on the form: it was made for the document typed now and gave the
 * class chosen now. A class typed over it, or a licence changed after it, is the clerk's again (with its reason).
 */
export function kbmCheckHolds(check: KbmCheck | null | undefined, document: string, kbmClass: string): boolean {
  return !!check && check.document === document && check.class === kbmClass
}
