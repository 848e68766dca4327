import { formatRubles } from '../../../shared/money/format'
import { formatDateRu } from '../../../shared/print/format'
import { a4Document, labelled, sectionTitle, signatureLine } from '../../print/a4'
import { mm, type Content, type DocDefinition } from '../../print/docDefinition'
import { fullName, safeFileName, surnameInitials } from '../../print/osago/policyText'
import type { CascoPrintData } from './cascoPrintData'
import { contractTitle, ru, scheduleTable } from './cascoText'

/**
 * The payment schedule on its own page, for the client to keep with the receipt: the amounts exactly as the
 * schedule module split them (they add up to the total and differ by at most a kopeck), with their due dates.
 */
export function buildCascoSchedule(d: CascoPrintData): DocDefinition {
  const number = contractTitle(d)
  const content: Content = [
    { text: 'ГРАФИК ПЛАТЕЖЕЙ', style: 'title' },
    {
      text: `по договору страхования транспортного средства (КАСКО) ${number}`,
      style: 'subtitle',
      margin: [0, 0, 0, mm(3)],
    },
    labelled([
      ['Страхователь', fullName(d.application.insured)],
      ['Транспортное средство', `${d.vehicleName}, ${d.application.vehicle.plate ?? d.application.vehicle.vin ?? ''}`],
      ['Страховая премия за срок страхования', formatRubles(d.option.premiumKopecks)],
      ['Порядок оплаты', ru(`casco.plans.${d.schedule.plan}`)],
      ['Итого к оплате', formatRubles(d.schedule.totalKopecks)],
    ]),
    sectionTitle('Взносы'),
    scheduleTable(d),
    {
      text: `Очередной взнос уплачивается не позднее указанной даты. При неуплате очередного взноса в срок договор прекращается в порядке, установленном правилами страхования.`,
      style: 'small',
      margin: [0, mm(3), 0, 0],
    },
    d.paidOn ? { text: `Дата заключения договора: ${formatDateRu(d.concludedOn)}.`, margin: [0, mm(2), 0, 0] } : '',
    signatureLine('Страховщик (представитель)', d.representativeName),
    signatureLine('Страхователь', surnameInitials(d.application.insured)),
  ]
  return a4Document({
    title: `График платежей ${number}`,
    content,
    footerText: `График платежей к договору КАСКО ${number}`,
    ...(d.contractNumber ? {} : { watermark: 'ПРОЕКТ' }),
  })
}

export function cascoScheduleFileName(d: CascoPrintData): string {
  return safeFileName(`График платежей КАСКО ${d.contractNumber ?? 'проект'}`) + '.pdf'
}
