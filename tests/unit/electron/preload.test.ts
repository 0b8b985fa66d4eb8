import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiEvent } from '../../../src/core/api';
import type { ArdoiseBridge } from '../../../src/preload/bridge';

// The preload runs inside Electron; here 'electron' is replaced by recorders so we can see
// exactly what reaches the page.
const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  on: new Map<string, ((...args: unknown[]) => void)[]>(),
  invoke: vi.fn(async (..._args: unknown[]) => ({ ok: true, value: 'pong' })),
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => electron.exposed.set(key, api) },
  ipcRenderer: {
    invoke: electron.invoke,
    on: (channel: string, l: (...args: unknown[]) => void) => electron.on.set(channel, [...(electron.on.get(channel) ?? []), l]),
    removeListener: (channel: string, l: (...args: unknown[]) => void) =>
      electron.on.set(
        channel,
        (electron.on.get(channel) ?? []).filter((x) => x !== l),
      ),
  },
}));

let bridge: ArdoiseBridge;

beforeAll(async () => {
  await import('../../../src/preload/index');
  bridge = electron.exposed.get('ardoise') as ArdoiseBridge;
});

describe('preload bridge', () => {
  it("exposes one object, 'ardoise', with invoke and onEvent and nothing else", () => {
    expect([...electron.exposed.keys()]).toEqual(['ardoise']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'onEvent']);
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function');
  });

  it("invoke goes through the one channel 'ardoise:invoke' with method and input only", async () => {
    await expect(bridge.invoke('system.info', { x: 1 })).resolves.toEqual({ ok: true, value: 'pong' });
    expect(electron.invoke).toHaveBeenCalledExactlyOnceWith('ardoise:invoke', 'system.info', { x: 1 });
  });

  it("onEvent listens on 'ardoise:event' and hands the page the payload only, never the IpcRendererEvent", () => {
    const seen: unknown[][] = [];
    const unsubscribe = bridge.onEvent((...args) => seen.push(args));
    const listeners = electron.on.get('ardoise:event') ?? [];
    expect(listeners).toHaveLength(1);

    const payload: ApiEvent = { name: 'call.incoming', payload: { from: '0612345678', e164: '+33612345678', matches: [] } };
    const ipcEvent = { sender: { send: () => {} }, senderId: 0, ports: [] };
    listeners[0]!(ipcEvent, payload);
    expect(seen).toEqual([[payload]]);

    unsubscribe();
    expect(electron.on.get('ardoise:event')).toEqual([]);
  });
});
