import type { TextMeasure } from './pdfEngine'

export interface TextBox {
  widthPt: number
  fontSize: number
  /** Lines the box has room for. */
  lines: number
  minFontSize: number
}

export interface FittedText {
  fontSize: number
  lines: string[]
}

const STEP = 0.5

/**
 * Sets text into a fixed box on a pre-printed form: at the box's font size if it fits, otherwise smaller in
 * half-point steps down to the minimum. Lines are broken here (at ordinary spaces; no-break spaces hold an
 * amount or a number together) so the printed result is exactly what was measured. Null: it does not fit.
 */
export function fitText(text: string, box: TextBox, measure: TextMeasure): FittedText | null {
  for (let size = box.fontSize; size >= box.minFontSize - 1e-9; size -= STEP) {
    const lines = wrap(text, box.widthPt, size, measure)
    if (lines && lines.length <= box.lines) return { fontSize: size, lines }
  }
  return null
}

function wrap(text: string, widthPt: number, fontSize: number, measure: TextMeasure): string[] | null {
  const words = text.split(/[ \n]+/).filter(Boolean)
  const lines: string[] = []
  let current = ''
  for (const word of words) {
    if (measure.width(word, fontSize) > widthPt) return null
    const candidate = current ? `${current} ${word}` : word
    if (measure.width(candidate, fontSize) <= widthPt) {
      current = candidate
    } else {
      lines.push(current)
      current = word
    }
  }
  if (current) lines.push(current)
  return lines
}
