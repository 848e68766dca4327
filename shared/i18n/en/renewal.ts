import type ru from '../ru/renewal'
import type { LocaleFile } from '../schema'

/** Renewal at the office: the worklist of contracts ending soon, the renewal's links on the forms. */
export default {
  renewal: {
    title: 'Ending in the next {days} days',
    hint: "The branch's contracts that end in the next {days} days and are not renewed yet. Enter on a row renews it.",
    none: 'No contracts end in the next {days} days.',
    columns: {
      client: 'Client',
      phone: 'Phone',
      vehicle: 'Vehicle',
      endDate: 'Ends',
      daysLeft: 'Left',
      product: 'Product',
      action: 'Renewal',
    },
    products: { osago: 'OSAGO', casco: 'CASCO' },
    daysLeft: '{days} d',
    today: 'today',
    renew: 'Renew',
    openRenewal: 'Open the renewal',
    noNumber: 'no number',
    loadMore: 'Show more',
    shown: '{shown} of {total} shown',
    links: {
      renews: 'Renewal of policy {number}',
      renewsCasco: 'Renewal of CASCO contract {number}',
      renewedBy: 'Renewed: {number}',
      renewedByDraft: 'Renewal started (draft)',
      open: 'Open',
    },
    errors: {
      notInForce: 'Only a contract in force (issued and not terminated) can be renewed.',
      tooEarly: 'A renewal is possible no earlier than {days} days before the contract ends — from {date}.',
      ended: 'The contract ended on {date}: it can no longer be renewed; conclude a new contract.',
    },
  },
} as const satisfies LocaleFile<typeof ru>
