import type { ChannelInput } from '../../shared/contract'
import { DAMAGE_SHOT, isSignatureShot, type PhotoTarget } from '../../shared/inspection/inspection'
import { AppError } from '../app/appError'
import type { Clock } from '../app/clock'
import type { Db } from '../db/openDatabase'
import { write } from '../db/write'
import { requireUser, type HandlerContext, type HandlersOf } from '../ipc/handlers'
import { processImage } from '../photos/imageProcessing'
import type { PhotoFetcher } from '../photos/photoFetcher'
import type { PhotoStore } from '../photos/photoStore'
import { UploadRegistry } from '../photos/uploads'
import type { ReferenceData } from '../reference/loadReferenceData'
import { assertReadable, checklistOf, editableRow } from './inspectionAccess'
import { isKnownShot } from './inspectionHandlers'
import { activeDamageRows, activePhotoRows, findInspectionRow, toPhoto, type PhotoDbRow } from './inspectionRows'

type PhotoChannels =
  | 'photos/begin-upload'
  | 'photos/upload-chunk'
  | 'photos/finish-upload'
  | 'photos/cancel-upload'
  | 'photos/get-image'
  | 'photos/get-availability'

/** What `begin` declared besides size and hash, kept until the photo is recorded. */
type UploadMeta = Omit<ChannelInput<'photos/begin-upload'>, 'sizeBytes' | 'sha256'>

const who = (ctx: HandlerContext) => ({ clientId: ctx.clientId, userId: requireUser(ctx).id })

/**
 * Photos of inspections: the chunked upload, then processing (core/photos) and recording in one step, and the
 * images back to the form. The target is checked when the upload begins (nobody uploads 12 MB into somebody
 * else's report) and again when it finishes (the report may have been submitted meanwhile).
 */
export function inspectionPhotoHandlers(
  db: Db,
  reference: ReferenceData,
  store: PhotoStore,
  fetcher: PhotoFetcher,
  clock: Clock,
): HandlersOf<PhotoChannels> {
  const uploads = new UploadRegistry<UploadMeta>(store.stagingDir, () => clock.now().getTime())

  async function checkTarget(target: PhotoTarget, ctx: HandlerContext) {
    const row = await editableRow(db, target.inspectionId, ctx)
    const checklist = checklistOf(reference, row.checklist_version).data
    if (!isKnownShot(target.shot, checklist))
      throw new AppError('VALIDATION', 'inspection.errors.unknownShot', {}, { shot: 'inspection.errors.unknownShot' })
    if (target.shot === DAMAGE_SHOT) {
      const damages = await activeDamageRows(db, row.id)
      if (!target.damageId || !damages.some((d) => d.id === target.damageId)) {
        throw new AppError(
          'VALIDATION',
          'inspection.errors.unknownDamage',
          {},
          { damageId: 'inspection.errors.unknownDamage' },
        )
      }
    } else if (target.damageId) {
      throw new AppError(
        'VALIDATION',
        'inspection.errors.unknownDamage',
        {},
        { damageId: 'inspection.errors.unknownDamage' },
      )
    }
    return row
  }

  return {
    'photos/begin-upload': async (input, ctx) => {
      const { sizeBytes, sha256, ...meta } = input
      await checkTarget(input.target, ctx)
      return uploads.begin({ sizeBytes, sha256, meta }, who(ctx))
    },

    'photos/upload-chunk': async (input, ctx) => uploads.chunk(input.uploadId, input.index, input.data, who(ctx)),

    'photos/finish-upload': async (input, ctx) =>
      uploads.finish(input.uploadId, who(ctx), async (bytes, declared, stagingPath) => {
        const { target, ...meta } = declared.meta
        const row = await checkTarget(target, ctx)
        const duplicate = (await activePhotoRows(db, row.id)).find((p) => p.sha256 === declared.sha256)
        if (duplicate) throw new AppError('CONFLICT', 'inspection.errors.duplicatePhoto')
        const image = await processImage(bytes)
        const replaced = isSignatureShot(target.shot)
          ? (await activePhotoRows(db, row.id)).filter((p) => p.shot === target.shot)
          : []
        const inserted = await store.put(
          declared.sha256,
          { orig: { move: stagingPath }, normal: image.normal, thumb: image.thumb },
          (publish) =>
            write(db, ctx.actor, 'inspection.photo-added', ctx.now, async (w) => {
              // A new signature replaces the previous one (the client asked to sign again).
              for (const old of replaced)
                await w.update('inspection_photo', old.id, { removed_at: ctx.now.toISOString() })
              const photo = await w.insert('inspection_photo', {
                inspection_id: row.id,
                sha256: declared.sha256,
                shot: target.shot,
                damage_id: target.shot === DAMAGE_SHOT ? (target.damageId ?? null) : null,
                captured_at: meta.capturedAt,
                source: meta.source,
                device: meta.device,
                file_name: meta.fileName,
                width: image.width,
                height: image.height,
                bytes: bytes.length,
                format: image.format,
                gps_lat: meta.gps?.lat ?? null,
                gps_lon: meta.gps?.lon ?? null,
                gps_accuracy_m: meta.gps?.accuracyM ?? null,
                removed_at: null,
              })
              await publish()
              return photo
            }),
        )
        return toPhoto(inserted)
      }),

    'photos/cancel-upload': async (input, ctx) => ({ cancelled: uploads.cancel(input.uploadId, who(ctx)) }),

    'photos/get-image': async (input, ctx) => {
      // Removed photos stay viewable to whoever may read the inspection (the audit trail refers to them).
      const photo = (await db('inspection_photo').where({ id: input.photoId }).first()) as PhotoDbRow | undefined
      if (!photo) throw new AppError('NOT_FOUND', 'errors.notFound')
      assertReadable(await findInspectionRow(db, photo.inspection_id), ctx)
      // A photo taken on another computer of the branch is fetched from HQ the first time it is shown.
      await fetcher.ensure(photo.sha256)
      const bytes = await store.read(photo.sha256, input.variant === 'thumb' ? 'thumb' : 'normal').catch(() => {
        throw new AppError('NOT_FOUND', 'photos.errors.fileMissing')
      })
      return { dataUrl: `data:image/jpeg;base64,${bytes.toString('base64')}`, width: photo.width, height: photo.height }
    },

    'photos/get-availability': async (input, ctx) => {
      assertReadable(await findInspectionRow(db, input.inspectionId), ctx)
      const hashes = [...new Set((await activePhotoRows(db, input.inspectionId)).map((p) => p.sha256))]
      const progress = fetcher.progress()
      const fetching =
        progress && hashes.includes(progress.sha256) ? { done: progress.done, total: progress.total } : null
      return { total: hashes.length, onDevice: hashes.filter((h) => store.has(h)).length, fetching }
    },
  }
}
