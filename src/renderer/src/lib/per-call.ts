/** What the stores of one call share: what they are given, and how they tell that the call is gone. */
import type { ApiErrorBody } from '../../../core/api';
import type { ApiClient } from '../api/client';
import { needsLoad, type Answer, type LoadableRequest, type LoadOptions } from './loadable';

export interface CallStoreDeps {
  readonly api: Pick<ApiClient, 'call'>;
  /** The call the store belongs to. */
  readonly interactionId: string;
  /** Main says the call is over (wrapped up elsewhere) or not this agent's. */
  readonly onCallLost?: () => void;
}

/** Main's answer that the call a request was for is over (wrapped up elsewhere) or not this agent's. */
export function isCallLost(error: ApiErrorBody): boolean {
  return error.code === 'INTERACTION_ENDED' || error.code === 'NOT_FOUND';
}

/** Tells the call workspace when a failed answer says the call is gone. */
export function noticeCallLost(answer: Answer<unknown> | null, deps: Pick<CallStoreDeps, 'onCallLost'>): void {
  if (answer && !answer.ok && isCallLost(answer.error)) deps.onCallLost?.();
}

/**
 * A call's read of one Loadable field: `load` asks (again), `open` asks only when nothing is
 * shown yet or the last attempt failed; a failure that says the call is gone is told.
 */
export function callRead<T>(
  request: LoadableRequest<T>,
  fetch: () => Promise<T>,
  deps: Pick<CallStoreDeps, 'onCallLost'>,
  opts?: LoadOptions,
): { load(): Promise<void>; open(): void } {
  async function load(): Promise<void> {
    noticeCallLost(await request.load(fetch, opts), deps);
  }
  return {
    load,
    open() {
      if (needsLoad(request.current())) void load();
    },
  };
}
