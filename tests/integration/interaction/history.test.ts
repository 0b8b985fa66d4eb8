/**
 * History at hand, through the dispatcher: the timeline of earlier calls (verified caller only,
 * never another customer's), follow-ups scheduled at wrap-up and marked done (a command, once per
 * key), and the call's recap from its own audit entries.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallRecapView, CustomerTimeline, FollowUpView, GrantResult, InvoiceList, WrapUpResult } from '../../../src/core/api';
import { formatAmount } from '../../../src/core/i18n';
import { startTestHost, storeFingerprint, testNow, type TestHost } from '../../fixtures/app-host';
import { call, clientFor, fails, freshStaff, makeCustomer, ok, unverifiedCall, verifiedCall, type TestClient } from '../discounts/helpers';

let t: TestHost;
let agent: TestClient;
let other: TestClient;
const db = () => t.host.db.$client;
const DAY = 86_400_000;
const inDays = (n: number) => new Date(testNow().getTime() + n * DAY).toISOString();
const goodwill = (amount: number) => ({ kind: 'one_off_credit', reason: 'goodwill', target: 'account', amount });
const count = (sql: string, ...args: unknown[]) =>
  db()
    .prepare(sql)
    .pluck()
    .get(...args) as number;

/** Customer A's first call: a note, a goodwill credit, a promise; then a second call, plain. */
let A: { customerId: string; firstCall: string; secondCall: string; followUp: FollowUpView; creditEntry: string };
let B: { customerId: string; callId: string };

beforeAll(async () => {
  t = startTestHost(60);
  agent = await clientFor(t.host, 'agent');
  other = freshStaff(t.host, 'agent', 'en');
  const a = makeCustomer(db());
  const firstCall = await verifiedCall(t.host, agent, a.customerId);
  await ok(t.host, agent.client, 'notes.add', { interactionId: firstCall, text: 'Asked why roaming was charged in August.' });
  const g = await ok<GrantResult>(t.host, agent.client, 'discounts.grant', { interactionId: firstCall, request: goodwill(500) });
  if (g.status !== 'granted') throw new Error(`expected a grant, got ${g.status}`);
  const w = await ok<WrapUpResult>(t.host, agent.client, 'interaction.wrapUp', {
    interactionId: firstCall,
    disposition: 'credit_granted',
    note: 'Goodwill for the roaming mix-up.',
    followUp: { kind: 'promise', dueAt: inDays(20), text: 'The credit will appear on the next bill.' },
  });
  expect(w.followUp).toMatchObject({ kind: 'promise', customerId: a.customerId, due: false, doneAt: null });
  const secondCall = await verifiedCall(t.host, agent, a.customerId);
  await ok(t.host, agent.client, 'interaction.wrapUp', { interactionId: secondCall, disposition: 'billing_question_answered' });
  A = { customerId: a.customerId, firstCall, secondCall, followUp: w.followUp!, creditEntry: g.ledgerEntryIds[0]! };

  const b = makeCustomer(db());
  const bCall = await verifiedCall(t.host, agent, b.customerId);
  await ok(t.host, agent.client, 'notes.add', { interactionId: bCall, text: 'Customer B private remark.' });
  await ok(t.host, agent.client, 'interaction.wrapUp', { interactionId: bCall, disposition: 'other', note: 'B wrap-up note.' });
  B = { customerId: b.customerId, callId: bCall };
});
afterAll(() => t.dispose());

describe('history.timeline: earlier calls, newest first, after verification only', () => {
  it('is refused on a call whose caller is not verified, and on someone else’s call', async () => {
    const unverified = await unverifiedCall(t.host, agent, A.customerId);
    expect((await fails(t.host, agent.client, 'history.timeline', { interactionId: unverified })).code).toBe('VERIFICATION_REQUIRED');
    const theirs = await verifiedCall(t.host, other, A.customerId);
    // The agent asks with the other agent's (verified) call: it looks like no call at all.
    const e = await fails(t.host, agent.client, 'history.timeline', { interactionId: theirs });
    expect(['NOT_FOUND', 'FORBIDDEN']).toContain(e.code);
    await ok(t.host, other.client, 'interaction.wrapUp', { interactionId: theirs, disposition: 'other' });
    await ok(t.host, agent.client, 'interaction.wrapUp', { interactionId: unverified, disposition: 'no_verification' });
  });

  it('lists date, agent, disposition, notes, credits and follow-ups of each earlier call', async () => {
    const now = await verifiedCall(t.host, agent, A.customerId);
    const tl = await ok<CustomerTimeline>(t.host, agent.client, 'history.timeline', { interactionId: now });
    expect(tl.customerId).toBe(A.customerId);
    const ids = tl.calls.map((c) => c.interactionId);
    expect(ids).not.toContain(now);
    // Newest first.
    expect(ids.indexOf(A.secondCall)).toBeLessThan(ids.indexOf(A.firstCall));
    const starts = tl.calls.map((c) => c.startedAt);
    expect([...starts].sort().reverse()).toEqual(starts);
    const first = tl.calls.find((c) => c.interactionId === A.firstCall)!;
    expect(first).toMatchObject({ disposition: 'credit_granted', note: 'Goodwill for the roaming mix-up.', agentName: expect.any(String) });
    expect(first.endedAt).not.toBeNull();
    expect(first.notes.map((n) => n.text)).toEqual(['Asked why roaming was charged in August.']);
    expect(first.credits).toEqual([
      expect.objectContaining({ ledgerEntryId: A.creditEntry, amount: 500, currency: 'EUR', reason: 'goodwill', kind: 'credit' }),
    ]);
    expect(first.followUps.map((f) => f.followUpId)).toEqual([A.followUp.followUpId]);
    expect(tl.openFollowUps.map((f) => f.followUpId)).toEqual([A.followUp.followUpId]);
    await ok(t.host, agent.client, 'interaction.wrapUp', { interactionId: now, disposition: 'other' });
  });

  it('never returns another customer’s calls, notes or follow-ups', async () => {
    const now = await verifiedCall(t.host, agent, B.customerId);
    const tl = await ok<CustomerTimeline>(t.host, agent.client, 'history.timeline', { interactionId: now });
    const text = JSON.stringify(tl);
    expect(tl.calls.map((c) => c.interactionId)).toEqual([B.callId]);
    for (const leak of [A.customerId, A.firstCall, A.secondCall, A.followUp.followUpId, 'roaming', A.creditEntry]) expect(text).not.toContain(leak);
    expect(tl.openFollowUps).toEqual([]);
    await ok(t.host, agent.client, 'interaction.wrapUp', { interactionId: now, disposition: 'other' });
  });
});

describe('follow-ups', () => {
  it('a wrap-up refuses a follow-up on an unverified call, in the past, too far ahead or with a card number — writing nothing', async () => {
    const unverified = await unverifiedCall(t.host, agent, A.customerId);
    const verified = await verifiedCall(t.host, agent, A.customerId);
    const before = storeFingerprint(db());
    const promise = (dueAt: string, text = 'Call back about the bill.') => ({ kind: 'callback', dueAt, text });
    expect(
      (await fails(t.host, agent.client, 'interaction.wrapUp', { interactionId: unverified, disposition: 'other', followUp: promise(inDays(1)) })).code,
    ).toBe('VERIFICATION_REQUIRED');
    expect(
      (await fails(t.host, agent.client, 'interaction.wrapUp', { interactionId: verified, disposition: 'other', followUp: promise(inDays(-1)) })).code,
    ).toBe('INVALID_INPUT');
    expect(
      (await fails(t.host, agent.client, 'interaction.wrapUp', { interactionId: verified, disposition: 'other', followUp: promise(inDays(400)) })).code,
    ).toBe('INVALID_INPUT');
    expect(
      (await fails(t.host, agent.client, 'interaction.wrapUp', { interactionId: verified, disposition: 'other', followUp: promise('next tuesday') })).code,
    ).toBe('INVALID_INPUT');
    expect(
      (
        await fails(t.host, agent.client, 'interaction.wrapUp', {
          interactionId: verified,
          disposition: 'other',
          followUp: promise(inDays(1), 'Card 4111 1111 1111 1111 to charge'),
        })
      ).code,
    ).toBe('NOTE_REFUSED');
    expect(storeFingerprint(db())).toEqual(before);
    // Accents and another script are text like any other.
    const dueAt = inDays(2);
    const w = await ok<WrapUpResult>(t.host, agent.client, 'interaction.wrapUp', {
      interactionId: verified,
      disposition: 'callback_promised',
      followUp: promise(dueAt, 'Rappeler Hélène — 周二下午'),
    });
    expect(w.followUp).toMatchObject({ kind: 'callback', text: 'Rappeler Hélène — 周二下午', dueAt });
    const outbox = db().prepare(`SELECT payload FROM command_outbox WHERE type = 'interaction.wrapUp' AND interaction_id = ?`).pluck().get(verified) as string;
    expect(JSON.parse(outbox).followUp).toMatchObject({ id: w.followUp!.followUpId, kind: 'callback' });
    await ok(t.host, agent.client, 'interaction.wrapUp', { interactionId: unverified, disposition: 'no_verification' });
  });

  it('lists the agent’s own open follow-ups, soonest first, naming callers as lookups do', async () => {
    const mine = await ok<FollowUpView[]>(t.host, agent.client, 'followUps.mine', {});
    expect(mine.map((f) => f.followUpId)).toContain(A.followUp.followUpId);
    expect(mine.every((f) => f.createdBy === agent.userId && f.doneAt === null)).toBe(true);
    expect([...mine.map((f) => f.dueAt)].sort()).toEqual(mine.map((f) => f.dueAt));
    expect(mine.find((f) => f.followUpId === A.followUp.followUpId)!.callerName).toEqual(expect.any(String));
    expect(await ok<FollowUpView[]>(t.host, other.client, 'followUps.mine', {})).toEqual([]);
  });

  it('is marked done by someone else only on their own verified call with its customer', async () => {
    const id = A.followUp.followUpId;
    const withB = await verifiedCall(t.host, other, B.customerId);
    const agentsCall = await verifiedCall(t.host, agent, A.customerId);
    const before = storeFingerprint(db());
    expect((await fails(t.host, other.client, 'followUps.done', { followUpId: id, idempotencyKey: randomUUID() })).code).toBe('NOT_FOUND');
    expect((await fails(t.host, other.client, 'followUps.done', { followUpId: id, idempotencyKey: randomUUID(), interactionId: withB })).code).toBe(
      'NOT_FOUND',
    );
    // Another agent's call with the right customer is not theirs to use.
    expect((await fails(t.host, other.client, 'followUps.done', { followUpId: id, idempotencyKey: randomUUID(), interactionId: agentsCall })).code).toBe(
      'NOT_FOUND',
    );
    expect(storeFingerprint(db())).toEqual(before);
    await ok(t.host, other.client, 'interaction.wrapUp', { interactionId: withB, disposition: 'other' });
    await ok(t.host, agent.client, 'interaction.wrapUp', { interactionId: agentsCall, disposition: 'other' });
  });

  it('the same command twice (and at once) with one key is done once; the key for another follow-up is a conflict', async () => {
    const withA = await verifiedCall(t.host, other, A.customerId);
    const key = randomUUID();
    const input = { followUpId: A.followUp.followUpId, idempotencyKey: key, interactionId: withA };
    const outboxBefore = count(`SELECT count(*) FROM command_outbox WHERE type = 'followUps.done'`);
    const [r1, r2] = await Promise.all([call(t.host, other.client, 'followUps.done', input), call(t.host, other.client, 'followUps.done', input)]);
    const r3 = await call(t.host, other.client, 'followUps.done', input);
    expect(r1.ok && r2.ok && r3.ok).toBe(true);
    expect(r2).toEqual(r1);
    expect(r3).toEqual(r1);
    const done = (r1 as { value: FollowUpView }).value;
    expect(done).toMatchObject({ followUpId: A.followUp.followUpId, due: false, doneByName: expect.any(String) });
    expect(done.doneAt).not.toBeNull();
    expect(count(`SELECT count(*) FROM command_outbox WHERE type = 'followUps.done'`)).toBe(outboxBefore + 1);
    expect(count(`SELECT count(*) FROM audit_log WHERE action = 'follow_up_done'`)).toBe(1);
    // A new key on a follow-up already done: its state, nothing written.
    const again = await ok<FollowUpView>(t.host, agent.client, 'followUps.done', { followUpId: A.followUp.followUpId, idempotencyKey: randomUUID() });
    expect(again.doneAt).toBe(done.doneAt);
    expect(count(`SELECT count(*) FROM command_outbox WHERE type = 'followUps.done'`)).toBe(outboxBefore + 1);
    // The same key for another request.
    const e = await fails(t.host, other.client, 'followUps.done', { ...input, followUpId: '0190a5b2-0000-7000-8000-000000000009' });
    expect(e.code).toBe('CONFLICT');
    // Done: off the home list and the caller's open follow-ups.
    expect((await ok<FollowUpView[]>(t.host, agent.client, 'followUps.mine', {})).map((f) => f.followUpId)).not.toContain(A.followUp.followUpId);
    const tl = await ok<CustomerTimeline>(t.host, other.client, 'history.timeline', { interactionId: withA });
    expect(tl.openFollowUps.map((f) => f.followUpId)).not.toContain(A.followUp.followUpId);
    expect(tl.calls.find((c) => c.interactionId === A.firstCall)!.followUps[0]!.doneAt).toBe(done.doneAt);
    await ok(t.host, other.client, 'interaction.wrapUp', { interactionId: withA, disposition: 'other' });
  });
});

describe('interaction.recap: the note drafted from the call’s own audit entries', () => {
  it('says what was read out and granted, in the language asked, and suggests the disposition', async () => {
    // A demo customer (bills from the engine) with two bills, in good standing, never credited.
    const customerId = db()
      .prepare(
        `SELECT c.id FROM customers c JOIN accounts a ON a.customer_id = c.id
           JOIN customer_secrets s ON s.customer_id = c.id AND s.account_pin_digest IS NOT NULL
          WHERE c.fraud_flag = 0 AND (SELECT count(*) FROM invoices i WHERE i.account_id = a.id) >= 2
            AND (SELECT count(*) FROM accounts x WHERE x.customer_id = c.id) = 1
            AND NOT EXISTS (SELECT 1 FROM ledger_entries l WHERE l.account_id = a.id)
            AND NOT EXISTS (SELECT 1 FROM invoice_lines il JOIN invoices iv ON iv.id = il.invoice_id WHERE iv.account_id = a.id AND il.kind = 'late-fee')
          ORDER BY c.id LIMIT 1`,
      )
      .pluck()
      .get() as string;
    const interactionId = await verifiedCall(t.host, agent, customerId);
    const empty = await ok<CallRecapView>(t.host, agent.client, 'interaction.recap', { interactionId, locale: 'en' });
    // Verified through the verification panel's method: the recap starts there.
    expect(empty.facts.map((f) => f.kind)).toEqual(['verified']);
    expect(empty.disposition).toBe('billing_question_answered');
    const list = await ok<InvoiceList>(t.host, agent.client, 'billing.invoices', { interactionId });
    const latest = list.invoices[0]!;
    await ok(t.host, agent.client, 'billing.invoice', { interactionId, invoiceId: latest.id });
    await ok(t.host, agent.client, 'billing.compare', { interactionId, invoiceId: latest.id });
    await ok(t.host, agent.client, 'discounts.grant', { interactionId, request: goodwill(300) });
    const en = await ok<CallRecapView>(t.host, agent.client, 'interaction.recap', { interactionId, locale: 'en' });
    expect(en.facts.map((f) => f.kind)).toEqual(['verified', 'bill_compared', 'credit_granted']);
    expect(en.note).toMatch(/^Verified at \d\d:\d\d with .+\.\nExplained the \w+ bill and why it differs from \w+\.\nGranted a €3\.00 goodwill credit\.$/);
    expect(en.disposition).toBe('credit_granted');
    const fr = await ok<CallRecapView>(t.host, agent.client, 'interaction.recap', { interactionId, locale: 'fr' });
    expect(fr.note).toContain(`Accordé\u00a0: geste commercial de ${formatAmount('fr', 300, 'EUR')}.`);
    // The other agent cannot read this call's recap.
    expect((await call(t.host, other.client, 'interaction.recap', { interactionId })).ok).toBe(false);
    await ok(t.host, agent.client, 'interaction.wrapUp', { interactionId, disposition: en.disposition, note: en.note });
  });
});
