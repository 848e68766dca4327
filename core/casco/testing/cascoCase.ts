import type { CascoQuoteRecord } from '../../../shared/casco/contract'
import type { CascoDraft } from '../../../shared/casco/draft'
import { completeCascoDraft } from '../../../shared/casco/draftFixture'
import { todayIn } from '../../../shared/dates/calendarDate'
import type { DamageInput, Inspection } from '../../../shared/inspection/inspection'
import { completeReport, excludingDamages } from '../../../shared/inspection/testing/completeReport'
import type { Core } from '../../app/createCore'
import { testJpeg, uploadPhoto } from '../../inspection/testing/photos'
import { call, expectOk } from '../../testing/testCore'

/**
 * A CASCO case at each step, through the same channels the screens use: a quote priced and its option chosen,
 * submitted for approval, and an inspection report for it with photos and damage rows.
 */
export const today = (core: Core) => todayIn('Europe/Moscow', core.clock.now())

export async function quotedCase(
  core: Core,
  client: string,
  edit: (d: CascoDraft) => void = () => {},
  option = 0,
): Promise<CascoQuoteRecord> {
  const created = await expectOk(call(core, 'casco/create-quote', undefined, client))
  const draft = completeCascoDraft(today(core))
  edit(draft)
  const saved = await expectOk(
    call(core, 'casco/save-draft', { id: created.id, rowVersion: created.rowVersion, draft }, client),
  )
  const quoted = await expectOk(
    call(core, 'casco/calculate-quote', { id: saved.id, rowVersion: saved.rowVersion }, client),
  )
  return expectOk(call(core, 'casco/choose-option', { id: quoted.id, rowVersion: quoted.rowVersion, option }, client))
}

export async function submittedCase(
  core: Core,
  client: string,
  edit?: (d: CascoDraft) => void,
): Promise<CascoQuoteRecord> {
  const q = await quotedCase(core, client, edit)
  return expectOk(call(core, 'casco/submit-for-approval', { id: q.id, rowVersion: q.rowVersion }, client))
}

export const damage = (over: Partial<DamageInput> = {}): DamageInput => ({
  view: 'left',
  x: 0.42,
  y: 0.55,
  partCode: 'front-door-left',
  typeCode: 'dent-paint',
  sizeCm: 12,
  severity: 'medium',
  note: 'Вмятина у ручки',
  ...over,
})

let seed = 1000
/** A complete report for the quote with `damages` rows, every required shot and both signatures, submitted. */
export async function submittedInspection(
  core: Core,
  client: string,
  quoteId: string,
  damages: DamageInput[] = [],
): Promise<Inspection> {
  const i = await readyInspection(core, client, quoteId, damages)
  return expectOk(call(core, 'inspection/submit', { id: i.id, rowVersion: i.rowVersion }, client))
}

/** The same report, complete but not yet submitted (the inspector submits it on screen). */
export async function readyInspection(
  core: Core,
  client: string,
  quoteId: string,
  damages: DamageInput[] = [],
): Promise<Inspection> {
  let i = await expectOk(call(core, 'inspection/create', { quoteId }, client))
  // The damages found are excluded from cover; a car without any is accepted as it is.
  const report = damages.length > 0 ? excludingDamages(completeReport(), damages.length) : completeReport()
  i = await expectOk(call(core, 'inspection/save-report', { id: i.id, rowVersion: i.rowVersion, report }, client))
  for (const d of damages)
    i = await expectOk(call(core, 'inspection/add-damage', { inspectionId: i.id, damage: d }, client))
  const upload = async (shot: string, damageId?: string) =>
    expectOk(
      uploadPhoto(
        core,
        client,
        { inspectionId: i.id, shot, ...(damageId ? { damageId } : {}) },
        await testJpeg(seed++),
      ),
    )
  for (const row of i.damages) await upload('damage', row.id)
  const ref = await expectOk(call(core, 'inspection/get-reference', { version: i.checklistVersion }, client))
  for (const shot of ref.checklist.shots) if (shot.requirement.value === 'always') await upload(shot.code)
  for (const who of ['signature-inspector', 'signature-client']) await upload(who)
  return expectOk(call(core, 'inspection/get', { id: i.id }, client))
}
