/**
 * Money commands are idempotent. The screen makes one key per intent (a grant, a reversal, a
 * supervisor's decision, a plan change) and sends it with every try of that intent; main keeps
 * the first answer under the key, in the same transaction as the command's effect:
 *   - the same key with the same request, from the same person, gets the first answer back —
 *     whatever happened to the reply (lost after commit, a double click, twenty retries at once);
 *   - the same key with another request, another method or from someone else is CONFLICT
 *     (error.idempotencyMismatch), and nothing is written;
 *   - a call that failed (a typed error) stored nothing: retrying it is deciding again.
 * What is compared is a SHA-256 of the request's canonical JSON, without the key itself and
 * without secrets (a supervisor's password is never hashed into the store). Sync relies on
 * the same keys: a command replayed to the hub is recognised by them.
 */
import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { ApiError } from '../../core/api';
import { canonicalJson } from '../../core/audit';
import { idempotencyQueries, type IdempotencyQueries } from '../store/idempotency';

/** Input fields never hashed into the store. */
const SECRET_FIELDS = new Set(['password', 'idempotencyKey']);

export function requestHash(method: string, input: Record<string, unknown>): string {
  const kept = Object.fromEntries(Object.entries(input).filter(([k, v]) => !SECRET_FIELDS.has(k) && v !== undefined));
  return createHash('sha256')
    .update(`${method}\n${canonicalJson(kept)}`, 'utf8')
    .digest('hex');
}

export class IdempotencyKeys {
  private readonly keys: IdempotencyQueries;

  constructor(
    private readonly client: Database.Database,
    private readonly now: () => Date,
  ) {
    this.keys = idempotencyQueries(client);
  }

  /** The first answer under this key, or undefined when the key is new; CONFLICT on a mismatch. */
  replay<T>(key: string, actorId: string, method: string, input: Record<string, unknown>): T | undefined {
    const row = this.keys.get(key);
    if (!row) return undefined;
    if (row.actorId !== actorId || row.method !== method || row.payloadHash !== requestHash(method, input)) {
      throw new ApiError('CONFLICT', [{ path: 'idempotencyKey', message: 'this key was already used for another request' }], 'error.idempotencyMismatch');
    }
    return JSON.parse(row.result) as T;
  }

  /**
   * Runs `effect` once per key: in ONE transaction, the key is looked up, the effect runs and
   * its answer is stored with the key. `effect` must be synchronous (better-sqlite3).
   */
  run<T>(key: string, actorId: string, method: string, input: Record<string, unknown>, effect: () => T): T {
    return this.client
      .transaction((): T => {
        const first = this.replay<T>(key, actorId, method, input);
        if (first !== undefined) return first;
        const result = effect();
        this.keys.put({ key, actorId, method, payloadHash: requestHash(method, input), result: JSON.stringify(result), createdAt: this.now().toISOString() });
        return result;
      })
      .immediate();
  }
}
