/**
 * The Electron transport: the preload bridge's one invoke channel and one event channel.
 * The bridge already returns ApiResults; anything else is treated as an internal error.
 */
import type { ApiEvent, ApiResult } from '../../../core/api';
import type { ArdoiseBridge } from './bridge-types';
import { isApiResult, parseApiEvent } from './events';
import { Listeners, TransportUnavailableError, type ChannelState, type Transport } from './transport';

const INTERNAL: ApiResult<never> = { ok: false, error: { code: 'INTERNAL', messageKey: 'error.internal' } };

export function createIpcTransport(bridge: ArdoiseBridge): Transport {
  const events = new Listeners<ApiEvent>();
  let unsubscribeBridge: (() => void) | null = null;

  return {
    kind: 'ipc',

    async invoke(method, input) {
      let result: unknown;
      try {
        result = await bridge.invoke(method, input);
      } catch (err) {
        throw new TransportUnavailableError(err instanceof Error ? err.message : String(err));
      }
      return isApiResult(result) ? result : INTERNAL;
    },

    subscribe(listener) {
      const off = events.add(listener);
      if (!unsubscribeBridge) {
        unsubscribeBridge = bridge.onEvent((raw) => {
          const event = parseApiEvent(raw);
          if (event) events.emit(event);
        });
      }
      return () => {
        off();
        if (events.size === 0 && unsubscribeBridge) {
          unsubscribeBridge();
          unsubscribeBridge = null;
        }
      };
    },

    // IPC lives as long as the window: there is nothing to reconnect.
    channelState: (): ChannelState => (unsubscribeBridge ? 'open' : 'idle'),
    onChannelState: () => () => {},
  };
}
