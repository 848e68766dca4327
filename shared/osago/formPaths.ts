import type { OsagoDraft } from './draft'

/**
 * The calculator names fields as its own input does (`drivers[1].licenseSince`, `owner.region`); the form's
 * fields sit elsewhere (`drivers.list.1.licenseSince`, `insured.address.region`). This maps one onto the other so
 * a pricing problem is shown at the field the clerk has to fix.
 */
export function premiumFieldToFormPath(field: string | null, draft: OsagoDraft): string | null {
  if (!field) return null
  const path = field.replace(/\[(\d+)\]/g, '.$1')
  const ownerAddress =
    draft.ownerIsInsured || !draft.owner
      ? 'insured.address'
      : draft.owner.type === 'individual'
        ? 'owner.person.address'
        : 'owner.entity.address'
  if (path === 'conclusionDate' || path === 'startDate') return `contract.${path}`
  if (path.startsWith('periodsOfUse')) return `contract.${path}`
  if (path === 'vehicle.powerHp' || path === 'vehicle.powerKw') return 'vehicle.power'
  if (path === 'owner.region' || path === 'owner.city') return `${ownerAddress}.${path.slice('owner.'.length)}`
  if (path === 'owner.kbmClass') return 'drivers.ownerKbmClass'
  if (path === 'owner.type') return 'owner'
  // The list as a whole (an organisation's policy covers any driver) is the list/unlimited choice.
  if (path === 'drivers') return 'drivers.mode'
  if (/^drivers\.\d+/.test(path)) return path.replace(/^drivers\./, 'drivers.list.')
  return path
}
