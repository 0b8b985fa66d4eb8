import { describe, expect, it } from 'vitest';
import { intentKeys } from '../../../src/renderer/src/lib/intent-key';

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
});
