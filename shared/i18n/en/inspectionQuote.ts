export default {
  inspection: { ui: { forQuote: 'CASCO quote the inspection is for', withoutQuote: 'No CASCO quote' } },
} as const
