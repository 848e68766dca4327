import type ru from '../ru/search'
import type { LocaleFile } from '../schema'

/** The global search (Ctrl+K anywhere): the dialog, its groups and its key hints. */
export default {
  search: {
    open: 'Search',
    shortcut: 'Ctrl+K',
    title: 'Search all records',
    placeholder: 'Policy or contract number, plate, VIN, surname, phone',
    results: 'Records found',
    kinds: {
      osago: 'OSAGO',
      casco: 'CASCO',
      inspection: 'Inspections',
      termination: 'Terminations',
      client: 'Clients',
    },
    prompt: 'Start typing — results appear as you type',
    searching: 'Searching…',
    empty: 'Nothing found',
    failed: 'Search failed: {message}',
    hint: '↑ ↓ — move · Enter — open · Esc — close',
  },
} satisfies LocaleFile<typeof ru>
