import { describe, expect, it } from 'vitest';
import { ApiCallError } from '../../../src/renderer/src/api/client';
import { intentKeys, sendIntent } from '../../../src/renderer/src/lib/intent-key';

describe('one idempotency key per intent', () => {
  it('the same request keeps its key across retries; a changed request or a finished intent gets a new one', () => {
    let n = 0;
    const keys = intentKeys(() => `key-${++n}`);
    const grant = { interactionId: 'i', request: { amount: 500 } };
    expect(keys.keyFor(grant)).toBe('key-1');
    expect(keys.keyFor({ ...grant })).toBe('key-1'); // a retry (lost reply, second click)
    expect(keys.keyFor({ ...grant, request: { amount: 600 } })).toBe('key-2'); // the agent changed the amount
    keys.done(); // granted
    expect(keys.keyFor({ ...grant, request: { amount: 600 } })).toBe('key-3'); // another €6: a new intent
  });

  it('makes real UUIDs by default', () => {
    expect(intentKeys().keyFor({})).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('sendIntent: a refused send keeps the key for the retry, a done one frees it, and nothing is applied once the call has ended', async () => {
    let n = 0;
    const keys = intentKeys(() => `key-${++n}`);
    const sent: string[] = [];
    const refused = await sendIntent(keys, { amount: 500 }, (key) => {
      sent.push(key);
      return Promise.reject(new ApiCallError('credit.grant', { code: 'CONFLICT', messageKey: 'error.conflict' }));
    });
    expect(refused).toEqual({ ok: false, error: { code: 'CONFLICT', messageKey: 'error.conflict' } });
    const done = await sendIntent(keys, { amount: 500 }, (key) => {
      sent.push(key);
      return Promise.resolve('granted');
    });
    expect(done).toEqual({ ok: true, value: 'granted' });
    expect(sent).toEqual(['key-1', 'key-1']); // the retry is the same intent
    const life = { ended: false };
    const late = sendIntent(
      keys,
      { amount: 500 },
      (key) => {
        sent.push(key);
        return Promise.resolve('granted');
      },
      life,
    );
    life.ended = true;
    expect(await late).toBeNull();
    expect(sent[2]).toBe('key-2'); // a new intent after the first was done
  });
});
