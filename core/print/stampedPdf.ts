import pdfmake from 'pdfmake'
// pdfmake's own QR encoder (the one its `qr` node uses): the matrix as canvas rectangles.
import qrEncoder from 'pdfmake/js/qrEnc.js'
import { canonicalHash, qrText, stampLine } from '../../shared/documentLedger/canonical'
import { pdfPagesText } from '../../shared/documentLedger/pdfText'
import { mm, type DocDefinition } from './docDefinition'
import { BOLD_FONT, engineDefinition, REGULAR_FONT, type RenderOptions } from './pdfEngine'

/**
 * A document with its verification stamp (decision 108): on every page, in the left margin beside the footer, a QR
 * code `BD1:<document id>:<SHA-256>` and the line «Проверка подлинности: <id> · <first 12 hex>». The hash covers
 * the document's canonical text (shared/documentLedger/canonical.ts) — what a PDF reader extracts, stamp excluded.
 *
 * One layout and render: pdfmake renders into a pdfkit document that keeps its pages open (`bufferPages`); each
 * glyph run written into a page is recorded as the characters the PDF maps those glyphs back to (what a reader
 * such as pdf.js extracts, glyph for glyph — the patched `encode` below); the hash is taken; the stamp is drawn
 * onto each page; then the file is written. When a drawn character has no glyph in the fonts (the one case where
 * what was asked for and what a reader gets differ), the written file is also read back with pdf.js and hashed
 * as HQ will hash it; on a difference the reader's hash is issued and the document rendered again with it.
 * Reading every document back would cost a 16-page CASCO contract about three times its render; the tests read
 * back every kind the print tests issue.
 */

export interface Stamped {
  pdf: Buffer
  documentId: string
  contentSha256: string
}

/** The stamp's place (points from the page's bottom-left corner is pdfkit's; these are from the top-left). */
export const STAMP = {
  qrModules: 33,
  /** One point a module: 33 pt = 11.6 mm, in the A4 documents' 18 mm left margin 4.8 mm from the edge, 4 modules clear of the text. */
  qrSize: 33,
  qrLeft: mm(4.8),
  /** The QR code's bottom edge above the page's bottom edge. */
  qrBottom: mm(10),
  lineLeft: mm(18),
  /** The line's top above the page's bottom edge: under the page footer (a4.ts), clear of the printer's edge. */
  lineTop: mm(6.9),
  lineFontSize: 6,
} as const

interface KitPage {
  width: number
  height: number
}

/** The part of pdfkit (under pdfmake's document class) the stamp uses. */
interface Kit {
  page: KitPage
  text(text: string, x?: number, y?: number, options?: object): Kit
  font(src: string): Kit
  fontSize(size: number): Kit
  fillColor(color: string): Kit
  opacity(value: number): Kit
  rect(x: number, y: number, w: number, h: number): Kit
  fill(color?: string): Kit
  save(): Kit
  restore(): Kit
  switchToPage(n: number): KitPage
  bufferedPageRange(): { start: number; count: number }
  on(event: string, listener: (...args: unknown[]) => void): Kit
  read(size?: number): Buffer | null
  end(): void
}

/** Text drawn on each page of a kit, in drawing order: recorded by the patched `encode` below. */
const drawn = new WeakMap<Kit, Map<KitPage, string[]>>()

let patched: Promise<void> | undefined

/** pdfkit's embedded font: glyph ids for a text, and the characters the PDF maps each glyph back to. */
interface EmbeddedFont {
  document: Kit
  unicode: Array<number[] | undefined>
  encode(text: string, features?: unknown): [string[], unknown[]]
  font: Glyphs
}

/**
 * Wraps pdfkit's font encoding once for every document the engine makes: every glyph run it writes into a page
 * (pdfmake's text, its watermark and the text of SVG drawings alike) is recorded as the characters the PDF's
 * ToUnicode map will give a reader for those glyphs — what pdf.js extracts, glyph for glyph.
 */
function recordDrawnText(): Promise<void> {
  patched ??= (async () => {
    const kit = (await pdfmake
      .createPdf({ content: [], info: { creationDate: new Date(0) } })
      .getStream()) as unknown as Kit
    const withFonts = kit as unknown as { font(src: string): { _font: EmbeddedFont } }
    fonts = [REGULAR_FONT, BOLD_FONT].map((file) => withFonts.font(file)._font.font)
    const proto = Object.getPrototypeOf(withFonts.font(REGULAR_FONT)._font) as EmbeddedFont
    const original = proto.encode
    proto.encode = function (this: EmbeddedFont, text: string, features?: unknown) {
      const result = original.call(this, text, features)
      const doc = this.document
      let pages = drawn.get(doc)
      if (!pages) drawn.set(doc, (pages = new Map()))
      const strings = pages.get(doc.page) ?? []
      strings.push(result[0].map((gid) => String.fromCodePoint(...(this.unicode[parseInt(gid, 16)] ?? []))).join(''))
      pages.set(doc.page, strings)
      return result
    }
  })()
  return patched
}

/** The engine's fonts as fontkit holds them: whether a character has a glyph. */
interface Glyphs {
  hasGlyphForCodePoint(codePoint: number): boolean
}

let fonts: Glyphs[] = []
const inFonts = new Map<number, boolean>()

/** Whether every character drawn has a glyph in the engine's regular and bold fonts. */
function everyGlyphInFonts(pages: readonly string[]): boolean {
  for (const page of pages)
    for (const ch of page) {
      const cp = ch.codePointAt(0)!
      let known = inFonts.get(cp)
      if (known === undefined) {
        known = /\s/u.test(ch) || fonts.every((f) => f.hasGlyphForCodePoint(cp))
        inFonts.set(cp, known)
      }
      if (!known) return false
    }
  return true
}

async function renderOpen(doc: DocDefinition, opts: RenderOptions): Promise<{ kit: Kit; pages: string[] }> {
  await recordDrawnText()
  const kit = (await pdfmake
    .createPdf(engineDefinition(doc, opts), { bufferPages: true })
    .getStream()) as unknown as Kit
  const { start, count } = kit.bufferedPageRange()
  const byPage = drawn.get(kit) ?? new Map<KitPage, string[]>()
  const pages: string[] = []
  for (let n = start; n < start + count; n++) pages.push((byPage.get(kit.switchToPage(n)) ?? []).join('\n'))
  return { kit, pages }
}

type QrEncoder = { measure(node: object): object }

/** The CommonJS module's export: Node's ESM loader gives its `exports` (with `default` inside), a bundler `default`. */
function encoder(): QrEncoder {
  const m = qrEncoder as QrEncoder & { default?: QrEncoder }
  return typeof m.measure === 'function' ? m : m.default!
}

function qrRects(text: string): Array<{ x: number; y: number; w: number; h: number; color?: string }> {
  const node = encoder().measure({ qr: text, fit: STAMP.qrSize, eccLevel: 'L' }) as {
    _canvas: Array<{ x: number; y: number; w: number; h: number; color?: string }>
    _width: number
  }
  if (node._width !== STAMP.qrSize) throw new Error(`The stamp's QR code is ${node._width} pt, not ${STAMP.qrSize}`)
  return node._canvas
}

function drawStamp(kit: Kit, documentId: string, contentSha256: string): void {
  const rects = qrRects(qrText(documentId, contentSha256))
  const line = stampLine(documentId, contentSha256)
  const { start, count } = kit.bufferedPageRange()
  for (let n = start; n < start + count; n++) {
    const page = kit.switchToPage(n)
    const top = page.height - STAMP.qrBottom - STAMP.qrSize
    kit.save().opacity(1)
    // The encoder's first rectangle is the white ground, the rest the dark modules: one path, filled once.
    const [ground, ...modules] = rects
    kit.rect(STAMP.qrLeft + ground!.x, top + ground!.y, ground!.w, ground!.h).fill('#ffffff')
    for (const r of modules) kit.rect(STAMP.qrLeft + r.x, top + r.y, r.w, r.h)
    kit.fill('#000000')
    kit
      .font(REGULAR_FONT)
      .fontSize(STAMP.lineFontSize)
      .fillColor('#444444')
      .text(line, STAMP.lineLeft, page.height - STAMP.lineTop, { lineBreak: false })
    kit.restore()
  }
}

function finish(kit: Kit): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    kit.on('readable', () => {
      let chunk: Buffer | null
      while ((chunk = kit.read()) !== null) chunks.push(chunk)
    })
    kit.on('end', () => resolve(Buffer.concat(chunks)))
    kit.on('error', (e) => reject(e instanceof Error ? e : new Error(String(e))))
    kit.end()
  })
}

/** The canonical hash of a PDF's text as a reader (and HQ) extracts it. */
export async function pdfContentHash(pdf: Uint8Array): Promise<string> {
  return canonicalHash(await pdfPagesText(pdf))
}

/**
 * Renders the document stamped. `build` gives a fresh definition (pdfmake consumes one per render); `documentIdFor`
 * names the document whose content has that hash — the entry already issued for the same content, or a new id.
 */
export async function renderStamped(
  build: () => DocDefinition,
  opts: RenderOptions,
  documentIdFor: (contentSha256: string) => Promise<string>,
): Promise<Stamped> {
  const { kit, pages } = await renderOpen(build(), opts)
  const contentSha256 = await canonicalHash(pages)
  const documentId = await documentIdFor(contentSha256)
  drawStamp(kit, documentId, contentSha256)
  const pdf = await finish(kit)
  if (everyGlyphInFonts(pages)) return { pdf, documentId, contentSha256 }
  const read = await pdfContentHash(pdf)
  if (read === contentSha256) return { pdf, documentId, contentSha256 }
  // What a reader extracts differs from what was drawn (a character the font lacks): issue the reader's hash.
  const id = await documentIdFor(read)
  const second = await renderWithStamp(build(), opts, id, read)
  const check = await pdfContentHash(second)
  if (check !== read) throw new Error('The printed document reads back differently each time: no hash can be issued')
  return { pdf: second, documentId: id, contentSha256: read }
}

/** A document rendered with the stamp given (a stamp's hash is the content's only when renderStamped chose it). */
export async function renderWithStamp(
  doc: DocDefinition,
  opts: RenderOptions,
  documentId: string,
  contentSha256: string,
): Promise<Buffer> {
  const { kit } = await renderOpen(doc, opts)
  drawStamp(kit, documentId, contentSha256)
  return finish(kit)
}

/** Loads pdf.js ahead of the first print (its first import takes seconds). */
export function warmUpReader(): void {
  void pdfPagesText(new Uint8Array()).catch(() => undefined)
}
