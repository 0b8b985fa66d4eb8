import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountDetails, DispositionList, InteractionNote, InteractionState, InteractionSummary, WrapUpResult } from '../../../src/core/api';
import { DEFAULT_DISPOSITIONS } from '../../../src/core/api';
import type { ClientContext } from '../../../src/main/api/sessions';
import { uuidv7 } from '../../../src/main/store/ids';
import { storeFingerprint, testNow } from '../../fixtures/app-host';
import { customerWithSecrets, setSecrets, startHarness, type Harness } from './harness';

let h: Harness;
let agent: ClientContext;
const PIN = '2468';
const DOB = '1990-05-17';
let customerId: string;

beforeAll(async () => {
  h = startHarness();
  customerId = customerWithSecrets(h, PIN, DOB).customerId;
  agent = await h.client('agent');
});
afterAll(() => {
  expect(h.internalErrors).toEqual([]);
  h.dispose();
});

async function verifiedCall(): Promise<string> {
  const { interactionId } = await h.ok<InteractionState>(h.api, agent, 'interaction.start', { customerId, source: 'lookup' });
  await h.ok(h.api, agent, 'verification.attempt', { interactionId, answers: { date_of_birth: DOB, account_pin: PIN } });
  return interactionId;
}

const count = (table: string) => h.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

describe('starting a call', () => {
  it('returns the masked caller only, and is a command (outbox + audit)', async () => {
    const before = { outbox: count('command_outbox'), audit: count('audit_log') };
    const call = await h.ok<InteractionState>(h.api, agent, 'interaction.start', { customerId, source: 'screen_pop', callerNumber: '+33612345678' });
    expect(call).toMatchObject({ customerId, callerNumber: '+33612345678', verified: false, verifiedAt: null, notes: [], elapsedSeconds: 0 });
    expect(Object.keys(call.caller).sort()).toEqual([
      'accountId',
      'accountNumberMasked',
      'customerId',
      'displayName',
      'emailMasked',
      'matchedOn',
      'phoneMasked',
      'town',
    ]);
    expect(count('command_outbox')).toBe(before.outbox + 1);
    expect(count('audit_log')).toBe(before.audit + 1);
    const outbox = h.db.prepare(`SELECT type, interaction_id AS interactionId, payload FROM command_outbox ORDER BY device_seq DESC LIMIT 1`).get() as Record<
      string,
      string
    >;
    expect(outbox.type).toBe('interaction.start');
    expect(outbox.interactionId).toBe(call.interactionId);
    expect(JSON.parse(outbox.payload!)).toMatchObject({ customerId, source: 'screen_pop' });
    const audit = h.db.prepare(`SELECT action, actor_id AS actorId, subject FROM audit_log ORDER BY seq DESC LIMIT 1`).get();
    expect(audit).toMatchObject({ action: 'interaction_started', subject: `customer:${customerId}` });
  });

  it('lets an agent hold several calls, listed newest first', async () => {
    const a = await h.ok<InteractionState>(h.api, agent, 'interaction.start', { customerId, source: 'lookup' });
    const b = await h.ok<InteractionState>(h.api, agent, 'interaction.start', { customerId, source: 'lookup' });
    const open = await h.ok<InteractionSummary[]>(h.api, agent, 'interaction.listOpen', {});
    const ids = open.map((o) => o.interactionId);
    expect(ids.indexOf(b.interactionId)).toBeLessThan(ids.indexOf(a.interactionId));
    expect(open.every((o) => o.endedAt === null && o.agentName !== '')).toBe(true);
    // Another agent sees none of them.
    const other = await h.client('agent2');
    const theirs = await h.ok<InteractionSummary[]>(h.api, other, 'interaction.listOpen', {});
    expect(theirs.map((o) => o.interactionId)).not.toContain(a.interactionId);
  });
});

describe('wrap-up', () => {
  it('offers the configured dispositions', async () => {
    expect(await h.ok<DispositionList>(h.api, agent, 'interaction.dispositions', {})).toEqual({ codes: [...DEFAULT_DISPOSITIONS] });
  });

  it('refuses a disposition that is not configured, and a note with a card number, writing nothing', async () => {
    const interactionId = await verifiedCall();
    const before = storeFingerprint(h.db);
    expect(await h.api.dispatch(agent, 'interaction.wrapUp', { interactionId, disposition: 'made_up' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', issues: [{ path: 'disposition' }] },
    });
    expect(await h.api.dispatch(agent, 'interaction.wrapUp', { interactionId, disposition: 'other', note: 'card 4970 1012 3456 7893' })).toEqual({
      ok: false,
      error: { code: 'NOTE_REFUSED', messageKey: 'error.noteContainsCardNumber', issues: [{ path: 'note', message: 'card_number' }] },
    });
    expect(storeFingerprint(h.db)).toEqual(before);
  });

  it('ends the call with disposition, note and handle time; afterwards the call is closed to every method', async () => {
    const interactionId = await verifiedCall();
    h.db.prepare(`UPDATE interactions SET started_at = ? WHERE id = ?`).run(new Date(testNow().getTime() - 125_000).toISOString(), interactionId);
    const result = await h.ok<WrapUpResult>(h.api, agent, 'interaction.wrapUp', {
      interactionId,
      disposition: 'credit_granted',
      note: '  Goodwill credit for the outage.  ',
    });
    expect(result).toMatchObject({ interactionId, disposition: 'credit_granted', note: 'Goodwill credit for the outage.' });
    expect(result.handleSeconds).toBeGreaterThanOrEqual(125);
    expect(result.handleSeconds).toBeLessThan(135);
    const row = h.db
      .prepare(`SELECT ended_at AS endedAt, disposition, note, handle_seconds AS handleSeconds FROM interactions WHERE id = ?`)
      .get(interactionId);
    expect(row).toEqual({
      endedAt: result.endedAt,
      disposition: 'credit_granted',
      note: 'Goodwill credit for the outage.',
      handleSeconds: result.handleSeconds,
    });
    const audit = h.db
      .prepare(`SELECT after FROM audit_log WHERE interaction_id = ? AND action = 'interaction_wrapped_up'`)
      .pluck()
      .get(interactionId) as string;
    expect(JSON.parse(audit)).toEqual({ disposition: 'credit_granted', note: 'Goodwill credit for the outage.', verified: true });
    expect(await h.api.dispatch(agent, 'interaction.wrapUp', { interactionId, disposition: 'other' })).toMatchObject({
      ok: false,
      error: { code: 'INTERACTION_ENDED' },
    });
    const open = await h.ok<InteractionSummary[]>(h.api, agent, 'interaction.listOpen', {});
    expect(open.map((o) => o.interactionId)).not.toContain(interactionId);
  });

  it('a call can be wrapped up without verification (no_verification)', async () => {
    const { interactionId } = await h.ok<InteractionState>(h.api, agent, 'interaction.start', { customerId, source: 'lookup' });
    expect(
      await h.ok<WrapUpResult>(h.api, agent, 'interaction.wrapUp', { interactionId, disposition: 'no_verification', note: 'Caller could not answer.' }),
    ).toMatchObject({
      disposition: 'no_verification',
    });
  });

  it('reads the disposition list from settings', async () => {
    const saved = h.db.prepare(`SELECT value FROM settings WHERE key = 'dispositions'`).pluck().get() as string;
    try {
      h.db.prepare(`UPDATE settings SET value = ? WHERE key = 'dispositions'`).run(JSON.stringify(['resolved', 'escalated']));
      expect(await h.ok<DispositionList>(h.api, agent, 'interaction.dispositions', {})).toEqual({ codes: ['resolved', 'escalated'] });
      const { interactionId } = await h.ok<InteractionState>(h.api, agent, 'interaction.start', { customerId, source: 'lookup' });
      expect(await h.api.dispatch(agent, 'interaction.wrapUp', { interactionId, disposition: 'billing_question_answered' })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      });
      expect(await h.api.dispatch(agent, 'interaction.wrapUp', { interactionId, disposition: 'resolved' })).toMatchObject({ ok: true });
    } finally {
      h.db.prepare(`UPDATE settings SET value = ? WHERE key = 'dispositions'`).run(saved);
    }
  });
});

describe('notes', () => {
  it.each([
    ['a card number with spaces', 'Customer read out 4970 1012 3456 7893 to pay'],
    ['a card number with dashes', 'card: 5555-5555-5555-4444 exp 12/27'],
    ['a card number in one block', 'Visa 4111111111111111'],
    ['a 19-digit card', 'pan 6304 0000 0000 0000 018'],
  ])('refuses %s, with a clear message, and stores nothing at all', async (_what, text) => {
    const interactionId = await verifiedCall();
    const before = storeFingerprint(h.db);
    const r = await h.api.dispatch(agent, 'notes.add', { interactionId, text });
    expect(r).toEqual({
      ok: false,
      error: { code: 'NOTE_REFUSED', messageKey: 'error.noteContainsCardNumber', issues: [{ path: 'text', message: 'card_number' }] },
    });
    expect(storeFingerprint(h.db)).toEqual(before);
    const digits = text.replace(/\D/g, '').slice(0, 13);
    const everywhere = h.db.prepare(`SELECT count(*) FROM audit_log WHERE after LIKE ?`).pluck().get(`%${digits}%`);
    expect(everywhere).toBe(0);
  });

  it('refuses an empty note and one that is too long (with their own message keys)', async () => {
    const interactionId = await verifiedCall();
    expect(await h.api.dispatch(agent, 'notes.add', { interactionId, text: '   ' })).toMatchObject({
      ok: false,
      error: { code: 'NOTE_REFUSED', messageKey: 'error.noteEmpty' },
    });
    expect(await h.api.dispatch(agent, 'notes.add', { interactionId, text: 'x'.repeat(2001) })).toMatchObject({
      ok: false,
      error: { code: 'NOTE_REFUSED', messageKey: 'error.noteTooLong' },
    });
  });

  it('stores a clean note (phone numbers and account numbers are fine), lists it, shows it on the call, audits it', async () => {
    const interactionId = await verifiedCall();
    const note = await h.ok<InteractionNote>(h.api, agent, 'notes.add', { interactionId, text: ' Call back on 06 12 34 56 78 about AR-00012345. ' });
    expect(note).toMatchObject({ interactionId, text: 'Call back on 06 12 34 56 78 about AR-00012345.', authorName: expect.any(String) as unknown });
    const second = await h.ok<InteractionNote>(h.api, agent, 'notes.add', { interactionId, text: 'Second note.' });
    expect((await h.ok<InteractionNote[]>(h.api, agent, 'notes.list', { interactionId })).map((n) => n.noteId)).toEqual([note.noteId, second.noteId]);
    expect((await h.ok<InteractionState>(h.api, agent, 'interaction.get', { interactionId })).notes).toHaveLength(2);
    const audit = h.db
      .prepare(`SELECT after FROM audit_log WHERE interaction_id = ? AND action = 'note_added' ORDER BY seq`)
      .pluck()
      .all(interactionId) as string[];
    expect(audit.map((a) => (JSON.parse(a) as { text: string }).text)).toEqual([note.text, 'Second note.']);
  });
});

describe('the full account of a verified caller', () => {
  it('has contact details, accounts, plan, invoices and an honest balance — and no date of birth or PIN', async () => {
    const interactionId = await verifiedCall();
    const d = await h.ok<AccountDetails>(h.api, agent, 'account.details', { interactionId });
    expect(d.customerId).toBe(customerId);
    expect(d.billingAddress).not.toBeNull();
    expect(d.phones.length).toBeGreaterThan(0);
    expect(d.accounts.length).toBeGreaterThan(0);
    const json = JSON.stringify(d);
    expect(json).not.toContain(DOB);
    expect(json).not.toContain(PIN);
    expect(json).not.toMatch(/dateOfBirth|date_of_birth|pin/i);

    for (const a of d.accounts) {
      expect(a.invoices.length).toBeGreaterThan(0);
      expect(a.invoices.length).toBeLessThanOrEqual(6);
      expect([...a.invoices].sort((x, y) => (x.cycleStart < y.cycleStart ? 1 : -1))).toEqual(a.invoices);
      expect(a.subscriptions[0]?.plan.name).toBeTruthy();
      // Balance recomputed independently from the raw tables.
      const latest = h.db
        .prepare(`SELECT id, amount_due AS amountDue, cycle_end AS cycleEnd FROM invoices WHERE account_id = ? ORDER BY cycle_start DESC LIMIT 1`)
        .get(a.accountId) as {
        id: string;
        amountDue: number;
        cycleEnd: string;
      };
      const paidSince = h.db
        .prepare(`SELECT coalesce(sum(amount), 0) FROM payments WHERE account_id = ? AND received_on > ?`)
        .pluck()
        .get(a.accountId, latest.cycleEnd) as number;
      const credits = h.db
        // Not on a bill yet: dated after the last billed cycle (granted against an invoice or not —
        // the issue "the balance shows credits just granted"; this said invoice_id IS NULL before).
        .prepare(
          `SELECT coalesce(sum(amount), 0) FROM ledger_entries WHERE account_id = ? AND effective_on > ? AND kind IN ('credit', 'fee_waiver', 'reversal')`,
        )
        .pluck()
        .get(a.accountId, latest.cycleEnd) as number;
      expect(a.balance).toMatchObject({ latestInvoiceId: latest.id, latestAmountDue: latest.amountDue, paymentsSince: paidSince, creditsSince: credits });
      expect(a.balance.balance).toBe(latest.amountDue - paidSince - credits);
      expect(Number.isInteger(a.balance.balance)).toBe(true);
    }
  });

  it('a payment received and a credit granted since the last bill lower the balance', async () => {
    const interactionId = await verifiedCall();
    const before = await h.ok<AccountDetails>(h.api, agent, 'account.details', { interactionId });
    const account = before.accounts[0]!;
    const today = testNow().toISOString().slice(0, 10);
    h.db
      .prepare(`INSERT INTO payments (id, account_id, invoice_id, amount, currency, received_on, method) VALUES (?, ?, NULL, 1000, 'EUR', ?, 'card')`)
      .run(uuidv7(), account.accountId, today);
    h.db
      .prepare(
        `INSERT INTO ledger_entries (id, account_id, kind, amount, currency, reason_code, effective_on, created_at) VALUES (?, ?, 'credit', 500, 'EUR', 'goodwill', ?, ?)`,
      )
      .run(uuidv7(), account.accountId, today, testNow().toISOString());
    const after = (await h.ok<AccountDetails>(h.api, agent, 'account.details', { interactionId })).accounts[0]!;
    expect(after.balance.balance).toBe(account.balance.balance - 1500);
    expect(after.balance.paymentsSince).toBe(account.balance.paymentsSince + 1000);
    expect(after.balance.creditsSince).toBe(account.balance.creditsSince + 500);
  });

  it('a credit just granted against the latest bill lowers the balance at once', async () => {
    const interactionId = await verifiedCall();
    const account = (await h.ok<AccountDetails>(h.api, agent, 'account.details', { interactionId })).accounts[0]!;
    const today = testNow().toISOString().slice(0, 10);
    h.db
      .prepare(
        `INSERT INTO ledger_entries (id, account_id, invoice_id, kind, amount, currency, reason_code, effective_on, created_at) VALUES (?, ?, ?, 'credit', 700, 'EUR', 'billing_error', ?, ?)`,
      )
      .run(uuidv7(), account.accountId, account.balance.latestInvoiceId, today, testNow().toISOString());
    const after = (await h.ok<AccountDetails>(h.api, agent, 'account.details', { interactionId })).accounts[0]!;
    expect(after.balance.creditsSince).toBe(account.balance.creditsSince + 700);
    expect(after.balance.balance).toBe(account.balance.balance - 700);
    // Each invoice's status is the one rule's, the same word as on the bills tab.
    for (const i of after.invoices) expect(i.paid).toBe(i.status === 'paid');
  });

  it('is audited once per call, however often it is read', async () => {
    const interactionId = await verifiedCall();
    for (let i = 0; i < 3; i++) await h.ok(h.api, agent, 'account.details', { interactionId });
    const n = h.db.prepare(`SELECT count(*) FROM audit_log WHERE interaction_id = ? AND action = 'view_full_account'`).pluck().get(interactionId);
    expect(n).toBe(1);
  });

  it('paid flags agree with the balance across the demo set', async () => {
    // Across the demo set the "paid" flags (oldest debt paid first) agree with the balance: an
    // account whose balance is ≤ 0 has every shown bill paid, and an unpaid bill means money owed.
    const rows = h.db.prepare(`SELECT DISTINCT customer_id FROM accounts LIMIT 40`).pluck().all() as string[];
    let checked = 0;
    for (const id of rows) {
      setSecrets(h, id, PIN, DOB);
      const { interactionId } = await h.ok<InteractionState>(h.api, agent, 'interaction.start', { customerId: id, source: 'lookup' });
      expect(await h.ok(h.api, agent, 'verification.attempt', { interactionId, answers: { date_of_birth: DOB, account_pin: PIN } })).toMatchObject({
        status: 'passed',
      });
      const d = await h.ok<AccountDetails>(h.api, agent, 'account.details', { interactionId });
      for (const a of d.accounts) {
        if (a.balance.balance <= 0) expect(a.invoices.every((i) => i.paid)).toBe(true);
        if (a.invoices.some((i) => !i.paid)) expect(a.balance.balance).toBeGreaterThan(0);
        checked++;
      }
      await h.ok(h.api, agent, 'interaction.wrapUp', { interactionId, disposition: 'other' });
    }
    expect(checked).toBeGreaterThan(20);
  });
});
