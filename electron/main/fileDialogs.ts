import { dialog, type BrowserWindow } from 'electron'
import { extname } from 'node:path'
import type { FileDialogs, FileKind } from '../../core/files/fileDialogs'

/**
 * The core's file dialogs as the system shows them, over the user's window. A name typed without the file's
 * extension gets it, so HQ's import recognises the file.
 */
export function createElectronFileDialogs(opts: { parentWindow: () => BrowserWindow | null }): FileDialogs {
  const filters = (kind: FileKind) => [{ name: kind.name, extensions: kind.extensions }]
  return {
    async chooseSavePath(suggestedName, kind) {
      const parent = opts.parentWindow()
      const options = { defaultPath: suggestedName, filters: filters(kind) }
      const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options)
      if (result.canceled || !result.filePath) return null
      const ext = extname(result.filePath).slice(1).toLowerCase()
      return kind.extensions.includes(ext) ? result.filePath : `${result.filePath}.${kind.extensions[0]}`
    },
    async chooseOpenPath(kind) {
      const parent = opts.parentWindow()
      const options = { properties: ['openFile' as const], filters: filters(kind) }
      const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options)
      return result.canceled ? null : (result.filePaths[0] ?? null)
    },
    async chooseFolder(title) {
      const parent = opts.parentWindow()
      const options = { title, properties: ['openDirectory' as const, 'createDirectory' as const] }
      const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options)
      return result.canceled ? null : (result.filePaths[0] ?? null)
    },
  }
}
