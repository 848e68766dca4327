import { z } from 'zod'
import { channel } from '../contract/channel'
import { partyDraftSchema } from '../party/draftSchema'
import { idSchema, rowVersionSchema } from '../staff/schemas'
import { requiredDateSchema } from '../validation'
import type { OsagoPolicy } from '../osago/policy'
import { CLIENT_ADMINS, CLIENT_EDITORS, CLIENT_READERS, type ClientCard } from './client'
import type { RetentionList } from './erasure'
import { isExactIdentifier, type RemoteLookupAnswer } from './remoteLookup'

/** What the clerk typed in the search, accepted only when it is an exact identifier (shared/client/remoteLookup.ts). */
const remoteQuerySchema = z
  .string()
  .trim()
  .min(1, { message: 'validation.required' })
  .max(100, { message: 'validation.text.tooLong' })
  .refine(isExactIdentifier, { message: 'client.remote.notExact' })

export const clientContract = {
  /** The card with every record naming the client; each read is audited (152-FZ, docs/domain/personal-data.md). */
  'client/get-card': channel<ClientCard>()({ input: z.strictObject({ id: idSchema }), access: CLIENT_READERS }),
  /**
   * An edit of the card: a new version; the records keep the copy they were made with. The party is checked by
   * `clientCardProblems` (shared/client/cardCheck.ts), its field errors under `party.`.
   */
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
  /**
   * A client of another branch, asked of HQ by an exact identifier when online (docs/domain/personal-data.md
   * #clients-of-other-branches). Nothing of the answer is stored on the device; the read is audited.
   */
  'client/lookup-remote': channel<RemoteLookupAnswer>()({
    input: z.strictObject({ query: remoteQuerySchema }),
    access: CLIENT_EDITORS,
  }),
  /**
   * A new OSAGO application for a client HQ found (asked again by the same identifier): the branch becomes an
   * operator of the client's data for this contract, so the draft carries them; the card follows at issue.
   */
  'client/start-osago-for-remote': channel<OsagoPolicy>()({
    input: z.strictObject({ query: remoteQuerySchema, remoteId: idSchema }),
    access: CLIENT_EDITORS,
  }),
  /** Cards past retention with no contract in force (152-FZ art. 21 p. 7): what the admin may erase. */
  'client/list-retention': channel<RetentionList>()({
    input: z.strictObject({}).optional(),
    access: CLIENT_ADMINS,
  }),
  /**
   * Erases (depersonalises) the cards listed, each still past retention: one act of erasure for all of them, its
   * id answered for printing (`client-erasure-act`). Refused as a whole when any card no longer qualifies.
   */
  'client/erase': channel<{ actId: string; erased: number }>()({
    input: z.strictObject({
      cards: z
        .array(z.strictObject({ id: idSchema, rowVersion: rowVersionSchema }))
        .min(1, { message: 'client.errors.nothingToErase' })
        .max(200, { message: 'client.errors.tooManyToErase' }),
    }),
    access: CLIENT_ADMINS,
  }),
}
