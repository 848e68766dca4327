import type { ErasureAct } from '../../../shared/client/erasure'
import { formatDateRu } from '../../../shared/print/format'
import { a4Document, grid, labelled, sectionTitle, signatureLine } from '../../print/a4'
import { mm, type Content, type DocDefinition } from '../../print/docDefinition'

/** What the act prints besides the act itself: the operator and the branch (the place of processing). */
export interface ErasureActData {
  act: ErasureAct
  operatorName: string
  operatorAddress: string
  branchName: string
  /** Day and time of the erasure in the branch's zone, as printed. */
  erasedOn: string
  erasedAtTime: string
}

const RECORD_NAMES: Record<string, string> = {
  osago_policy: 'Полис ОСАГО',
  casco_quote: 'Договор КАСКО',
  inspection: 'Акт осмотра',
  termination_application: 'Заявление о расторжении',
}
const KIND_NAMES = { person: 'физическое лицо', organisation: 'организация' } as const

/**
 * Акт об уничтожении персональных данных (docs/domain/personal-data.md#erasure): the operator, who erased, when,
 * on what ground and how, the categories of data destroyed and the system they were kept in, and the subjects —
 * named by their card's number and their records' numbers, since their names are what was destroyed. Printed
 * from the event log entry the erasure wrote (the act and the log export the order asks for in one paper).
 */
export function buildErasureAct(d: ErasureActData): DocDefinition {
  const a = d.act
  const title = `Акт об уничтожении персональных данных № ${a.number}`
  const subjects: string[][] = a.cards.map((c, i) => [
    String(i + 1),
    `Карточка клиента ${c.clientId}\n${KIND_NAMES[c.kind]}`,
    c.records.length
      ? c.records
          .map(
            (r) =>
              `${RECORD_NAMES[r.entity] ?? r.entity} ${r.number ?? 'без номера'}${r.date ? ` от ${formatDateRu(r.date)}` : ''}`,
          )
          .join('\n')
      : '—',
    formatDateRu(c.lastActivityOn),
    String(c.versions),
  ])
  const content: Content = [
    { text: title, style: 'title' },
    { text: `${d.erasedOn}, ${d.branchName}`, style: 'subtitle', margin: [0, mm(1), 0, mm(3)] },
    labelled([
      ['Оператор персональных данных', `${d.operatorName}, ${d.operatorAddress}`],
      ['Подразделение', d.branchName],
      ['Информационная система', 'Branch Desk (база данных подразделения и её копия в центральном офисе)'],
      ['Дата и время уничтожения', `${d.erasedOn} ${d.erasedAtTime}`],
      ['Уничтожение выполнил', a.erasedBy ?? '—'],
      ['Основание', a.ground],
      ['Способ уничтожения', a.method],
      [
        'Срок хранения',
        `${a.retentionYears} ${yearsWord(a.retentionYears)} после окончания последнего договора (правила обработки персональных данных, версия ${a.rulesVersion})`,
      ],
    ]),
    sectionTitle('Категории уничтоженных персональных данных'),
    { ul: a.categories, margin: [mm(2), 0, 0, 0] },
    sectionTitle(`Субъекты персональных данных (${a.cards.length})`),
    {
      text: 'Фамилии, имена и другие сведения о субъектах уничтожены; субъекты указаны номерами карточек и документов учёта, которые хранятся для бухгалтерского учёта.',
      style: 'small',
      margin: [0, 0, 0, mm(1)],
    },
    grid(['№', 'Карточка', 'Документы', 'Окончание последнего', 'Версий'], subjects, [
      mm(8),
      mm(62),
      '*',
      mm(24),
      mm(14),
    ]),
    signatureLine('Уничтожение выполнил', a.erasedBy),
    signatureLine('Ответственный за обработку персональных данных', null),
  ]
  return a4Document({ title, content, footerText: `${title} · ${d.erasedOn}` })
}

/** «1 год», «2 года», «5 лет». */
function yearsWord(n: number): string {
  const d = n % 10
  const dd = n % 100
  if (d === 1 && dd !== 11) return 'год'
  if (d >= 2 && d <= 4 && (dd < 12 || dd > 14)) return 'года'
  return 'лет'
}

export function erasureActFileName(d: ErasureActData): string {
  return `Акт уничтожения ПДн ${d.act.number}.pdf`
}
