/** One «Что если…» row as `WhatIfList.vue` shows it: the alternative's label, its amount and its difference. */
export interface WhatIfRow {
  id: string
  label: string
  amountKopecks: number
  differenceKopecks: number
}
