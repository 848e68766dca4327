import { z } from 'zod'
import { channel } from '../contract/channel'
import { createStaffInput, resetPasswordInput, updateStaffInput, type StaffMember } from './schemas'

export const staffContract = {
  'staff/list-staff': channel<StaffMember[]>()({ input: z.strictObject({}).optional(), access: ['admin'] }),
  'staff/create-staff': channel<StaffMember>()({ input: createStaffInput, access: ['admin'] }),
  'staff/update-staff': channel<StaffMember>()({ input: updateStaffInput, access: ['admin'] }),
  'staff/reset-password': channel<StaffMember>()({ input: resetPasswordInput, access: ['admin'] }),
} as const
