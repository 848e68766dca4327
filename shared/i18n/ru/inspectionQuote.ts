/** Choosing the CASCO quote an inspection is for. */
export default {
  inspection: { ui: { forQuote: 'Расчёт КАСКО, по которому проводится осмотр', withoutQuote: 'Без расчёта КАСКО' } },
} as const
