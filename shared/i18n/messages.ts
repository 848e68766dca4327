/**
 * All locale messages: one file per namespace (`ru/<namespace>.ts` holds exactly `{ <namespace>: { ... } }`).
 * Russian is the source of truth: its shape is `MessageSchema`, every English file is checked against the Russian
 * one at compile time (`satisfies LocaleFile<typeof ru>`), and `messages.test.ts` checks placeholders and the rest.
 */
import ruApp from './ru/app'
import ruApproval from './ru/approval'
import ruBackup from './ru/backup'
import ruBlanks from './ru/blanks'
import ruCasco from './ru/casco'
import ruChangePassword from './ru/changePassword'
import ruCommon from './ru/common'
import ruErrors from './ru/errors'
import ruFiles from './ru/files'
import ruFirstRun from './ru/firstRun'
import ruHome from './ru/home'
import ruInstalments from './ru/instalments'
import ruClient from './ru/client'
import ruRenewal from './ru/renewal'
import ruOsagoChange from './ru/osagoChange'
import ruFiscal from './ru/fiscal'
import ruPayments from './ru/payments'
import ruKbm from './ru/kbm'
import ruInspection from './ru/inspection'
import ruLock from './ru/lock'
import ruNav from './ru/nav'
import ruOsago from './ru/osago'
import ruParty from './ru/party'
import ruPhotos from './ru/photos'
import ruPrint from './ru/print'
import ruReference from './ru/reference'
import ruRoles from './ru/roles'
import ruSearch from './ru/search'
import ruSections from './ru/sections'
import ruSettings from './ru/settings'
import ruSignIn from './ru/signIn'
import ruStaff from './ru/staff'
import ruStatus from './ru/status'
import ruSupport from './ru/support'
import ruReports from './ru/reports'
import ruRadar from './ru/radar'
import ruSync from './ru/sync'
import ruDocumentVerify from './ru/documentVerify'
import ruTermination from './ru/termination'
import ruTerminationUi from './ru/terminationUi'
import ruUpdate from './ru/update'
import ruValidation from './ru/validation'
import ruWhatIf from './ru/whatIf'
import enApp from './en/app'
import enApproval from './en/approval'
import enBackup from './en/backup'
import enBlanks from './en/blanks'
import enCasco from './en/casco'
import enChangePassword from './en/changePassword'
import enCommon from './en/common'
import enErrors from './en/errors'
import enFiles from './en/files'
import enFirstRun from './en/firstRun'
import enHome from './en/home'
import enInstalments from './en/instalments'
import enClient from './en/client'
import enRenewal from './en/renewal'
import enOsagoChange from './en/osagoChange'
import enFiscal from './en/fiscal'
import enPayments from './en/payments'
import enKbm from './en/kbm'
import enInspection from './en/inspection'
import enLock from './en/lock'
import enNav from './en/nav'
import enOsago from './en/osago'
import enParty from './en/party'
import enPhotos from './en/photos'
import enPrint from './en/print'
import enReference from './en/reference'
import enRoles from './en/roles'
import enSearch from './en/search'
import enSections from './en/sections'
import enSettings from './en/settings'
import enSignIn from './en/signIn'
import enStaff from './en/staff'
import enStatus from './en/status'
import enSupport from './en/support'
import enReports from './en/reports'
import enRadar from './en/radar'
import enSync from './en/sync'
import enDocumentVerify from './en/documentVerify'
import enTermination from './en/termination'
import enTerminationUi from './en/terminationUi'
import enUpdate from './en/update'
import enValidation from './en/validation'
import enWhatIf from './en/whatIf'
import type { Locale } from '../app/contract'
import type { LocaleFile } from './schema'

/** The Russian messages, merged. A namespace comes from one file, so a plain spread merges without overriding. */
const RU = {
  ...ruApp,
  ...ruApproval,
  ...ruBackup,
  ...ruBlanks,
  ...ruCasco,
  ...ruChangePassword,
  ...ruCommon,
  ...ruErrors,
  ...ruFiles,
  ...ruFirstRun,
  ...ruHome,
  ...ruInstalments,
  ...ruClient,
  ...ruRenewal,
  ...ruOsagoChange,
  ...ruFiscal,
  ...ruPayments,
  ...ruKbm,
  ...ruInspection,
  ...ruLock,
  ...ruNav,
  ...ruOsago,
  ...ruParty,
  ...ruPhotos,
  ...ruPrint,
  ...ruReference,
  ...ruRoles,
  ...ruSearch,
  ...ruSections,
  ...ruSettings,
  ...ruSignIn,
  ...ruStaff,
  ...ruStatus,
  ...ruSupport,
  ...ruReports,
  ...ruRadar,
  ...ruSync,
  ...ruDocumentVerify,
  ...ruTermination,
  ...ruTerminationUi,
  ...ruUpdate,
  ...ruValidation,
  ...ruWhatIf,
} as const

/** The shape every locale must have: the Russian messages' keys, string texts. */
export type MessageSchema = LocaleFile<typeof RU>

const EN: MessageSchema = {
  ...enApp,
  ...enApproval,
  ...enBackup,
  ...enBlanks,
  ...enCasco,
  ...enChangePassword,
  ...enCommon,
  ...enErrors,
  ...enFiles,
  ...enFirstRun,
  ...enHome,
  ...enInstalments,
  ...enClient,
  ...enRenewal,
  ...enOsagoChange,
  ...enFiscal,
  ...enPayments,
  ...enKbm,
  ...enInspection,
  ...enLock,
  ...enNav,
  ...enOsago,
  ...enParty,
  ...enPhotos,
  ...enPrint,
  ...enReference,
  ...enRoles,
  ...enSearch,
  ...enSections,
  ...enSettings,
  ...enSignIn,
  ...enStaff,
  ...enStatus,
  ...enSupport,
  ...enReports,
  ...enRadar,
  ...enSync,
  ...enDocumentVerify,
  ...enTermination,
  ...enTerminationUi,
  ...enUpdate,
  ...enValidation,
  ...enWhatIf,
}

export const MESSAGES: Readonly<Record<Locale, MessageSchema>> = { ru: RU, en: EN }

type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string
    ? `${Prefix}${K}`
    : T[K] extends readonly unknown[]
      ? never
      : Leaves<T[K], `${Prefix}${K}.`>
}[keyof T & string]

/** Every message key, e.g. `'osago.ceiling.product'`. */
export type MessageKey = Leaves<MessageSchema>

/**
 * What a message-key argument accepts: a literal only if it names a message, so a typo fails the typecheck; a
 * template (`` `termination.status.${status}` ``) or a union only if some message matches it (code may guard which
 * members reach it); a plain `string` — a key that arrives at run time, from an AppError or a checker's result —
 * passes and falls back at run time. `messages.test.ts` scans the literal keys of the source as well.
 */
export type KeyArg<K extends string> = string extends K ? K : [Extract<MessageKey, K>] extends [never] ? MessageKey : K

export type MessageParams = Record<string, string | number>

/**
 * The renderer's `t` (renderer/src/plugins/i18n.ts). vue-i18n's own typing takes any string as a key
 * (`ComposerTranslation` in its dist/vue-i18n.d.ts), so `useI18n` there narrows `t` to this: a literal key must name
 * a message, a run-time string passes.
 */
export interface TypedTranslate {
  <K extends string>(key: KeyArg<K>): string
  <K extends string>(key: KeyArg<K>, named: Record<string, unknown>): string
  <K extends string>(key: KeyArg<K>, plural: number): string
  <K extends string>(key: KeyArg<K>, named: Record<string, unknown>, plural: number): string
}

function lookup(tree: object, key: string): string | undefined {
  let node: unknown = tree
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined
    node = (node as Record<string, unknown>)[part]
  }
  return typeof node === 'string' ? node : undefined
}

/** Translates outside Vue (the core's error messages); falls back to Russian, then to the key itself. */
export function translate<K extends string>(locale: Locale, key: KeyArg<K>, params: MessageParams = {}): string {
  const text = lookup(MESSAGES[locale], key) ?? lookup(MESSAGES.ru, key) ?? key
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m))
}

/** Whether a key names a message in a locale (for keys built at run time). */
export function hasMessage(locale: Locale, key: string): boolean {
  return lookup(MESSAGES[locale], key) !== undefined
}
