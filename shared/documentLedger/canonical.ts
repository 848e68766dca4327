/**
 * What a printed document's hash covers (decision 108): the text a PDF reader extracts from it, page by page,
 * in Unicode NFC with every whitespace character removed (line breaks, justification and the reader's own
 * spacing differ between tools and must not decide), without the verification stamp the print adds. The same
 * function runs when the core issues the document and when HQ checks a PDF someone brings, so a change of one
 * digit anywhere in the document's text gives another hash.
 */

/** The stamp's line as printed: «Проверка подлинности: <document id> · <first 12 hex of the hash>». */
export const STAMP_LABEL = 'Проверка подлинности:'
export const STAMP_PREFIX_LENGTH = 12

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}'

/** The stamp's line once whitespace is gone (as it appears in canonical text before the stamp is taken out). */
const STAMP_IN_TEXT = new RegExp(`Проверкаподлинности:(${UUID})·([0-9a-fA-F]{${STAMP_PREFIX_LENGTH}})`, 'gu')

export function stampLine(documentId: string, contentSha256: string): string {
  return `${STAMP_LABEL} ${documentId} · ${contentSha256.slice(0, STAMP_PREFIX_LENGTH)}`
}

function squeeze(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, '')
}

/** The pages' extracted text as one canonical string, the stamps taken out. */
export function canonicalText(pages: readonly string[]): string {
  return pages.map((page) => squeeze(page).replace(STAMP_IN_TEXT, '')).join('')
}

/** The stamps a PDF's text carries (one per page), as printed: the document id and the hash's first hex digits. */
export function stampsIn(pages: readonly string[]): Array<{ documentId: string; hashPrefix: string }> {
  const found: Array<{ documentId: string; hashPrefix: string }> = []
  for (const page of pages)
    for (const m of squeeze(page).matchAll(STAMP_IN_TEXT))
      found.push({ documentId: m[1]!.toLowerCase(), hashPrefix: m[2]!.toLowerCase() })
  return found
}

/** SHA-256 as lower-case hex, by the platform's Web Crypto (Node 20 and the browser alike). */
export async function sha256Hex(data: string | Uint8Array): Promise<string> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('')
}

export async function canonicalHash(pages: readonly string[]): Promise<string> {
  return sha256Hex(canonicalText(pages))
}

/**
 * The QR code's text: `BD1:<document id>:<SHA-256 hex>`, upper case so the QR encodes it in alphanumeric mode
 * (version 4, 33 modules: 11.6 mm at 1 pt a module fits the page's left margin). Readers give it back as printed;
 * `parseQrText` takes either case.
 */
export const QR_SCHEME = 'BD1'

export function qrText(documentId: string, contentSha256: string): string {
  return `${QR_SCHEME}:${documentId}:${contentSha256}`.toUpperCase()
}

const QR_PATTERN = new RegExp(`^${QR_SCHEME}:(${UUID}):([0-9a-fA-F]{64})$`, 'i')

export function parseQrText(text: string): { documentId: string; contentSha256: string } | null {
  const m = QR_PATTERN.exec(text.trim())
  return m ? { documentId: m[1]!.toLowerCase(), contentSha256: m[2]!.toLowerCase() } : null
}
