import { z } from 'zod'
import { referenceFile, verifiedValue, versionInForce } from '../reference/envelope'
import { DIAGRAM_VIEWS } from './diagram'

/**
 * The inspection checklist (kind `inspection-checklist`, `resources/rules/inspection-checklist.json`): the
 * required photo set (docs/domain/casco.md#c3), how many photos a damage row needs, and the damage catalogue (#c4:
 * zones and parts, damage types, severities). All of it is typical market practice, not the insurer's confirmed rules,
 * so it is data HQ can replace; names live in the file because HQ may add a shot or a part with an update.
 */
export const INSPECTION_CHECKLIST_KIND = 'inspection-checklist'

const code = z.string().regex(/^[a-z][a-z0-9-]*$/, { message: 'must be a kebab-case code' })
const name = z.object({ ru: z.string().min(1), en: z.string().min(1) }).strict()

/**
 * When a shot is required. Conditions name facts of the report itself: glass-marking shots exist only when the
 * glass is marked, a tracking-system label only when one is fitted.
 */
export const SHOT_REQUIREMENTS = [
  'always',
  'optional',
  'if-glass-marked',
  'if-tracking-system',
  'if-extra-equipment',
] as const
export type ShotRequirement = (typeof SHOT_REQUIREMENTS)[number]

export const SHOT_GROUPS = [
  'exterior',
  'identification',
  'interior',
  'glass',
  'wheels-keys',
  'documents',
  'extra',
] as const
export type ShotGroup = (typeof SHOT_GROUPS)[number]

/** Shot codes the core uses itself; a checklist may not reuse them. */
export const RESERVED_SHOTS = ['damage', 'extra', 'signature-inspector', 'signature-client'] as const

const shotSchema = z
  .object({
    code,
    group: z.enum(SHOT_GROUPS),
    name,
    hint: name.optional(),
    requirement: verifiedValue(z.enum(SHOT_REQUIREMENTS)),
  })
  .strict()

const partSchema = z
  .object({
    code,
    name,
    /** Diagram views the part is seen on: the part list follows the view the inspector clicked. */
    views: z.array(z.enum(DIAGRAM_VIEWS)).min(1),
  })
  .strict()

const zoneSchema = z.object({ code, name, parts: z.array(partSchema).min(1) }).strict()
const namedSchema = z.object({ code, name }).strict()

function uniqueCodes(
  items: readonly { code: string }[],
  path: (string | number)[],
  ctx: z.core.$RefinementCtx,
  what: string,
): void {
  const seen = new Set<string>()
  items.forEach((item, i) => {
    if (seen.has(item.code))
      ctx.addIssue({ code: 'custom', message: `duplicate ${what} ${item.code}`, path: [...path, i, 'code'] })
    seen.add(item.code)
  })
}

export const inspectionChecklistDataSchema = z
  .object({
    /** In the order the checklist shows them. */
    shots: z.array(shotSchema).min(1),
    damage: z
      .object({
        /** Photos each damage row needs before the report can be submitted (an overall shot and a close-up, say). */
        minPhotosPerRow: verifiedValue(z.number().int().min(1).max(10)),
        zones: z.array(zoneSchema).min(1),
        types: z.array(namedSchema).min(1),
        /** From the mildest. */
        severities: z.array(namedSchema).min(1),
      })
      .strict(),
  })
  .strict()
  .superRefine((data, ctx) => {
    uniqueCodes(data.shots, ['shots'], ctx, 'shot')
    data.shots.forEach((s, i) => {
      if ((RESERVED_SHOTS as readonly string[]).includes(s.code)) {
        ctx.addIssue({ code: 'custom', message: `shot code ${s.code} is reserved`, path: ['shots', i, 'code'] })
      }
    })
    uniqueCodes(data.damage.zones, ['damage', 'zones'], ctx, 'zone')
    uniqueCodes(
      data.damage.zones.flatMap((z) => z.parts),
      ['damage', 'zones'],
      ctx,
      'part',
    )
    uniqueCodes(data.damage.types, ['damage', 'types'], ctx, 'damage type')
    uniqueCodes(data.damage.severities, ['damage', 'severities'], ctx, 'severity')
  })

export const inspectionChecklistFileSchema = referenceFile(INSPECTION_CHECKLIST_KIND, inspectionChecklistDataSchema)

export type InspectionChecklistData = z.infer<typeof inspectionChecklistDataSchema>
export type InspectionChecklistFile = z.infer<typeof inspectionChecklistFileSchema>
export type ChecklistShot = InspectionChecklistData['shots'][number]
export type DamageZone = InspectionChecklistData['damage']['zones'][number]
export type DamagePart = DamageZone['parts'][number]
export type LocalName = z.infer<typeof name>

/** What the form and the core work with: the checklist in force plus its version id (recorded on submission). */
export interface InspectionReference {
  version: string
  checklist: InspectionChecklistData
  /** Some requirement in use is not verified: the form says so. */
  unverified: boolean
}

export function checklistInForce(
  files: readonly InspectionChecklistFile[],
  date: string,
): InspectionChecklistFile | undefined {
  return versionInForce(files, date)
}

export function toInspectionReference(file: InspectionChecklistFile): InspectionReference {
  const unverified = file.data.shots.some((s) => !s.requirement.verified) || !file.data.damage.minPhotosPerRow.verified
  return { version: file.version, checklist: file.data, unverified }
}

/** A name in the given language; Russian for any other (the primary language). */
export function localName(n: LocalName, locale: string): string {
  return locale.startsWith('en') ? n.en : n.ru
}

export function findPart(
  checklist: InspectionChecklistData,
  partCode: string,
): { zone: DamageZone; part: DamagePart } | undefined {
  for (const zone of checklist.damage.zones) {
    const part = zone.parts.find((p) => p.code === partCode)
    if (part) return { zone, part }
  }
  return undefined
}
