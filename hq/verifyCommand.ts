import { existsSync, readFileSync } from 'node:fs'
import type { Knex } from 'knex'
import { verifyDocument, type VerifyAnswer } from './verify'

/**
 * `npm run hq -- verify <file.pdf | QR text>`: the verdict in Russian and English and what the ledger says of the
 * document. Exit code 0 only for a genuine, unchanged document in force; 1 for any other verdict.
 */
export async function verifyCommand(
  db: Knex,
  arg: string,
): Promise<{ code: number; lines: string[]; answer: VerifyAnswer }> {
  const input = existsSync(arg) ? { pdf: new Uint8Array(readFileSync(arg)) } : { qr: arg }
  const answer = await verifyDocument(db, input)
  const lines = [answer.message.ru, answer.message.en]
  const d = answer.document
  if (d)
    lines.push(
      `document ${d.id} · ${d.kind} · ${d.recordType} ${d.recordId} · branch ${d.branch} · issued ${d.issuedAt} · sha256 ${d.contentSha256}`,
    )
  lines.push(
    `genuine: ${answer.genuine} · unchanged: ${answer.unchanged ?? ('qr' in input ? 'not checked (QR only)' : '—')} · in force: ${answer.inForce ?? '—'}`,
  )
  return { code: answer.status === 'valid' ? 0 : 1, lines, answer }
}
