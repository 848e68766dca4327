import { formatMillimetres } from '../../shared/print/format'
import { mm, type CanvasElement, type ContentNode, type DocDefinition } from './docDefinition'
import type { PrinterOffset } from './documents'
import type { BlankLayoutFile, LayoutField } from './osago/blankLayout'
import { safeFileName } from './osago/policyText'

/**
 * A calibration page, printed on plain paper through the same path as a blank: crosshairs where the layout puts
 * some fields and millimetre rulers along the top and left edges, all moved by the printer's current offset.
 * The clerk measures from the sheet's edges to a crosshair (or lays the sheet over a blank against the light)
 * and corrects the offset: new offset = current offset + (position printed here − position measured).
 */
export interface CalibrationData {
  layout: BlankLayoutFile
  printerName: string | null
}

export interface CalibrationMark {
  label: string
  field: string
  x: number
  y: number
}

/** Fields spread over the sheet, so a skew or a scaled print shows as well as a shift. */
const ANCHORS: Array<{ label: string; field: string; pick: (l: BlankLayoutFile['data']) => LayoutField }> = [
  { label: 'A', field: 'Страховщик', pick: (l) => l.fields.insurerName },
  { label: 'B', field: 'Срок страхования, по', pick: (l) => l.fields.termTo },
  { label: 'C', field: 'Страхователь', pick: (l) => l.fields.insuredName },
  { label: 'D', field: 'Марка, модель', pick: (l) => l.fields.vehicleName },
  { label: 'E', field: 'Гос. знак', pick: (l) => l.fields.plate },
  { label: 'F', field: 'Водитель 1, удостоверение', pick: (l) => l.driverRows[0]!.licence },
  { label: 'G', field: 'Страховая премия', pick: (l) => l.fields.premium },
  { label: 'H', field: 'Представитель страховщика', pick: (l) => l.fields.representative },
]

export function calibrationMarks(layout: BlankLayoutFile): CalibrationMark[] {
  return ANCHORS.map((a) => {
    const f = a.pick(layout.data)
    return { label: a.label, field: a.field, x: f.x, y: f.y }
  })
}

const RULER_FROM_MM = 10
/** The left ruler starts lower so its numbers do not run into the top ruler's in the corner. */
const LEFT_RULER_FROM_MM = 15
const GREY = '#555555'

function cross(x: number, y: number): CanvasElement[] {
  const arm = mm(5)
  return [
    { type: 'line', x1: x - arm, y1: y, x2: x + arm, y2: y, lineWidth: 0.4 },
    { type: 'line', x1: x, y1: y - arm, x2: x, y2: y + arm, lineWidth: 0.4 },
    { type: 'ellipse', x, y, r1: mm(1.5), r2: mm(1.5), lineWidth: 0.3 },
  ]
}

/** Ticks every millimetre, longer every 5 and 10, numbered every 10: along the top edge and down the left edge. */
function rulers(
  paper: { widthMm: number; heightMm: number },
  off: PrinterOffset,
): { lines: CanvasElement[]; labels: ContentNode[] } {
  const lines: CanvasElement[] = []
  const labels: ContentNode[] = []
  const tick = (n: number) => (n % 10 === 0 ? 4 : n % 5 === 0 ? 2.5 : 1.5)
  for (let x = RULER_FROM_MM; x <= paper.widthMm - RULER_FROM_MM; x++) {
    const px = mm(x + off.xMm)
    const top = mm(RULER_FROM_MM / 2 + off.yMm)
    lines.push({ type: 'line', x1: px, y1: top, x2: px, y2: top + mm(tick(x)), lineWidth: x % 10 === 0 ? 0.5 : 0.25 })
    if (x % 10 === 0)
      labels.push({ text: String(x), fontSize: 5, color: GREY, absolutePosition: { x: px + 1, y: top + mm(4) } })
  }
  for (let y = LEFT_RULER_FROM_MM; y <= paper.heightMm - RULER_FROM_MM; y++) {
    const py = mm(y + off.yMm)
    const left = mm(RULER_FROM_MM / 2 + off.xMm)
    lines.push({ type: 'line', x1: left, y1: py, x2: left + mm(tick(y)), y2: py, lineWidth: y % 10 === 0 ? 0.5 : 0.25 })
    if (y % 10 === 0)
      labels.push({ text: String(y), fontSize: 5, color: GREY, absolutePosition: { x: left + mm(4.5), y: py - 2.5 } })
  }
  return { lines, labels }
}

export function buildCalibrationPage(data: CalibrationData, offset: PrinterOffset): DocDefinition {
  const { paper } = data.layout.data
  const marks = calibrationMarks(data.layout)
  const ruler = rulers(paper, offset)
  const canvas: CanvasElement[] = [
    ...ruler.lines,
    ...marks.flatMap((m) => cross(mm(m.x + offset.xMm), mm(m.y + offset.yMm))),
  ]
  const markLabels: ContentNode[] = marks.map((m) => ({
    text: `${m.label}  X ${m.x} Y ${m.y} мм`,
    fontSize: 6.5,
    color: GREY,
    absolutePosition: { x: mm(m.x + offset.xMm) + mm(2), y: mm(m.y + offset.yMm) + mm(1.2) },
  }))
  const at = (x: number, y: number) => ({ x: mm(x + offset.xMm), y: mm(y + offset.yMm) })

  const legend = marks.map((m) => `${m.label} — ${m.field}: X ${m.x} мм, Y ${m.y} мм`).join('\n')
  const instructions: ContentNode = {
    absolutePosition: at(20, 246),
    stack: [
      { text: 'Как пользоваться', bold: true, fontSize: 8 },
      {
        fontSize: 7.5,
        text:
          '1. Печатайте на обычной бумаге A4 в масштабе 100 % (без «по размеру страницы»). Отрезок от 10 до 110 на линейке должен быть ровно 100 мм — иначе печать масштабируется.\n' +
          '2. Линейкой измерьте расстояние от левого края листа до центра перекрестья A (X) и от верхнего края (Y).\n' +
          '3. Новое смещение = текущее смещение + (X на перекрестье − измеренное X); так же для Y. Введите его в настройках принтера.\n' +
          '4. Напечатайте страницу ещё раз и проверьте: перекрестья на своих местах, на просвет совпадают с началом полей бланка.',
      },
    ],
  }

  return {
    pageSize: { width: mm(paper.widthMm), height: mm(paper.heightMm) },
    pageMargins: 0,
    info: { title: 'Калибровочная страница бланка ОСАГО' },
    content: [
      { canvas, absolutePosition: { x: 0, y: 0 } },
      ...ruler.labels,
      ...markLabels,
      {
        absolutePosition: at(20, 12),
        stack: [
          { text: 'Калибровочная страница: печать полисов ОСАГО на бланках', bold: true, fontSize: 11 },
          { text: `Принтер: ${data.printerName ?? 'не выбран (без смещения)'}`, fontSize: 8 },
          {
            text: `Текущее смещение: X ${formatMillimetres(offset.xMm)}, Y ${formatMillimetres(offset.yMm)} · макет бланка ${data.layout.version}`,
            fontSize: 8,
          },
        ],
      },
      { absolutePosition: at(120, 200), text: legend, fontSize: 6.5, color: GREY },
      instructions,
    ],
  }
}

export function calibrationFileName(data: CalibrationData): string {
  return safeFileName(`Калибровочная страница — ${data.printerName ?? 'без принтера'}.pdf`)
}
