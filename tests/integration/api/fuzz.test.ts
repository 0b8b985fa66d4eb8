/**
 * At least 1,000 random payloads to every method, signed in and not: the dispatcher never
 * crashes, never leaks an internal error, and every answer is a result or a typed error.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ERROR_CODES, METHOD_NAMES, isApiErrorBody } from '../../../src/core/api';
import { newClient, signIn, startTestHost, storeFingerprint, type TestHost } from '../../fixtures/app-host';

let t: TestHost;
beforeAll(() => {
  t = startTestHost(100);
});
afterAll(() => t.dispose());

/** Random inputs: anything at all, plus near-misses of real inputs that reach the handlers. */
const payload = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.record(
    {
      query: fc.oneof(
        fc.string({ maxLength: 130 }),
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        fc.constantFrom('06 12', '+33', 'AR-0', '@', 'é', '"*', 'NEAR(', '0033612345678'),
      ),
      limit: fc.option(fc.integer(), { nil: undefined }),
    },
    { requiredKeys: ['query'] },
  ),
  fc.record({ from: fc.oneof(fc.string({ maxLength: 45 }), fc.stringMatching(/^[+0-9 ().-]{1,40}$/)) }),
  fc.record({ customerId: fc.oneof(fc.uuid(), fc.string()) }),
  fc.record({ locale: fc.oneof(fc.constantFrom('en', 'fr', 'de', ''), fc.string()) }),
  fc.record({ username: fc.string({ maxLength: 70 }), password: fc.string({ maxLength: 300 }) }),
  fc.constant({}),
);

describe('fuzzing the API contract', () => {
  it.each(METHOD_NAMES.map((m) => [m]))('%s: 1,000 random payloads get a result or a typed error', async (method) => {
    const signedIn = newClient();
    await signIn(t.host, signedIn);
    // Restored after a random sign-out without paying scrypt again on every run.
    const session = t.host.sessions.get(signedIn.clientId)!;
    const anonymous = newClient();
    const codes = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(payload, fc.boolean(), async (input, asAgent) => {
        const r = await t.host.dispatcher.dispatch(asAgent ? signedIn : anonymous, method, input);
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) {
          expect(isApiErrorBody(r.error)).toBe(true);
          expect(API_ERROR_CODES).toContain(r.error.code);
          expect(r.error.code).not.toBe('INTERNAL');
          codes.set(r.error.code, (codes.get(r.error.code) ?? 0) + 1);
        }
        // Sign-in with random credentials must never succeed; keep the agent signed in.
        if (method === 'session.signIn') expect(r.ok).toBe(false);
        if (method === 'session.signOut' && asAgent) t.host.sessions.set(signedIn.clientId, session);
      }),
      { numRuns: 1000 },
    );
  });

  it('random method names are refused without touching the store', async () => {
    const before = storeFingerprint(t.host.db.$client);
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.anything()), fc.anything(), async (method, input) => {
        const r = await t.host.dispatcher.dispatch(newClient(), method, input);
        if (typeof method === 'string' && (METHOD_NAMES as string[]).includes(method)) return;
        expect(r).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
      }),
      { numRuns: 1000 },
    );
    expect(storeFingerprint(t.host.db.$client)).toEqual(before);
  });
});
