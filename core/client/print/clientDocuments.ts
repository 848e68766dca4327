import { todayIn } from '../../../shared/dates/calendarDate'
import { formatDateRu } from '../../../shared/print/format'
import { CLIENT_ADMINS } from '../../../shared/client/client'
import { AppError } from '../../app/appError'
import type { CoreServices, DocumentSet } from '../../app/feature'
import type { PrintableDocument } from '../../print/documents'
import { referenceInForce } from '../../reference/loadReferenceData'
import { ERASURE_ACT_ENTITY, loadErasureAct } from '../erasure'
import { buildErasureAct, erasureActFileName, type ErasureActData } from './erasureAct'

/** The client card's documents: the act of erasure of cards past retention (the admin's). */
export function clientDocuments(core: CoreServices): DocumentSet {
  const { db, reference, timeZone } = core
  const act: PrintableDocument<ErasureActData> = {
    roles: CLIENT_ADMINS,
    async load(id) {
      if (!id) throw new AppError('VALIDATION', 'errors.validation', {}, { id: 'validation.required' })
      const a = await loadErasureAct(db, id)
      const on = todayIn(timeZone, new Date(a.at))
      const insurer = referenceInForce(reference, 'insurer-details', on).data
      const branch = (await db('branch').orderBy('created_at').first('name')) as { name: string } | undefined
      const time = new Intl.DateTimeFormat('ru-RU', { timeZone, hour: '2-digit', minute: '2-digit' }).format(
        new Date(a.at),
      )
      return {
        act: a,
        operatorName: insurer.name,
        operatorAddress: insurer.address,
        branchName: branch?.name ?? '',
        erasedOn: formatDateRu(on),
        erasedAtTime: time,
      }
    },
    build: (d) => buildErasureAct(d),
    fileName: erasureActFileName,
    auditEntity: (d) => ({ entity: ERASURE_ACT_ENTITY, entityId: d.act.id }),
  }
  return { 'client-erasure-act': act }
}
