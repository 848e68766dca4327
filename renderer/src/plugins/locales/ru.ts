import type { MessageSchema } from '@shared/i18n/messages'

/**
 * Every Russian namespace (shared/i18n/ru/*.ts), merged: a chunk of its own, imported by plugins/i18n.ts when a
 * screen past sign-in needs it. A glob, so a new namespace file needs no line here; i18n.test.ts checks the merge
 * against shared/i18n/messages.ts.
 */
const files = import.meta.glob<object>('@shared/i18n/ru/*.ts', { eager: true, import: 'default' })

export default Object.assign({}, ...Object.values(files)) as MessageSchema
