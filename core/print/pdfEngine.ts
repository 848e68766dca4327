// Ambient types of the untyped pdfmake package, for every program that compiles this file (the E2E one too).
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./pdfmake.d.ts" />
import pdfmake from 'pdfmake'
import roboto from 'pdfmake/fonts/Roboto.js'
import type { DocDefinition } from './docDefinition'

/**
 * The one place that turns a document definition into PDF bytes. Fonts are pdfmake's own Roboto (Cyrillic, №
 * and ₽ included) read from node_modules; documents may load nothing else: no URLs at all, and no local file
 * except those fonts, so a field value can never make the engine fetch or read anything.
 */
const FONT = roboto.Roboto
const FONT_FILES = new Set<string>(Object.values(FONT))

pdfmake.setFonts({ Roboto: { ...FONT } })
pdfmake.setUrlAccessPolicy(() => false)
pdfmake.setLocalAccessPolicy((path) => FONT_FILES.has(path))

export interface RenderOptions {
  /** Written into the PDF; with the same date and definition the bytes are identical (tests pin it). */
  creationDate: Date
}

/** What pdfmake is given for a definition: the engine's metadata and default font added. */
export function engineDefinition(doc: DocDefinition, opts: RenderOptions): object {
  return {
    ...doc,
    info: { ...doc.info, creator: 'Branch Desk', producer: 'Branch Desk', creationDate: opts.creationDate },
    defaultStyle: { font: 'Roboto', fontSize: 10, ...doc.defaultStyle },
  }
}

/** Renders a definition. The definition is consumed: pdfmake annotates its nodes while laying them out. */
export async function renderPdf(doc: DocDefinition, opts: RenderOptions): Promise<Buffer> {
  return pdfmake.createPdf(engineDefinition(doc, opts)).getBuffer()
}

/** The engine's regular font file (the verification stamp is drawn with it, core/print/stampedPdf.ts). */
export const REGULAR_FONT = FONT.normal
export const BOLD_FONT = FONT.bold

/** Number of pages, from the page tree pdfkit writes uncompressed (`/Type /Pages /Count n`). */
export function pageCount(pdf: Buffer): number {
  const match = /\/Type \/Pages\s*\/Count (\d+)/.exec(pdf.toString('latin1'))
  if (!match) throw new Error('Not a PDF written by the engine: no page tree found')
  return Number(match[1])
}

/** Widths and line heights in points, measured with the fonts the engine embeds. */
export interface TextMeasure {
  width(text: string, fontSize: number, bold?: boolean): number
  lineHeight(fontSize: number): number
}

let measure: Promise<TextMeasure> | undefined

/**
 * A measurer backed by pdfkit's font metrics, obtained through pdfmake's public `getStream()` (the pdfkit
 * document of an empty PDF), so the numbers are exactly those the layout will use.
 */
export function textMeasure(): Promise<TextMeasure> {
  measure ??= pdfmake
    .createPdf({ content: [], info: { creationDate: new Date(0) } })
    .getStream()
    .then((kit): TextMeasure => ({
      width: (text, fontSize, bold = false) =>
        kit
          .font(bold ? FONT.bold : FONT.normal)
          .fontSize(fontSize)
          .widthOfString(text),
      lineHeight: (fontSize) => kit.font(FONT.normal).fontSize(fontSize).currentLineHeight(false),
    }))
  return measure
}
