import type { PrinterProfile } from '../../shared/print/contract'
import type { Db } from '../db/openDatabase'
import type { Writer } from '../db/write'

/**
 * Per-printer offsets for printing onto blanks, one synced row per printer name (the system's name, as the
 * shell reports it). A printer nobody calibrated prints without offset.
 */
type PrinterProfileRow = {
  id: string
  printer_name: string
  offset_x_mm: number
  offset_y_mm: number
  row_version: number
}

export async function readPrinterProfile(db: Db | Writer['trx'], printerName: string): Promise<PrinterProfile> {
  const row = (await db('printer_profile').where({ printer_name: printerName }).first()) as
    PrinterProfileRow | undefined
  if (!row) return { printerName, offsetXmm: 0, offsetYmm: 0, rowVersion: 0 }
  return { printerName, offsetXmm: row.offset_x_mm, offsetYmm: row.offset_y_mm, rowVersion: row.row_version }
}

export async function writePrinterProfile(w: Writer, profile: PrinterProfile): Promise<PrinterProfile> {
  const existing = (await w.trx('printer_profile').where({ printer_name: profile.printerName }).first()) as
    PrinterProfileRow | undefined
  // Stored in tenths exactly as validated, so 0.1 + 0.2 style float noise never reaches the layout.
  const values = { offset_x_mm: round1(profile.offsetXmm), offset_y_mm: round1(profile.offsetYmm) }
  if (!existing) {
    const row = await w.insert('printer_profile', { printer_name: profile.printerName, ...values })
    return {
      printerName: profile.printerName,
      offsetXmm: values.offset_x_mm,
      offsetYmm: values.offset_y_mm,
      rowVersion: row.row_version,
    }
  }
  const row = await w.update('printer_profile', existing.id, values, profile.rowVersion)
  return {
    printerName: profile.printerName,
    offsetXmm: row.offset_x_mm,
    offsetYmm: row.offset_y_mm,
    rowVersion: row.row_version,
  }
}

function round1(v: number): number {
  return Math.round(v * 10) / 10
}
