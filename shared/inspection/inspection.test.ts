import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MESSAGES } from '../i18n/messages'
import { inspectionChecklistFileSchema, type InspectionChecklistData } from './checklist'
import { checkCompleteness, requiredShots } from './completeness'
import { DIAGRAM_VIEWS, VIEW_BOXES, diagramSvg, markerPosition, pointAt } from './diagram'
import type { DamageRow, InspectionPhoto } from './inspection'
import { compareVins, inspectionReportDraftSchema, localDateTimeIn } from './report'
import { completeReport, excludingDamages } from './testing/completeReport'

const file = inspectionChecklistFileSchema.parse(
  JSON.parse(readFileSync(join(import.meta.dirname, '../../resources/rules/inspection-checklist.json'), 'utf8')),
)
const checklist: InspectionChecklistData = file.data

const photo = (shot: string, damageId: string | null = null): InspectionPhoto => ({
  id: `p-${shot}-${damageId ?? ''}`,
  rowVersion: 1,
  sha256: 'a'.repeat(64),
  shot,
  damageId,
  capturedAt: '',
  source: 'file',
  device: '',
  fileName: '',
  width: 1,
  height: 1,
  bytes: 1,
  format: 'jpeg',
  gps: null,
  createdAt: '',
})
const row = (id: string, number: number, over: Partial<DamageRow> = {}): DamageRow => ({
  id,
  rowVersion: 1,
  number,
  view: 'left',
  x: 0.5,
  y: 0.5,
  zoneCode: 'sides',
  partCode: 'sill-left',
  typeCode: 'corrosion',
  sizeCm: 4,
  severity: 'minor',
  note: '',
  ...over,
})
const always = checklist.shots.filter((s) => s.requirement.value === 'always').map((s) => s.code)
const signed = [photo('signature-inspector'), photo('signature-client')]

describe('the bundled checklist (docs/domain/casco.md#c3, #c4)', () => {
  it('requires the standard set and keeps the optional and conditional shots apart', () => {
    expect(always).toEqual([
      'corner-front-left',
      'corner-front-right',
      'corner-rear-left',
      'corner-rear-right',
      'front',
      'rear',
      'left-side',
      'right-side',
      'vin-body',
      'vin-plate',
      'odometer',
      'dashboard',
      'rear-interior',
      'wheels',
      'keys',
      'sts-front',
      'sts-back',
      'pts',
      'owner-document',
    ])
    const r = completeReport()
    expect(requiredShots(checklist, r).map((s) => s.code)).toEqual(always)
    r.glass.marked = true
    r.antiTheft.tracking.present = true
    r.equipment.extra.push({ name: 'Фаркоп', valueKopecks: 1_500_000 })
    expect(requiredShots(checklist, r).map((s) => s.code)).toEqual(
      expect.arrayContaining([
        'glass-mark-windscreen',
        'glass-mark-side',
        'glass-mark-rear',
        'tracking-label',
        'extra-equipment',
      ]),
    )
    expect(requiredShots(checklist, r).map((s) => s.code)).not.toContain('roof')
  })

  it('places every part on at least one diagram view and refuses duplicate or reserved codes', () => {
    for (const zone of checklist.damage.zones)
      for (const part of zone.parts) expect(part.views.length, part.code).toBeGreaterThan(0)
    const raw = JSON.parse(
      readFileSync(join(import.meta.dirname, '../../resources/rules/inspection-checklist.json'), 'utf8'),
    )
    raw.data.shots.push({ ...raw.data.shots[0], code: 'damage' })
    raw.data.damage.types.push(raw.data.damage.types[0])
    const r = inspectionChecklistFileSchema.safeParse(raw)
    expect(r.success).toBe(false)
    expect(r.error!.issues.map((i) => i.message)).toEqual(
      expect.arrayContaining(['shot code damage is reserved', 'duplicate damage type scratch-paint']),
    )
  })
})

describe('checkCompleteness', () => {
  it('is complete with every required shot, a photo per damage row, both signatures and a valid report', () => {
    const photos = [...always.map((s) => photo(s)), photo('damage', 'd1'), ...signed]
    expect(checkCompleteness({ report: completeReport(), damages: [row('d1', 1)], photos }, checklist).missing).toEqual(
      [],
    )
  })

  it('lists each missing shot, damage photo, damage field, signature and the count of bad fields', () => {
    const report = completeReport()
    report.vehicle.colour = ''
    const photos = [
      ...always.filter((s) => s !== 'keys').map((s) => photo(s)),
      photo('signature-client'),
      photo('damage', 'other'),
    ]
    const { missing, fieldErrors } = checkCompleteness(
      { report, damages: [row('d1', 1, { severity: '', sizeCm: null })], photos },
      checklist,
    )
    expect(missing).toEqual([
      { kind: 'fields', count: 1, paths: ['vehicle.colour'] },
      { kind: 'shot', code: 'keys' },
      { kind: 'damage-field', damageId: 'd1', number: 1, field: 'size' },
      { kind: 'damage-field', damageId: 'd1', number: 1, field: 'severity' },
      { kind: 'damage-photo', damageId: 'd1', number: 1, have: 0, need: 1 },
      { kind: 'signature', who: 'inspector' },
    ])
    expect(fieldErrors).toEqual({ 'vehicle.colour': 'validation.required' })
  })

  it('refuses «accepted with exclusions» with no damage marked, at the conclusion, and accepts it once one is', () => {
    const photos = [...always.map((s) => photo(s)), photo('damage', 'd1'), ...signed]
    const report = excludingDamages(completeReport(), 1)
    const bare = checkCompleteness({ report, damages: [], photos }, checklist)
    expect(bare.missing).toEqual([{ kind: 'fields', count: 1, paths: ['conclusion.outcome'] }])
    expect(bare.fieldErrors).toEqual({ 'conclusion.outcome': 'inspection.validation.exclusionsWithoutDamage' })
    expect(checkCompleteness({ report, damages: [row('d1', 1)], photos }, checklist).missing).toEqual([])
    // Accepted as it is, or refused, needs no damage on the diagram.
    for (const outcome of ['accepted', 'not-accepted'] as const) {
      const other = { ...report, conclusion: { outcome, remarks: 'Кузов в порядке' } }
      expect(
        checkCompleteness(
          { report: other, damages: [], photos: [...always.map((s) => photo(s)), ...signed] },
          checklist,
        ).missing,
      ).toEqual([])
    }
    for (const locale of ['ru', 'en'] as const) {
      expect(MESSAGES[locale].inspection.validation.exclusionsWithoutDamage).toMatch(/\S/)
    }
  })

  it('never counts a damage photo of one row for another (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 12 }), (links) => {
        const damages = [1, 2, 3].map((n) => row(`d${n}`, n))
        const photos = [
          ...always.map((s) => photo(s)),
          ...signed,
          ...links.map((n, i) => ({ ...photo('damage', `d${n}`), id: `x${i}` })),
        ]
        const { missing } = checkCompleteness({ report: completeReport(), damages, photos }, checklist)
        const lacking = missing
          .filter((m) => m.kind === 'damage-photo')
          .map((m) => (m as { damageId: string }).damageId)
        expect(lacking).toEqual(damages.filter((d) => !links.includes(Number(d.id.slice(1)))).map((d) => d.id))
      }),
    )
  })
})

describe('report', () => {
  it('compares the VINs read on the car with the documents, folding Cyrillic twins and spaces', () => {
    expect(
      compareVins({ vinDocument: 'Z94C251ABMR123456', vinBody: 'z94c 251abmr123456', vinPlate: 'Z94С251АВМR123456' }),
    ).toEqual({ body: true, plate: true, mismatch: false })
    expect(compareVins({ vinDocument: 'Z94C251ABMR123456', vinBody: 'Z94C251ABMR123457', vinPlate: '' })).toEqual({
      body: false,
      plate: null,
      mismatch: true,
    })
    expect(compareVins({ vinDocument: '', vinBody: 'Z94C251ABMR123457', vinPlate: '' })).toEqual({
      body: null,
      plate: null,
      mismatch: false,
    })
  })

  it('autosaves a half-typed report but not an oversized or mistyped one', () => {
    const half = completeReport()
    half.vehicle.vinBody = 'Z94'
    half.vehicle.odometerKm = null
    expect(inspectionReportDraftSchema.safeParse(half).success).toBe(true)
    expect(inspectionReportDraftSchema.safeParse({ ...half, place: 'x'.repeat(301) }).success).toBe(false)
    expect(inspectionReportDraftSchema.safeParse({ ...half, method: 'remote' }).success).toBe(false)
    expect(inspectionReportDraftSchema.safeParse({ ...half, extra: 1 }).success).toBe(false)
  })

  it('gives the local date and time in the branch time zone', () => {
    expect(localDateTimeIn('Europe/Moscow', new Date('2026-11-21T21:30:00Z'))).toBe('2026-11-22T00:30')
  })
})

describe('car diagram', () => {
  it('maps a click back to the same view and point (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...DIAGRAM_VIEWS),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (view, x, y) => {
          const { cx, cy } = markerPosition({ view, x, y })
          const back = pointAt(cx, cy)
          expect(back?.view).toBe(view)
          expect(Math.abs(back!.x - x)).toBeLessThan(1e-3)
          expect(Math.abs(back!.y - y)).toBeLessThan(1e-3)
        },
      ),
    )
    expect(pointAt(5, 5)).toBeNull()
  })

  it('keeps the view boxes apart and draws numbered markers', () => {
    const boxes = Object.values(VIEW_BOXES)
    for (const a of boxes)
      for (const b of boxes) {
        if (a === b) continue
        const apart = a.x + a.w < b.x || b.x + b.w < a.x || a.y + a.h < b.y || b.y + b.h < a.y
        expect(apart).toBe(true)
      }
    const svg = diagramSvg([{ view: 'front', x: 0.5, y: 0.5, number: 7 }], {
      top: 'Сверху',
      front: 'Спереди & <в>',
      rear: 'Сзади',
      left: 'Л',
      right: 'П',
    })
    expect(svg).toContain('>7</text>')
    expect(svg).toContain('Спереди &#38; &#60;в&#62;')
  })
})

function leaves(tree: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k
    if (typeof v === 'string') out.set(key, v)
    else for (const [kk, vv] of leaves(v as object, key)) out.set(kk, vv)
  }
  return out
}

// Russian/English parity of every message: shared/i18n/messages.test.ts.
describe('inspection messages', () => {
  const ruKeys = leaves(MESSAGES.ru)

  it('cover every inspection and photo key written in the core, the shared rules, the printed report and the form', () => {
    const roots = [
      'core/inspection',
      'core/photos',
      'shared/inspection',
      'core/inspection/print',
      'renderer/src/features/inspection',
    ]
    const used = new Set<string>()
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name)
        if (e.isDirectory()) walk(p)
        else if (/\.(ts|vue)$/.test(e.name) && !e.name.endsWith('.test.ts')) {
          for (const m of readFileSync(p, 'utf8').matchAll(
            /['`]((?:inspection|photos)\.[a-zA-Z][\w-]*\.[\w.-]*[a-zA-Z])['`]/g,
          ))
            used.add(m[1]!)
        }
      }
    }
    const repo = join(import.meta.dirname, '..', '..')
    for (const r of roots) walk(join(repo, r))
    expect(used.size).toBeGreaterThan(150)
    expect([...used].filter((k) => !ruKeys.has(k))).toEqual([])
  })
})
