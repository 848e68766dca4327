import { productionCalendarFileSchema } from '../reference/productionCalendar'
import { purposesOfUseFileSchema } from '../reference/purposes'
import { regionsFileSchema } from '../reference/regions'
import { vehicleCatalogFileSchema } from '../reference/vehicles'
import { osagoTariffFileSchema } from '../osago/tariffSchema'
import { terminationRulesFileSchema } from '../termination/rulesSchema'
import { keyRateFileSchema } from '../termination/keyRate'
import { cascoInstalmentsFileSchema } from '../casco/schedule'
import { cascoTariffFileSchema } from '../casco/tariffSchema'
import { cascoProgramsFileSchema } from '../casco/programsSchema'
import { insurerDetailsFileSchema } from '../reference/insurer'
import { inspectionChecklistFileSchema } from '../inspection/checklist'
import { branchAttentionFileSchema } from '../home/attentionRules'
import { osagoChangeRulesFileSchema } from '../osagoChange/changeRules'
import { renewalRulesFileSchema } from '../renewal/rules'
import { personalDataRulesFileSchema } from '../client/personalDataRules'
import { kbmRulesFileSchema } from '../kbm/rules'
import { cascoInstalmentTermsFileSchema } from '../payments/instalmentTerms'
import { radarRulesFileSchema } from '../radar/rules'

/**
 * Registry of reference kinds: the `kind` written in a file → the schema of the whole file. Kept in shared/contract/
 * beside the contract's index because, like it, every feature plugs into it; the core's loader reads it, and so does
 * HQ when it publishes a file (hq/ may not import the core).
 * REGISTRATION POINT: every new kind of reference file (OSAGO tariff tables, CASCO tariff, deadlines, checklists…)
 * adds its `kind: fileSchema` here. A file whose kind is not registered stops the start-up, and so does a
 * registered kind with no bundled file, so a table can be neither silently ignored nor silently missing.
 */
export const REFERENCE_SCHEMAS = {
  'vehicle-catalog': vehicleCatalogFileSchema,
  'production-calendar': productionCalendarFileSchema,
  'purposes-of-use': purposesOfUseFileSchema,
  regions: regionsFileSchema,
  'osago-tariff': osagoTariffFileSchema,
  'termination-rules': terminationRulesFileSchema,
  /** Bank of Russia key rate history, for interest on late refunds (GK RF art. 395); the newest version is used. */
  'key-rate': keyRateFileSchema,
  'casco-instalments': cascoInstalmentsFileSchema,
  'casco-tariff': cascoTariffFileSchema,
  'casco-programs': cascoProgramsFileSchema,
  /** A configurable example is bundled; each insurer ships its own details (printed on policies). */
  'insurer-details': insurerDetailsFileSchema,
  'inspection-checklist': inspectionChecklistFileSchema,
  /** The levels at which the branch admin's home calls out blanks running low and a stale sync. */
  'branch-attention': branchAttentionFileSchema,
  /** Changes to an issued OSAGO policy (kinds, addendum or re-issue) and the duplicate's fee. */
  'osago-change-rules': osagoChangeRulesFileSchema,
  /** When a contract may be renewed: the window before its end (the renewal worklist, osago/renew-policy). */
  'renewal-rules': renewalRulesFileSchema,
  /** The consent text the client signs (its version) and how long a client card is kept (152-FZ). */
  'personal-data-rules': personalDataRulesFileSchema,
  /** The KBM re-check after sync: how far back issued policies are asked about, how many per run. */
  'kbm-rules': kbmRulesFileSchema,
  /** CASCO instalments after issue: the reminder window, the grace period and what follows it (GK RF art. 954). */
  'casco-instalment-terms': cascoInstalmentTermsFileSchema,
  /** The radar of the branch's dates: how far ahead it looks and what «this week» is. */
  'radar-rules': radarRulesFileSchema,
} as const
