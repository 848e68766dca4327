/**
 * An audit image already serialised: `Writer.auditEntry` files its text as it is instead of calling JSON.stringify.
 */
export class SerialisedImage {
  constructor(readonly json: string) {}
}

/** The audit log's JSON text of an image (an object, or a `SerialisedImage`). */
export function imageText(image: unknown): string {
  return image instanceof SerialisedImage ? image.json : JSON.stringify(image)
}

/**
 * The JSON text of a pulled row's audit image whose document columns (`texts`) hold the objects that arrived, while
 * the row as written (`stored`) holds exactly their JSON.stringify text (core/sync/localRows.ts `pulledRow` says which
 * columns): the documents' text is spliced in, so a pulled document (~1.6 KB of a contract's draft) is serialised
 * once, for SQLite, not again for its audit entry. The text is the same as JSON.stringify(image), key order included
 * (core/sync/pullAudit.test.ts compares it with the audit of the row read back). Each document stands in the copy
 * as a marker string; when a marker's text occurs more than once (a value spelling it), the image is serialised
 * whole instead.
 */
export function pulledImageJson(
  image: Record<string, unknown>,
  stored: Record<string, unknown>,
  texts: readonly string[],
): SerialisedImage | Record<string, unknown> {
  let copy: Record<string, unknown> | null = null
  const spliced: string[] = []
  for (const c of texts) {
    const value = image[c]
    const text = stored[c]
    // A redacted or null document, or one not stored as text: serialised with the rest.
    if (value === null || typeof value !== 'object' || typeof text !== 'string') continue
    copy ??= { ...image }
    copy[c] = `\u0000${spliced.length}`
    spliced.push(text)
  }
  if (!copy) return image
  const json = JSON.stringify(copy)
  const at: Array<[number, number]> = []
  for (let i = 0; i < spliced.length; i++) {
    const marker = `"\\u0000${i}"`
    const first = json.indexOf(marker)
    if (first < 0 || json.includes(marker, first + marker.length)) return image
    at.push([first, i])
  }
  at.sort((a, b) => a[0] - b[0])
  let out = ''
  let from = 0
  for (const [position, i] of at) {
    out += json.slice(from, position) + spliced[i]!
    from = position + `"\\u0000${i}"`.length
  }
  return new SerialisedImage(out + json.slice(from))
}
