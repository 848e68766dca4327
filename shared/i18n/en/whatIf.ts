import type ru from '../ru/whatIf'
import type { LocaleFile } from '../schema'

/** "What if…" beside the OSAGO premium and the CASCO comparison (issue 17, decision 110). */
export default {
  whatIf: {
    title: 'What if…',
    hint: 'The same calculation with one change. “Apply” puts it into the form.',
    apply: 'Apply',
    applyLabel: 'Apply: {label}',
    noChange: 'no change',
    column: 'Option {n}',
    columnsLabel: 'Option to compare',
    cascoTotal: 'Total to pay for the option, instalment surcharge included',
    none: 'No other alternatives for this calculation',
    osago: {
      anyDriver: 'Any driver (owner’s KBM class {class})',
      withoutDriver: 'Without driver {name}',
      withoutDriverNumber: 'Without driver no. {n}',
      months: {
        m3: 'Period of use: 3 months',
        m6: 'Period of use: 6 months',
        m9: 'Period of use: 9 months',
      },
      wholeYear: 'Used the whole year, no periods',
    },
    casco: {
      franchise: {
        unconditional: {
          amount: 'Unconditional deductible {value} ₽',
          percent: 'Unconditional deductible {value} % of the sum insured',
        },
        conditional: {
          amount: 'Conditional deductible {value} ₽',
          percent: 'Conditional deductible {value} % of the sum insured',
        },
      },
      settlement: {
        dealer: 'Repair at an official dealer',
        clientChoice: 'Repair at a garage of the client’s choice',
        nonDealer: 'Repair at a non-dealer garage',
        cash: 'Cash payout by the insurer’s estimate',
      },
      plan: {
        single: 'Paid in one payment',
        two: 'Paid in two payments',
        four: 'Paid in four payments',
      },
    },
  },
} as const satisfies LocaleFile<typeof ru>
