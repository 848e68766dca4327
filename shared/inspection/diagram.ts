/**
 * The car diagram of the inspection report: five views on one sheet, drawn once here and used both by the
 * clickable diagram in the form and by the printed report (as SVG), so a marker lands on the same spot in both.
 *
 * Layout (each view as a person standing beside it sees it, wheels down):
 *
 *             right side (front at right)
 *   front  |  top (front at left, left side down)  |  rear
 *             left side (front at left)
 *
 * Markers are stored relative to their view's box (x, y in 0..1), so the drawing can be resized or redrawn
 * without moving recorded damage.
 */
export const DIAGRAM_VIEWS = ['top', 'front', 'rear', 'left', 'right'] as const
export type DiagramView = (typeof DIAGRAM_VIEWS)[number]

export interface ViewBox {
  x: number
  y: number
  w: number
  h: number
}

export const DIAGRAM_SIZE = { w: 980, h: 620 } as const

export const VIEW_BOXES: Record<DiagramView, ViewBox> = {
  right: { x: 230, y: 8, w: 520, h: 150 },
  front: { x: 10, y: 190, w: 200, h: 240 },
  top: { x: 230, y: 190, w: 520, h: 240 },
  rear: { x: 770, y: 190, w: 200, h: 240 },
  left: { x: 230, y: 462, w: 520, h: 150 },
}

export type ShapeKind = 'body' | 'glass' | 'line' | 'wheel' | 'light'
export interface Shape {
  kind: ShapeKind
  d: string
}

/** The left side, front at x = 0; the right side is its mirror image. Coordinates are local to the view box. */
const SIDE: Shape[] = [
  { kind: 'wheel', d: 'M 70 108 a 30 30 0 1 0 60 0 a 30 30 0 1 0 -60 0 Z' },
  { kind: 'wheel', d: 'M 385 108 a 30 30 0 1 0 60 0 a 30 30 0 1 0 -60 0 Z' },
  {
    kind: 'body',
    d:
      'M 12 104 L 12 80 Q 14 66 40 62 L 150 52 L 215 18 L 345 16 L 420 50 L 498 56 Q 512 60 510 80 L 508 104 ' +
      'L 457 104 A 42 42 0 0 0 373 104 L 142 104 A 42 42 0 0 0 58 104 Z',
  },
  { kind: 'glass', d: 'M 162 54 L 220 24 L 276 23 L 276 54 Z' },
  { kind: 'glass', d: 'M 286 54 L 286 23 L 340 22 L 398 52 Z' },
  { kind: 'line', d: 'M 152 56 L 152 100 M 281 54 L 281 102 M 402 54 L 402 100 M 150 52 L 150 56' },
  { kind: 'line', d: 'M 258 70 L 272 70 M 386 70 L 398 70' },
  { kind: 'body', d: 'M 158 50 L 170 44 L 176 52 Z' },
  { kind: 'light', d: 'M 14 68 L 36 64 L 36 76 L 13 78 Z' },
  { kind: 'light', d: 'M 494 60 L 508 64 L 509 76 L 494 74 Z' },
]

const TOP: Shape[] = [
  {
    kind: 'wheel',
    d: 'M 72 22 h 58 v 14 h -58 Z M 72 204 h 58 v 14 h -58 Z M 387 22 h 58 v 14 h -58 Z M 387 204 h 58 v 14 h -58 Z',
  },
  {
    kind: 'body',
    d: 'M 42 30 L 472 30 Q 512 30 512 72 L 512 168 Q 512 210 472 210 L 42 210 Q 8 210 8 168 L 8 72 Q 8 30 42 30 Z',
  },
  { kind: 'body', d: 'M 160 30 L 150 14 L 172 14 L 178 30 Z M 160 210 L 150 226 L 172 226 L 178 210 Z' },
  { kind: 'glass', d: 'M 152 48 L 218 62 L 218 178 L 152 192 Z' },
  { kind: 'glass', d: 'M 348 62 L 408 50 L 408 190 L 348 178 Z' },
  { kind: 'line', d: 'M 218 62 L 348 62 L 348 178 L 218 178 Z' },
  {
    kind: 'line',
    d: 'M 40 50 Q 100 44 152 48 M 40 190 Q 100 196 152 192 M 408 50 Q 460 46 494 54 M 408 190 Q 460 194 494 186',
  },
  { kind: 'light', d: 'M 10 50 L 22 36 L 30 40 L 16 60 Z M 10 190 L 22 204 L 30 200 L 16 180 Z' },
  { kind: 'light', d: 'M 510 54 L 500 38 L 494 42 L 504 62 Z M 510 186 L 500 202 L 494 198 L 504 178 Z' },
]

const FRONT: Shape[] = [
  { kind: 'wheel', d: 'M 30 196 h 30 v 30 h -30 Z M 140 196 h 30 v 30 h -30 Z' },
  {
    kind: 'body',
    d: 'M 20 204 L 20 132 Q 22 112 40 104 L 56 62 Q 62 50 76 48 L 124 48 Q 138 50 144 62 L 160 104 Q 178 112 180 132 L 180 204 Z',
  },
  { kind: 'body', d: 'M 42 100 L 28 94 L 30 86 L 46 90 Z M 158 100 L 172 94 L 170 86 L 154 90 Z' },
  { kind: 'glass', d: 'M 58 100 L 70 60 L 130 60 L 142 100 Z' },
  { kind: 'light', d: 'M 26 120 L 64 124 L 62 138 L 26 136 Z M 174 120 L 136 124 L 138 138 L 174 136 Z' },
  {
    kind: 'line',
    d: 'M 72 126 L 128 126 L 128 150 L 72 150 Z M 22 168 L 178 168 M 84 176 L 116 176 L 116 188 L 84 188 Z',
  },
]

const REAR: Shape[] = [
  { kind: 'wheel', d: 'M 30 196 h 30 v 30 h -30 Z M 140 196 h 30 v 30 h -30 Z' },
  {
    kind: 'body',
    d: 'M 20 204 L 20 132 Q 22 112 40 106 L 58 62 Q 64 50 78 48 L 122 48 Q 136 50 142 62 L 160 106 Q 178 112 180 132 L 180 204 Z',
  },
  { kind: 'glass', d: 'M 60 100 L 72 62 L 128 62 L 140 100 Z' },
  { kind: 'light', d: 'M 24 116 L 62 118 L 60 136 L 24 134 Z M 176 116 L 138 118 L 140 136 L 176 134 Z' },
  { kind: 'line', d: 'M 40 106 L 160 106 M 22 166 L 178 166 M 82 140 L 118 140 L 118 154 L 82 154 Z' },
]

export const VIEW_SHAPES: Record<DiagramView, Shape[]> = {
  left: SIDE,
  right: SIDE, // mirrored by viewTransform
  top: TOP,
  front: FRONT,
  rear: REAR,
}

/** The transform that puts a view's shapes into its box on the sheet (the right side is the left one mirrored). */
export function viewTransform(view: DiagramView): string {
  const b = VIEW_BOXES[view]
  return view === 'right' ? `translate(${b.x + b.w} ${b.y}) scale(-1 1)` : `translate(${b.x} ${b.y})`
}

export interface DiagramPoint {
  view: DiagramView
  /** 0..1 across the view box, left to right as drawn. */
  x: number
  /** 0..1 down the view box. */
  y: number
}

/** Sheet coordinates of a marker. */
export function markerPosition(p: DiagramPoint): { cx: number; cy: number } {
  const b = VIEW_BOXES[p.view]
  return { cx: b.x + p.x * b.w, cy: b.y + p.y * b.h }
}

/** The view and relative position under a point of the sheet; null outside every view. */
export function pointAt(sheetX: number, sheetY: number): DiagramPoint | null {
  for (const view of DIAGRAM_VIEWS) {
    const b = VIEW_BOXES[view]
    if (sheetX >= b.x && sheetX <= b.x + b.w && sheetY >= b.y && sheetY <= b.y + b.h) {
      return { view, x: round4((sheetX - b.x) / b.w), y: round4((sheetY - b.y) / b.h) }
    }
  }
  return null
}

const round4 = (v: number) => Math.round(v * 10_000) / 10_000

export const SHAPE_STYLE: Record<ShapeKind, { fill: string; stroke: string; width: number }> = {
  body: { fill: '#f4f6f8', stroke: '#455a64', width: 2 },
  glass: { fill: '#d6e6f2', stroke: '#607d8b', width: 1.5 },
  line: { fill: 'none', stroke: '#78909c', width: 1.2 },
  wheel: { fill: '#546e7a', stroke: '#37474f', width: 1.5 },
  light: { fill: '#ffe9a8', stroke: '#8d6e63', width: 1 },
}

export interface DiagramMarker extends DiagramPoint {
  number: number
}

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`)

/**
 * The whole sheet as an SVG document with the markers on it: what the printed report embeds. `labels` name the
 * views in the document's language. Text uses the PDF engine's own font (Roboto).
 */
export function diagramSvg(markers: readonly DiagramMarker[], labels: Record<DiagramView, string>): string {
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${DIAGRAM_SIZE.w} ${DIAGRAM_SIZE.h}" width="${DIAGRAM_SIZE.w}" height="${DIAGRAM_SIZE.h}">`,
  ]
  for (const view of DIAGRAM_VIEWS) {
    const b = VIEW_BOXES[view]
    parts.push(
      `<rect x="${b.x}" y="${b.y}" width="${b.w}" height="${b.h}" fill="none" stroke="#cfd8dc" stroke-width="1" stroke-dasharray="4 3"/>`,
    )
    parts.push(`<g transform="${viewTransform(view)}">`)
    for (const s of VIEW_SHAPES[view]) {
      const st = SHAPE_STYLE[s.kind]
      parts.push(
        `<path d="${s.d}" fill="${st.fill}" stroke="${st.stroke}" stroke-width="${st.width}" stroke-linejoin="round"/>`,
      )
    }
    parts.push('</g>')
    parts.push(
      `<text x="${b.x + 6}" y="${b.y + 15}" font-family="Roboto" font-size="13" fill="#546e7a">${escapeXml(labels[view])}</text>`,
    )
  }
  for (const m of markers) {
    const { cx, cy } = markerPosition(m)
    parts.push(`<circle cx="${cx}" cy="${cy}" r="12" fill="#c62828" stroke="#ffffff" stroke-width="2"/>`)
    parts.push(
      `<text x="${cx}" y="${cy + 4.5}" font-family="Roboto" font-size="13" font-weight="bold" fill="#ffffff" text-anchor="middle">${m.number}</text>`,
    )
  }
  parts.push('</svg>')
  return parts.join('')
}
