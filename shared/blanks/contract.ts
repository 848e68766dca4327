import { z } from 'zod'
import { channel } from '../contract/channel'
import type { ListPage } from '../contract/listPage'
import {
  listBlanksInput,
  receiveRangeInput,
  spoilBlankInput,
  type Blank,
  type BlankStock,
  type ReceivedRange,
} from './schemas'
import { ADMINS, BLANK_SPOILERS, BLANK_VIEWERS } from '../staff/roleGroups'

/** Paper OSAGO blanks (BSO): the admin receives them; the counter sees the stock; a supervisor may spoil one. */
export const blanksContract = {
  'blanks/receive-range': channel<ReceivedRange>()({ input: receiveRangeInput, access: ADMINS }),
  'blanks/list-blanks': channel<ListPage<Blank>>()({ input: listBlanksInput, access: BLANK_VIEWERS }),
  'blanks/get-stock': channel<BlankStock>()({ input: z.strictObject({}).optional(), access: BLANK_VIEWERS }),
  'blanks/spoil-blank': channel<Blank>()({ input: spoilBlankInput, access: BLANK_SPOILERS }),
} as const
