import { localName, type InspectionChecklistData } from '@shared/inspection/checklist'
import {
  DAMAGE_SHOT,
  EXTRA_SHOT,
  SIGNATURE_SHOTS,
  type DamageRow,
  type InspectionPhoto,
} from '@shared/inspection/inspection'
import { momentText } from '../../composables/format'

type T = (key: string, params?: Record<string, unknown>) => string

/** What a photo shows, in words: the checklist shot, "Damage no. 2", "Extra photo" or a signature. */
export function photoTitle(
  photo: InspectionPhoto,
  checklist: InspectionChecklistData,
  damages: readonly DamageRow[],
  locale: string,
  t: T,
): string {
  if (photo.shot === DAMAGE_SHOT) {
    const n = damages.find((d) => d.id === photo.damageId)?.number
    return t('inspection.ui.photos.damageTitle', { number: n ?? '?' })
  }
  if (photo.shot === EXTRA_SHOT) return t('inspection.ui.photos.extraTitle')
  if (photo.shot === SIGNATURE_SHOTS.inspector) return t('inspection.ui.signatures.inspector')
  if (photo.shot === SIGNATURE_SHOTS.client) return t('inspection.ui.signatures.client')
  const shot = checklist.shots.find((s) => s.code === photo.shot)
  return shot ? localName(shot.name, locale) : photo.shot
}

/**
 * When the photo was taken, on the branch's clock (`timeZone` from the app status), not this computer's: ДД.ММ.ГГГГ
 * ЧЧ:ММ in either `locale`, as on the printed act.
 */
export function capturedText(photo: InspectionPhoto, locale: string, timeZone: string | undefined): string {
  return momentText(photo.capturedAt, timeZone)
}
