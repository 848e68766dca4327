import type ru from '../ru/home'
import type { LocaleFile } from '../schema'

/** The home screen. */
export default {
  home: {
    greeting: 'Hello, {name}',
    roleIntro: {
      clerk: 'OSAGO and CASCO at the counter, termination applications.',
      inspector: 'CASCO vehicle inspections: reports, photos, damage — offline too.',
      supervisor: 'CASCO approvals (four-eyes), payout deadlines.',
      admin: 'Branch staff, policy blanks, security settings and the HQ connection.',
    },
    yourSections: 'Your sections',
  },
} satisfies LocaleFile<typeof ru>
