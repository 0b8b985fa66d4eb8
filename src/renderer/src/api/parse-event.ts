/**
 * An ApiEvent from the event channel, checked against its schema in the contract. Its own module:
 * the contract's schemas (zod) are loaded with the first event listener, not at a cold start.
 */
import { parseEvent, type ApiEvent } from '../../../core/api';

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
