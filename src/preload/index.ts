/**
 * Rule: the page gets two functions and nothing else — no ipcRenderer, no channel names to
 * choose, no IpcRendererEvent (its `sender` is ipcRenderer itself). Runs sandboxed, so it is
 * bundled into one CommonJS file whose only import is 'electron'; from core only types.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ApiEvent, ApiResult } from '../core/api';
import type { ArdoiseBridge } from './bridge';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './channels';

const bridge: ArdoiseBridge = {
  invoke(method: string, input: unknown): Promise<ApiResult<unknown>> {
    return ipcRenderer.invoke(INVOKE_CHANNEL, method, input) as Promise<ApiResult<unknown>>;
  },
  onEvent(listener: (event: ApiEvent) => void): () => void {
    // Only the payload crosses into the page.
    const wrapped = (_event: IpcRendererEvent, payload: ApiEvent): void => listener(payload);
    ipcRenderer.on(EVENT_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('ardoise', bridge);
