import { describe, expect, it } from 'vitest'
import { cashReport, type CashReportLine } from '../payments/cashReport'
import { toCsv } from './export/csv'
import { cashReportDocument } from './cashReportTable'

const TZ = 'Europe/Moscow'
const line = (over: Partial<CashReportLine>): CashReportLine => ({
  direction: 'in',
  purpose: 'osago_premium',
  method: 'cash',
  amountKopecks: 1_000_00,
  clerkId: 'c1',
  clerkName: 'Иванова И. И.',
  reversesId: null,
  ...over,
})

const day = '2026-12-06'
const msk = cashReport(day, 5_000_00, [
  line({}),
  line({ method: 'card', amountKopecks: 2_500_50 }),
  line({
    clerkId: 'c2',
    clerkName: 'Петров П. П.',
    direction: 'out',
    purpose: 'termination_refund',
    amountKopecks: 300_00,
  }),
])

describe('cash report as a report', () => {
  it('one branch: the till from opening to closing, methods, clerks and purposes', () => {
    const r = cashReportDocument(
      day,
      [{ branch: 'MSK-01', report: msk, closed: { at: '2026-12-06T16:00:00.000Z', by: 'Иванова И. И.' } }],
      {
        at: '2026-12-06T16:05:00.000Z',
        timeZone: TZ,
        scope: 'MSK-01',
      },
    )
    expect(r.title).toBe('Кассовый отчёт за 06.12.2026')
    expect(r.lines).toEqual([
      'День: 06.12.2026',
      'Филиал: MSK-01',
      'День закрыт: 06.12.2026 19:00, Иванова И. И.',
      'Сформирован: 06.12.2026 19:05',
    ])
    const [till, methods, clerks, purposes] = r.tables
    expect(till!.rows.map((x) => x.amount)).toEqual([5_000_00, 1_000_00, 300_00])
    expect(till!.totals).toEqual({ item: 'Остаток на конец дня', amount: 5_700_00 })
    expect(methods!.totals).toEqual({ item: 'Итого', in: 3_500_50, out: 300_00 })
    expect(clerks!.rows.map((x) => [x.clerk, x.in_cash, x.in_card, x.out_cash, x.cashNet])).toEqual([
      ['Иванова И. И.', 1_000_00, 2_500_50, 0, 1_000_00],
      ['Петров П. П.', 0, 0, 300_00, -300_00],
    ])
    expect(purposes!.rows).toEqual([
      { item: 'Премия ОСАГО', in: 3_500_50, out: 0 },
      { item: 'Возврат при расторжении', in: 0, out: 300_00 },
    ])
    expect(toCsv(r)).toContain('Остаток на конец дня;5700,00')
  })

  it('several branches: a line per branch with its state, clerks named with their branch, totals over all', () => {
    const spb = cashReport(day, 0, [line({ clerkId: 'c9', clerkName: 'Смирнова С. С.', amountKopecks: 50_00 })])
    const r = cashReportDocument(
      day,
      [
        { branch: 'MSK-01', report: msk, closed: null },
        { branch: 'SPB-01', report: spb, closed: { at: '2026-12-06T15:00:00.000Z', by: 'x' } },
      ],
      { at: '2026-12-06T16:05:00.000Z', timeZone: TZ, scope: 'все филиалы', fileScope: 'all', byBranch: true },
    )
    expect(r.fileStem).toBe('cash-report-all-2026-12-06')
    const [byBranch, clerks] = r.tables
    expect(byBranch!.rows.map((x) => [x.branch, x.opening, x.closing, x.state])).toEqual([
      ['MSK-01', 5_000_00, 5_700_00, 'не закрыт'],
      ['SPB-01', 0, 50_00, 'закрыт 06.12.2026 18:00'],
    ])
    expect(byBranch!.totals).toMatchObject({ branch: 'Итого', opening: 5_000_00, closing: 5_750_00, inTotal: 3_550_50 })
    expect(clerks!.rows.map((x) => x.branch)).toEqual(['MSK-01', 'MSK-01', 'SPB-01'])
  })
})
