/**
 * What every transport offers the API client. Transports carry `{ method, input }` and an
 * ApiResult back; they never interpret results. A transport that cannot reach main at all
 * rejects with TransportUnavailableError (the client turns it into a typed error).
 */
import type { ApiEvent, ApiResult } from '../../../core/api';

export type TransportKind = 'ipc' | 'http' | 'none';

/** The event channel: idle until someone listens, then open, or reconnecting after a drop. */
export type ChannelState = 'idle' | 'open' | 'reconnecting';

export interface Transport {
  readonly kind: TransportKind;
  invoke(method: string, input: unknown): Promise<ApiResult<unknown>>;
  /** Listens to events pushed by main; the channel opens with the first listener. */
  subscribe(listener: (event: ApiEvent) => void): () => void;
  channelState(): ChannelState;
  onChannelState(listener: (state: ChannelState) => void): () => void;
}

export class TransportUnavailableError extends Error {
  override readonly name = 'TransportUnavailableError';
}

/** A tiny listener set, shared by the transports and the client. */
export class Listeners<T> {
  private readonly set = new Set<(value: T) => void>();

  add(listener: (value: T) => void): () => void {
    this.set.add(listener);
    return () => {
      this.set.delete(listener);
    };
  }

  get size(): number {
    return this.set.size;
  }

  emit(value: T): void {
    for (const l of [...this.set]) {
      try {
        l(value);
      } catch (err) {
        // One faulty listener must not stop the others (nor the transport).
        console.error(err);
      }
    }
  }
}

/** The renderer has no way to reach main (browser tab opened without the host's link). */
export function createNoTransport(): Transport {
  return {
    kind: 'none',
    invoke: async () => ({ ok: false, error: { code: 'BAD_TOKEN', messageKey: 'error.badToken' } }),
    subscribe: () => () => {},
    channelState: () => 'idle',
    onChannelState: () => () => {},
  };
}
