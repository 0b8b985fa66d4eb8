/**
 * The Electron transport: the preload bridge's one invoke channel and one event channel.
 * The bridge already returns ApiResults; anything else is treated as an internal error.
 */
import type { ApiEvent, ApiResult } from '../../../core/api';
import type { ArdoiseBridge } from './bridge-types';
import { eventParser, isApiResult, type EventParser } from './events';
import { Listeners, TransportUnavailableError, type ChannelState, type Transport } from './transport';

const INTERNAL: ApiResult<never> = { ok: false, error: { code: 'INTERNAL', messageKey: 'error.internal' } };

/** `parseEvent` checks each event (default: the contract's schemas, loaded with the first listener). */
export function createIpcTransport(bridge: ArdoiseBridge, opts: { parseEvent?: EventParser } = {}): Transport {
  const events = new Listeners<ApiEvent>();
  const parser = eventParser(opts.parseEvent);
  let unsubscribeBridge: (() => void) | null = null;

  // Main's events are listened to once they can be checked: none is received unchecked.
  function listen(): void {
    const parse = parser.get();
    if (unsubscribeBridge || events.size === 0 || !parse) return;
    unsubscribeBridge = bridge.onEvent((raw) => {
      const event = parse(raw);
      if (event) events.emit(event);
    });
  }

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
      if (!unsubscribeBridge) parser.whenReady(listen);
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
