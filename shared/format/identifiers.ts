import { normalisePhone } from '../validation/phone'
import { normalisePlate, plateKind } from '../validation/plate'

/**
 * Phones and plates as people read them, on screens (lists, cards) and on paper, the way the form's masks show them
 * while typing (renderer/src/features/party/masks.ts; its test checks both agree). The records keep the compact
 * forms the schemas expect (+7XXXXXXXXXX, А123ВС777); a value that is not a known shape is shown as stored.
 */
export function formatPhone(stored: string | null | undefined): string {
  if (!stored) return ''
  const p = normalisePhone(stored)
  const m = /^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(p)
  return m ? `+7 (${m[1]}) ${m[2]}-${m[3]}-${m[4]}` : stored
}

/** Type 1 «А 123 ВС 777», taxi «АВ 123 77»; any other plate (a foreign one typed as free text) as stored. */
export function formatPlate(stored: string | null | undefined): string {
  if (!stored) return ''
  const p = normalisePlate(stored)
  switch (plateKind(p)) {
    case 'type1':
      return `${p.slice(0, 1)} ${p.slice(1, 4)} ${p.slice(4, 6)} ${p.slice(6)}`
    case 'taxi':
      return `${p.slice(0, 2)} ${p.slice(2, 5)} ${p.slice(5)}`
    default:
      return stored
  }
}
