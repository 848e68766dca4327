import { beforeEach, describe, expect, it, vi } from 'vitest'

/** Electron is mocked: what the shell asks of the system dialogs, and how their answers reach the core. */
const state = vi.hoisted(() => ({
  save: { canceled: false, filePath: '' } as { canceled: boolean; filePath?: string },
  open: { canceled: false, filePaths: [] as string[] },
  calls: [] as Array<{ kind: 'save' | 'open'; args: unknown[] }>,
}))

vi.mock('electron', () => ({
  dialog: {
    showSaveDialog: vi.fn(async (...args: unknown[]) => {
      state.calls.push({ kind: 'save', args })
      return state.save
    }),
    showOpenDialog: vi.fn(async (...args: unknown[]) => {
      state.calls.push({ kind: 'open', args })
      return state.open
    }),
  },
}))

const { createElectronFileDialogs } = await import('./fileDialogs')
const KIND = { name: 'Файл обмена Branch Desk', extensions: ['bdbundle'] }

beforeEach(() => {
  state.calls.length = 0
})

describe('electron file dialogs', () => {
  it('offers the suggested name and the kind over the parent window; adds a missing extension', async () => {
    const parent = { id: 1 }
    const dialogs = createElectronFileDialogs({ parentWindow: () => parent as never })
    state.save = { canceled: false, filePath: '/media/usb/to-hq' }
    expect(await dialogs.chooseSavePath('branch-desk-1.bdbundle', KIND)).toBe('/media/usb/to-hq.bdbundle')
    expect(state.calls[0]!.args).toEqual([
      parent,
      { defaultPath: 'branch-desk-1.bdbundle', filters: [{ name: KIND.name, extensions: ['bdbundle'] }] },
    ])
    state.save = { canceled: false, filePath: '/media/usb/to-hq.BDBUNDLE' }
    expect(await dialogs.chooseSavePath('x.bdbundle', KIND)).toBe('/media/usb/to-hq.BDBUNDLE')
  })

  it('answers null when the user cancels either dialog', async () => {
    const dialogs = createElectronFileDialogs({ parentWindow: () => null })
    state.save = { canceled: true }
    state.open = { canceled: true, filePaths: [] }
    expect(await dialogs.chooseSavePath('x.bdbundle', KIND)).toBeNull()
    expect(await dialogs.chooseOpenPath(KIND)).toBeNull()
    expect(state.calls.map((c) => c.args.length)).toEqual([1, 1])
  })

  it('opens one existing file of the kind', async () => {
    const dialogs = createElectronFileDialogs({ parentWindow: () => null })
    state.open = { canceled: false, filePaths: ['/media/usb/answer.bdbundle'] }
    expect(await dialogs.chooseOpenPath(KIND)).toBe('/media/usb/answer.bdbundle')
    expect(state.calls[0]!.args[0]).toEqual({
      properties: ['openFile'],
      filters: [{ name: KIND.name, extensions: ['bdbundle'] }],
    })
  })

  it('chooses a folder (backups), which may be created in the dialog; null when cancelled', async () => {
    const parent = { id: 2 }
    const dialogs = createElectronFileDialogs({ parentWindow: () => parent as never })
    state.open = { canceled: false, filePaths: ['/media/usb/Копии'] }
    expect(await dialogs.chooseFolder!('Папка для резервных копий')).toBe('/media/usb/Копии')
    expect(state.calls[0]!.args).toEqual([
      parent,
      { title: 'Папка для резервных копий', properties: ['openDirectory', 'createDirectory'] },
    ])
    state.open = { canceled: true, filePaths: [] }
    expect(await dialogs.chooseFolder!('x')).toBeNull()
  })
})
