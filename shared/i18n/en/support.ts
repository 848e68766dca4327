import type ru from '../ru/support'
import type { LocaleFile } from '../schema'

export default {
  support: {
    diagnostics: {
      title: 'Diagnostics for support',
      text: 'An archive with the program versions, logs, a database check and the sync state. It holds no client personal data.',
      save: 'Save diagnostics',
      saved: 'Diagnostics saved: {file}',
      fileKind: 'ZIP archive',
      writeFailed: 'Could not write the archive to {path}. Choose another folder',
    },
    startup: {
      title: 'Branch Desk cannot start',
      dataFolder:
        'The program cannot open the branch data folder:\n{path}\n\nWhat to do: check that the drive is connected, has free space and that your user account may write to this folder. Then start Branch Desk again.',
      reference:
        "The program's reference data (tariffs, catalogues) is damaged:\n{path}\n\nWhat to do: reinstall Branch Desk, the same or a newer version — the branch data is kept.",
      database:
        "The branch database could not be opened:\n{path}\n\nWhat to do: close every Branch Desk window and start the program again. If the error repeats, do not delete the program's files — contact support.",
      installation:
        "The Branch Desk installation is damaged or built for another version.\n\nWhat to do: reinstall Branch Desk from your head office's installer. The branch data is kept.",
      other:
        'An error occurred while starting.\n\nWhat to do: restart the computer and start Branch Desk again. If the error repeats, contact support.',
      logs: 'Log for support: {path}',
    },
  },
} satisfies LocaleFile<typeof ru>
