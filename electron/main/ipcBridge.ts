import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { CHANNELS } from '../../shared/contract'
import type { CallOrigin, Dispatch } from '../../core/ipc/dispatch'

/**
 * Registers exactly the contract's channels. The core does every check (sender, schema, session, role);
 * this only tells it who is calling: which window, from which frame and URL.
 */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, dispatch: Dispatch): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event, input: unknown) => dispatch(channel, input, originOf(event)))
  }
}

export function originOf(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>): CallOrigin {
  const frame = event.senderFrame
  return {
    clientId: `wc-${event.sender.id}`,
    senderUrl: frame?.url ?? '',
    isMainFrame: Boolean(frame && frame.parent === null),
  }
}
