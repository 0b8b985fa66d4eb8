/**
 * A payment plan over the agent's limit goes to the approvals inbox (issue 13, item 14: allowed /
 * needs approval / refused, as for discounts): filed by a command with its audit entry, once per
 * idempotency key; listed for the roles that may decide with its schedule in words; approved → the
 * plan agreed exactly as an allowed one is (rows, instalments, command, audit), refused → the agent
 * reads the reason. Hostile cases: a role too low, decided twice (one after the other and at
 * once), a balance that moved since the agent asked, an amount sent with the approval.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ApiEvent,
  ApprovalDecisionResult,
  ApprovalDetail,
  ApprovalSummary,
  CallApprovalStatus,
  PaymentPlanAgreeResult,
  PaymentPlansView,
} from '../../../src/core/api';
import { instalmentSchedule } from '../../../src/core/receivables';
import { withFrozenInvoicesLifted } from '../../../src/main/store/frozen-invoices';
import { uuidv7 } from '../../../src/main/store/ids';
import { DEMO_TODAY, startTestHost, storeFingerprint, type TestHost } from '../../fixtures/app-host';
import { auditOf, fails, freshStaff, makeCustomer, ok, outboxOf, verifiedCall, type TestClient } from '../discounts/helpers';

let t: TestHost;
let supervisor: TestClient;
beforeAll(() => {
  t = startTestHost(20);
  supervisor = freshStaff(t.host, 'supervisor');
});
afterAll(() => t.dispose());

const db = () => t.host.db.$client;
const firstDue = new Date(Date.parse(`${DEMO_TODAY}T00:00:00Z`) + 5 * 86_400_000).toISOString().slice(0, 10);

/** A customer with €100.00 overdue (the middle bill unpaid), on a verified call of a fresh agent. */
async function overdueCustomer(locale: 'en' | 'fr' = 'en') {
  const agent = freshStaff(t.host, 'agent', locale);
  const c = makeCustomer(db(), { standing: 'late', lateFee: 0 });
  const explanation = db().prepare(`SELECT explanation FROM invoice_lines WHERE kind = 'plan' AND explanation <> '{}' LIMIT 1`).pluck().get() as string;
  withFrozenInvoicesLifted(db(), () =>
    db()
      .prepare(`UPDATE invoice_lines SET explanation = ?, tax_rate_bp = 0 WHERE invoice_id IN (SELECT id FROM invoices WHERE account_id = ?)`)
      .run(explanation, c.accountId),
  );
  db().prepare(`DELETE FROM payments WHERE invoice_id = ?`).run(c.invoiceIds[1]);
  const interactionId = await verifiedCall(t.host, agent, c.customerId);
  return { agent, c, interactionId };
}

const asking = (p: { interactionId: string; c: { accountId: string } }, instalments: number, key = randomUUID()) => ({
  interactionId: p.interactionId,
  idempotencyKey: key,
  request: { accountId: p.c.accountId, instalments, firstDueOn: firstDue },
});

async function requested(
  p: Awaited<ReturnType<typeof overdueCustomer>>,
  instalments: number,
): Promise<Extract<PaymentPlanAgreeResult, { status: 'pending_approval' }>> {
  const r = await ok<PaymentPlanAgreeResult>(t.host, p.agent.client, 'paymentPlans.agree', asking(p, instalments));
  if (r.status !== 'pending_approval') throw new Error(`expected a request, got ${r.status}`);
  return r;
}

const plansOf = (accountId: string) => db().prepare(`SELECT count(*) FROM payment_plans WHERE account_id = ?`).pluck().get(accountId) as number;
const approvalRow = (id: string) =>
  db().prepare(`SELECT status, comment, approved_amount AS approvedAmount, decided_by AS decidedBy FROM approval_requests WHERE id = ?`).get(id);
const approve = (approvalId: string, extra: Record<string, unknown> = {}) => ({ approvalId, idempotencyKey: randomUUID(), decision: 'approve', ...extra });
const decided = (events: readonly ApiEvent[], approvalId: string) =>
  events.filter((e) => e.name === 'approval.decided' && (e.payload as { approvalId: string }).approvalId === approvalId);

describe('a payment plan over the agent’s limit', () => {
  it('within the limit it is agreed at once; over it, one request is filed (command, audit) and nothing is agreed', async () => {
    const p = await overdueCustomer();
    const within = await ok<PaymentPlanAgreeResult>(t.host, p.agent.client, 'paymentPlans.agree', asking(p, 2));
    expect(within.status).toBe('agreed');

    const q = await overdueCustomer();
    const seniors = freshStaff(t.host, 'senior_agent');
    const r = await requested(q, 5);
    expect(r).toMatchObject({ approverRole: 'senior_agent', decision: { outcome: 'needs_approval', balance: 10_000 } });
    expect(plansOf(q.c.accountId)).toBe(0);
    const [command] = outboxOf(db(), 'paymentPlan.request').filter((o) => JSON.parse(o.payload).approvalId === r.approvalId);
    expect(JSON.parse(command!.payload)).toMatchObject({
      customerId: q.c.customerId,
      accountId: q.c.accountId,
      request: { kind: 'payment_plan', accountId: q.c.accountId, instalments: 5, firstDueOn: firstDue },
      approverRole: 'senior_agent',
      decision: { balance: 10_000, schedule: instalmentSchedule(10_000, 5, firstDue) },
    });
    expect(auditOf(db(), 'payment_plan_requested').filter((a) => a.subject === `approval:${r.approvalId}`)).toHaveLength(1);
    // Whoever may decide hears of it at once.
    expect(seniors.events.some((e) => e.name === 'approval.requested' && (e.payload as { approvalId: string }).approvalId === r.approvalId)).toBe(true);
    // While it waits, it counts as the account's plan: a second one is refused, nothing written.
    const fp = storeFingerprint(db());
    const second = await fails(t.host, q.agent.client, 'paymentPlans.agree', asking(q, 2));
    expect(second.code).toBe('POLICY_REFUSED');
    expect(second.issues!.map((i) => i.path)).toEqual(['no_active_plan']);
    expect(storeFingerprint(db())).toEqual(fp);
  });

  it('the same intent twice, and ten times at once, files one request', async () => {
    const p = await overdueCustomer();
    const input = asking(p, 4);
    const all = await Promise.all(Array.from({ length: 10 }, () => ok<PaymentPlanAgreeResult>(t.host, p.agent.client, 'paymentPlans.agree', input)));
    const again = await ok<PaymentPlanAgreeResult>(t.host, p.agent.client, 'paymentPlans.agree', input);
    for (const r of [...all, again]) expect(r).toEqual(all[0]);
    expect(db().prepare(`SELECT count(*) FROM approval_requests WHERE account_id = ?`).pluck().get(p.c.accountId)).toBe(1);
    expect(outboxOf(db(), 'paymentPlan.request').filter((o) => JSON.parse(o.payload).accountId === p.c.accountId)).toHaveLength(1);
  });

  it('shows in the inbox with the schedule in words, pending on the agent’s call; approved, the plan is agreed as an allowed one is', async () => {
    const p = await overdueCustomer();
    const r = await requested(p, 5);
    const inbox = await ok<ApprovalSummary[]>(t.host, supervisor.client, 'approvals.inbox', {});
    const item = inbox.find((i) => i.approvalId === r.approvalId)!;
    expect(item).toMatchObject({
      kind: 'payment_plan',
      reason: 'payment_plan',
      reasonLabel: 'Payment plan',
      amount: 10_000,
      currency: 'EUR',
      approverRole: 'senior_agent',
      request: { kind: 'payment_plan', instalments: 5, firstDueOn: firstDue },
      scheduleSentence: `5 × €20.00 each month from ${new Date(`${firstDue}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })}.`,
    });
    expect(item.explanation.headline).toBe('Plan of 5 instalments for €100.00 needs approval by a senior agent.');
    expect(item.explanation.rules.filter((x) => !x.passed).map((x) => x.rule)).toEqual(['instalment_limit']);
    const detail = await ok<ApprovalDetail>(t.host, supervisor.client, 'approvals.get', { approvalId: r.approvalId });
    expect(detail.forApprover.outcome).toBe('allowed');

    const [pending] = await ok<CallApprovalStatus[]>(t.host, p.agent.client, 'approvals.status', { interactionId: p.interactionId });
    expect(pending).toMatchObject({ approvalId: r.approvalId, status: 'pending', amount: 10_000, reasonLabel: 'Payment plan' });
    expect(pending!.summary).toMatch(/^Waiting for approval: payment plan of 5 instalments for €100\.00 \(5 × €20\.00 each month from .+\)$/);

    const done = await ok<ApprovalDecisionResult>(
      t.host,
      supervisor.client,
      'approvals.decide',
      approve(r.approvalId, { comment: 'First month tight, fine.' }),
    );
    expect(done).toMatchObject({ status: 'applied', approvedAmount: 10_000 });
    expect(approvalRow(r.approvalId)).toMatchObject({ status: 'applied', approvedAmount: 10_000, decidedBy: supervisor.userId });
    const plan = db()
      .prepare(
        `SELECT id, balance, instalment_count AS n, created_by AS createdBy, interaction_id AS interactionId, command_id AS commandId FROM payment_plans WHERE account_id = ?`,
      )
      .get(p.c.accountId) as { id: string; balance: number; n: number; createdBy: string; interactionId: string; commandId: string };
    expect(plan).toMatchObject({ balance: 10_000, n: 5, createdBy: supervisor.userId, interactionId: p.interactionId });
    expect(db().prepare(`SELECT amount FROM payment_plan_instalments WHERE plan_id = ? ORDER BY seq`).pluck().all(plan.id)).toEqual([
      2_000, 2_000, 2_000, 2_000, 2_000,
    ]);
    const [agree] = outboxOf(db(), 'paymentPlan.agree').filter((o) => o.id === plan.commandId);
    expect(JSON.parse(agree!.payload)).toMatchObject({ planId: plan.id, approvalId: r.approvalId, requestedBy: p.agent.userId, balance: 10_000 });
    expect(agree!.actor_id).toBe(supervisor.userId);
    expect(auditOf(db(), 'payment_plan_agreed').filter((a) => a.subject === `payment_plan:${plan.id}`)).toHaveLength(1);
    const [decide] = outboxOf(db(), 'approval.decide').filter((o) => JSON.parse(o.payload).approvalId === r.approvalId);
    expect(JSON.parse(decide!.payload)).toMatchObject({ decision: 'approve', appliedCommandId: plan.commandId, approvedAmount: 10_000 });

    // The agent is told, and reads the plan agreed.
    expect(decided(p.agent.events, r.approvalId)).toHaveLength(1);
    const [applied] = await ok<CallApprovalStatus[]>(t.host, p.agent.client, 'approvals.status', { interactionId: p.interactionId });
    expect(applied!.status).toBe('applied');
    expect(applied!.summary).toMatch(/^Approved by .+: the payment plan is agreed \(5 × €20\.00 each month from .+\)\. — “First month tight, fine\.”$/);
    const listed = (await ok<PaymentPlansView>(t.host, p.agent.client, 'paymentPlans.list', { interactionId: p.interactionId })).accounts[0]!;
    expect(listed.plans.map((x) => [x.id, x.status, x.instalments.length])).toEqual([[plan.id, 'agreed', 5]]);
    expect((await ok<ApprovalSummary[]>(t.host, supervisor.client, 'approvals.inbox', {})).some((i) => i.approvalId === r.approvalId)).toBe(false);
  });

  it('refused with a reason: the agent reads it, no plan is written, and the agent may ask again', async () => {
    const p = await overdueCustomer('fr');
    const r = await requested(p, 5);
    const out = await ok<ApprovalDecisionResult>(t.host, supervisor.client, 'approvals.decide', {
      approvalId: r.approvalId,
      idempotencyKey: randomUUID(),
      decision: 'refuse',
      comment: 'Proposez trois échéances.',
    });
    expect(out.status).toBe('refused');
    expect(plansOf(p.c.accountId)).toBe(0);
    const [status] = await ok<CallApprovalStatus[]>(t.host, p.agent.client, 'approvals.status', { interactionId: p.interactionId });
    expect(status).toMatchObject({ status: 'refused', comment: 'Proposez trois échéances.', reasonLabel: 'Échéancier de paiement' });
    expect(status!.summary).toContain('Proposez trois échéances.');
    expect(status!.scheduleSentence).toMatch(/^5 × 20,00\u00a0€ /);
    expect(decided(p.agent.events, r.approvalId)).toHaveLength(1);
    const again = await ok<PaymentPlanAgreeResult>(t.host, p.agent.client, 'paymentPlans.agree', asking(p, 3));
    expect(again.status).toBe('agreed');
  });

  it('only a role at or above the approver role decides (a supervisor’s request is not a senior agent’s, nor the asking agent’s)', async () => {
    const p = await overdueCustomer();
    const r = await requested(p, 7);
    expect(r.approverRole).toBe('supervisor');
    const senior = freshStaff(t.host, 'senior_agent');
    const fp = storeFingerprint(db());
    expect((await ok<ApprovalSummary[]>(t.host, senior.client, 'approvals.inbox', {})).some((i) => i.approvalId === r.approvalId)).toBe(false);
    expect((await fails(t.host, senior.client, 'approvals.get', { approvalId: r.approvalId })).code).toBe('NOT_FOUND');
    expect((await fails(t.host, senior.client, 'approvals.decide', approve(r.approvalId))).code).toBe('FORBIDDEN');
    expect((await fails(t.host, p.agent.client, 'approvals.decide', approve(r.approvalId))).code).toBe('FORBIDDEN');
    expect(storeFingerprint(db())).toEqual(fp);
    await ok(t.host, supervisor.client, 'approvals.decide', approve(r.approvalId));
    expect(approvalRow(r.approvalId)).toMatchObject({ status: 'applied' });
  });

  it('decided twice — one after the other, or at once — is APPROVAL_INVALID and changes nothing', async () => {
    const p = await overdueCustomer();
    const r = await requested(p, 4);
    const other = freshStaff(t.host, 'supervisor');
    const shown = { approve: await shownFor(r.approvalId, 'approve'), refuse: await shownFor(r.approvalId, 'refuse') };
    const results = await Promise.all([
      t.host.dispatcher.dispatch(supervisor.client, 'approvals.decide', { ...approve(r.approvalId), shown: shown.approve }),
      t.host.dispatcher.dispatch(other.client, 'approvals.decide', {
        approvalId: r.approvalId,
        idempotencyKey: randomUUID(),
        decision: 'refuse',
        comment: 'No.',
        shown: shown.refuse,
      }),
    ]);
    expect(results.filter((x) => x.ok)).toHaveLength(1);
    const failed = results.find((x) => !x.ok)!;
    expect(!failed.ok && failed.error.code).toBe('APPROVAL_INVALID');
    const fp = storeFingerprint(db());
    const afterwards = await fails(t.host, other.client, 'approvals.decide', approve(r.approvalId));
    expect(afterwards.code).toBe('APPROVAL_INVALID');
    expect(storeFingerprint(db())).toEqual(fp);
    expect(plansOf(p.c.accountId)).toBe(results[0]!.ok ? 1 : 0);
    expect(outboxOf(db(), 'approval.decide').filter((o) => JSON.parse(o.payload).approvalId === r.approvalId)).toHaveLength(1);
  });

  it('a balance that moved since the agent asked is a CONFLICT that says so: nothing agreed, the request waits to be refused', async () => {
    const p = await overdueCustomer();
    const r = await requested(p, 5);
    // The customer paid €30 of the overdue bill meanwhile.
    db()
      .prepare(
        `INSERT INTO payments (id, account_id, invoice_id, amount, currency, received_on, method, status) VALUES (?, ?, ?, 3000, 'EUR', ?, 'card', 'received')`,
      )
      .run(uuidv7(), p.c.accountId, p.c.invoiceIds[1], DEMO_TODAY);
    const fp = storeFingerprint(db());
    const e = await fails(t.host, supervisor.client, 'approvals.decide', approve(r.approvalId));
    expect(e.code).toBe('CONFLICT');
    expect(e.issues).toEqual([
      {
        path: 'balance',
        message: 'The overdue balance is now €70.00, not the €100.00 this plan was asked on: refuse this request with a reason; the agent asks again.',
      },
    ]);
    expect(storeFingerprint(db())).toEqual(fp);
    expect(approvalRow(r.approvalId)).toMatchObject({ status: 'pending' });
    await ok(t.host, supervisor.client, 'approvals.decide', {
      approvalId: r.approvalId,
      idempotencyKey: randomUUID(),
      decision: 'refuse',
      comment: 'Paid €30 meanwhile: ask again.',
    });
    expect(plansOf(p.c.accountId)).toBe(0);
  });

  it('a request whose first instalment date has passed (decided days later) is a CONFLICT that says so, and nothing is agreed', async () => {
    const p = await overdueCustomer();
    const r = await requested(p, 5);
    // As if the supervisor opened it a week after the agent asked for a first instalment yesterday.
    const yesterday = new Date(Date.parse(`${DEMO_TODAY}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    db().prepare(`UPDATE approval_requests SET request = json_set(request, '$.firstDueOn', ?) WHERE id = ?`).run(yesterday, r.approvalId);
    const fp = storeFingerprint(db());
    const e = await fails(t.host, supervisor.client, 'approvals.decide', approve(r.approvalId));
    expect(e.code).toBe('CONFLICT');
    expect(e.issues).toHaveLength(1);
    expect(e.issues![0]!.path).toBe('request.firstDueOn');
    expect(e.issues![0]!.message).toMatch(/^The first instalment was due on .+, which has passed: refuse this request; the agent asks again\.$/);
    expect(storeFingerprint(db())).toEqual(fp);
    expect(plansOf(p.c.accountId)).toBe(0);
    expect(approvalRow(r.approvalId)).toMatchObject({ status: 'pending' });
  });

  it('a plan is approved as asked: an amount, a percentage or cycles are INVALID_INPUT, nothing written', async () => {
    const p = await overdueCustomer();
    const r = await requested(p, 4);
    const fp = storeFingerprint(db());
    for (const extra of [{ amount: 5_000 }, { percentBp: 100 }, { cycles: 2 }]) {
      const e = await fails(t.host, supervisor.client, 'approvals.decide', approve(r.approvalId, extra));
      expect(e.code, JSON.stringify(extra)).toBe('INVALID_INPUT');
    }
    expect(storeFingerprint(db())).toEqual(fp);
  });
});

/** What the inbox screen would send back as `shown` (the dispatcher is called directly here, for two clients at once). */
async function shownFor(approvalId: string, outcome: 'approve' | 'refuse'): Promise<{ outcome: string; requestHash: string }> {
  const item = (await ok<ApprovalSummary[]>(t.host, supervisor.client, 'approvals.inbox', {})).find((i) => i.approvalId === approvalId)!;
  return { outcome, requestHash: item.requestHash };
}
