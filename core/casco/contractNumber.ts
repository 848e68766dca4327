import { AppError } from '../app/appError'
import type { Writer } from '../db/write'
import { formatContractNumber } from '../../shared/casco/contractNumber'

/**
 * The next contract number of this branch, taken inside the issuing transaction: SQLite runs one write
 * transaction at a time, so two counters issuing at once get consecutive numbers, and the unique index on
 * (branch, sequence) refuses a duplicate whatever happens. The branch code makes numbers unique across the
 * insurer once HQ collects them: `MSK-01-К000042`.
 */
export async function allocateContractNumber(w: Writer): Promise<{ branch: string; seq: number; number: string }> {
  const branch = (await w.trx('branch').first('code')) as { code: string } | undefined
  if (!branch) throw new AppError('CONFLICT', 'errors.notFound')
  const max = (await w
    .trx('casco_quote')
    .where({ contract_branch: branch.code })
    .max({ m: 'contract_seq' })
    .first()) as { m: number | null }
  const seq = (max.m ?? 0) + 1
  return { branch: branch.code, seq, number: formatContractNumber(branch.code, seq) }
}
