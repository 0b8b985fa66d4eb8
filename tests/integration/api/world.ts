/**
 * A prepared world for the contract-driven tests: one customer with a PIN on file, the agent's
 * calls in every state (verified, unverified, ended), another agent's call, a credit and a
 * pending approval on the verified call — and the ids EXAMPLES needs.
 */
import type { GrantResult, InteractionState } from '../../../src/core/api';
import type { ClientContext } from '../../../src/main/api/sessions';
import { approvalRequestHash } from '../../../src/main/services/discounts/approval-service';
import { uuidv7 } from '../../../src/main/store/ids';
import type { World } from '../../fixtures/contract-examples';
import { asScreenSends } from '../../fixtures/money-calls';
import { testNow } from '../../fixtures/app-host';
import { customerWithSecrets, type Harness } from '../interaction/harness';

export interface PreparedWorld {
  readonly agent: ClientContext;
  readonly agent2: ClientContext;
  readonly supervisor: ClientContext;
  readonly calls: { readonly verified: string; readonly unverified: string; readonly ended: string; readonly theirs: string };
  readonly ids: Omit<World, 'interactionId'>;
}

export async function prepareWorld(h: Harness, opts: { pin?: string; dob?: string; skip?: number } = {}): Promise<PreparedWorld> {
  const pin = opts.pin ?? '5307';
  const dob = opts.dob ?? '1979-12-02';
  const { customerId } = customerWithSecrets(h, pin, dob, opts.skip ?? 0);
  const agent = await h.client('agent');
  const agent2 = await h.client('agent2');
  const supervisor = await h.client('supervisor');
  const start = async (who: ClientContext) => (await h.ok<InteractionState>(h.api, who, 'interaction.start', { customerId, source: 'lookup' })).interactionId;
  const verify = (who: ClientContext, interactionId: string) =>
    h.ok(h.api, who, 'verification.attempt', { interactionId, answers: { date_of_birth: dob, account_pin: pin } });
  const calls = { unverified: await start(agent), verified: await start(agent), ended: await start(agent), theirs: await start(agent2) };
  for (const id of [calls.verified, calls.ended]) await verify(agent, id);
  await verify(agent2, calls.theirs);
  await h.ok(h.api, agent, 'interaction.wrapUp', { interactionId: calls.ended, disposition: 'other' });

  const grant = (amount: number) =>
    h.ok<GrantResult>(
      h.api,
      agent,
      'discounts.grant',
      asScreenSends(h.db, 'discounts.grant', {
        interactionId: calls.verified,
        request: { kind: 'one_off_credit', reason: 'goodwill', target: 'account', amount },
      }),
    );
  const small = await grant(200);
  const large = await grant(1_500); // over an agent's €10 per credit, within a supervisor's
  if (small.status !== 'granted' || large.status !== 'pending_approval') throw new Error(`set-up: ${small.status} / ${large.status}`);
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
  // The customer paid €200 more than every bill asked (a card, •••• 4242): a credit balance a refund may use.
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
  // A dispute on the latest bill's first line (disputes.resolve has one to resolve, disputes.open a line with room left).
  const lineId = h.db
    .prepare(`SELECT id FROM invoice_lines WHERE invoice_id = ? AND kind <> 'tax' AND amount > 1000 ORDER BY position LIMIT 1`)
    .pluck()
    .get(invoice.id) as string;
  const dispute = await h.ok<{ disputeId: string }>(h.api, agent, 'disputes.open', {
    interactionId: calls.verified,
    idempotencyKey: uuidv7(),
    lineId,
    amount: 100,
    reason: 'wrong_amount',
    customerSaid: 'Not what I was told in the shop.',
  });
  // A second account of the customer with a bill two months overdue: something a payment plan can split.
  const planAccountId = uuidv7();
  h.db
    .prepare(
      `INSERT INTO accounts (id, customer_id, number, currency, status, opened_on, payment_terms_days, paper_bill) SELECT ?, ?, 'PLAN-' || substr(?, -8), 'EUR', 'active', opened_on, 14, 0 FROM accounts WHERE id = ?`,
    )
    .run(planAccountId, customerId, planAccountId, invoice.accountId);
  const today = testNow().toISOString().slice(0, 10);
  const daysAgo = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
  h.db
    .prepare(
      `INSERT INTO invoices (id, account_id, number, cycle_start, cycle_end, issued_on, due_on, currency, subtotal, tax, total, previous_balance, payments_received, amount_due)
       VALUES (?, ?, 'FT-PLAN-' || substr(?, -8), ?, ?, ?, ?, 'EUR', 1000000, 0, 1000000, 0, 0, 1000000)`,
    )
    .run(uuidv7(), planAccountId, planAccountId, daysAgo(90), daysAgo(61), daysAgo(60), daysAgo(46));
  return {
    agent,
    agent2,
    supervisor,
    calls,
    ids: {
      lineId,
      disputeId: dispute.disputeId,
      planAccountId,
      customerId,
      accountId: invoice.accountId,
      invoiceId: invoice.id,
      ledgerEntryId: small.ledgerEntryIds[0]!,
      approvalId: large.approvalId,
      requestHash: approvalRequestHash(approval),
      agentId: h.t.host.sessions.get(agent.clientId)!.agent.userId,
      planId: 'premium',
    },
  };
}
