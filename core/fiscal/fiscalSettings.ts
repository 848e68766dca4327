import type { Knex } from 'knex'
import { fiscalSettingsInput, type FiscalSettings } from '../../shared/fiscal/contract'

/** This computer's register (`fiscal_setting`, device-local; migration 20261206000003). */
const KEY = 'register'
const NONE: FiscalSettings = { driver: 'none' }

type DbLike = Knex | Knex.Transaction

/** The saved register, or none; a value this build cannot read counts as none (receipt numbers are then typed). */
export async function readFiscalSettings(db: DbLike): Promise<FiscalSettings> {
  const row = (await db('fiscal_setting').where({ key: KEY }).first('value')) as { value: string } | undefined
  if (!row) return NONE
  try {
    const parsed = fiscalSettingsInput.safeParse(JSON.parse(row.value))
    return parsed.success ? parsed.data : NONE
  } catch {
    return NONE
  }
}

export async function saveFiscalSettings(db: DbLike, settings: FiscalSettings): Promise<void> {
  await db('fiscal_setting')
    .insert({ key: KEY, value: JSON.stringify(settings) })
    .onConflict('key')
    .merge()
}
