import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

/**
 * Poppler's command-line tools (poppler-utils) to read back what the engine wrote: the text as a reader would
 * extract it, word boxes for positions, and PNG pages to look at. Every PDF and PNG a test makes is kept under
 * e2e-artifacts/pdf/ so a person can open them after the run.
 */
export const PDF_ARTIFACTS_DIR = resolve(import.meta.dirname, '..', '..', '..', 'e2e-artifacts', 'pdf')

export function keepPdf(name: string, pdf: Buffer): string {
  mkdirSync(PDF_ARTIFACTS_DIR, { recursive: true })
  const path = join(PDF_ARTIFACTS_DIR, `${name}.pdf`)
  writeFileSync(path, pdf)
  return path
}

/** Text in reading order, no-break spaces turned into plain ones so assertions read naturally. */
export function pdfText(path: string, opts: { layout?: boolean } = {}): string {
  const args = [...(opts.layout ? ['-layout'] : []), '-enc', 'UTF-8', path, '-']
  return execFileSync('pdftotext', args, { encoding: 'utf8' }).replace(/\u00a0/g, ' ')
}

export interface WordBox {
  page: number
  text: string
  /** Points from the top-left corner of the page. */
  xMin: number
  yMin: number
  xMax: number
  yMax: number
}

export function pdfWords(path: string): WordBox[] {
  const html = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' })
  const words: WordBox[] = []
  let page = 0
  for (const line of html.split('\n')) {
    if (line.includes('<page ')) page += 1
    const m = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/.exec(line)
    if (m) {
      words.push({
        page,
        xMin: Number(m[1]),
        yMin: Number(m[2]),
        xMax: Number(m[3]),
        yMax: Number(m[4]),
        text: decode(m[5]!).replace(/\u00a0/g, ' '),
      })
    }
  }
  return words
}

/** Renders every page at 60 dpi to `<name>-<page>.png` beside the PDF; returns the PNG paths. */
export function pdfToPng(path: string, name: string): string[] {
  const pages = () =>
    readdirSync(PDF_ARTIFACTS_DIR).filter(
      (f) => f.startsWith(`${name}-`) && /^\d+\.png$/.test(f.slice(name.length + 1)),
    )
  for (const old of pages()) rmSync(join(PDF_ARTIFACTS_DIR, old))
  execFileSync('pdftoppm', ['-png', '-r', '60', path, join(PDF_ARTIFACTS_DIR, name)])
  return pages()
    .sort()
    .map((f) => join(PDF_ARTIFACTS_DIR, f))
}

function decode(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
}

/**
 * The first word of `phrase` (consecutive words on one line) on `page`, and the words after it on the same line —
 * to compare where a row's value starts with where its table's column starts.
 */
export function lineOf(words: readonly WordBox[], phrase: string, page?: number): { start: WordBox; after: WordBox[] } {
  const parts = phrase.split(' ')
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!
    if (page !== undefined && w.page !== page) continue
    const run = words.slice(i, i + parts.length)
    if (run.length !== parts.length || run.some((r, k) => r.text !== parts[k] || Math.abs(r.yMin - w.yMin) > 2))
      continue
    const last = run.at(-1)!
    const after = words.filter((x) => x.page === w.page && Math.abs(x.yMin - w.yMin) < 2 && x.xMin > last.xMax)
    return { start: w, after: after.sort((a, b) => a.xMin - b.xMin) }
  }
  throw new Error(`«${phrase}» not found${page === undefined ? '' : ` on page ${page}`}`)
}
