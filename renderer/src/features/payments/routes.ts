import { sectionRoutes } from '../../navigation'

/** «Касса»: the day's payments journal, its cash report, closing the day (docs/domain/payments.md#cash-day). */
export const paymentsRoutes = sectionRoutes('cash', () => import('./CashDeskView.vue'))
