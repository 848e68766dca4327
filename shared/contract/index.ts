/**
 * The one API contract between the renderer and the core: channel → input schema, output type, access.
 * The main process registers exactly these channels; the preload exposes one `invoke` that can call only them;
 * the renderer's client is typed from this map. Add a feature by merging its `<feature>Contract` here.
 */
import { appContract } from '../app/contract'
import { osagoContract } from '../osago/contract'
import { sessionContract } from '../session/contract'
import { settingsContract } from '../settings/contract'
import { setupContract } from '../setup/contract'
import { staffContract } from '../staff/contract'
import { blanksContract } from '../blanks/contract'
import { printContract } from '../print/contract'
import { terminationContract } from '../termination/contract'
import { inspectionContract, photosContract } from '../inspection/contract'
import { syncContract } from '../sync/contract'
import { cascoContract } from '../casco/contract'
import { approvalContract } from '../approval/contract'
import { updateContract } from '../update/contract'
import { backupContract } from '../backup/contract'
import { productionCalendarContract } from '../reference/productionCalendarContract'
import { searchContract } from '../search/contract'
import { homeContract } from '../home/contract'
import { renewalContract } from '../renewal/contract'
import { clientContract } from '../client/contract'
import { kbmContract } from '../kbm/contract'
import { osagoChangeContract } from '../osagoChange/contract'
import { fiscalContract } from '../fiscal/contract'
import { paymentsContract } from '../payments/contract'
import { instalmentsContract } from '../payments/instalmentsContract'
import { reportsContract } from '../reports/contract'
import { radarContract } from '../radar/contract'
import type { InputOf, OutputOf } from './channel'
import type { Result } from './result'

export const contract = {
  ...appContract,
  ...setupContract,
  ...sessionContract,
  ...staffContract,
  ...settingsContract,
  ...blanksContract,
  ...osagoContract,
  ...printContract,
  ...terminationContract,
  ...inspectionContract,
  ...photosContract,
  ...syncContract,
  ...cascoContract,
  ...approvalContract,
  ...updateContract,
  ...backupContract,
  ...productionCalendarContract,
  ...searchContract,
  ...homeContract,
  ...renewalContract,
  ...clientContract,
  ...kbmContract,
  ...osagoChangeContract,
  ...fiscalContract,
  ...paymentsContract,
  ...instalmentsContract,
  ...reportsContract,
  ...radarContract,
} as const

export type Contract = typeof contract
export type Channel = keyof Contract
export type ChannelInput<C extends Channel> = InputOf<Contract[C]>
export type ChannelOutput<C extends Channel> = OutputOf<Contract[C]>

export const CHANNELS = Object.keys(contract) as Channel[]

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name)
}

/** The object the preload exposes as `window.branchDesk`. */
export interface BranchDeskApi {
  invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>>
}

export type { Result, ApiError, ErrorCode } from './result'
export type { Role } from './roles'
