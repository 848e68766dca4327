import type { Knex } from 'knex'
import { AppError } from '../app/appError'
import type { Db } from './openDatabase'
import { columnsOf, fromStored, type RowOf, type TableName } from './tables'

/**
 * A record kept as a hot row (what lists, search and the status machine read) and a document row under the same id
 * (the draft and the results: osago_policy + osago_document, casco_quote + casco_document), read in ONE statement —
 * a join on the shared id, the document's columns under aliases so that its stamps do not overwrite the hot row's.
 * Inside a write transaction it is also what the Writer is given as the rows' before-state, so a handler reads the
 * record once. No such record: NOT_FOUND.
 */
export async function findWithDocument<H extends TableName, D extends TableName>(
  db: Db | Knex.Transaction,
  hotTable: H,
  documentTable: D,
  id: string,
): Promise<{ hot: RowOf<H>; document: RowOf<D> }> {
  // Every column of the document row but its id (the hot row's): the synced stamps and the table's own.
  const aliases = new Map(
    ['created_at', 'updated_at', 'row_version', ...Object.keys(columnsOf(documentTable) ?? {})].map((c) => [
      `doc_${c}`,
      c,
    ]),
  )
  const raw = (await db(`${hotTable} as h`)
    .join(`${documentTable} as d`, 'd.id', 'h.id')
    .where('h.id', id)
    .first('h.*', ...[...aliases].map(([alias, column]) => `d.${column} as ${alias}`))) as
    Record<string, unknown> | undefined
  if (!raw) throw new AppError('NOT_FOUND', 'errors.notFound')
  const hot: Record<string, unknown> = {}
  const document: Record<string, unknown> = { id }
  for (const [k, v] of Object.entries(raw)) {
    const column = aliases.get(k)
    if (column) document[column] = v
    else hot[k] = v
  }
  return { hot: fromStored(hotTable, hot), document: fromStored(documentTable, document) }
}
