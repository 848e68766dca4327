import { z } from 'zod'
import { channel } from '../contract/channel'
import { ADMINS } from './roleGroups'
import { createStaffInput, resetPasswordInput, updateStaffInput, type StaffMember } from './schemas'

export const staffContract = {
  'staff/list-staff': channel<StaffMember[]>()({ input: z.strictObject({}).optional(), access: ADMINS }),
  'staff/create-staff': channel<StaffMember>()({ input: createStaffInput, access: ADMINS }),
  'staff/update-staff': channel<StaffMember>()({ input: updateStaffInput, access: ADMINS }),
  'staff/reset-password': channel<StaffMember>()({ input: resetPasswordInput, access: ADMINS }),
} as const
