import type { ApiErrorBody } from '../../../core/api';

/** Main's answer that the call a request was for is over (wrapped up elsewhere) or not this agent's. */
export function isCallLost(error: ApiErrorBody): boolean {
  return error.code === 'INTERACTION_ENDED' || error.code === 'NOT_FOUND';
}
