import type ru from '../ru/documentVerify'
import type { LocaleFile } from '../schema'

export default {
  documentVerify: {
    verdict: {
      valid: 'The document is genuine, unchanged and in force.',
      validQr:
        'The document is genuine and in force. A QR code cannot prove the text on paper: compare it with the document or check the PDF.',
      notInForce: 'The document is genuine but no longer in force: {reasons}.',
      altered: 'The document was altered: its text differs from the text issued {issued}. Do not accept it.',
      mismatch: 'The QR code does not match the issued document: the hash differs. The document is forged.',
      unknown:
        'The company never issued a document numbered {id} (or the branch has not sent it to HQ yet). Do not accept it without checking with the branch.',
      noStamp: 'The document carries no «Проверка подлинности» mark: it cannot be checked.',
      unreadable: 'This is neither a PDF file nor the text of a Branch Desk QR code.',
    },
    reasons: {
      terminated: 'the contract was terminated as of {date}',
      discarded: 'the policy was cancelled',
      duplicate: 'a duplicate policy was issued on {date} and the earlier blank declared lost',
      reissued: 'the policy was re-issued on a new blank on {date}',
      superseded: 'replaced by the document of {date}',
    },
    issued: 'on {date} at branch {branch}',
  },
} satisfies LocaleFile<typeof ru>
