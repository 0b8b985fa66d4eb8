/**
 * Validation of what crosses the wire into the renderer: an ApiResult from a call (checked just
 * enough that the UI never crashes on it), an ApiEvent from the event channel (checked against
 * its schema in the contract, ./parse-event.ts — loaded with the first listener).
 */
import type { ApiEvent, ApiResult } from '../../../core/api';
import { isApiErrorBody } from '../../../core/api/errors';

export function isApiResult(value: unknown): value is ApiResult<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { ok?: unknown; value?: unknown; error?: unknown };
  if (v.ok === true) return 'value' in v;
  if (v.ok === false) return isApiErrorBody(v.error);
  return false;
}

/** An ApiEvent from its JSON text or parsed value; null for anything unknown or malformed. */
export type EventParser = (raw: unknown) => ApiEvent | null;

export interface EventParserHolder {
  /** The parser, once loaded (always before a transport delivers an event). */
  get(): EventParser | null;
  /** Runs `then` at once when the parser is loaded, else once it is (a failed load is retried next time). */
  whenReady(then: () => void): void;
}

/**
 * The event parser of a transport: `given` (tests), else the contract's schemas loaded on the
 * first listener — nothing listens before someone is signed in, so a cold start does without them.
 */
export function eventParser(
  given?: EventParser,
  load: () => Promise<EventParser> = () => import('./parse-event').then((m) => m.parseApiEvent),
): EventParserHolder {
  let parse: EventParser | null = given ?? null;
  let loading: Promise<EventParser> | null = null;
  return {
    get: () => parse,
    whenReady(then) {
      if (parse) return then();
      loading ??= load();
      loading.then(
        (p) => {
          parse = p;
          then();
        },
        () => {
          loading = null;
        },
      );
    },
  };
}
