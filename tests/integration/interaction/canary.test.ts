/**
 * The canary: a customer's secret answers are seeded with values that cannot occur by chance,
 * the whole call is run through the API — failed attempt, passed attempt, account, notes,
 * wrap-up, the supervisor's audit view — and the secrets must appear in NO response (what the
 * renderer receives is exactly these responses), and in no audit entry, outbox payload or log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InteractionState } from '../../../src/core/api';
import type { Dispatcher } from '../../../src/main/api/dispatcher';
import type { ClientContext } from '../../../src/main/api/sessions';
import { customerWithSecrets, lastInvoiceTotal, spokenAmount, startHarness, type Harness } from './harness';

const PIN = '739146';
const DOB = '1948-10-31';
/** Every way the secrets could be written out. */
const CANARIES = [PIN, DOB, '31/10/1948', '19481031', '31.10.1948'];

let h: Harness;
let customerId: string;
let postcode: string;
let lastInvoice: number;
const responses: Array<{ method: string; json: string; phase: 'before' | 'after' }> = [];

async function call(d: Dispatcher, client: ClientContext, method: string, input: unknown, phase: 'before' | 'after') {
  const r = await d.dispatch(client, method, input);
  responses.push({ method, json: JSON.stringify(r), phase });
  return r;
}

beforeAll(async () => {
  h = startHarness(60);
  ({ customerId, postcode } = customerWithSecrets(h, PIN, DOB));
  lastInvoice = lastInvoiceTotal(h.db, customerId);
  // The canaries really are absent from this customer's other data, so a hit means a leak.
  const profile = JSON.stringify(
    h.db.prepare(`SELECT * FROM customer_phones p JOIN customer_emails e USING (customer_id) WHERE customer_id = ?`).all(customerId),
  );
  for (const c of CANARIES.slice(2)) expect(profile).not.toContain(c);
  expect(profile).not.toContain(PIN);

  const agent = await h.client('agent');
  const agent2 = await h.client('agent2');
  const supervisor = await h.client('supervisor');
  const api = h.api;

  // ── before verification ──
  await call(api, agent, 'lookup.caller', { customerId }, 'before');
  const started = await call(api, agent, 'interaction.start', { customerId, source: 'screen_pop', callerNumber: '+33600000000' }, 'before');
  const interactionId = (started as { value: InteractionState }).value.interactionId;
  await call(api, agent, 'interaction.get', { interactionId }, 'before');
  await call(api, agent, 'interaction.listOpen', {}, 'before');
  await call(api, agent, 'verification.questions', { interactionId }, 'before');
  await call(api, agent, 'account.details', { interactionId }, 'before'); // refused
  await call(api, agent, 'notes.list', { interactionId }, 'before'); // refused
  await call(api, agent, 'verification.attempt', { interactionId, answers: { date_of_birth: '1948-10-30', account_pin: PIN } }, 'before');
  await call(api, agent, 'verification.attempt', { interactionId, answers: { date_of_birth: DOB, account_pin: '739147' } }, 'before');
  await call(api, agent, 'verification.attempt', { interactionId, answers: { date_of_birth: DOB } }, 'before'); // incomplete
  await call(api, agent2, 'interaction.get', { interactionId }, 'before'); // another agent: NOT_FOUND
  await call(api, supervisor, 'verification.locked', {}, 'before');
  await call(api, supervisor, 'audit.interaction', { interactionId }, 'before');

  // ── verification passes ──
  await call(
    api,
    agent,
    'verification.attempt',
    { interactionId, answers: { date_of_birth: '31 octobre 1948', account_pin: PIN, postcode, last_invoice_amount: spokenAmount(lastInvoice) } },
    'after',
  );
  await call(api, agent, 'verification.questions', { interactionId }, 'after');
  await call(api, agent, 'interaction.get', { interactionId }, 'after');
  await call(api, agent, 'account.details', { interactionId }, 'after');
  await call(api, agent, 'notes.add', { interactionId, text: 'Caller confirmed identity; discussed the last bill.' }, 'after');
  await call(api, agent, 'notes.list', { interactionId }, 'after');
  await call(api, agent, 'interaction.wrapUp', { interactionId, disposition: 'billing_question_answered', note: 'All good.' }, 'after');
  await call(api, agent, 'interaction.get', { interactionId }, 'after'); // ended

  // ── the supervisor's views ──
  await call(api, supervisor, 'verification.unlock', { customerId, reason: 'Checking the canary path' }, 'after');
  await call(api, supervisor, 'audit.interaction', { interactionId }, 'after');
  await call(api, supervisor, 'audit.interactions', { customerId }, 'after');
  await call(api, supervisor, 'audit.verify', {}, 'after');

  // ── lockout path on a second call ──
  const second = await call(api, agent2, 'interaction.start', { customerId, source: 'lookup' }, 'before');
  const secondId = (second as { value: InteractionState }).value.interactionId;
  for (let i = 0; i < 5; i++)
    await call(api, agent2, 'verification.attempt', { interactionId: secondId, answers: { date_of_birth: DOB, account_pin: '000000' } }, 'before');
  await call(api, agent2, 'verification.questions', { interactionId: secondId }, 'before');
  await call(api, supervisor, 'verification.locked', {}, 'before');
});
afterAll(() => h.dispose());

describe('the canary: secret answers never leave main', () => {
  it('ran the whole flow successfully', () => {
    const failed = responses.filter((r) => r.json.startsWith('{"ok":false')).map((r) => r.method);
    // Only the deliberate refusals failed.
    expect(failed).toEqual(['account.details', 'notes.list', 'interaction.get', 'interaction.get']);
    expect(responses.find((r) => r.method === 'verification.attempt' && r.phase === 'after')?.json).toMatch(
      // A pass says it passed and when (main's clock, for the call header) — nothing of the answers.
      /^\{"ok":true,"value":\{"status":"passed","verifiedAt":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"\}\}$/,
    );
    expect(responses.some((r) => r.method === 'verification.locked' && r.json.includes(customerId))).toBe(true);
  });

  it('appears in no API response, before or after verification', () => {
    expect(responses.length).toBeGreaterThan(25);
    for (const r of responses) for (const c of CANARIES) expect(r.json, `${r.method} leaks ${c}`).not.toContain(c);
  });

  it('before verification, not even the postcode or the last invoice amount is returned', () => {
    for (const r of responses.filter((x) => x.phase === 'before')) {
      expect(r.json, r.method).not.toContain(postcode);
      expect(r.json, r.method).not.toMatch(new RegExp(`"(total|amountDue|amount)":${lastInvoice}\\b`));
    }
  });

  it('appears in no audit entry, outbox payload, attempt row or log line', () => {
    const dump = JSON.stringify([
      h.db.prepare(`SELECT * FROM audit_log`).all(),
      h.db.prepare(`SELECT * FROM command_outbox`).all(),
      h.db.prepare(`SELECT * FROM verification_attempts`).all(),
      h.db.prepare(`SELECT * FROM interactions`).all(),
      h.db.prepare(`SELECT * FROM interaction_notes`).all(),
      h.logs,
    ]);
    for (const c of CANARIES) expect(dump).not.toContain(c);
  });
});
