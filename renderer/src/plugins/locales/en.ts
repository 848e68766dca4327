import type { MessageSchema } from '@shared/i18n/messages'

/**
 * Every English namespace (shared/i18n/en/*.ts), merged: a chunk of its own, imported by plugins/i18n.ts only when
 * English is chosen. A glob, so a new namespace file needs no line here; i18n.test.ts checks the merge against
 * shared/i18n/messages.ts.
 */
const files = import.meta.glob<object>('@shared/i18n/en/*.ts', { eager: true, import: 'default' })

export default Object.assign({}, ...Object.values(files)) as MessageSchema
