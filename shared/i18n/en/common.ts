import type ru from '../ru/common'
import type { LocaleFile } from '../schema'

export default {
  common: {
    save: 'Save',
    cancel: 'Cancel',
    close: 'Close',
    edit: 'Edit',
    create: 'Create',
    yes: 'Yes',
    no: 'No',
    loading: 'Loading…',
    saved: 'Saved',
    actions: 'Actions',
    language: 'Language',
    loadMore: 'Show more',
    shownOf: 'Showing {shown} of {total}',
    shownOfAtLeast: 'Showing {shown} of {total}+',
    refineSearch: 'The {total} newest are shown — narrow the search',
    undo: 'Undo',
    deleteFailed: 'Could not delete: {reason} The record is still there.',
    draftDeleted: 'Draft deleted',
    quoteDeleted: 'Quote deleted',
    shortcutCtrlEnter: 'Ctrl+Enter',
    formField: 'Form field',
    andMore: 'and {count} more',
  },
} satisfies LocaleFile<typeof ru>
