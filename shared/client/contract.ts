import { z } from 'zod'
import { channel } from '../contract/channel'
import { partyDraftSchema } from '../party/draftSchema'
import { idSchema, rowVersionSchema } from '../staff/schemas'
import { requiredDateSchema } from '../validation'
import { CLIENT_ADMINS, CLIENT_EDITORS, CLIENT_READERS, type ClientCard } from './client'

export const clientContract = {
  /** The card with every record naming the client; each read is audited (152-FZ, docs/domain/personal-data.md). */
  'client/get-card': channel<ClientCard>()({ input: z.strictObject({ id: idSchema }), access: CLIENT_READERS }),
  /** An edit of the card: a new version; the records keep the copy they were made with. */
  'client/update-card': channel<ClientCard>()({
    input: z.strictObject({ id: idSchema, rowVersion: rowVersionSchema, party: partyDraftSchema }),
    access: CLIENT_EDITORS,
  }),
  /** The client's signed consent to the processing of personal data, with the text version in force that day. */
  'client/record-consent': channel<ClientCard>()({
    input: z.strictObject({ id: idSchema, rowVersion: rowVersionSchema, givenOn: requiredDateSchema }),
    access: CLIENT_EDITORS,
  }),
  /** Two cards of one client: `mergeId`'s records move to `keepId`, which gains what it lacked; audited. */
  'client/merge': channel<ClientCard>()({
    input: z.strictObject({ keepId: idSchema, mergeId: idSchema }),
    access: CLIENT_ADMINS,
  }),
}
