/**
 * The text of each page of a PDF, read by pdf.js (the legacy build, which runs under Node 20): what the core hashes
 * when it issues a document and what HQ hashes when someone brings one (canonical.ts). CPU only — no file, no
 * network, no worker thread, no fonts loaded (text extraction needs the fonts' Unicode maps, which the PDF
 * carries). Only the core and HQ import it; the renderer never does.
 */
type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs')

let pdfjs: Promise<PdfJs> | undefined

/**
 * The legacy build carries core-js polyfills that replace JSON.parse and JSON.stringify under Node 20 (no
 * `JSON.rawJSON` there), some of them when a document is first read: its stringify re-scans every output character,
 * 40× slower on Cyrillic, and the core and HQ live on JSON (the Writer's outbox and audit, push and pull). pdf.js
 * does not need them: the natives, as this module found them before pdf.js was ever loaded, are put back after
 * every read.
 */
const NATIVE_JSON = { parse: JSON.parse, stringify: JSON.stringify }

function keepNativeJson(): void {
  JSON.parse = NATIVE_JSON.parse
  JSON.stringify = NATIVE_JSON.stringify
}

export async function pdfPagesText(pdf: Uint8Array): Promise<string[]> {
  try {
    return await pagesText(pdf)
  } finally {
    keepNativeJson()
  }
}

async function pagesText(pdf: Uint8Array): Promise<string[]> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs')
  const { getDocument } = await pdfjs
  // pdf.js may take ownership of the buffer it is given (it transfers it to its worker): hand it a copy.
  const task = getDocument({
    data: new Uint8Array(pdf),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  })
  const doc = await task.promise
  try {
    const pages: string[] = []
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n)
      // The strings as the PDF maps its glyphs, not pdf.js's compatibility forms (№ must stay №, not «No»).
      const content = await page.getTextContent({ disableNormalization: true })
      pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join('\n'))
      page.cleanup()
    }
    return pages
  } finally {
    await task.destroy()
  }
}
