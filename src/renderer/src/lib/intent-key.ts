/**
 * One idempotency key per intent of a money command (main/services/idempotency.ts). The key is
 * made the first time an intent is sent and reused for every retry of the SAME request (a lost
 * reply, a second click); it is forgotten once the intent is done or when the request changes,
 * so the next credit — even one of the same amount — is a new intent with a new key.
 */
import { settle, type Answer, type Lifetime } from './loadable';

export interface IntentKeys {
  /** The key for sending `request`: the current one if it is the same request, else a new one. */
  keyFor(request: unknown): string;
  /** The intent succeeded (or was abandoned): the next request gets a new key. */
  done(): void;
}

export function intentKeys(newKey: () => string = () => crypto.randomUUID()): IntentKeys {
  let current: { request: string; key: string } | null = null;
  return {
    keyFor(request) {
      const text = JSON.stringify(request);
      if (current === null || current.request !== text) current = { request: text, key: newKey() };
      return current.key;
    },
    done() {
      current = null;
    },
  };
}

/**
 * Sends `intent` with its key (`send` makes the api call with it) and forgets the key once it is
 * done; resolves the answer, or null when `life` (the call) ended meanwhile — nothing to apply.
 */
export async function sendIntent<T>(
  keys: IntentKeys,
  intent: unknown,
  send: (idempotencyKey: string) => Promise<T>,
  life?: Lifetime,
): Promise<Answer<T> | null> {
  const answer = await settle(send(keys.keyFor(intent)));
  if (life?.ended) return null;
  if (answer.ok) keys.done();
  return answer;
}
