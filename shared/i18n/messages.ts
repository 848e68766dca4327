/**
 * All locale messages, merged from one file per feature. Deep-merged because several features add keys under
 * the same top-level namespace (e.g. `validation`).
 */
import enCommon from './en/common'
import enSupport from './en/support'
import ruSupport from './ru/support'
import enShell from './en/shell'
import ruCommon from './ru/common'
import ruShell from './ru/shell'
import enOsago from './en/osago'
import enReference from './en/reference'
import enTermination from './en/termination'
import enTerminationUi from './en/terminationUi'
import enValidation from './en/validation'
import enBlanks from './en/blanks'
import ruOsago from './ru/osago'
import ruReference from './ru/reference'
import ruTermination from './ru/termination'
import ruTerminationUi from './ru/terminationUi'
import ruValidation from './ru/validation'
import ruBlanks from './ru/blanks'
import enOsagoForm from './en/osagoForm'
import ruOsagoForm from './ru/osagoForm'
import enPrint from './en/print'
import ruPrint from './ru/print'
import enCasco from './en/casco'
import ruCasco from './ru/casco'
import enInspection from './en/inspection'
import ruInspection from './ru/inspection'
import enSync from './en/sync'
import ruSync from './ru/sync'
import enCascoUi from './en/cascoUi'
import ruCascoUi from './ru/cascoUi'
import enParty from './en/party'
import ruParty from './ru/party'
import enUpdate from './en/update'
import ruUpdate from './ru/update'
import enBackup from './en/backup'
import ruBackup from './ru/backup'
import type { Locale } from '../app/contract'

type Tree = { [key: string]: string | Tree }

export function deepMerge(...trees: object[]): Tree {
  const out: Tree = {}
  for (const tree of trees) {
    for (const [k, v] of Object.entries(tree)) {
      const existing = out[k]
      out[k] =
        typeof v === 'object' && v !== null && typeof existing === 'object' ? deepMerge(existing, v) : (v as Tree)
    }
  }
  return out
}

export const MESSAGES: Record<Locale, Tree> = {
  ru: deepMerge(
    ruCommon,
    ruShell,
    ruValidation,
    ruReference,
    ruOsago,
    ruOsagoForm,
    ruTermination,
    ruTerminationUi,
    ruBlanks,
    ruPrint,
    ruCasco,
    ruInspection,
    ruSync,
    ruCascoUi,
    ruParty,
    ruUpdate,
    ruBackup,
    ruSupport,
  ),
  en: deepMerge(
    enCommon,
    enShell,
    enValidation,
    enReference,
    enOsago,
    enOsagoForm,
    enTermination,
    enTerminationUi,
    enBlanks,
    enPrint,
    enCasco,
    enInspection,
    enSync,
    enCascoUi,
    enParty,
    enUpdate,
    enBackup,
    enSupport,
  ),
}

function lookup(tree: Tree, key: string): string | undefined {
  let node: string | Tree | undefined = tree
  for (const part of key.split('.')) {
    if (typeof node !== 'object') return undefined
    node = node[part]
  }
  return typeof node === 'string' ? node : undefined
}

/** Translates outside Vue (the core's error messages); falls back to Russian, then to the key itself. */
export function translate(locale: Locale, key: string, params: Record<string, string | number> = {}): string {
  const text = lookup(MESSAGES[locale], key) ?? lookup(MESSAGES.ru, key) ?? key
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m))
}

export function hasMessage(locale: Locale, key: string): boolean {
  return lookup(MESSAGES[locale], key) !== undefined
}
