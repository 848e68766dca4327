/**
 * The subset of pdfmake's document definition the documents use, typed so that a builder mistake is a compile
 * error. Builders are pure functions from data to this shape; only pdfEngine.ts turns it into bytes.
 * Units are PDF points (1/72 inch); layouts are written in millimetres and converted with `mm()`.
 */
export const POINTS_PER_MM = 72 / 25.4

export function mm(value: number): number {
  return value * POINTS_PER_MM
}

export const A4_MM = { width: 210, height: 297 } as const

export type Margins = number | [number, number] | [number, number, number, number]

export interface TextStyle {
  fontSize?: number
  bold?: boolean
  italics?: boolean
  color?: string
  alignment?: 'left' | 'right' | 'center' | 'justify'
  lineHeight?: number
  characterSpacing?: number
  decoration?: 'underline' | 'lineThrough' | 'overline'
  noWrap?: boolean
}

export type CanvasElement =
  | {
      type: 'line'
      x1: number
      y1: number
      x2: number
      y2: number
      lineWidth?: number
      lineColor?: string
      dash?: { length: number; space?: number }
    }
  | { type: 'rect'; x: number; y: number; w: number; h: number; lineWidth?: number; lineColor?: string; color?: string }
  | {
      type: 'ellipse'
      x: number
      y: number
      r1: number
      r2: number
      lineWidth?: number
      lineColor?: string
      color?: string
    }

export interface TableLayout {
  hLineWidth?: (i: number, node: unknown) => number
  vLineWidth?: (i: number, node: unknown) => number
  hLineColor?: (i: number, node: unknown) => string
  vLineColor?: (i: number, node: unknown) => string
  paddingLeft?: (i: number, node: unknown) => number
  paddingRight?: (i: number, node: unknown) => number
  paddingTop?: (i: number, node: unknown) => number
  paddingBottom?: (i: number, node: unknown) => number
  fillColor?: (rowIndex: number, node: unknown, columnIndex: number) => string | null
}

export interface ContentNode extends TextStyle {
  text?: string | Array<string | ContentNode>
  stack?: Content[]
  columns?: Content[]
  ul?: Content[]
  table?: {
    widths?: Array<number | '*' | 'auto'>
    headerRows?: number
    dontBreakRows?: boolean
    keepWithHeaderRows?: number
    body: Content[][]
  }
  layout?: 'noBorders' | 'headerLineOnly' | 'lightHorizontalLines' | TableLayout
  canvas?: CanvasElement[]
  absolutePosition?: { x: number; y: number }
  width?: number | '*' | 'auto'
  columnGap?: number
  margin?: Margins
  style?: string | string[]
  colSpan?: number
  rowSpan?: number
  pageBreak?: 'before' | 'after'
  unbreakable?: boolean
  /** Marks a section heading, kept on one page with the block after it (a4.ts). */
  headlineLevel?: number
  fillColor?: string
}

export type Content = string | ContentNode | Content[]

export interface DocDefinition {
  pageSize: 'A4' | { width: number; height: number }
  pageOrientation?: 'portrait' | 'landscape'
  pageMargins: Margins
  info: { title: string; subject?: string; author?: string }
  content: Content
  defaultStyle?: TextStyle & { font?: string }
  styles?: Record<string, TextStyle>
  header?: (currentPage: number, pageCount: number) => Content
  footer?: (currentPage: number, pageCount: number) => Content
  /** Drawn under the content of every page. */
  background?: (currentPage: number) => Content
  watermark?: { text: string; color?: string; opacity?: number; bold?: boolean; fontSize?: number; angle?: number }
}
