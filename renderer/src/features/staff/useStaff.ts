import { ref } from 'vue'
import type { ChannelInput } from '@shared/contract'
import type { StaffMember } from '@shared/staff/schemas'
import { call } from '../../api/client'

/** The admin's staff screen: the branch's people, and the changes the admin makes to them. */
export function useStaff() {
  const members = ref<StaffMember[]>([])

  async function load() {
    const r = await call('staff/list-staff')
    if (r.ok) members.value = r.value
    return r
  }

  return {
    members,
    load,
    create: (input: ChannelInput<'staff/create-staff'>) => call('staff/create-staff', input),
    update: (input: ChannelInput<'staff/update-staff'>) => call('staff/update-staff', input),
    setActive: (m: StaffMember, active: boolean) =>
      call('staff/update-staff', { id: m.id, rowVersion: m.rowVersion, active }),
    resetPassword: (id: string, newPassword: string) => call('staff/reset-password', { id, newPassword }),
  }
}
