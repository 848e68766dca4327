import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { formatBytes } from '../features/sync/syncFormat'
import { dateText, localDateTimeText, moneyText, momentDateText, momentText, numberText, timeText } from './format'

/**
 * The renderer's one formatter (issue 14): ДД.ММ.ГГГГ and a 24-hour ЧЧ:ММ in both languages, with no comma between
 * date and time; moments on the branch's clock; money «1 234,56 ₽».
 */
const INSTANT = '2026-12-05T11:44:09Z'

describe('the one formatter', () => {
  it('writes a calendar date and a typed date-time as ДД.ММ.ГГГГ (ЧЧ:ММ)', () => {
    expect(dateText('2026-12-05')).toBe('05.12.2026')
    expect(dateText(null)).toBe('—')
    expect(localDateTimeText('2026-11-21T09:05')).toBe('21.11.2026 09:05')
  })

  it('writes a moment on the branch clock, 24 h, without a comma', () => {
    expect(momentText(INSTANT, 'Europe/Moscow')).toBe('05.12.2026 14:44')
    expect(momentText(new Date(INSTANT), 'Asia/Vladivostok')).toBe('05.12.2026 21:44')
    expect(momentText('2026-12-05T21:30:00Z', 'Asia/Vladivostok')).toBe('06.12.2026 07:30')
    expect(momentDateText('2026-12-05T21:30:00Z', 'Europe/Moscow')).toBe('06.12.2026')
    expect(timeText(INSTANT, 'Europe/Moscow')).toBe('14:44')
    expect(timeText(INSTANT, 'Europe/Moscow', true)).toBe('14:44:09')
    // Midnight is 00, never 24 (hourCycle h23).
    expect(timeText('2026-12-05T21:00:00Z', 'Europe/Moscow')).toBe('00:00')
    expect(momentText('not a moment', 'Europe/Moscow')).toBe('')
    expect(momentText(null, 'Europe/Moscow')).toBe('')
  })

  it('writes money with kopecks and numbers in the language of the screen', () => {
    expect(moneyText(123_456, 'ru')).toBe('1\u00a0234,56\u00a0₽')
    expect(moneyText(null, 'ru')).toBe('—')
    expect(numberText(1.97, 'ru', 20, false)).toBe('1,97')
    expect(numberText(1.97, 'en', 20, false)).toBe('1.97')
    expect(formatBytes(1536, 'ru')).toBe('1,5 КБ')
  })
})

/** renderer/src files (sources, not tests) that format a date, time or number without the formatter. */
function bypasses(): string[] {
  const root = join(import.meta.dirname, '..')
  const files = (readdirSync(root, { recursive: true }) as string[]).filter(
    (f) => /\.(ts|vue)$/.test(f) && !/\.test\.ts$/.test(f) && !f.endsWith('.d.ts'),
  )
  const allowed = new Set(['composables/format.ts'])
  // toLocaleDateString/toLocaleString/toLocaleTimeString, toFixed, an Intl date or number formatter, and vue-i18n's
  // d()/$d() (from useI18n, or in a template). Intl.DateTimeFormat().resolvedOptions() only reads the zone.
  const patterns: [RegExp, string][] = [
    [/\.toLocale(Date|Time)?String\(/, 'toLocale*String'],
    [/\.toFixed\(/, 'toFixed'],
    [/Intl\.(NumberFormat|DateTimeFormat)\((?![^)]*\)\s*\.resolvedOptions\(\))/, 'Intl formatter'],
    [/(^|[^\w.$])\$?d\(/m, "vue-i18n's d()"],
    [/const\s*\{[^}]*\bd\b[^}]*\}\s*=\s*useI18n\(\)/, "vue-i18n's d from useI18n"],
  ]
  const found: string[] = []
  expect(files.length).toBeGreaterThan(100)
  for (const f of files) {
    if (allowed.has(f.replaceAll('\\', '/'))) continue
    const text = readFileSync(join(root, f), 'utf8')
    for (const [re, what] of patterns) if (re.test(text)) found.push(`${f}: ${what}`)
  }
  return found
}

describe('every date, time and number on screen goes through the formatter', () => {
  it('finds no toLocale*, toFixed, Intl formatter or d() in renderer/src outside composables/format.ts', () => {
    expect(bypasses()).toEqual([])
  })
})
