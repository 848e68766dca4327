import {
  mdiAccountGroup,
  mdiCarSearch,
  mdiCarSettings,
  mdiCheckDecagram,
  mdiCog,
  mdiFileCancel,
  mdiFileDocumentMultiple,
  mdiShieldCar,
} from '@mdi/js'
import type { RouteLocationRaw } from 'vue-router'
import type { Channel } from '@shared/contract'
import type { HomeItem, HomeRecordKind } from '@shared/home/contract'

/**
 * The home screen's «start a task» buttons. Each is shown when the user may call the channel that starts it (the
 * contract's access in shared/, asked through `useCan`), never by naming roles here. `creates`: the record is made
 * at once and opened, as the list's own «new» button does; otherwise the button opens the screen where it starts.
 */
export interface HomeShortcut {
  key: 'newOsago' | 'newCasco' | 'newTermination' | 'newInspection' | 'approvals' | 'staff' | 'blanks' | 'settings'
  channel: Channel
  icon: string
  creates?: 'osago/create-draft' | 'casco/create-quote'
  to?: RouteLocationRaw
}

export const SHORTCUTS: readonly HomeShortcut[] = [
  { key: 'newOsago', channel: 'osago/create-draft', icon: mdiShieldCar, creates: 'osago/create-draft' },
  { key: 'newCasco', channel: 'casco/create-quote', icon: mdiCarSettings, creates: 'casco/create-quote' },
  {
    key: 'newTermination',
    channel: 'termination/register-application',
    icon: mdiFileCancel,
    to: { name: 'termination-new' },
  },
  // The inspections list opens its «which quote?» dialog at once (?new=1).
  {
    key: 'newInspection',
    channel: 'inspection/create',
    icon: mdiCarSearch,
    to: { name: 'inspections', query: { new: '1' } },
  },
  { key: 'approvals', channel: 'approval/decide', icon: mdiCheckDecagram, to: { name: 'approvals' } },
  { key: 'staff', channel: 'staff/create-staff', icon: mdiAccountGroup, to: { name: 'staff' } },
  { key: 'blanks', channel: 'blanks/receive-range', icon: mdiFileDocumentMultiple, to: { name: 'blanks' } },
  { key: 'settings', channel: 'settings/update-security', icon: mdiCog, to: { name: 'settings' } },
]

export function shortcutsFor(can: (channel: Channel) => boolean): HomeShortcut[] {
  return SHORTCUTS.filter((s) => can(s.channel))
}

/** Where a kind's full list is (the «Все…» link). */
export const LIST_ROUTE: Record<HomeRecordKind, string> = {
  osago: 'osago',
  casco: 'casco',
  termination: 'terminations',
  inspection: 'inspections',
}

/** The screen an item opens: its record, or for a case waiting for a decision the supervisor's case screen. */
export function itemRoute(item: HomeItem, deciding = false): RouteLocationRaw {
  if (deciding) return { name: 'approval-case', params: { id: item.id } }
  const name = {
    osago: 'osago-policy',
    casco: 'casco-quote',
    termination: 'termination-application',
    inspection: 'inspection',
  }[item.kind]
  return { name, params: { id: item.id } }
}
