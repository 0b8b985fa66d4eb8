/**
 * Fuzzing past zod: inputs that pass the contract, with the ids a real attacker would have —
 * their own call (verified or not), another agent's, an ended one, an unknown id, another
 * customer's invoice, credit or approval — from every kind of client. Whatever comes in, the
 * answer is a value or a typed error (never INTERNAL), a guarded method never succeeds on a call
 * the guard refuses, and another customer's records never answer a verified call.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ERROR_CODES, guardOf, isApiErrorBody, METHOD_NAMES, type GrantResult, type InteractionState, type WrapUpResult } from '../../../src/core/api';
import type { ClientContext } from '../../../src/main/api/sessions';
import { approvalRequestHash } from '../../../src/main/services/discounts/approval-service';
import { uuidv7 } from '../../../src/main/store/ids';
import { newClient, testNow } from '../../fixtures/app-host';
import { EXAMPLES, type World } from '../../fixtures/contract-examples';
import { asScreenSends } from '../../fixtures/money-calls';
import { makeCustomer, verifiedCall } from '../discounts/helpers';
import { customerWithSecrets, startHarness, type Harness } from '../interaction/harness';

let h: Harness;
const who: Record<'agent' | 'agent2' | 'supervisor' | 'anonymous', ClientContext> = {} as never;
const calls = { verified: '', unverified: '', ended: '', theirs: '', unknown: '' };
let mine: Omit<World, 'interactionId'>;
let other: Omit<World, 'interactionId'>;
const RUNS = 150;

async function worldOf(pin: string, dob: string, skip: number, agent: ClientContext, callId: (k: string) => void): Promise<Omit<World, 'interactionId'>> {
  const { customerId } = customerWithSecrets(h, pin, dob, skip);
  const start = async () => (await h.ok<InteractionState>(h.api, agent, 'interaction.start', { customerId, source: 'lookup' })).interactionId;
  const verified = await start();
  await h.ok(h.api, agent, 'verification.attempt', { interactionId: verified, answers: { date_of_birth: dob, account_pin: pin } });
  callId(verified);
  const grant = async (amount: number) =>
    h.ok<GrantResult>(
      h.api,
      agent,
      'discounts.grant',
      asScreenSends(h.db, 'discounts.grant', { interactionId: verified, request: { kind: 'one_off_credit', reason: 'goodwill', target: 'account', amount } }),
    );
  const small = await grant(200);
  const large = await grant(1_500);
  if (small.status !== 'granted' || large.status !== 'pending_approval') throw new Error('set-up');
  const approval = h.db
    .prepare(`SELECT id, request, customer_id AS customerId, account_id AS accountId FROM approval_requests WHERE id = ?`)
    .get(large.approvalId) as never;
  const invoice = h.db
    .prepare(
      `SELECT i.id, i.account_id AS accountId FROM invoices i JOIN accounts a ON a.id = i.account_id WHERE a.customer_id = ? ORDER BY i.cycle_start DESC LIMIT 1`,
    )
    .get(customerId) as {
    id: string;
    accountId: string;
  };
  // The customer paid €200 more than every bill asked: a credit balance 'receivables.refund' may use.
  const owed = h.db
    .prepare(
      `SELECT coalesce(sum(max(total, 0)), 0) + coalesce((SELECT max(previous_balance, 0) FROM invoices WHERE account_id = ? ORDER BY issued_on LIMIT 1), 0) FROM invoices WHERE account_id = ?`,
    )
    .pluck()
    .get(invoice.accountId, invoice.accountId) as number;
  h.db
    .prepare(
      `INSERT INTO payments (id, account_id, amount, currency, received_on, method, card_last4) VALUES (?, ?, ?, 'EUR', (SELECT max(issued_on) FROM invoices WHERE account_id = ?), 'card', '4242')`,
    )
    .run(uuidv7(), invoice.accountId, owed + 20_000, invoice.accountId);
  return {
    customerId,
    accountId: invoice.accountId,
    invoiceId: invoice.id,
    ledgerEntryId: small.ledgerEntryIds[0]!,
    approvalId: large.approvalId,
    requestHash: approvalRequestHash(approval),
    agentId: h.t.host.sessions.get(agent.clientId)!.agent.userId,
    planId: 'premium',
    lineId: h.db.prepare(`SELECT id FROM invoice_lines WHERE invoice_id = ? AND kind <> 'tax' ORDER BY amount DESC LIMIT 1`).pluck().get(invoice.id) as string,
  };
}

beforeAll(async () => {
  h = startHarness(120);
  who.agent = await h.client('agent');
  who.agent2 = await h.client('agent2');
  who.supervisor = await h.client('supervisor');
  who.anonymous = newClient();
  mine = await worldOf('5307', '1979-12-02', 0, who.agent, (id) => (calls.verified = id));
  other = await worldOf('8841', '1965-03-09', 1, who.agent2, (id) => (calls.theirs = id));
  calls.unverified = (await h.ok<InteractionState>(h.api, who.agent, 'interaction.start', { customerId: mine.customerId, source: 'lookup' })).interactionId;
  calls.ended = (await h.ok<InteractionState>(h.api, who.agent, 'interaction.start', { customerId: mine.customerId, source: 'lookup' })).interactionId;
  await h.ok(h.api, who.agent, 'verification.attempt', { interactionId: calls.ended, answers: { date_of_birth: '1979-12-02', account_pin: '5307' } });
  await h.ok(h.api, who.agent, 'interaction.wrapUp', { interactionId: calls.ended, disposition: 'other' });
  calls.unknown = uuidv7();
});
afterAll(() => h.dispose());

/**
 * Methods that use up what they act on (a call wrapped up, a request decided, a credit reversed)
 * get a fresh one for each run, so later runs and later methods still reach their handlers.
 */
async function freshFor(method: string): Promise<{
  verified?: string;
  approvalId?: string;
  requestHash?: string;
  ledgerEntryId?: string;
  followUpId?: string;
  disputeId?: string;
  planAccountId?: string;
}> {
  if (method === 'disputes.resolve') {
    // An open dispute on the agent's verified call (a resolved one answers CONFLICT).
    const r = await h.ok<{ disputeId: string }>(h.api, who.agent, 'disputes.open', {
      interactionId: calls.verified,
      idempotencyKey: uuidv7(),
      lineId: mine.lineId,
      amount: 1,
      reason: 'other',
      customerSaid: 'Fuzz.',
    });
    return { disputeId: r.disputeId };
  }
  if (method === 'paymentPlans.agree') {
    // A customer with a bill a month overdue, on a verified call (a plan agreed uses the balance up).
    const agent = { client: who.agent, events: [], userId: mine.agentId };
    const c = makeCustomer(h.db, { standing: 'late', lateFee: 0 });
    h.db.prepare(`DELETE FROM payments WHERE invoice_id = ?`).run(c.invoiceIds[1]);
    return { verified: await verifiedCall(h.t.host, agent, c.customerId), planAccountId: c.accountId };
  }
  if (method === 'followUps.done') {
    // A follow-up the agent scheduled, not done yet (a done one would answer without the command).
    const id = (await h.ok<InteractionState>(h.api, who.agent, 'interaction.start', { customerId: mine.customerId, source: 'lookup' })).interactionId;
    await h.ok(h.api, who.agent, 'verification.attempt', { interactionId: id, answers: { date_of_birth: '1979-12-02', account_pin: '5307' } });
    const w = await h.ok<WrapUpResult>(h.api, who.agent, 'interaction.wrapUp', {
      interactionId: id,
      disposition: 'callback_promised',
      followUp: { kind: 'callback', dueAt: new Date(testNow().getTime() + 86_400_000).toISOString(), text: 'Call back.' },
    });
    return { followUpId: w.followUp!.followUpId };
  }
  if (method === 'interaction.wrapUp') {
    const id = (await h.ok<InteractionState>(h.api, who.agent, 'interaction.start', { customerId: mine.customerId, source: 'lookup' })).interactionId;
    await h.ok(h.api, who.agent, 'verification.attempt', { interactionId: id, answers: { date_of_birth: '1979-12-02', account_pin: '5307' } });
    return { verified: id };
  }
  const grant = (amount: number) =>
    h.api.dispatch(
      who.agent,
      'discounts.grant',
      asScreenSends(h.db, 'discounts.grant', {
        interactionId: calls.verified,
        request: { kind: 'one_off_credit', reason: 'goodwill', target: 'account', amount },
      }),
    );
  if (method === 'approvals.decide' || method === 'approvals.decideHere') {
    // A new customer each time: one customer's 12-month caps would soon refuse any new request.
    const agent = { client: who.agent, events: [], userId: mine.agentId };
    const c = makeCustomer(h.db);
    const verified = await verifiedCall(h.t.host, agent, c.customerId);
    const r = await h.api.dispatch(
      who.agent,
      'discounts.grant',
      asScreenSends(h.db, 'discounts.grant', {
        interactionId: verified,
        request: { kind: 'one_off_credit', reason: 'goodwill', target: 'account', amount: 1_500 },
      }),
    );
    if (!r.ok || (r.value as GrantResult).status !== 'pending_approval') return {};
    const approvalId = (r.value as Extract<GrantResult, { status: 'pending_approval' }>).approvalId;
    const row = h.db
      .prepare(`SELECT id, request, customer_id AS customerId, account_id AS accountId FROM approval_requests WHERE id = ?`)
      .get(approvalId) as never;
    return { verified, approvalId, requestHash: approvalRequestHash(row) };
  }
  if (method === 'discounts.reverse') {
    const r = await grant(100);
    return r.ok && (r.value as GrantResult).status === 'granted'
      ? { ledgerEntryId: (r.value as Extract<GrantResult, { status: 'granted' }>).ledgerEntryIds[0]! }
      : {};
  }
  return {};
}

type CallKind = keyof typeof calls;
const callKind = fc.constantFrom<CallKind>('verified', 'verified', 'unverified', 'ended', 'theirs', 'unknown');
const actor = fc.constantFrom<keyof typeof who>('agent', 'agent', 'agent2', 'supervisor', 'anonymous');
/** Record ids of this customer or, now and then, of another one, swapped into the example. */
const sometimes = fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) });
const records = fc.record({
  customer: sometimes,
  invoice: sometimes,
  ledger: sometimes,
  approval: sometimes,
  plan: fc.constantFrom('essentiel', 'confort', 'premium', 'illimite'),
});
/** Values a field might be given instead: other ids, odd numbers, odd strings. */
const oddValue = fc.oneof(
  fc.constantFrom('', ' ', '0', '-1', 'NaN', 'premium', 'illimite', '4111 1111 1111 1111'),
  fc.uuid(),
  fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
  fc.double(),
  fc.string({ maxLength: 20 }),
);

describe('fuzzing with inputs that reach the handlers', () => {
  it.each(METHOD_NAMES.map((m) => [m] as const))(
    `%s: ${RUNS} valid-shaped inputs with real ids get a value or a typed error, and no guard is bypassed`,
    async (method) => {
      const guard = guardOf(method);
      let succeeded = 0;
      await fc.assert(
        fc.asyncProperty(
          callKind,
          actor,
          records,
          fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 2, arbitrary: fc.tuple(fc.nat(), oddValue) }),
          async (kind, as, swap, mutation) => {
            const fresh = await freshFor(method);
            const ids = {
              ...mine,
              ...(fresh.ledgerEntryId ? { ledgerEntryId: fresh.ledgerEntryId } : {}),
              ...(fresh.followUpId ? { followUpId: fresh.followUpId } : {}),
              ...(fresh.disputeId ? { disputeId: fresh.disputeId } : {}),
              ...(fresh.planAccountId ? { planAccountId: fresh.planAccountId } : {}),
              customerId: swap.customer ? other.customerId : mine.customerId,
              planId: swap.plan,
              invoiceId: swap.invoice ? other.invoiceId : mine.invoiceId,
              ledgerEntryId: swap.ledger ? other.ledgerEntryId : mine.ledgerEntryId,
              approvalId: swap.approval ? other.approvalId : (fresh.approvalId ?? mine.approvalId),
              requestHash: swap.approval ? other.requestHash : (fresh.requestHash ?? mine.requestHash),
            };
            if (fresh.ledgerEntryId && swap.ledger) ids.ledgerEntryId = other.ledgerEntryId;
            const interactionId = kind === 'verified' && fresh.verified ? fresh.verified : calls[kind];
            const input = EXAMPLES[method]({ ...ids, interactionId });
            if (mutation) {
              const keys = Object.keys(input).filter((k) => k !== 'interactionId');
              if (keys.length > 0) input[keys[mutation[0] % keys.length]!] = mutation[1];
            }
            // Keep sessions alive between runs: a random sign-out would end the agent's session.
            const client = method === 'session.signOut' && as !== 'anonymous' ? newClient() : who[as];
            const r = await h.api.dispatch(client, method, input);
            if (!r.ok) {
              expect(isApiErrorBody(r.error)).toBe(true);
              expect(API_ERROR_CODES).toContain(r.error.code);
              expect(r.error.code, JSON.stringify({ method, input, error: r.error })).not.toBe('INTERNAL');
              return;
            }
            succeeded++;
            // It succeeded: then every guard it declares must have held.
            if (guard.signedIn) expect(as).not.toBe('anonymous');
            // No senior agent among these actors: any role guard held only for the supervisor.
            if (guard.minRole !== undefined && guard.minRole !== 'agent') expect(as).toBe('supervisor');
            if (guard.ownInteraction) {
              const own = (as === 'agent' && (kind === 'verified' || kind === 'unverified')) || (as === 'agent2' && kind === 'theirs');
              expect(own, `${method} succeeded on a ${kind} call as ${as}`).toBe(true);
            }
            if (guard.verifiedInteraction) expect(kind).not.toBe('unverified');
            // A verified call answers for its own caller only: another customer's records never do.
            if (guard.verifiedInteraction && as === 'agent' && kind === 'verified') {
              const usesOther =
                ('invoiceId' in input && input['invoiceId'] === other.invoiceId) ||
                ('ledgerEntryId' in input && input['ledgerEntryId'] === other.ledgerEntryId) ||
                ('approvalId' in input && input['approvalId'] === other.approvalId);
              expect(usesOther, `${method} answered with another customer's records: ${JSON.stringify(input)}`).toBe(false);
            }
          },
        ),
        { numRuns: RUNS },
      );
      // The property is not vacuous: the handlers really ran (a sign-in with a wrong password is the one method that never may).
      if (method !== 'session.signIn') expect(succeeded, `${method} never succeeded`).toBeGreaterThan(0);
    },
  );
});
