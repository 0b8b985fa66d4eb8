import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InteractionState, LockedCustomer, LockoutView, VerificationQuestions } from '../../../src/core/api';
import type { VerificationOutcome } from '../../../src/core/verification';
import { uuidv7 } from '../../../src/main/store/ids';
import { storeFingerprint, testNow } from '../../fixtures/app-host';
import { customerWithSecrets, lastInvoiceTotal, spokenAmount, startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(() => {
  h = startHarness();
});
afterAll(() => {
  expect(h.internalErrors).toEqual([]);
  h.dispose();
});

const PIN = '4862';
const DOB = '1961-07-23';
let customerSeq = 0;
/** A fresh customer for each test, so lockout state never leaks between tests. */
function freshCustomer(): { customerId: string; postcode: string } {
  return customerWithSecrets(h, PIN, DOB, customerSeq++);
}

async function startCall(user: string, customerId: string, d = h.ctl) {
  const client = await h.client(user);
  const call = await h.ok<InteractionState>(d, client, 'interaction.start', { customerId, source: 'lookup' });
  return { client, interactionId: call.interactionId };
}

const attempt = (d: typeof h.ctl, client: Awaited<ReturnType<typeof h.client>>, interactionId: string, answers: Record<string, string>) =>
  h.ok<VerificationOutcome>(d, client, 'verification.attempt', { interactionId, answers });

/** A customer who joined today: date of birth and address on file, no PIN, no invoice yet. */
function newCustomerWithoutInvoice(): string {
  const [customerId, addressId, accountId] = [uuidv7(), uuidv7(), uuidv7()];
  const at = testNow().toISOString();
  h.db
    .prepare(
      `INSERT INTO customers (id, given_name, family_name, date_of_birth, category, country, locale, created_at) VALUES (?, 'Nouveau', 'Client', ?, 'residential', 'FR', 'fr', ?)`,
    )
    .run(customerId, DOB, at);
  h.db
    .prepare(`INSERT INTO addresses (id, customer_id, line1, postcode, city, country) VALUES (?, ?, '1 rue Neuve', '75011', 'Paris', 'FR')`)
    .run(addressId, customerId);
  h.db
    .prepare(`INSERT INTO accounts (id, customer_id, number, currency, status, opened_on) VALUES (?, ?, 'AR-99999999', 'EUR', 'active', ?)`)
    .run(accountId, customerId, at.slice(0, 10));
  return customerId;
}

const attemptRows = (customerId: string) => h.db.prepare(`SELECT count(*) FROM verification_attempts WHERE customer_id = ?`).pluck().get(customerId) as number;

describe('which questions to ask', () => {
  it('asks the PIN first (non-public) and a public question, never giving an answer', async () => {
    const { customerId, postcode } = freshCustomer();
    const { client, interactionId } = await startCall('agent', customerId);
    const q = await h.ok<VerificationQuestions>(h.ctl, client, 'verification.questions', { interactionId });
    expect(q).toMatchObject({
      available: true,
      ask: ['date_of_birth', 'account_pin'],
      alternatives: ['postcode', 'last_invoice_amount'],
      nonPublic: ['account_pin', 'last_invoice_amount'],
      requiredPasses: 2,
      requireNonPublic: true,
      currency: 'EUR',
      verified: false,
      lockout: { locked: false, attemptsLeft: 5, maxConsecutiveFailures: 5, consecutiveFailures: 0, mode: 'online', lockedUntil: null, reason: null },
    });
    const json = JSON.stringify(q);
    for (const secret of [PIN, DOB, postcode, String(lastInvoiceTotal(h.db, customerId))]) expect(json).not.toContain(secret);
  });

  it('falls back to the last invoice amount when the customer has no PIN', async () => {
    const { customerId } = freshCustomer();
    h.db.prepare(`UPDATE customer_secrets SET account_pin = NULL, account_pin_digest = NULL WHERE customer_id = ?`).run(customerId);
    const { client, interactionId } = await startCall('agent', customerId);
    const q = await h.ok<VerificationQuestions>(h.ctl, client, 'verification.questions', { interactionId });
    expect(q.ask).toEqual(['date_of_birth', 'last_invoice_amount']);
    expect(q.alternatives).toEqual(['postcode']);
    const amount = spokenAmount(lastInvoiceTotal(h.db, customerId));
    expect(await attempt(h.ctl, client, interactionId, { date_of_birth: '23/07/1961', last_invoice_amount: `${amount} €` })).toMatchObject({
      status: 'passed',
    });
  });

  it('says verification is unavailable for a new customer (no PIN, never billed), and counts nothing', async () => {
    const customerId = newCustomerWithoutInvoice();
    const { client, interactionId } = await startCall('agent', customerId);
    const q = await h.ok<VerificationQuestions>(h.ctl, client, 'verification.questions', { interactionId });
    expect(q).toMatchObject({ available: false, ask: [], alternatives: [], nonPublic: [] });
    const before = storeFingerprint(h.db);
    expect(await attempt(h.ctl, client, interactionId, { date_of_birth: DOB, postcode: '75011' })).toEqual({
      status: 'unavailable',
      reason: 'not_enough_facts',
    });
    expect(storeFingerprint(h.db)).toEqual(before);
  });
});

describe('checking answers', () => {
  it('passes with answers as the caller says them, sets verifiedAt and audits the attempt without answers', async () => {
    const { customerId } = freshCustomer();
    const { client, interactionId } = await startCall('agent', customerId);
    const passed = await attempt(h.ctl, client, interactionId, { date_of_birth: '23 juillet 1961', account_pin: ' 4862 ' });
    const state = await h.ok<InteractionState>(h.ctl, client, 'interaction.get', { interactionId });
    expect(state.verified).toBe(true);
    expect(state.verifiedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    // The outcome carries main's time of the pass: the interaction's verified_at and the audit
    // entry's time, one instant (the header, the recap and the audit say the same time).
    expect(passed).toEqual({ status: 'passed', verifiedAt: state.verifiedAt });
    const auditedAt = h.db.prepare(`SELECT at FROM audit_log WHERE interaction_id = ? AND action = 'verification_attempt'`).pluck().get(interactionId);
    expect(auditedAt).toBe(state.verifiedAt);
    const row = h.db.prepare(`SELECT passed, questions FROM verification_attempts WHERE interaction_id = ?`).get(interactionId) as {
      passed: number;
      questions: string;
    };
    expect(row).toEqual({ passed: 1, questions: JSON.stringify(['date_of_birth', 'account_pin']) });
    const audit = h.db
      .prepare(`SELECT after FROM audit_log WHERE interaction_id = ? AND action = 'verification_attempt'`)
      .pluck()
      .all(interactionId) as string[];
    expect(audit.map((a) => JSON.parse(a) as unknown)).toEqual([{ status: 'passed', questions: ['date_of_birth', 'account_pin'] }]);
    // Once verified, another attempt counts nothing and checks nothing.
    const n = attemptRows(customerId);
    expect(await attempt(h.ctl, client, interactionId, { date_of_birth: '01/01/1900', account_pin: '0000' })).toEqual({
      status: 'passed',
      verifiedAt: state.verifiedAt,
    });
    expect(attemptRows(customerId)).toBe(n);
  });

  it('does not count a half-filled form (incomplete) and says what is missing', async () => {
    const { customerId } = freshCustomer();
    const { client, interactionId } = await startCall('agent', customerId);
    const before = storeFingerprint(h.db);
    expect(await attempt(h.ctl, client, interactionId, { date_of_birth: DOB, postcode: '  ' })).toEqual({
      status: 'incomplete',
      answersNeeded: 1,
      nonPublicNeeded: true,
      attemptsLeft: 5,
    });
    expect(storeFingerprint(h.db)).toEqual(before);
  });

  it('gives identical responses whichever answer was wrong', async () => {
    const results: unknown[] = [];
    for (const answers of [
      { date_of_birth: '24/07/1961', account_pin: PIN }, // wrong DOB
      { date_of_birth: DOB, account_pin: '4863' }, // wrong PIN
      { date_of_birth: '01/01/1970', account_pin: '0000' }, // both wrong
      { date_of_birth: 'not a date at all', account_pin: PIN }, // unreadable
    ]) {
      const { customerId } = freshCustomer();
      const { client, interactionId } = await startCall('agent', customerId);
      results.push(await h.ctl.dispatch(client, 'verification.attempt', { interactionId, answers }));
      const audit = h.db
        .prepare(`SELECT after FROM audit_log WHERE interaction_id = ? AND action = 'verification_attempt'`)
        .pluck()
        .get(interactionId) as string;
      expect(JSON.parse(audit)).toEqual({ status: 'failed', questions: ['date_of_birth', 'account_pin'] });
    }
    expect(results[0]).toEqual({ ok: true, value: { status: 'failed', attemptsLeft: 4 } });
    for (const r of results) expect(r).toEqual(results[0]);
  });
});

describe('lockout, counted per customer across agents', () => {
  const wrong = { date_of_birth: DOB, account_pin: '0000' };
  const right = { date_of_birth: DOB, account_pin: PIN };

  it('locks on the 5th consecutive failure whoever made them; both agents see it; a supervisor unlocks with a reason', async () => {
    h.mode.value = 'online';
    const { customerId } = freshCustomer();
    const a = await startCall('agent', customerId);
    const b = await startCall('agent2', customerId);
    const seen: VerificationOutcome[] = [];
    for (let i = 0; i < 4; i++) {
      const who = i % 2 === 0 ? a : b;
      seen.push(await attempt(h.ctl, who.client, who.interactionId, wrong));
    }
    expect(seen).toEqual([
      { status: 'failed', attemptsLeft: 4 },
      { status: 'failed', attemptsLeft: 3 },
      { status: 'failed', attemptsLeft: 2 },
      { status: 'failed', attemptsLeft: 1 },
    ]);
    const fifth = await attempt(h.ctl, a.client, a.interactionId, wrong);
    expect(fifth).toMatchObject({ status: 'locked', reason: 'too_many_failures', mode: 'online' });
    const lockedUntil = (fifth as { lockedUntil: string }).lockedUntil;
    expect(Date.parse(lockedUntil) - testNow().getTime()).toBeGreaterThan(29 * 60_000);

    // The other agent, on their own call, is locked too — even with the right answers, which are not looked at.
    const n = attemptRows(customerId);
    expect(await attempt(h.ctl, b.client, b.interactionId, right)).toEqual({ status: 'locked', reason: 'too_many_failures', lockedUntil, mode: 'online' });
    expect(attemptRows(customerId)).toBe(n);
    const qb = await h.ok<VerificationQuestions>(h.ctl, b.client, 'verification.questions', { interactionId: b.interactionId });
    expect(qb.lockout).toEqual({
      locked: true,
      lockedUntil,
      reason: 'too_many_failures',
      attemptsLeft: 0,
      consecutiveFailures: 5,
      maxConsecutiveFailures: 5,
      mode: 'online',
    });
    // A third agent starting a new call later sees the lock too.
    const c = await startCall('senior', customerId);
    expect((await h.ok<VerificationQuestions>(h.ctl, c.client, 'verification.questions', { interactionId: c.interactionId })).lockout.locked).toBe(true);

    // The supervisor sees the customer in the locked list, and unlocks with a reason.
    const sup = await h.client('supervisor');
    const locked = await h.ok<LockedCustomer[]>(h.ctl, sup, 'verification.locked', {});
    expect(locked.map((l) => l.customerId)).toContain(customerId);
    expect(JSON.stringify(locked)).not.toContain(PIN);
    // An agent cannot unlock; nothing is written.
    const before = storeFingerprint(h.db);
    expect(await h.ctl.dispatch(a.client, 'verification.unlock', { customerId, reason: 'I know this caller well' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await h.ctl.dispatch(sup, 'verification.unlock', { customerId, reason: 'ok' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(storeFingerprint(h.db)).toEqual(before);

    const after = await h.ok<LockoutView>(h.ctl, sup, 'verification.unlock', { customerId, reason: 'Caller identified by ID at the shop' });
    expect(after).toEqual({
      locked: false,
      lockedUntil: null,
      reason: null,
      attemptsLeft: 5,
      consecutiveFailures: 0,
      maxConsecutiveFailures: 5,
      mode: 'online',
    });
    const entry = h.db
      .prepare(`SELECT actor_id, subject, before, after FROM audit_log WHERE action = 'verification_unlock' ORDER BY seq DESC LIMIT 1`)
      .get() as Record<string, string>;
    expect(entry.subject).toBe(`customer:${customerId}`);
    expect(JSON.parse(entry.before!)).toEqual({ locked: true, consecutiveFailures: 5 });
    expect(JSON.parse(entry.after!)).toMatchObject({ reason: 'Caller identified by ID at the shop' });
    expect((await h.ok<LockedCustomer[]>(h.ctl, sup, 'verification.locked', {})).map((l) => l.customerId)).not.toContain(customerId);

    // The count is reset for everyone.
    expect(await attempt(h.ctl, b.client, b.interactionId, wrong)).toEqual({ status: 'failed', attemptsLeft: 4 });
    expect(await attempt(h.ctl, a.client, a.interactionId, right)).toMatchObject({ status: 'passed' });
  });

  it('applies the stricter offline limit (3) when the hub cannot be reached', async () => {
    h.mode.value = 'offline';
    try {
      const { customerId } = freshCustomer();
      const a = await startCall('agent', customerId);
      const b = await startCall('agent2', customerId);
      expect(await attempt(h.ctl, a.client, a.interactionId, wrong)).toEqual({ status: 'failed', attemptsLeft: 2 });
      expect(await attempt(h.ctl, b.client, b.interactionId, wrong)).toEqual({ status: 'failed', attemptsLeft: 1 });
      expect(await attempt(h.ctl, a.client, a.interactionId, wrong)).toMatchObject({ status: 'locked', mode: 'offline' });
      expect((await h.ok<VerificationQuestions>(h.ctl, b.client, 'verification.questions', { interactionId: b.interactionId })).lockout).toMatchObject({
        locked: true,
        maxConsecutiveFailures: 3,
        mode: 'offline',
      });
      // Back online: 3 failures are under the online limit of 5.
      h.mode.value = 'online';
      expect((await h.ok<VerificationQuestions>(h.ctl, b.client, 'verification.questions', { interactionId: b.interactionId })).lockout).toMatchObject({
        locked: false,
        attemptsLeft: 2,
      });
    } finally {
      h.mode.value = 'online';
    }
  });

  it('after the lock expires the caller gets ONE more attempt, not five', async () => {
    const { customerId } = freshCustomer();
    const a = await startCall('agent', customerId);
    for (let i = 0; i < 5; i++) await attempt(h.ctl, a.client, a.interactionId, wrong);
    h.clock.offsetMs = 31 * 60_000;
    try {
      const q = await h.ok<VerificationQuestions>(h.ctl, a.client, 'verification.questions', { interactionId: a.interactionId });
      expect(q.lockout).toMatchObject({ locked: false, attemptsLeft: 1 });
      expect(await attempt(h.ctl, a.client, a.interactionId, wrong)).toMatchObject({ status: 'locked' });
    } finally {
      h.clock.offsetMs = 0;
    }
  });

  it('the production host, with no hub configured, applies the normal limit: the fifth failure locks', async () => {
    const { customerId } = freshCustomer();
    const a = await startCall('agent', customerId, h.api);
    for (let i = 0; i < 4; i++) expect(await attempt(h.api, a.client, a.interactionId, wrong)).toMatchObject({ status: 'failed' });
    expect(await attempt(h.api, a.client, a.interactionId, wrong)).toMatchObject({ status: 'locked', mode: 'online' });
  });
});

describe('the policy is data', () => {
  it('reads the policy from settings (three answers needed) and fails closed on a malformed one', async () => {
    const saved = h.db.prepare(`SELECT value FROM settings WHERE key = 'verification_policy'`).pluck().get() as string;
    try {
      h.db
        .prepare(`UPDATE settings SET value = ? WHERE key = 'verification_policy'`)
        .run(JSON.stringify({ questions: ['date_of_birth', 'postcode', 'account_pin', 'last_invoice_amount'], requiredPasses: 3 }));
      const { customerId } = freshCustomer();
      const { client, interactionId } = await startCall('agent', customerId);
      const q = await h.ok<VerificationQuestions>(h.ctl, client, 'verification.questions', { interactionId });
      expect(q.requiredPasses).toBe(3);
      expect(q.ask).toHaveLength(3);
      expect(await attempt(h.ctl, client, interactionId, { date_of_birth: DOB, account_pin: PIN })).toMatchObject({ status: 'incomplete', answersNeeded: 1 });

      h.db.prepare(`UPDATE settings SET value = ? WHERE key = 'verification_policy'`).run(JSON.stringify({ questions: ['date_of_birth'], requiredPasses: 1 }));
      const errorsBefore = h.internalErrors.length;
      const before = storeFingerprint(h.db);
      expect(await h.ctl.dispatch(client, 'verification.attempt', { interactionId, answers: { date_of_birth: DOB } })).toMatchObject({
        ok: false,
        error: { code: 'INTERNAL' },
      });
      expect(storeFingerprint(h.db)).toEqual(before);
      expect(h.logs.some((l) => l.includes('verification policy in settings is invalid'))).toBe(true);
      expect(h.internalErrors.length).toBe(errorsBefore);
    } finally {
      h.db.prepare(`UPDATE settings SET value = ? WHERE key = 'verification_policy'`).run(saved);
    }
  });
});
