import { defineFeature } from '../app/feature'
import { paymentsHandlers } from './paymentsHandlers'
import { instalmentHandlers } from './instalmentHandlers'
import { paymentWriteHooks } from './paymentsHooks'

/** The payments journal, the cash day and its report (issue 16; docs/domain/payments.md#cash-day). */
export const paymentsApp = defineFeature({
  name: 'payments',
  handlers: (core) => ({ ...paymentsHandlers(core.db, core.timeZone), ...instalmentHandlers(core) }),
  syncedTables: ['payment', 'cash_day'],
  writeHooks: paymentWriteHooks,
})
