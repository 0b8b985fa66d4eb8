/**
 * Rule: an IPC message is served only if it comes from the top frame of OUR main window, and
 * that frame is showing OUR origin. Anything else — another webContents, a subframe, a page
 * that navigated away, a frame already gone — gets a typed BAD_ORIGIN and never reaches the
 * dispatcher. Who the client is comes from the sender's webContents id, never from the message.
 *
 * Two channels only (src/preload/channels.ts): one invoke channel into the dispatcher, one
 * event channel forwarding that window's SessionRegistry events.
 */
import { apiErrorBody, type ApiEvent, type ApiResult } from '../../core/api';
import type { Dispatcher } from '../api/dispatcher';
import type { ClientContext } from '../api/sessions';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../preload/channels';
import { isTrustedUrl } from './origin';

export interface SenderFrame {
  readonly url: string;
  /** null for a top-level frame (Electron's WebFrameMain.parent). */
  readonly parent: unknown;
}

export interface InvokeEvent {
  readonly sender: { readonly id: number };
  /** null when the frame navigated or was destroyed before the message was handled. */
  readonly senderFrame: SenderFrame | null;
}

export interface SenderPolicy {
  readonly origin: string;
  /** Asked per message: the main window can be closed or replaced. */
  isMainWindow(sender: { readonly id: number }): boolean;
}

export function ipcClientId(contents: { readonly id: number }): string {
  return `ipc:${contents.id}`;
}

export function isTrustedSender(event: InvokeEvent, policy: SenderPolicy): boolean {
  const frame = event.senderFrame;
  if (!frame) return false;
  if (frame.parent !== null) return false;
  if (!isTrustedUrl(frame.url, policy.origin)) return false;
  return policy.isMainWindow(event.sender);
}

export type InvokeHandler = (event: InvokeEvent, method: unknown, input: unknown) => Promise<ApiResult<unknown>>;

export function createInvokeHandler(dispatcher: Dispatcher, policy: SenderPolicy, onInternalError: (err: unknown) => void = () => {}): InvokeHandler {
  return async (event, method, input) => {
    if (!isTrustedSender(event, policy)) return { ok: false, error: apiErrorBody('BAD_ORIGIN') };
    const client: ClientContext = { transport: 'ipc', clientId: ipcClientId(event.sender) };
    try {
      return await dispatcher.dispatch(client, method, input);
    } catch (err) {
      // The dispatcher already turns handler failures into ApiResults; this is the last net so
      // an Error (and its stack) never crosses IPC as a rejected promise.
      onInternalError(err);
      return { ok: false, error: apiErrorBody('INTERNAL') };
    }
  };
}

export interface InvokeRegistrar {
  handle(channel: string, listener: (event: InvokeEvent, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/** Registers the one invoke channel; returns its removal. */
export function registerInvokeChannel(ipc: InvokeRegistrar, handler: InvokeHandler): () => void {
  ipc.handle(INVOKE_CHANNEL, (event, method, input) => handler(event, method, input));
  return () => ipc.removeHandler(INVOKE_CHANNEL);
}

export interface EventRecipient {
  readonly id: number;
  isDestroyed(): boolean;
  getURL(): string;
  send(channel: string, ...args: unknown[]): void;
  once(event: 'destroyed', listener: () => void): unknown;
}

export interface EventSource {
  subscribe(clientId: string, listener: (event: ApiEvent) => void): () => void;
  delete(clientId: string): void;
}

/**
 * Forwards this window's events (e.g. 'call.incoming') on the event channel. Nothing is sent
 * unless the window still shows our origin: events carry caller data. When the webContents is
 * destroyed its session ends too — the client id dies with it.
 */
export function forwardSessionEvents(sessions: EventSource, contents: EventRecipient, origin: string): () => void {
  const clientId = ipcClientId(contents);
  const unsubscribe = sessions.subscribe(clientId, (event) => {
    if (contents.isDestroyed() || !isTrustedUrl(contents.getURL(), origin)) return;
    contents.send(EVENT_CHANNEL, event);
  });
  contents.once('destroyed', () => {
    unsubscribe();
    sessions.delete(clientId);
  });
  return unsubscribe;
}
