import { multiply } from '../money/exact'
import { formatRubles } from '../money/format'
import { formatDateRu } from '../print/format'
import { unexpiredFrom, type RefundCalculation } from './applicationRefund'
import { decimalOf } from './refund'

/** One line of a refund's written-out formula: an i18n key under `termination.formula` and its values. */
export interface FormulaLine {
  key: string
  params: Record<string, string | number>
}

type Locale = 'ru' | 'en'

/**
 * The exact amount before rounding, three digits past the kopeck, "…" when it goes on: the client sees what was
 * rounded (5 801,36986… ₽ → 5 801,37 ₽).
 */
export function formatExactRubles(exact: { num: string; den: string }, locale: Locale): string {
  const num = BigInt(exact.num)
  const den = BigInt(exact.den)
  const milli = (num * 1000n) / den
  const more = (num * 1000n) % den !== 0n
  const kopecks = Number(milli / 1000n)
  let tail = String(milli % 1000n).padStart(3, '0')
  if (!more) tail = tail.replace(/0+$/, '')
  const money = formatRubles(kopecks, locale)
  const sep = locale === 'ru' ? '\u00a0₽' : ''
  const body = locale === 'ru' ? money.slice(0, -sep.length) : money
  return `${body}${tail}${more ? '…' : ''}${sep}`
}

/** A share per day as percent ("0.01" → "1"), exactly: the share is a decimal string. */
export function decimalPercent(value: string): string {
  return decimalOf(multiply(value, 100))
}

function share(value: string, locale: Locale): string {
  return locale === 'ru' ? value.replace('.', ',') : value
}

function periodsText(c: RefundCalculation): string {
  return (c.periodsOfUse ?? []).map((p) => `${formatDateRu(p.from)}–${formatDateRu(p.to)}`).join('; ')
}

/**
 * The formula of a stored calculation written out with every number, in the order a clerk explains it: the rule,
 * the dates and day counts, the values put in, the rounding, the deadline, the approval and the rules version.
 * The screen and the printed calculation sheet render the same lines.
 */
export function refundFormulaLines(c: RefundCalculation, locale: Locale): FormulaLine[] {
  const money = (k: number) => formatRubles(k, locale)
  const day = (d: string) => formatDateRu(d)
  const lines: FormulaLine[] = []
  const add = (key: string, params: Record<string, string | number> = {}) =>
    lines.push({ key: `termination.formula.${key}`, params })

  if (c.outcome === 'reissue') {
    add('reissue')
    add('rulesVersion', { version: c.rulesVersion })
    return lines
  }

  const posted = c.postmarkDate ?? null
  if (posted) add('posted', { postmark: day(posted), received: day(c.applicationDate) })
  if (c.kind === 'cooling-off' && c.coolingOffLastDay && c.coolingOffWindowEnd) {
    add(c.coolingOffLastDay === c.coolingOffWindowEnd ? 'coolingOff.window' : 'coolingOff.windowMoved', {
      conclusion: day(c.conclusionDate),
      lastDay: day(c.coolingOffLastDay),
      windowEnd: day(c.coolingOffWindowEnd),
    })
  }
  if (c.terminationDate) {
    const rule =
      c.terminationDateRule === 'event-date'
        ? 'event'
        : c.terminationDateRule === 'requested-date'
          ? 'requested'
          : posted
            ? 'posted'
            : 'application'
    add(`terminationDate.${rule}`, { date: day(c.terminationDate) })
  }
  if (c.limitationEnd && c.terminationDate) {
    add(c.eligible ? 'afterTerm' : 'limitationEnded', { date: day(c.terminationDate), end: day(c.limitationEnd) })
  }
  if (!c.eligible) {
    add('nothingDue')
    add('rulesVersion', { version: c.rulesVersion })
    return lines
  }
  if (c.outcome === 'terminated-no-refund') {
    const which =
      c.kind === 'casco-refusal'
        ? 'casco-refusal'
        : c.ground === 'insurer-false-information'
          ? 'insurer-false-information'
          : 'general'
    lines.push({ key: `termination.noRefund.${which}`, params: {} })
    add('noRefund')
    add('rulesVersion', { version: c.rulesVersion })
    return lines
  }

  const exact = c.exactKopecks ? formatExactRubles(c.exactKopecks, locale) : money(c.refundKopecks)
  const term = () => add('term', { from: day(c.contractStart), to: day(c.contractEnd), days: c.daysPaid ?? 0 })
  switch (c.formula) {
    case 'osago':
    case 'osago-periods':
      add('osago.general')
      if (c.formula === 'osago-periods') add('periods', { list: periodsText(c), days: c.daysPaid ?? 0 })
      else term()
      add(c.formula === 'osago-periods' ? 'unexpiredInPeriods' : 'unexpired', {
        from: day(unexpiredFrom(c)!),
        to: day(c.contractEnd),
        days: c.unexpiredDays ?? 0,
      })
      add('osago.values', {
        premium: money(c.premiumKopecks),
        share: share(c.share!, locale),
        unexpired: c.unexpiredDays ?? 0,
        paid: c.daysPaid ?? 0,
        exact,
      })
      break
    case 'casco-sale':
    case 'casco-loss':
    case 'casco-refusal': {
      const name = c.formula === 'casco-sale' ? 'cascoSale' : c.formula === 'casco-loss' ? 'cascoLoss' : 'cascoRefusal'
      add(`${name}.general`)
      term()
      add('unexpired', { from: day(unexpiredFrom(c)!), to: day(c.contractEnd), days: c.unexpiredDays ?? 0 })
      add(`${name}.values`, {
        premium: money(c.premiumKopecks),
        share: share(c.share!, locale),
        unexpired: c.unexpiredDays ?? 0,
        paid: c.daysPaid ?? 0,
        exact,
      })
      break
    }
    case 'cooling-off-before-cover':
      add('coolingOff.beforeCover', { start: day(c.contractStart), premium: money(c.premiumKopecks) })
      break
    case 'cooling-off':
      add('coolingOff.general')
      term()
      add('inForce', { from: day(c.contractStart), to: day(c.terminationDate!), days: c.daysInForce ?? 0 })
      add('coolingOff.values', {
        premium: money(c.premiumKopecks),
        inForce: c.daysInForce ?? 0,
        paid: c.daysPaid ?? 0,
        exact,
      })
      break
    default:
      break
  }
  add('rounded', { refund: money(c.refundKopecks) })
  if (c.payoutDeadline && c.payoutDueDate) {
    const from = c.payoutCountedFrom ?? c.applicationDate
    if (from !== c.applicationDate) add('payoutFromPostmark', { date: day(from) })
    const unit =
      c.payoutDeadline.unit === 'working-days'
        ? 'payoutDue.working'
        : c.payoutDeadline.lastDayNonWorking === 'next-working-day'
          ? 'payoutDue.calendarMoved'
          : 'payoutDue.calendar'
    add(unit, { count: c.payoutDeadline.count, received: day(from), date: day(c.payoutDueDate) })
  }
  if (c.latePayout) {
    const rate = c.latePayout.ratePerDay ? share(decimalPercent(c.latePayout.ratePerDay), locale) : ''
    add(`latePayout.${c.latePayout.consequence}`, { rate })
  }
  if (c.needsApproval) add('approval', { threshold: money(c.approvalThresholdKopecks) })
  add('rulesVersion', { version: c.rulesVersion })
  return lines
}
