/**
 * The two IPC channels of the bridge, shared by preload (renderer side) and main. Nothing else
 * crosses IPC: one request/response channel into the dispatcher, one push channel out of it.
 */

/** Renderer → main: ipcRenderer.invoke(INVOKE_CHANNEL, method, input) → ApiResult. */
export const INVOKE_CHANNEL = 'ardoise:invoke';

/** Main → renderer: webContents.send(EVENT_CHANNEL, ApiEvent). */
export const EVENT_CHANNEL = 'ardoise:event';
