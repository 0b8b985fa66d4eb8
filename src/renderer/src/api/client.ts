/**
 * The one `api` object the renderer talks to, typed from the contract. It does not know which
 * transport it has. A `{ ok: false }` result becomes a thrown ApiCallError carrying the typed
 * ApiErrorBody; a transport that cannot reach main becomes an ApiCallError too (code INTERNAL,
 * message key `error.unreachable`), so every screen handles one kind of failure.
 */
import type { ApiErrorBody, ApiEvent, MethodInput, MethodName, MethodOutput } from '../../../core/api';
import { Listeners, TransportUnavailableError, type Transport, type TransportKind } from './transport';

export const UNREACHABLE: ApiErrorBody = { code: 'INTERNAL', messageKey: 'error.unreachable' };
const INTERNAL: ApiErrorBody = { code: 'INTERNAL', messageKey: 'error.internal' };

export class ApiCallError extends Error {
  override readonly name = 'ApiCallError';

  constructor(
    readonly method: string,
    readonly body: ApiErrorBody,
    /** True when main could not be reached at all (no answer, timeout). */
    readonly unreachable = false,
  ) {
    super(`${method} failed: ${body.code}`);
  }

  get code(): ApiErrorBody['code'] {
    return this.body.code;
  }
}

/** The error body to show for anything a call may throw. */
export function errorBodyOf(err: unknown): ApiErrorBody {
  return err instanceof ApiCallError ? err.body : INTERNAL;
}

/** What the agent sees of the link to main. */
export type ConnectionStatus = 'connected' | 'reconnecting' | 'offline';

export interface ApiClient {
  readonly transport: TransportKind;
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  onEvent(listener: (event: ApiEvent) => void): () => void;
  status(): ConnectionStatus;
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
  /** Main answered UNAUTHENTICATED to a call: the session it held for us is gone. */
  onSessionLost(listener: () => void): () => void;
}

export function createApiClient(transport: Transport): ApiClient {
  const statuses = new Listeners<ConnectionStatus>();
  const sessionLost = new Listeners<void>();
  let reachable = true;
  let current: ConnectionStatus = compute();

  function compute(): ConnectionStatus {
    if (!reachable) return 'offline';
    return transport.channelState() === 'reconnecting' ? 'reconnecting' : 'connected';
  }

  function refresh(): void {
    const next = compute();
    if (next === current) return;
    current = next;
    statuses.emit(next);
  }

  transport.onChannelState(refresh);

  return {
    transport: transport.kind,

    async call(method, input) {
      let result;
      try {
        result = await transport.invoke(method, input);
      } catch (err) {
        if (err instanceof TransportUnavailableError) {
          reachable = false;
          refresh();
          throw new ApiCallError(method, UNREACHABLE, true);
        }
        throw new ApiCallError(method, INTERNAL);
      }
      reachable = true;
      refresh();
      if (result.ok) return result.value as MethodOutput<typeof method>;
      if (result.error.code === 'UNAUTHENTICATED') sessionLost.emit();
      throw new ApiCallError(method, result.error);
    },

    onEvent: (listener) => transport.subscribe(listener),
    status: () => current,
    onStatus: (listener) => statuses.add(listener),
    onSessionLost: (listener) => sessionLost.add(listener),
  };
}
