import type { OsagoDraft } from '@shared/osago/draft'

/** The parts of the drafts that forms of two products edit with the same sections. */

export type OsagoVehicle = OsagoDraft['vehicle']
/** The fields both products' vehicles have, with the same types (CASCO's vehicle is checked against them). */
export type VehicleCommon = Pick<
  OsagoVehicle,
  | 'makeId'
  | 'modelId'
  | 'otherName'
  | 'category'
  | 'year'
  | 'powerUnit'
  | 'power'
  | 'vinMissing'
  | 'vin'
  | 'bodyNumber'
  | 'chassisNumber'
  | 'plate'
  | 'registrationDoc'
>

/** The owner block the owner section edits: OSAGO's, and CASCO's shown with the same fields. */
export type OwnerPart = Pick<OsagoDraft, 'ownerIsInsured' | 'owner'>
