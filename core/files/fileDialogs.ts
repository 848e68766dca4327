import { AppError } from '../app/appError'

/** What kind of file a dialog offers (the shell turns it into its filter list). */
export interface FileKind {
  /** Shown in the dialog's type list, in the user's language. */
  name: string
  extensions: string[]
}

/**
 * The shell's file dialogs. A file the core writes or reads for the user is always chosen here, in the main
 * process: the renderer never hands the core a path (an untrusted page must not name files for it to read).
 */
export interface FileDialogs {
  /** A save dialog; null when the user cancelled. */
  chooseSavePath(suggestedName: string, kind: FileKind): Promise<string | null>
  /** An open dialog for one file; null when the user cancelled. */
  chooseOpenPath(kind: FileKind): Promise<string | null>
  /**
   * A folder dialog (backups: where to keep them, which to restore); null when the user cancelled. Optional: a
   * shell that does not offer it leaves the backup channels saying why they cannot work.
   */
  chooseFolder?(title: string): Promise<string | null>
}

/** Where no shell is attached: the channels that need a dialog say why they cannot work. */
export const noFileDialogs: FileDialogs = {
  chooseSavePath: async () => {
    throw new AppError('CONFLICT', 'files.errors.noDialogs')
  },
  chooseOpenPath: async () => {
    throw new AppError('CONFLICT', 'files.errors.noDialogs')
  },
  chooseFolder: async () => {
    throw new AppError('CONFLICT', 'files.errors.noDialogs')
  },
}

/**
 * Dialogs answered by the test: each call takes the next prepared answer (a path, or null for "cancelled") and
 * is recorded, so a test sees what the user was offered.
 */
export class ScriptedFileDialogs implements FileDialogs {
  readonly asked: Array<
    { dialog: 'save' | 'open'; suggestedName?: string; kind: FileKind } | { dialog: 'folder'; title: string }
  > = []
  private readonly answers: Array<string | null> = []

  answer(...paths: Array<string | null>): void {
    this.answers.push(...paths)
  }

  async chooseSavePath(suggestedName: string, kind: FileKind): Promise<string | null> {
    this.asked.push({ dialog: 'save', suggestedName, kind })
    return this.next()
  }

  async chooseOpenPath(kind: FileKind): Promise<string | null> {
    this.asked.push({ dialog: 'open', kind })
    return this.next()
  }

  async chooseFolder(title: string): Promise<string | null> {
    this.asked.push({ dialog: 'folder', title })
    return this.next()
  }

  private next(): string | null {
    if (this.answers.length === 0) throw new Error('ScriptedFileDialogs: no answer prepared for this dialog')
    return this.answers.shift()!
  }
}
