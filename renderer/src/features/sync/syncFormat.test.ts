import { describe, expect, it } from 'vitest'
import type { InspectionPhoto } from '@shared/inspection/inspection'
import { capturedText } from '../inspection/photoLabels'
import { formatMoment } from './syncFormat'

/**
 * A moment is shown on the branch's clock, whatever zone this computer is set to: the same instant reads as the next
 * morning in Vladivostok and shortly after midnight in Moscow.
 */
const INSTANT = '2026-12-05T21:30:00Z'

describe('moments on the branch clock', () => {
  it('formats a timestamp in the branch time zone', () => {
    expect(formatMoment(INSTANT, 'ru', 'Asia/Vladivostok')).toBe('06.12.2026 07:30')
    // English reads the same ДД.ММ.ГГГГ and 24 h clock (issue 14), with no comma.
    expect(formatMoment(INSTANT, 'en', 'Europe/Moscow')).toBe('06.12.2026 00:30')
    expect(formatMoment(null, 'ru', 'Europe/Moscow')).toBe('')
    expect(formatMoment('not a date', 'ru', 'Europe/Moscow')).toBe('')
  })

  it('shows when a photo was taken in the branch time zone', () => {
    const photo = { capturedAt: INSTANT } as InspectionPhoto
    expect(capturedText(photo, 'ru', 'Asia/Vladivostok')).toBe('06.12.2026 07:30')
    expect(capturedText(photo, 'en', 'Europe/Kaliningrad')).toBe('05.12.2026 23:30')
  })
})
