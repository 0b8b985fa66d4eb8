/** What the stores of one call share: what they are given, and how they tell that the call is gone. */
import type { ApiErrorBody } from '../../../core/api';
import type { ApiClient } from '../api/client';
import type { Answer } from './loadable';

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
