/**
 * One staff-credential check for signing in and for a supervisor deciding at an agent's desk:
 * one failure counter per username, kept in the store (it survives a restart), every failure
 * audited, the same pause — and hashing off the main thread.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../../src/core/api';
import { createAppHost, type AppHost } from '../../../src/main/app';
import { hashPasswordSync, OWASP_SCRYPT, parseHash } from '../../../src/main/security/passwords';
import { MAX_CONSECUTIVE_FAILURES } from '../../../src/main/services/staff-credentials';
import { DEMO_TODAY, newClient, startTestHost, TEST_PASSWORD_COST, testNow, type TestHost } from '../../fixtures/app-host';
import { asScreenSends } from '../../fixtures/money-calls';
import { pendingApproval } from './helpers';

let t: TestHost;
beforeAll(() => {
  t = startTestHost(200);
});
afterAll(() => t.dispose());

const signIn = (host: AppHost, username: string, password: string): Promise<ApiResult<unknown>> =>
  host.dispatcher.dispatch(newClient(), 'session.signIn', { username, password });
const codeOf = (r: ApiResult<unknown>) => (r.ok ? 'ok' : r.error.code);
const failuresAudited = (host: AppHost, username: string) =>
  host.db.$client
    .prepare(`SELECT count(*) FROM audit_log WHERE action = 'credential_failed' AND json_extract(after, '$.username') = ?`)
    .pluck()
    .get(username) as number;

describe('decideHere is no password oracle', () => {
  it('twelve wrong supervisor passwords at an agent’s desk: paused after five, the right one then waits too, every failure audited', async () => {
    const p = await pendingApproval(t.host);
    const base = { interactionId: p.interactionId, approvalId: p.approvalId, decision: 'approve' as const };
    const codes: string[] = [];
    const decideHere = (username: string, password: string) =>
      t.host.dispatcher.dispatch(
        p.agent.client,
        'approvals.decideHere',
        asScreenSends(t.host.db.$client, 'approvals.decideHere', { ...base, username, password }),
      );
    for (let i = 0; i < 12; i++) codes.push(codeOf(await decideHere('supervisor', `guess-${i}`)));
    expect(codes.slice(0, MAX_CONSECUTIVE_FAILURES)).toEqual(Array(MAX_CONSECUTIVE_FAILURES).fill('BAD_CREDENTIALS'));
    expect(codes.slice(MAX_CONSECUTIVE_FAILURES)).toEqual(Array(12 - MAX_CONSECUTIVE_FAILURES).fill('TOO_MANY_ATTEMPTS'));
    const right = await decideHere('supervisor', 'ardoise-supervisor');
    expect(codeOf(right)).toBe('TOO_MANY_ATTEMPTS');
    // The same counter guards signing in: the supervisor's own desk waits as well.
    expect(codeOf(await signIn(t.host, 'supervisor', 'ardoise-supervisor'))).toBe('TOO_MANY_ATTEMPTS');
    // 5 failures + 7 + 1 + 1 refusals during the pause, each on the record with the desk it came from.
    expect(failuresAudited(t.host, 'supervisor')).toBe(14);
    const one = t.host.db.$client
      .prepare(`SELECT actor_id AS actorId, interaction_id AS interactionId, after FROM audit_log WHERE action = 'credential_failed' ORDER BY seq LIMIT 1`)
      .get() as {
      actorId: string;
      interactionId: string;
      after: string;
    };
    expect(one.actorId).toBe(p.agent.userId);
    expect(one.interactionId).toBe(p.interactionId);
    expect(JSON.parse(one.after)).toMatchObject({ username: 'supervisor', purpose: 'decide_at_desk', outcome: 'bad_credentials' });
    expect(one.after).not.toContain('guess-0');
    // The request is still pending: nothing was decided.
    expect(t.host.db.$client.prepare(`SELECT status FROM approval_requests WHERE id = ?`).pluck().get(p.approvalId)).toBe('pending');
    t.host.db.$client.prepare(`DELETE FROM credential_failures`).run();
  });

  it('twenty guesses sent at once are judged in turn: no more than five are checked', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => signIn(t.host, 'senior', `parallel-${i}`)));
    const codes = results.map(codeOf);
    expect(codes.filter((c) => c === 'BAD_CREDENTIALS')).toHaveLength(MAX_CONSECUTIVE_FAILURES);
    expect(codes.filter((c) => c === 'TOO_MANY_ATTEMPTS')).toHaveLength(20 - MAX_CONSECUTIVE_FAILURES);
    t.host.db.$client.prepare(`DELETE FROM credential_failures`).run();
  });

  it('unknown usernames are counted and paused the same way (the answer says nothing about who exists)', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 6; i++) codes.push(codeOf(await signIn(t.host, 'Nobody.Here', `x${i}`)));
    expect(codes).toEqual(['BAD_CREDENTIALS', 'BAD_CREDENTIALS', 'BAD_CREDENTIALS', 'BAD_CREDENTIALS', 'BAD_CREDENTIALS', 'TOO_MANY_ATTEMPTS']);
    expect(failuresAudited(t.host, 'nobody.here')).toBe(6);
  });

  it('a password check never holds up another call: hashing runs off the main thread', async () => {
    const order: string[] = [];
    const slow = signIn(t.host, 'agent2', 'ardoise-agent').then(() => order.push('signIn'));
    const quick = t.host.dispatcher.dispatch(newClient(), 'system.info', {}).then(() => order.push('system.info'));
    await Promise.all([slow, quick]);
    expect(order).toEqual(['system.info', 'signIn']);
  });
});

describe('the counter and the pause survive a restart', () => {
  it('five failures, restart, and the username is still paused', async () => {
    const t2 = startTestHost(50);
    try {
      for (let i = 0; i < 5; i++) expect(codeOf(await signIn(t2.host, 'agent', `wrong-${i}`))).toBe('BAD_CREDENTIALS');
      t2.host.close();
      const host = createAppHost({
        dataDir: t2.dataDir,
        transport: 'http',
        demoCustomers: 50,
        demoSeed: 7,
        demoToday: DEMO_TODAY,
        clock: testNow,
        passwordCost: TEST_PASSWORD_COST,
      });
      (t2 as { host: AppHost }).host = host;
      expect(codeOf(await signIn(host, 'agent', 'ardoise-agent'))).toBe('TOO_MANY_ATTEMPTS');
    } finally {
      t2.dispose();
    }
  });
});

describe('password cost', () => {
  it('a hash weaker than OWASP’s minimum is re-made at N=2^17 on the next successful sign-in, and audited', async () => {
    const t3 = startTestHost(20);
    try {
      t3.host.close();
      // A host at the production cost over the same store.
      const host = createAppHost({ dataDir: t3.dataDir, transport: 'http', demoCustomers: 20, demoSeed: 7, demoToday: DEMO_TODAY, clock: testNow });
      (t3 as { host: AppHost }).host = host;
      const weak = hashPasswordSync('ardoise-agent', { cost: { N: 2 ** 14, r: 8, p: 1 }, salt: Buffer.alloc(16, 7) });
      host.db.$client.prepare(`UPDATE users SET password_hash = ? WHERE username = 'agent2'`).run(weak);
      expect(codeOf(await signIn(host, 'agent2', 'ardoise-agent'))).toBe('ok');
      const stored = host.db.$client.prepare(`SELECT password_hash FROM users WHERE username = 'agent2'`).pluck().get() as string;
      expect(parseHash(stored)?.cost).toEqual(OWASP_SCRYPT);
      expect(host.db.$client.prepare(`SELECT count(*) FROM audit_log WHERE action = 'password_rehashed'`).pluck().get()).toBe(1);
      // And the new hash still opens the door.
      expect(codeOf(await signIn(host, 'agent2', 'ardoise-agent'))).toBe('ok');
    } finally {
      t3.dispose();
    }
  });
});
