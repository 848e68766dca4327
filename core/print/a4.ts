import { mm, type Content, type ContentNode, type DocDefinition, type TableLayout } from './docDefinition'

/**
 * The look of the full-page documents printed on plain A4 (archive copies, applications, CASCO documents
 * later): margins, type sizes, labelled tables, signature lines and a page footer, so they read as one family.
 */
export const A4_MARGINS: [number, number, number, number] = [mm(18), mm(12), mm(12), mm(14)]

export const A4_STYLES = {
  title: { fontSize: 12, bold: true, alignment: 'center' as const },
  subtitle: { fontSize: 10, alignment: 'center' as const },
  section: { fontSize: 9, bold: true },
  label: { fontSize: 7.5, color: '#444444' },
  small: { fontSize: 7, color: '#444444' },
}

const thin: TableLayout = {
  hLineWidth: () => 0.5,
  vLineWidth: () => 0.5,
  hLineColor: () => '#9e9e9e',
  vLineColor: () => '#9e9e9e',
  paddingLeft: () => 4,
  paddingRight: () => 4,
  paddingTop: () => 1.5,
  paddingBottom: () => 1,
}

export function a4Document(opts: {
  title: string
  content: Content
  footerText: string
  watermark?: string
}): DocDefinition {
  return {
    pageSize: 'A4',
    pageMargins: A4_MARGINS,
    info: { title: opts.title },
    defaultStyle: { fontSize: 8.5, lineHeight: 1.05 },
    styles: A4_STYLES,
    content: keepHeadingsWithNext(opts.content),
    footer: (page, pages) => ({
      columns: [
        { text: opts.footerText, style: 'small' },
        { text: `Страница ${page} из ${pages}`, style: 'small', alignment: 'right', width: 'auto' },
      ],
      margin: [mm(18), mm(4), mm(12), 0],
    }),
    ...(opts.watermark
      ? { watermark: { text: opts.watermark, color: '#9e9e9e', opacity: 0.12, bold: true, fontSize: 64 } }
      : {}),
  }
}

/**
 * A section heading never stays alone at the foot of a page: each heading goes onto the page together with the
 * block after it. (pdfmake's pageBreakBefore cannot tell: a table row moved on by dontBreakRows still reports
 * the page it was first laid out on.) The blocks after headings are short, so they always fit on a page.
 */
export function keepHeadingsWithNext(content: Content): Content {
  if (!Array.isArray(content)) return content
  const out: Content[] = []
  for (let i = 0; i < content.length; i++) {
    const node = content[i]!
    const next = content[i + 1]
    if (isHeading(node) && next !== undefined) {
      out.push({ stack: [node, next], unbreakable: true })
      i++
    } else {
      out.push(node)
    }
  }
  return out
}

function isHeading(node: Content): boolean {
  return typeof node === 'object' && !Array.isArray(node) && node.headlineLevel === 1
}

export function sectionTitle(text: string): ContentNode {
  return { text, style: 'section', headlineLevel: 1, margin: [0, mm(2.2), 0, mm(0.8)] }
}

/** A two-column table: what the form asks (label) and what was filled in. */
export function labelled(rows: Array<[string, string]>, labelWidth = mm(55)): ContentNode {
  return {
    table: {
      widths: [labelWidth, '*'],
      dontBreakRows: true,
      body: rows.map(([label, value]) => [{ text: label, style: 'label' }, { text: value }]),
    },
    layout: thin,
  }
}

/**
 * Total lines under a grid's rows, inside the same table so they line up with its columns (a separate table below
 * has its own widths and sits misaligned): the label spans the first `labelColumns` columns, the amount the rest.
 */
export interface GridTotals {
  labelColumns: number
  rows: Array<{ label: string; value: string; bold?: boolean }>
}

export function grid(
  header: string[],
  rows: string[][],
  widths: Array<number | '*' | 'auto'>,
  totals?: GridTotals,
): ContentNode {
  const span = (text: string, columns: number, bold: boolean): Content[] => [
    { text, colSpan: columns, ...(bold ? { bold: true } : {}) },
    ...Array.from({ length: columns - 1 }, () => ''),
  ]
  const totalRows = (totals?.rows ?? []).map((t) => [
    ...span(t.label, totals!.labelColumns, t.bold ?? false),
    ...span(t.value, widths.length - totals!.labelColumns, t.bold ?? false),
  ])
  return {
    table: {
      widths,
      headerRows: 1,
      dontBreakRows: true,
      body: [
        header.map((h) => ({ text: h, style: 'label', bold: true })),
        ...rows.map((r) => r.map((c) => ({ text: c }))),
        ...totalRows,
      ],
    },
    layout: thin,
  }
}

/** "Signature ______ / Name /" with a caption under the line, kept together on one page. */
export function signatureLine(role: string, name: string | null): ContentNode {
  return {
    unbreakable: true,
    margin: [0, mm(6), 0, 0],
    columns: [
      { text: role, width: mm(55) },
      {
        stack: [
          { text: ' ', margin: [0, 0, 0, 1] },
          { canvas: [{ type: 'line', x1: 0, y1: 0, x2: mm(45), y2: 0, lineWidth: 0.5 }] },
          { text: 'подпись', style: 'small' },
        ],
        width: mm(50),
      },
      {
        stack: [
          { text: name ? `/ ${name} /` : ' ' },
          { canvas: [{ type: 'line', x1: 0, y1: 0, x2: mm(65), y2: 0, lineWidth: 0.5 }] },
          { text: 'фамилия, инициалы', style: 'small' },
        ],
        width: '*',
      },
    ],
    columnGap: mm(4),
  }
}
