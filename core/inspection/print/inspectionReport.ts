import { findPart } from '../../../shared/inspection/checklist'
import { diagramSvg, type DiagramView } from '../../../shared/inspection/diagram'
import { compareVins } from '../../../shared/inspection/report'
import { formatNumber } from '../../../shared/format/number'
import { formatRubles } from '../../../shared/money/format'
import { a4Document, grid, labelled, sectionTitle } from '../../print/a4'
import { mm, type Content, type ContentNode, type DocDefinition } from '../../print/docDefinition'
import { safeFileName } from '../../print/osago/policyText'
import type { InspectionPrintData, PrintedPhoto } from './inspectionPrintData'
import { imageNode, svgNode } from './pdfNodes'
import { formatPhone, formatPlate } from '../../../shared/format/identifiers'

const DASH = '—'
const CONTENT_WIDTH = mm(210 - 18 - 14)

const METHOD: Record<string, string> = { office: 'в офисе страховщика', 'on-site': 'на месте у клиента' }
const CONCLUSION: Record<string, string> = {
  accepted: 'Транспортное средство принято на страхование без замечаний',
  'accepted-with-exclusions':
    'Транспортное средство принято на страхование; повреждения, указанные в разделе 6, исключены из страхового покрытия',
  'not-accepted': 'Транспортное средство не принято на страхование',
}
const RIMS: Record<string, string> = { steel: 'штампованные', alloy: 'литые', forged: 'кованые', other: 'другие' }
export const VIEW_LABELS: Record<DiagramView, string> = {
  top: 'Вид сверху',
  front: 'Спереди',
  rear: 'Сзади',
  left: 'Левая сторона',
  right: 'Правая сторона',
}

const text = (v: string | null | undefined) => (v && v.trim() ? v.trim() : DASH)
const yesNo = (v: boolean) => (v ? 'есть' : 'нет')

/** `2026-11-21T12:15` → `21.11.2026 12:15`. */
export function formatInspectedAt(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value)
  return m ? `${m[3]}.${m[2]}.${m[1]} ${m[4]}:${m[5]}` : text(value)
}

function vinRows(d: InspectionPrintData): Content {
  const v = d.inspection.report.vehicle
  const cmp = compareVins(v)
  const verdict = (same: boolean | null): ContentNode =>
    same === null
      ? { text: DASH }
      : same
        ? { text: 'совпадает' }
        : { text: 'НЕ СОВПАДАЕТ', bold: true, color: '#b71c1c' }
  const rows: Content[][] = [
    [
      { text: 'Где прочитан', style: 'label', bold: true },
      { text: 'VIN (номер кузова)', style: 'label', bold: true },
      { text: 'Сверка с документами', style: 'label', bold: true },
    ],
    [{ text: 'По документам (ПТС/СТС)' }, { text: text(v.vinDocument) }, { text: DASH }],
    [{ text: 'На кузове' }, { text: text(v.vinBody) }, verdict(cmp.body)],
    [{ text: 'На табличке (наклейке)' }, { text: text(v.vinPlate) }, verdict(cmp.plate)],
  ]
  const table: ContentNode = {
    table: { widths: [mm(50), '*', mm(45)], headerRows: 1, dontBreakRows: true, body: rows },
    layout: thinLayout,
  }
  return cmp.mismatch
    ? [
        table,
        {
          text: 'Внимание: VIN на автомобиле не совпадает с указанным в документах.',
          bold: true,
          color: '#b71c1c',
          margin: [0, mm(1), 0, 0],
        },
      ]
    : table
}

const thinLayout = {
  hLineWidth: () => 0.5,
  vLineWidth: () => 0.5,
  hLineColor: () => '#9e9e9e',
  vLineColor: () => '#9e9e9e',
  paddingLeft: () => 4,
  paddingRight: () => 4,
  paddingTop: () => 2,
  paddingBottom: () => 2,
}

function damageSection(d: InspectionPrintData): Content {
  const { inspection, checklist } = d
  const markers = inspection.damages.map((r) => ({ view: r.view, x: r.x, y: r.y, number: r.number }))
  const diagram = svgNode(diagramSvg(markers, VIEW_LABELS), CONTENT_WIDTH, { margin: [0, mm(1), 0, mm(2)] })
  if (inspection.damages.length === 0) return [diagram, { text: noDamageText(d) }]
  const name = (list: ReadonlyArray<{ code: string; name: { ru: string } }>, code: string) =>
    list.find((x) => x.code === code)?.name.ru ?? text(code)
  const rows = inspection.damages.map((r) => {
    const found = findPart(checklist, r.partCode)
    const photos = d.photos.filter((p) => p.damageNumber === r.number).map((p) => p.number)
    return [
      String(r.number),
      found ? `${found.part.name.ru} (${found.zone.name.ru.toLowerCase()})` : text(r.partCode),
      name(checklist.damage.types, r.typeCode),
      r.sizeCm === null ? DASH : String(r.sizeCm).replace('.', ','),
      name(checklist.damage.severities, r.severity),
      text(r.note),
      photos.length ? photos.join(', ') : DASH,
    ]
  })
  return [
    diagram,
    grid(['№', 'Деталь (зона)', 'Вид повреждения', 'Размер, см', 'Степень', 'Примечание', 'Фото №'], rows, [
      mm(8),
      mm(40),
      mm(32),
      mm(15),
      // The longest severity («Незначительное») on one line: a narrower column split it without a hyphen.
      mm(25),
      '*',
      mm(13),
    ]),
  ]
}

function thumbnails(photos: readonly PrintedPhoto[]): Content {
  if (photos.length === 0) return { text: 'Фотографии не приложены.' }
  const perRow = 4
  const cellWidth = (CONTENT_WIDTH - mm(3) * (perRow - 1)) / perRow
  const cell = (p: PrintedPhoto): ContentNode => ({
    stack: [
      imageNode(p.thumb, [cellWidth, mm(30)], { alignment: 'center' }),
      { text: `${p.number}. ${p.title}`, fontSize: 7.5, margin: [0, 1, 0, 0] },
      { text: p.capturedAt, style: 'small', fontSize: 6.5 },
    ],
  })
  const body: Content[][] = []
  for (let i = 0; i < photos.length; i += perRow) {
    const row: Content[] = photos.slice(i, i + perRow).map(cell)
    while (row.length < perRow) row.push({ text: '' })
    body.push(row)
  }
  return { table: { widths: Array(perRow).fill(cellWidth), dontBreakRows: true, body }, layout: 'noBorders' }
}

function fullPhotos(photos: readonly PrintedPhoto[]): Content {
  // Two photos a page: a 4:3 photo across the text width is 13 cm tall.
  return photos.map((p, i): ContentNode => ({
    unbreakable: true,
    // The appendix heading starts the first page; every further page starts with an odd-numbered photo.
    ...(i > 0 && i % 2 === 0 ? { pageBreak: 'before' as const } : {}),
    margin: [0, i % 2 === 1 ? mm(6) : 0, 0, 0],
    stack: [
      { text: `Фото ${p.number}. ${p.title}`, bold: true, margin: [0, 0, 0, mm(1)] },
      imageNode(p.normal, [CONTENT_WIDTH, mm(118)], { alignment: 'center' }),
      {
        text: [
          `Снято: ${p.capturedAt}`,
          p.photo.device ? `; устройство: ${p.photo.device}` : '',
          `; ${p.photo.source === 'camera' ? 'камера' : 'файл'}${p.photo.fileName ? ` «${p.photo.fileName}»` : ''}`,
          `; ${p.photo.width}×${p.photo.height}; SHA-256 ${p.photo.sha256.slice(0, 16)}…`,
        ].join(''),
        style: 'small',
        margin: [0, mm(1), 0, 0],
      },
    ],
  }))
}

function signatureBlock(role: string, image: string | null, name: string): ContentNode {
  return {
    width: '*',
    stack: [
      { text: role, style: 'label' },
      image
        ? imageNode(image, [mm(55), mm(20)], { margin: [0, mm(1), 0, 0] })
        : { text: ' ', margin: [0, mm(8), 0, 0] },
      { canvas: [{ type: 'line', x1: 0, y1: 0, x2: mm(70), y2: 0, lineWidth: 0.5 }] },
      { text: `/ ${text(name)} /`, margin: [0, 1, 0, 0] },
    ],
  }
}

/** The quote as the clerk knows it: the contract's number once issued, else the day it was started and for whom. */
function quoteLine(d: InspectionPrintData): string {
  if (!d.inspection.quoteId) return 'не привязан'
  const q = d.quote
  if (!q) return 'не найден на этом компьютере'
  if (q.contractNumber) return `договор № ${q.contractNumber}`
  const about = [q.insuredName, [q.vehicleName, formatPlate(q.plate)].filter(Boolean).join(' ')]
    .filter(Boolean)
    .join(', ')
  return `расчёт от ${q.createdOn}${about ? ` (${about})` : ''}`
}

/**
 * §6 with no damage on the diagram. «Повреждений не обнаружено» is a finding, so it is printed only for a finished
 * act whose conclusion excludes nothing: a draft may not have been marked yet, and an act that excludes damage from
 * cover (the remark under §8) cannot also say there is none (issue 14: a draft said both).
 */
function noDamageText(d: InspectionPrintData): string {
  const { status, report } = d.inspection
  if (report.conclusion.outcome === 'accepted-with-exclusions') {
    return 'Повреждения на схеме не отмечены; исключения из страхового покрытия — в заключении (раздел 8).'
  }
  if (status === 'draft' || status === 'returned') return 'Повреждения на схеме не отмечены.'
  return 'Повреждений не обнаружено.'
}

/**
 * The outcome as chosen, said so that it agrees with §6: with no damage marked, «accepted with exclusions» points to
 * the remark that says what is excluded instead of to §6, which has no rows.
 */
function conclusionText(d: InspectionPrintData): string {
  const { outcome, remarks } = d.inspection.report.conclusion
  if (!outcome) return 'Заключение не указано'
  if (outcome === 'accepted-with-exclusions' && d.inspection.damages.length === 0) {
    return remarks.trim()
      ? 'Транспортное средство принято на страхование; исключения из страхового покрытия указаны ниже'
      : 'Транспортное средство принято на страхование; исключения из страхового покрытия не указаны'
  }
  return CONCLUSION[outcome] ?? DASH
}

/** The inspection report on A4: the act itself with the diagram and thumbnails, then every photo full size. */
export function buildInspectionReport(d: InspectionPrintData): DocDefinition {
  const { inspection } = d
  const r = inspection.report
  const v = r.vehicle
  const a = r.antiTheft
  const extra = r.equipment.extra
  const content: Content = [
    { text: 'АКТ ОСМОТРА ТРАНСПОРТНОГО СРЕДСТВА', style: 'title' },
    { text: `№ ${inspection.number}`, style: 'title', margin: [0, mm(1), 0, 0] },
    { text: d.insurerName, style: 'subtitle', margin: [0, mm(1), 0, mm(2)] },

    sectionTitle('1. Общие сведения'),
    labelled([
      ['Дата и время осмотра', formatInspectedAt(r.inspectedAt)],
      ['Место осмотра', text(r.place)],
      ['Способ осмотра', METHOD[r.method] ?? DASH],
      ['Осмотр провёл', text(inspection.inspector.name)],
      [
        'Клиент (собственник или представитель)',
        [text(r.client.name), formatPhone(r.client.phone.trim())].filter(Boolean).join(', тел. '),
      ],
      ['Расчёт КАСКО', quoteLine(d)],
    ]),

    sectionTitle('2. Транспортное средство'),
    labelled([
      ['Марка, модель', text([v.make, v.model].filter((s) => s.trim()).join(' '))],
      ['Год выпуска', v.year === null ? DASH : String(v.year)],
      ['Цвет', text(v.colour)],
      ['Государственный регистрационный знак', text(formatPlate(v.plate))],
      ['Показания одометра', v.odometerKm === null ? DASH : `${formatNumber(v.odometerKm)} км`],
      ['Документы (ПТС/ЭПТС, СТС)', text(v.documents)],
    ]),
    sectionTitle('3. Идентификационный номер (VIN)'),
    vinRows(d),

    sectionTitle('4. Комплектация и дополнительное оборудование'),
    labelled([['Заводская комплектация', text(r.equipment.factory)]]),
    extra.length
      ? grid(
          ['№', 'Дополнительное оборудование', 'Стоимость'],
          extra.map((e, i) => [
            String(i + 1),
            text(e.name),
            e.valueKopecks === null ? DASH : formatRubles(e.valueKopecks),
          ]),
          [mm(8), '*', mm(35)],
        )
      : { text: 'Дополнительное оборудование не установлено.', margin: [0, mm(1), 0, 0] },

    sectionTitle('5. Противоугонные устройства, ключи, стёкла, шины'),
    labelled([
      ['Иммобилайзер', yesNo(a.immobiliser)],
      [
        'Сигнализация',
        a.alarm.present ? `${text(a.alarm.model)}${a.alarm.autostart ? ', с автозапуском' : ''}` : 'нет',
      ],
      [
        'Поисковая (спутниковая) система',
        a.tracking.present
          ? `${text(a.tracking.model)}${a.tracking.certificate.trim() ? `, сертификат ${a.tracking.certificate.trim()}` : ''}`
          : 'нет',
      ],
      ['Механические блокираторы', text(a.mechanicalLocks)],
      ['Передано комплектов ключей / брелоков', `${r.keys.keySets ?? DASH} / ${r.keys.alarmFobs ?? DASH}`],
      ['Маркировка стёкол', r.glass.marked ? `есть, код ${text(r.glass.markingCode)}` : 'нет'],
      ['Стёкла, замечания', text(r.glass.notes)],
      [
        'Шины',
        [text(r.tyres.make), r.tyres.size.trim(), r.tyres.wearPercent === null ? '' : `износ ${r.tyres.wearPercent} %`]
          .filter(Boolean)
          .join(', '),
      ],
      ['Диски', r.tyres.rims ? (RIMS[r.tyres.rims] ?? DASH) : DASH],
      ['Колёса, замечания', text(r.tyres.notes)],
    ]),

    sectionTitle('6. Повреждения'),
    damageSection(d),

    sectionTitle(`7. Фотографии (${d.photos.length})`),
    thumbnails(d.photos),
    d.photos.length
      ? { text: 'Фотографии в полном размере — в приложении к акту.', style: 'small', margin: [0, mm(1), 0, 0] }
      : '',

    {
      // The conclusion and both signatures stay on one page: a signature must be under what it signs.
      unbreakable: true,
      stack: [
        sectionTitle('8. Заключение'),
        {
          text: conclusionText(d),
          bold: true,
        },
        r.conclusion.remarks.trim() ? { text: r.conclusion.remarks.trim(), margin: [0, mm(1), 0, 0] } : '',
        {
          margin: [0, mm(6), 0, 0],
          columns: [
            signatureBlock('Осмотр провёл', d.signatures.inspector, inspection.inspector.name),
            signatureBlock('С актом ознакомлен, экземпляр получил', d.signatures.client, r.client.name),
          ],
          columnGap: mm(10),
        },
      ],
    },
    d.photos.length
      ? { text: 'Приложение. Фотографии', style: 'title', pageBreak: 'before', margin: [0, 0, 0, mm(2)] }
      : '',
    fullPhotos(d.photos),
  ]

  const day = formatInspectedAt(r.inspectedAt).slice(0, 10)
  return a4Document({
    title: `Акт осмотра ТС № ${inspection.number}`,
    content,
    footerText: `Акт осмотра ТС № ${inspection.number} от ${day}`,
    ...(inspection.status === 'draft' || inspection.status === 'returned' ? { watermark: 'ЧЕРНОВИК' } : {}),
  })
}

export function inspectionReportFileName(d: InspectionPrintData): string {
  const v = d.inspection.report.vehicle
  return (
    safeFileName(
      `Акт осмотра ${d.inspection.number.replace(/\//g, '-')} ${[v.make, v.model, v.plate].filter((s) => s.trim()).join(' ')}`,
    ) + '.pdf'
  )
}
