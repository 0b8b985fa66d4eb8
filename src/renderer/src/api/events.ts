/**
 * Validation of what crosses the wire into the renderer: an ApiResult from a call (checked just
 * enough that the UI never crashes on it), an ApiEvent from the event channel (checked against
 * its schema in the contract).
 */
import { isApiErrorBody, parseEvent, type ApiEvent, type ApiResult } from '../../../core/api';

export function isApiResult(value: unknown): value is ApiResult<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { ok?: unknown; value?: unknown; error?: unknown };
  if (v.ok === true) return 'value' in v;
  if (v.ok === false) return isApiErrorBody(v.error);
  return false;
}

/**
 * An ApiEvent from its JSON text or parsed value, checked against the contract's event schemas
 * (src/core/api/events.ts); null for anything unknown or malformed.
 */
export function parseApiEvent(raw: unknown): ApiEvent | null {
  if (typeof raw !== 'string') return parseEvent(raw);
  try {
    return parseEvent(JSON.parse(raw));
  } catch {
    return null;
  }
}
