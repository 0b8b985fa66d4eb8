/**
 * Disputes and payment plans through the API, against a real SQLite store: a dispute opened on a
 * bill line (held out of the overdue rule), resolved once by a billing-error credit or a
 * rejection; a payment plan decided, agreed, listed with each instalment's status and a missed
 * instalment flagged — with idempotency keys, hostile input and nothing changed on refusal.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  DisputeOpenResult,
  DisputeResolveResult,
  DisputesView,
  PaymentPlanAgreeResult,
  PaymentPlanDecisionView,
  PaymentPlansView,
  ReceivablesView,
} from '../../../src/core/api';
import { withFrozenInvoicesLifted } from '../../../src/main/store/frozen-invoices';
import { uuidv7 } from '../../../src/main/store/ids';
import { DEMO_TODAY, startTestHost, storeFingerprint, type TestHost } from '../../fixtures/app-host';
import { auditOf, fails, freshStaff, makeCustomer, ok, outboxOf, verifiedCall } from '../discounts/helpers';

let t: TestHost;
beforeAll(() => {
  t = startTestHost(20);
});
afterAll(() => t.dispose());

const db = () => t.host.db.$client;

/** A customer whose bills' plan lines read as the demo's do (a real plan explanation), the latest bill unpaid. */
async function customer(locale: 'en' | 'fr' = 'en', opts: { overdue?: boolean } = {}) {
  const agent = freshStaff(t.host, 'agent', locale);
  const c = makeCustomer(db(), { standing: 'late', lateFee: 0 });
  const explanation = db().prepare(`SELECT explanation FROM invoice_lines WHERE kind = 'plan' AND explanation <> '{}' LIMIT 1`).pluck().get() as string;
  // Issued bills are frozen (store triggers): the fixture's lines are given their explanation behind that guard.
  withFrozenInvoicesLifted(db(), () =>
    db()
      .prepare(`UPDATE invoice_lines SET explanation = ?, tax_rate_bp = 0 WHERE invoice_id IN (SELECT id FROM invoices WHERE account_id = ?)`)
      .run(explanation, c.accountId),
  );
  // The middle bill (due a month ago) left unpaid too: something overdue for a plan.
  if (opts.overdue) db().prepare(`DELETE FROM payments WHERE invoice_id = ?`).run(c.invoiceIds[1]);
  const lineOf = (invoiceId: string) => db().prepare(`SELECT id FROM invoice_lines WHERE invoice_id = ? AND position = 1`).pluck().get(invoiceId) as string;
  const interactionId = await verifiedCall(t.host, agent, c.customerId);
  return { agent, c, interactionId, lineOf };
}

const opening = (interactionId: string, lineId: string, amount: number, extra: Record<string, unknown> = {}) => ({
  interactionId,
  idempotencyKey: randomUUID(),
  lineId,
  amount,
  reason: 'wrong_amount',
  customerSaid: 'I was charged for a plan I cancelled.',
  ...extra,
});

describe('disputes', () => {
  it('opens a dispute on a bill line: one row, one command, one audit entry; listed open with what it holds', async () => {
    const p = await customer();
    const lineId = p.lineOf(p.c.invoiceIds[2]!);
    const before = await ok<DisputesView>(t.host, p.agent.client, 'disputes.list', { interactionId: p.interactionId });
    const line = before.accounts[0]!.lines.find((l) => l.lineId === lineId)!;
    expect(line).toMatchObject({ amount: 10_000, disputable: 10_000 });
    expect(line.label.length).toBeGreaterThan(5);
    const r = await ok<DisputeOpenResult>(t.host, p.agent.client, 'disputes.open', opening(p.interactionId, lineId, 4_000));
    expect(r.dispute).toMatchObject({ amount: 4_000, status: 'open', statusLabel: 'Open', reason: 'wrong_amount', reasonLabel: 'Wrong amount' });
    expect(r.dispute.sentence).toMatch(/^€40\.00 disputed on bill FT-[^ ]+ \(wrong amount\): .*[^.]\.$/);
    expect(outboxOf(db(), 'dispute.open').filter((o) => o.id === r.commandId)).toHaveLength(1);
    expect(auditOf(db(), 'dispute_opened').filter((a) => a.subject === `dispute:${r.disputeId}`)).toHaveLength(1);
    const after = (await ok<DisputesView>(t.host, p.agent.client, 'disputes.list', { interactionId: p.interactionId })).accounts[0]!;
    expect(after.held).toBe(4_000);
    expect(after.disputes.map((d) => d.id)).toEqual([r.disputeId]);
    expect(after.lines.find((l) => l.lineId === lineId)!.disputable).toBe(6_000);
  });

  it('refuses more than the line still has undisputed, with the figure; nothing changes', async () => {
    const p = await customer();
    const lineId = p.lineOf(p.c.invoiceIds[2]!);
    await ok(t.host, p.agent.client, 'disputes.open', opening(p.interactionId, lineId, 7_000));
    const fp = storeFingerprint(db());
    const e = await fails(t.host, p.agent.client, 'disputes.open', opening(p.interactionId, lineId, 3_001));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.issues).toEqual([{ path: 'over_disputable', message: 'At most €30.00 of this line can still be disputed.' }]);
    expect(storeFingerprint(db())).toEqual(fp);
    await ok(t.host, p.agent.client, 'disputes.open', opening(p.interactionId, lineId, 3_000));
  });

  it('hostile input: unknown reason, empty or card-number text, zero, another customer’s line — typed errors, nothing written', async () => {
    const p = await customer('fr');
    const other = await customer();
    const lineId = p.lineOf(p.c.invoiceIds[2]!);
    const fp = storeFingerprint(db());
    expect((await fails(t.host, p.agent.client, 'disputes.open', opening(p.interactionId, lineId, 100, { reason: 'because' }))).code).toBe('INVALID_INPUT');
    expect((await fails(t.host, p.agent.client, 'disputes.open', opening(p.interactionId, lineId, 0))).code).toBe('INVALID_INPUT');
    expect((await fails(t.host, p.agent.client, 'disputes.open', opening(p.interactionId, lineId, 10.5))).code).toBe('INVALID_INPUT');
    expect((await fails(t.host, p.agent.client, 'disputes.open', opening(p.interactionId, lineId, 100, { customerSaid: '   ' }))).code).toBe('INVALID_INPUT');
    expect(
      (await fails(t.host, p.agent.client, 'disputes.open', opening(p.interactionId, lineId, 100, { customerSaid: 'card 4111 1111 1111 1111' }))).code,
    ).toBe('NOTE_REFUSED');
    expect((await fails(t.host, p.agent.client, 'disputes.open', opening(p.interactionId, other.lineOf(other.c.invoiceIds[2]!), 100))).code).toBe('NOT_FOUND');
    expect((await fails(t.host, p.agent.client, 'disputes.open', opening(p.interactionId, lineId, 100, { amount: 10_001 }))).issues).toEqual([
      { path: 'over_disputable', message: 'Au plus 100,00\u00a0€ de cette ligne peut encore être contesté.' },
    ]);
    expect(storeFingerprint(db())).toEqual(fp);
  });

  it('the same intent twice (same idempotency key, even concurrently) opens one dispute', async () => {
    const p = await customer();
    const input = opening(p.interactionId, p.lineOf(p.c.invoiceIds[2]!), 1_000);
    const [a, b] = await Promise.all([
      ok<DisputeOpenResult>(t.host, p.agent.client, 'disputes.open', input),
      ok<DisputeOpenResult>(t.host, p.agent.client, 'disputes.open', input),
    ]);
    expect(a.disputeId).toBe(b.disputeId);
    expect(db().prepare(`SELECT count(*) FROM disputes WHERE account_id = ?`).pluck().get(p.c.accountId)).toBe(1);
  });

  it('an unpaid bill wholly under dispute is not overdue on the payments tab; partly disputed it is', async () => {
    const p = await customer('en', { overdue: true });
    const standing = async () =>
      (await ok<ReceivablesView>(t.host, p.agent.client, 'receivables.account', { interactionId: p.interactionId })).accounts[0]!.invoices.find(
        (i) => i.invoiceId === p.c.invoiceIds[1],
      )!.standing;
    expect(await standing()).toBe('overdue');
    await ok(t.host, p.agent.client, 'disputes.open', opening(p.interactionId, p.lineOf(p.c.invoiceIds[1]!), 9_999));
    expect(await standing()).toBe('overdue');
    await ok(t.host, p.agent.client, 'disputes.open', opening(p.interactionId, p.lineOf(p.c.invoiceIds[1]!), 1));
    expect(await standing()).toBe('due');
    // The bills tab reads the same rule.
    const bills = await ok<{ invoices: { id: string; status: string }[] }>(t.host, p.agent.client, 'billing.invoices', { interactionId: p.interactionId });
    expect(bills.invoices.find((i) => i.id === p.c.invoiceIds[1])!.status).toBe('due');
  });

  it('rejected with a reason, once: resolving again is a CONFLICT and changes nothing', async () => {
    const p = await customer();
    const d = await ok<DisputeOpenResult>(t.host, p.agent.client, 'disputes.open', opening(p.interactionId, p.lineOf(p.c.invoiceIds[2]!), 2_000));
    const reject = { kind: 'reject', reason: 'The plan was cancelled after the bill was issued.' };
    const r = await ok<DisputeResolveResult>(t.host, p.agent.client, 'disputes.resolve', {
      interactionId: p.interactionId,
      idempotencyKey: randomUUID(),
      disputeId: d.disputeId,
      resolution: reject,
    });
    expect(r).toMatchObject({ status: 'rejected', ledgerEntryIds: [] });
    expect(auditOf(db(), 'dispute_resolved').filter((a) => a.subject === `dispute:${d.disputeId}`)).toHaveLength(1);
    const fp = storeFingerprint(db());
    for (const resolution of [reject, { kind: 'credit', amount: 500 }]) {
      const e = await fails(t.host, p.agent.client, 'disputes.resolve', {
        interactionId: p.interactionId,
        idempotencyKey: randomUUID(),
        disputeId: d.disputeId,
        resolution,
      });
      expect(e.code).toBe('CONFLICT');
      expect(e.issues).toEqual([{ path: 'already_resolved', message: 'This dispute is already resolved (Rejected).' }]);
    }
    expect(storeFingerprint(db())).toEqual(fp);
    const listed = (await ok<DisputesView>(t.host, p.agent.client, 'disputes.list', { interactionId: p.interactionId })).accounts[0]!;
    expect(listed.held).toBe(0);
    expect(listed.disputes[0]).toMatchObject({ status: 'rejected', rejectionReason: reject.reason });
  });

  it('credited: a billing-error credit through the ordinary credit path, at most the disputed amount; over the agent’s policy nothing is written', async () => {
    const p = await customer();
    const d = await ok<DisputeOpenResult>(t.host, p.agent.client, 'disputes.open', opening(p.interactionId, p.lineOf(p.c.invoiceIds[2]!), 2_000));
    const resolve = (resolution: unknown) => ({ interactionId: p.interactionId, idempotencyKey: randomUUID(), disputeId: d.disputeId, resolution });
    const over = await fails(t.host, p.agent.client, 'disputes.resolve', resolve({ kind: 'credit', amount: 2_001 }));
    expect(over.issues).toEqual([{ path: 'credit_over_disputed', message: 'The credit cannot be more than the €20.00 disputed.' }]);
    const r = await ok<DisputeResolveResult>(t.host, p.agent.client, 'disputes.resolve', resolve({ kind: 'credit', amount: 1_500 }));
    expect(r.status).toBe('credited');
    expect(r.ledgerEntryIds).toHaveLength(1);
    expect(
      db().prepare(`SELECT kind, amount, reason_code AS reason, invoice_id AS invoiceId FROM ledger_entries WHERE id = ?`).get(r.ledgerEntryIds[0]),
    ).toEqual({
      kind: 'credit',
      amount: 1_500,
      reason: 'billing_error',
      invoiceId: p.c.invoiceIds[2],
    });
    expect(db().prepare(`SELECT status, credited_amount AS credited, credit_entry_id AS entry FROM disputes WHERE id = ?`).get(d.disputeId)).toEqual({
      status: 'credited',
      credited: 1_500,
      entry: r.ledgerEntryIds[0],
    });
    expect(outboxOf(db(), 'credit.grant').some((o) => JSON.parse(o.payload).request.disputedAmount === 2_000)).toBe(true);
    // The credit names the dispute it resolves: the hub accepts it only with that dispute resolved by it.
    const grant = outboxOf(db(), 'credit.grant').find((o) => JSON.parse(o.payload).entries[0].id === r.ledgerEntryIds[0]);
    expect(JSON.parse(grant!.payload).disputeId).toBe(d.disputeId);

    // A big dispute: the credit is over the agent's own limit — told why, nothing written.
    const big = await customer();
    withFrozenInvoicesLifted(db(), () => db().prepare(`UPDATE invoice_lines SET amount = 900000 WHERE id = ?`).run(big.lineOf(big.c.invoiceIds[2]!)));
    const bd = await ok<DisputeOpenResult>(t.host, big.agent.client, 'disputes.open', opening(big.interactionId, big.lineOf(big.c.invoiceIds[2]!), 800_000));
    const fp = storeFingerprint(db());
    const refused = await fails(t.host, big.agent.client, 'disputes.resolve', {
      interactionId: big.interactionId,
      idempotencyKey: randomUUID(),
      disputeId: bd.disputeId,
      resolution: { kind: 'credit', amount: 800_000 },
    });
    expect(refused.code).toBe('POLICY_REFUSED');
    expect(refused.issues!.length).toBeGreaterThan(0);
    expect(storeFingerprint(db())).toEqual(fp);
  });
});

describe('payment plans', () => {
  const firstDue = new Date(Date.parse(`${DEMO_TODAY}T00:00:00Z`) + 5 * 86_400_000).toISOString().slice(0, 10);
  const plan = (accountId: string, instalments: number, firstDueOn = firstDue) => ({ accountId, instalments, firstDueOn });

  it('an overdue balance in 3 instalments: allowed for an agent, agreed (rows, command, audit), listed with each instalment due', async () => {
    const p = await customer('en', { overdue: true });
    const list0 = (await ok<PaymentPlansView>(t.host, p.agent.client, 'paymentPlans.list', { interactionId: p.interactionId })).accounts[0]!;
    expect(list0.overdueBalance).toBe(10_000);
    const d = await ok<PaymentPlanDecisionView>(t.host, p.agent.client, 'paymentPlans.evaluate', {
      interactionId: p.interactionId,
      request: plan(p.c.accountId, 3),
    });
    expect(d).toMatchObject({ outcome: 'allowed', balance: 10_000, headline: 'Plan of 3 instalments for €100.00 allowed.' });
    expect(d.schedule.map((i) => i.amount)).toEqual([3_334, 3_333, 3_333]);
    const agreed = await ok<PaymentPlanAgreeResult>(t.host, p.agent.client, 'paymentPlans.agree', {
      interactionId: p.interactionId,
      idempotencyKey: randomUUID(),
      request: plan(p.c.accountId, 3),
    });
    if (agreed.status !== 'agreed') throw new Error(agreed.status);
    expect(db().prepare(`SELECT sum(amount) FROM payment_plan_instalments WHERE plan_id = ?`).pluck().get(agreed.planId)).toBe(10_000);
    expect(outboxOf(db(), 'paymentPlan.agree').filter((o) => o.id === agreed.commandId)).toHaveLength(1);
    expect(auditOf(db(), 'payment_plan_agreed').filter((a) => a.subject === `payment_plan:${agreed.planId}`)).toHaveLength(1);
    const listed = (await ok<PaymentPlansView>(t.host, p.agent.client, 'paymentPlans.list', { interactionId: p.interactionId })).accounts[0]!;
    expect(listed.plans[0]).toMatchObject({ id: agreed.planId, status: 'agreed', missed: false });
    expect(listed.plans[0]!.instalments.map((i) => i.status)).toEqual(['due', 'due', 'due']);
    // One plan at a time.
    const second = await fails(t.host, p.agent.client, 'paymentPlans.agree', {
      interactionId: p.interactionId,
      idempotencyKey: randomUUID(),
      request: plan(p.c.accountId, 2),
    });
    expect(second.code).toBe('POLICY_REFUSED');
    expect(second.issues!.map((i) => i.path)).toEqual(['no_active_plan']);
  });

  it('over the agent’s maximum: the agent is told who may agree it (tests/integration/receivables/plan-approvals.test.ts: the request); a senior agent agrees it alone', async () => {
    const p = await customer('fr', { overdue: true });
    const fp = storeFingerprint(db());
    const e = await ok<PaymentPlanDecisionView>(t.host, p.agent.client, 'paymentPlans.evaluate', {
      interactionId: p.interactionId,
      request: plan(p.c.accountId, 5),
    });
    expect(e).toMatchObject({ outcome: 'needs_approval', approverRole: 'senior_agent' });
    expect(e.rules.filter((r) => !r.passed)).toEqual([
      {
        rule: 'instalment_limit',
        passed: false,
        text: 'Au-delà de votre limite de 3\u00a0échéances\u00a0: validation par un conseiller senior nécessaire.',
      },
    ]);
    expect(storeFingerprint(db())).toEqual(fp);
    const senior = freshStaff(t.host, 'senior_agent');
    const call = await verifiedCall(t.host, senior, p.c.customerId);
    const r = await ok<PaymentPlanAgreeResult>(t.host, senior.client, 'paymentPlans.agree', {
      interactionId: call,
      idempotencyKey: randomUUID(),
      request: plan(p.c.accountId, 5),
    });
    expect(r.status).toBe('agreed');
    expect(r.decision.schedule).toHaveLength(5);
  });

  it('refused below the minimum, with a first due date in the past, or for another customer’s account; the same key twice agrees once', async () => {
    const p = await customer();
    const none = await fails(t.host, p.agent.client, 'paymentPlans.agree', {
      interactionId: p.interactionId,
      idempotencyKey: randomUUID(),
      request: plan(p.c.accountId, 3),
    });
    expect(none.issues!.map((i) => i.path)).toEqual(['overdue_minimum', 'minimum_instalment']);
    const q = await customer('en', { overdue: true });
    expect(
      (await fails(t.host, q.agent.client, 'paymentPlans.evaluate', { interactionId: q.interactionId, request: plan(q.c.accountId, 3, '2020-01-01') })).code,
    ).toBe('INVALID_INPUT');
    expect((await fails(t.host, q.agent.client, 'paymentPlans.evaluate', { interactionId: q.interactionId, request: plan(p.c.accountId, 3) })).code).toBe(
      'NOT_FOUND',
    );
    const input = { interactionId: q.interactionId, idempotencyKey: randomUUID(), request: plan(q.c.accountId, 2) };
    const [a, b] = await Promise.all([
      ok<PaymentPlanAgreeResult>(t.host, q.agent.client, 'paymentPlans.agree', input),
      ok<PaymentPlanAgreeResult>(t.host, q.agent.client, 'paymentPlans.agree', input),
    ]);
    expect(a).toEqual(b);
    expect(a.status).toBe('agreed');
    expect(db().prepare(`SELECT count(*) FROM payment_plans WHERE account_id = ?`).pluck().get(q.c.accountId)).toBe(1);
  });

  it('a plan agreed months ago: paid instalments, a missed one flagged, the plan broken — and no new plan for a year', async () => {
    const p = await customer('en', { overdue: true });
    // A plan agreed on 16 October over the September bill (due 15 October, unpaid), as a desk that agreed it then would have
    // stored it: the first instalment paid, the second not, the third still to come.
    const planId = uuidv7();
    db()
      .prepare(
        `INSERT INTO payment_plans (id, account_id, customer_id, balance, currency, instalment_count, agreed_on, status, decision, created_by, created_at, interaction_id, command_id)
         VALUES (?, ?, ?, 9000, 'EUR', 3, '2026-10-16', 'agreed', '{}', ?, '2026-10-16T10:00:00.000Z', ?, ?)`,
      )
      .run(planId, p.c.accountId, p.c.customerId, p.agent.userId, p.interactionId, uuidv7());
    for (const [seq, due] of [
      [1, '2026-10-20'],
      [2, '2026-11-10'],
      [3, '2026-12-10'],
    ] as const)
      db().prepare(`INSERT INTO payment_plan_instalments (id, plan_id, seq, due_on, amount) VALUES (?, ?, ?, ?, 3000)`).run(uuidv7(), planId, seq, due);
    db()
      .prepare(`INSERT INTO payments (id, account_id, amount, currency, received_on, method) VALUES (?, ?, 3000, 'EUR', '2026-10-19', 'card')`)
      .run(uuidv7(), p.c.accountId);
    // The October bill paid as usual (a payment for it): it settles that bill, not the plan's.
    db()
      .prepare(`INSERT INTO payments (id, account_id, invoice_id, amount, currency, received_on, method) VALUES (?, ?, ?, 10000, 'EUR', '2026-11-09', 'card')`)
      .run(uuidv7(), p.c.accountId, p.c.invoiceIds[2]);
    const listed = (await ok<PaymentPlansView>(t.host, p.agent.client, 'paymentPlans.list', { interactionId: p.interactionId })).accounts[0]!;
    const shown = listed.plans.find((x) => x.id === planId)!;
    expect(shown).toMatchObject({ status: 'broken', missed: true, statusLabel: 'Broken: an instalment was missed' });
    expect(shown.instalments.map((i) => [i.status, i.statusLabel])).toEqual([
      ['paid', 'Paid'],
      ['missed', 'Missed'],
      ['due', 'Due'],
    ]);
    const d = await ok<PaymentPlanDecisionView>(t.host, p.agent.client, 'paymentPlans.evaluate', {
      interactionId: p.interactionId,
      request: plan(p.c.accountId, 2),
    });
    expect(d.outcome).toBe('refused');
    expect(d.rules.filter((r) => !r.passed).map((r) => r.text)).toEqual(['A plan was broken on 10 November 2026: no new plan within 12 months.']);
  });
});
