import { z } from 'zod'
import { channel } from '../contract/channel'
import { listBlanksInput, receiveRangeInput, spoilBlankInput, type Blank, type BlankStock, type ReceivedRange } from './schemas'

/** Paper OSAGO blanks (BSO): the admin receives them; the counter sees the stock; a supervisor may spoil one. */
export const blanksContract = {
  'blanks/receive-range': channel<ReceivedRange>()({ input: receiveRangeInput, access: ['admin'] }),
  'blanks/list-blanks': channel<{ items: Blank[]; total: number }>()({ input: listBlanksInput, access: ['admin', 'supervisor', 'clerk'] }),
  'blanks/get-stock': channel<BlankStock>()({ input: z.strictObject({}).optional(), access: ['admin', 'supervisor', 'clerk'] }),
  'blanks/spoil-blank': channel<Blank>()({ input: spoilBlankInput, access: ['admin', 'supervisor'] }),
} as const
