/**
 * Disputes and payment plans on the hub: each command is decided again with core's rules on the
 * hub's data — a dispute within what the line still has undisputed there, resolved once (a second
 * desk's resolution is rejected), a payment plan re-decided on every desk's payments and written
 * with its instalments into the change log; a rejection is a receipt, never an error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instalmentSchedule } from '../../../src/core/receivables';
import type { DiscountRequestInput } from '../../../src/core/api';
import { decisionRows } from '../../../src/hub/commands/decision-rows';
import { loadDemoSet } from '../../../src/hub/demo-set';
import { generateDeskDemoStore } from '../../../src/main/hub-demo-store';
import { memoryKeyVault } from '../../../src/platform/keys';
import { uuidv7 } from '../../../src/platform/ids';
import { DEMO_TODAY, TEST_PASSWORD_COST } from '../../fixtures/app-host';
import { enrolledDevice, TestDesk } from '../../fixtures/hub-desk';
import { openTestHubDb, type TestHubDb } from '../../fixtures/hub-db';

let hub: TestHubDb;
const users: Record<string, string> = {};
let customers: string[] = [];

async function enrolled(name: string): Promise<TestDesk> {
  return new TestDesk(hub.db, await enrolledDevice(hub.db, name), users);
}

beforeAll(async () => {
  hub = await openTestHubDb();
  await loadDemoSet(hub.db, memoryKeyVault(), { generate: generateDeskDemoStore, customers: 20, seed: 5, today: DEMO_TODAY, passwordCost: TEST_PASSWORD_COST });
  for (const u of await hub.db.query<{ id: string; username: string }>(`SELECT id, username FROM users`)) users[u.username] = u.id;
  customers = (await hub.db.query<{ id: string }>(`SELECT id FROM customers ORDER BY id LIMIT 3`)).map((r) => r.id);
}, 180_000);
afterAll(async () => {
  await hub?.dispose();
});

/** The customer's latest bill's largest taxed line: what it charged VAT included. */
async function lineOf(customerId: string) {
  const [line] = await hub.db.query<{ id: string; invoice_id: string; account_id: string; amount: number; tax_rate_bp: number }>(
    `SELECT l.id, l.invoice_id, i.account_id, l.amount, l.tax_rate_bp FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id JOIN accounts a ON a.id = i.account_id
      WHERE a.customer_id = $1 AND l.kind = 'plan' ORDER BY i.issued_on DESC, l.amount DESC LIMIT 1`,
    [customerId],
  );
  const amount = Number(line!.amount);
  const charged = amount + Math.round((amount * Number(line!.tax_rate_bp)) / 10_000);
  return { ...line!, charged };
}

const openPayload = (customerId: string, line: Awaited<ReturnType<typeof lineOf>>, amount: number) => ({
  disputeId: uuidv7(),
  customerId,
  accountId: line.account_id,
  invoiceId: line.invoice_id,
  lineId: line.id,
  amount,
  currency: 'EUR',
  reason: 'wrong_amount',
  customerSaid: 'Not the price I was told.',
});

describe('disputes on the hub', () => {
  it('accepts a dispute within the line, logs it for every desk, and rejects what two desks dispute beyond the line', async () => {
    const [a, b] = [await enrolled('desk-a'), await enrolled('desk-b')];
    const customerId = customers[0]!;
    const line = await lineOf(customerId);
    const [callA, callB] = [await a.call('agent', customerId), await b.call('agent2', customerId)];
    const first = openPayload(customerId, line, line.charged - 100);
    const [ra] = await a.push(a.envelope('dispute.open', 'agent', callA, first));
    expect(ra!.status).toBe('accepted');
    const logged = await hub.db.query(`SELECT 1 FROM change_log WHERE tbl = 'disputes' AND pk = $1`, [first.disputeId]);
    expect(logged).toHaveLength(1);
    const [rb] = await b.push(b.envelope('dispute.open', 'agent2', callB, openPayload(customerId, line, 101)));
    expect(rb!.status).toBe('rejected');
    expect(rb!.reasons?.[0]).toMatchObject({ code: 'dispute.over_disputable' });
    const [rc] = await b.push(b.envelope('dispute.open', 'agent2', callB, openPayload(customerId, line, 100)));
    expect(rc!.status).toBe('accepted');
  });

  it('a dispute is resolved once: the second desk’s rejection is rejected; a credit must name the billing-error entry', async () => {
    const [a, b] = [await enrolled('desk-c'), await enrolled('desk-d')];
    const customerId = customers[1]!;
    const line = await lineOf(customerId);
    const [callA, callB] = [await a.call('agent', customerId), await b.call('agent2', customerId)];
    const open = openPayload(customerId, line, 500);
    expect((await a.push(a.envelope('dispute.open', 'agent', callA, open)))[0]!.status).toBe('accepted');
    const resolve = (status: 'credited' | 'rejected', extra: Record<string, unknown> = {}) => ({
      disputeId: open.disputeId,
      customerId,
      accountId: line.account_id,
      status,
      creditedAmount: null,
      creditEntryId: null,
      rejectionReason: 'Used as billed.',
      ...extra,
    });
    const [noCredit] = await b.push(
      b.envelope('dispute.resolve', 'agent2', callB, resolve('credited', { creditedAmount: 500, creditEntryId: uuidv7(), rejectionReason: null })),
    );
    expect(noCredit!.status).toBe('rejected');
    expect(noCredit!.reasons?.[0]?.code).toBe('credit_missing');
    expect((await a.push(a.envelope('dispute.resolve', 'agent', callA, resolve('rejected'))))[0]!.status).toBe('accepted');
    const [again] = await b.push(b.envelope('dispute.resolve', 'agent2', callB, resolve('rejected')));
    expect(again!.status).toBe('rejected');
    expect(again!.reasons?.[0]?.code).toBe('dispute.already_resolved');
    const [row] = await hub.db.query<{ status: string; resolved_by: string }>(`SELECT status, resolved_by FROM disputes WHERE id = $1`, [open.disputeId]);
    expect(row).toEqual({ status: 'rejected', resolved_by: users['agent'] });
  });

  it('a credit naming its dispute resolves it in the same transaction: a rejection slipping in before its dispute.resolve is refused, the dispute.resolve confirms; a credit for a dispute no longer open is refused, nothing written', async () => {
    const [a, b] = [await enrolled('desk-e'), await enrolled('desk-f')];
    const [{ id: customerId }] = (await hub.db.query<{ id: string }>(`SELECT id FROM customers ORDER BY id OFFSET 4 LIMIT 1`)) as [{ id: string }];
    const line = await lineOf(customerId);
    const [callA, callB] = [await a.call('agent', customerId), await b.call('agent2', customerId)];
    const open = openPayload(customerId, line, 400);
    expect((await a.push(a.envelope('dispute.open', 'agent', callA, open)))[0]!.status).toBe('accepted');
    const grant = (desk: TestDesk, actor: string, call: string, amount: number, extra: Record<string, unknown>) => {
      const entry = {
        id: uuidv7(),
        accountId: line.account_id,
        kind: 'credit',
        amount,
        currency: 'EUR',
        reasonCode: 'billing_error',
        invoiceId: line.invoice_id,
        terms: null,
      };
      const request = { kind: 'one_off_credit', reason: 'billing_error', target: 'invoice', invoiceId: line.invoice_id, amount, disputedAmount: 400 };
      return {
        entry,
        envelope: desk.envelope('credit.grant', actor, call, { customerId, accountId: line.account_id, request, entries: [entry], note: null, ...extra }),
      };
    };
    const resolve = (status: 'credited' | 'rejected', extra: Record<string, unknown>) => ({
      disputeId: open.disputeId,
      customerId,
      accountId: line.account_id,
      status,
      creditedAmount: null,
      creditEntryId: null,
      rejectionReason: null,
      ...extra,
    });
    const ledgerCount = async () =>
      Number((await hub.db.query<{ n: string }>(`SELECT count(*) AS n FROM ledger_entries WHERE account_id = $1`, [line.account_id]))[0]!.n);

    // A credit naming another account's dispute (or none the hub knows) is refused.
    const stray = grant(a, 'agent', callA, 300, { disputeId: uuidv7() });
    const [strayReceipt] = await a.push(stray.envelope);
    expect(strayReceipt).toMatchObject({ status: 'rejected', reasons: [expect.objectContaining({ code: 'unknown_dispute' })] });

    // A's credit reaches the hub; B's rejection slips in before A's dispute.resolve: the credit already resolved it.
    const mine = grant(a, 'agent', callA, 300, { disputeId: open.disputeId });
    expect((await a.push(mine.envelope))[0]!.status).toBe('accepted');
    const [theirs] = await b.push(b.envelope('dispute.resolve', 'agent2', callB, resolve('rejected', { rejectionReason: 'Used as billed.' })));
    expect(theirs).toMatchObject({ status: 'rejected', reasons: [expect.objectContaining({ code: 'dispute.already_resolved' })] });
    // B cannot claim A's credit as its own resolution.
    const [claimed] = await b.push(b.envelope('dispute.resolve', 'agent2', callB, resolve('credited', { creditedAmount: 300, creditEntryId: mine.entry.id })));
    expect(claimed!.status).toBe('rejected');
    const confirm = a.envelope('dispute.resolve', 'agent', callA, resolve('credited', { creditedAmount: 300, creditEntryId: mine.entry.id }));
    expect((await a.push(confirm))[0]!.status).toBe('accepted');
    const [row] = await hub.db.query(`SELECT status, credited_amount, credit_entry_id, resolve_command_id, resolved_by FROM disputes WHERE id = $1`, [
      open.disputeId,
    ]);
    expect(row).toEqual({
      status: 'credited',
      credited_amount: 300,
      credit_entry_id: mine.entry.id,
      resolve_command_id: confirm.commandId,
      resolved_by: users['agent'],
    });

    // B's credit for the same dispute, now resolved: refused with the dispute's reason, no ledger row written.
    const before = await ledgerCount();
    const second = grant(b, 'agent2', callB, 200, { disputeId: open.disputeId });
    const [refused] = await b.push(second.envelope);
    expect(refused).toMatchObject({ status: 'rejected', reasons: [expect.objectContaining({ code: 'dispute.already_resolved' })] });
    expect(await ledgerCount()).toBe(before);
    // An ordinary credit (no disputeId, as older desks send) is granted as before.
    expect((await b.push(grant(b, 'agent2', callB, 200, {}).envelope))[0]!.status).toBe('accepted');
  });
});

describe('what open disputes hold, in the hub’s policy facts', () => {
  it('the hub’s decision rows carry what open disputes hold on the bill (the overdue rule sets it aside); a rejected dispute holds nothing', async () => {
    const desk = await enrolled('desk-held');
    const [{ id: customerId }] = (await hub.db.query<{ id: string }>(`SELECT id FROM customers ORDER BY id OFFSET 3 LIMIT 1`)) as [{ id: string }];
    const line = await lineOf(customerId);
    const call = await desk.call('agent', customerId);
    const request: DiscountRequestInput = { kind: 'one_off_credit', reason: 'goodwill', target: 'invoice', invoiceId: line.invoice_id, amount: 500 };
    const held = async () => {
      const { rows } = await hub.db.tx((sql) => decisionRows(sql, customerId, request, users['agent']!, DEMO_TODAY));
      return { invoice: rows.invoice?.held ?? 0, recent: rows.recentInvoices.find((i) => i.id === line.invoice_id)?.held ?? 0 };
    };
    expect(await held()).toEqual({ invoice: 0, recent: 0 });
    const open = openPayload(customerId, line, 700);
    expect((await desk.push(desk.envelope('dispute.open', 'agent', call, open)))[0]!.status).toBe('accepted');
    expect((await desk.push(desk.envelope('dispute.open', 'agent', call, openPayload(customerId, line, 300))))[0]!.status).toBe('accepted');
    expect(await held()).toEqual({ invoice: 1_000, recent: 1_000 });
    const reject = {
      disputeId: open.disputeId,
      customerId,
      accountId: line.account_id,
      status: 'rejected',
      creditedAmount: null,
      creditEntryId: null,
      rejectionReason: 'Used as billed.',
    };
    expect((await desk.push(desk.envelope('dispute.resolve', 'agent', call, reject)))[0]!.status).toBe('accepted');
    expect(await held()).toEqual({ invoice: 300, recent: 300 });
  });
});

describe('payment plans on the hub', () => {
  it('re-decides on the hub’s figures: agreed with its instalments; a second plan, a different balance or too many instalments for the role are rejected', async () => {
    const desk = await enrolled('desk-e');
    const customerId = customers[2]!;
    // A new account of the customer with one bill, two months overdue: €120.01 nobody paid.
    const account = { id: uuidv7() };
    await hub.db.query(
      `INSERT INTO accounts (id, customer_id, number, currency, status, opened_on, payment_terms_days, paper_bill) VALUES ($1, $2, $3, 'EUR', 'active', $4, 14, 0)`,
      [account.id, customerId, `HUB-${account.id.slice(-8)}`, '2025-01-01'],
    );
    const day = (n: number) => new Date(Date.parse(`${DEMO_TODAY}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    const invoiceId = uuidv7();
    await hub.db.query(
      `INSERT INTO invoices (id, account_id, number, cycle_start, cycle_end, issued_on, due_on, currency, subtotal, tax, total, previous_balance, payments_received, amount_due)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'EUR', 12001, 0, 12001, 0, 0, 12001)`,
      [invoiceId, account.id, `FT-HUB-${invoiceId.slice(-8)}`, day(-90), day(-61), day(-60), day(-46)],
    );
    const call = await desk.call('agent', customerId);
    const plan = (balance: number, instalments: number) => {
      const firstDueOn = day(5);
      return {
        planId: uuidv7(),
        customerId,
        accountId: account.id,
        request: { accountId: account.id, instalments, firstDueOn },
        balance,
        currency: 'EUR',
        agreedOn: DEMO_TODAY,
        instalments: instalmentSchedule(balance, instalments, firstDueOn).map((i) => ({ id: uuidv7(), ...i })),
      };
    };
    const [wrong] = await desk.push(desk.envelope('paymentPlan.agree', 'agent', call, plan(1, 2)));
    expect(wrong!.status).toBe('rejected');
    expect(wrong!.reasons?.map((r) => r.code)).toEqual(['figures_differ']);
    const [tooMany] = await desk.push(desk.envelope('paymentPlan.agree', 'agent', call, plan(12_001, 5)));
    expect(tooMany!.status).toBe('rejected');
    expect(tooMany!.reasons?.map((r) => r.code)).toContain('paymentPlan.instalment_limit');
    const payload = plan(12_001, 3);
    const [agreed] = await desk.push(desk.envelope('paymentPlan.agree', 'agent', call, payload));
    expect(agreed!.status).toBe('accepted');
    const rows = await hub.db.query<{ amount: number }>(`SELECT amount FROM payment_plan_instalments WHERE plan_id = $1 ORDER BY seq`, [payload.planId]);
    expect(rows.map((r) => Number(r.amount))).toEqual([4_001, 4_000, 4_000]);
    expect(
      await hub.db.query(`SELECT 1 FROM change_log WHERE tbl IN ('payment_plans', 'payment_plan_instalments') AND (pk = $1 OR "row" LIKE '%' || $1 || '%')`, [
        payload.planId,
      ]),
    ).toHaveLength(4);
    const [second] = await desk.push(desk.envelope('paymentPlan.agree', 'agent', call, plan(12_001, 2)));
    expect(second!.status).toBe('rejected');
    expect(second!.reasons?.map((r) => r.code)).toEqual(['paymentPlan.no_active_plan']);
  });
});

describe('payment plans over the agent’s limit on the hub', () => {
  const day = (n: number) => new Date(Date.parse(`${DEMO_TODAY}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

  /** A new account of the customer with one bill of €120.01, two months overdue. */
  async function overdueAccount(customerId: string): Promise<string> {
    const accountId = uuidv7();
    await hub.db.query(
      `INSERT INTO accounts (id, customer_id, number, currency, status, opened_on, payment_terms_days, paper_bill) VALUES ($1, $2, $3, 'EUR', 'active', $4, 14, 0)`,
      [accountId, customerId, `HUB-${accountId.slice(-8)}`, '2025-01-01'],
    );
    const invoiceId = uuidv7();
    await hub.db.query(
      `INSERT INTO invoices (id, account_id, number, cycle_start, cycle_end, issued_on, due_on, currency, subtotal, tax, total, previous_balance, payments_received, amount_due)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'EUR', 12001, 0, 12001, 0, 0, 12001)`,
      [invoiceId, accountId, `FT-HUB-${invoiceId.slice(-8)}`, day(-90), day(-61), day(-60), day(-46)],
    );
    return accountId;
  }

  const asked = (customerId: string, accountId: string, instalments: number, approvalId = uuidv7()) => ({
    approvalId,
    customerId,
    accountId,
    request: { kind: 'payment_plan', accountId, instalments, firstDueOn: day(5) },
    approverRole: 'senior_agent',
    decision: { outcome: 'needs_approval' },
  });
  const agreed = (customerId: string, accountId: string, instalments: number, extra: Record<string, unknown> = {}) => ({
    planId: uuidv7(),
    customerId,
    accountId,
    request: { accountId, instalments, firstDueOn: day(5) },
    balance: 12_001,
    currency: 'EUR',
    agreedOn: DEMO_TODAY,
    instalments: instalmentSchedule(12_001, instalments, day(5)).map((i) => ({ id: uuidv7(), ...i })),
    ...extra,
  });
  const approvalOf = async (id: string) =>
    (
      await hub.db.query<{ status: string; approver_role: string; applied_command_id: string | null }>(
        `SELECT status, approver_role, applied_command_id FROM approval_requests WHERE id = $1`,
        [id],
      )
    )[0];

  it('a request waits for the role the hub names; only that role (not the asker) agrees it, once, as asked; approval.decide records it', async () => {
    const desk = await enrolled('desk-plan-approval');
    const customerId = customers[2]!;
    const accountId = await overdueAccount(customerId);
    const call = await desk.call('agent', customerId);
    const request = asked(customerId, accountId, 7);
    const [filed] = await desk.push(desk.envelope('paymentPlan.request', 'agent', call, request));
    expect(filed!.status).toBe('pending_approval');
    // 7 instalments are a supervisor's to agree: the hub's decision, not the desk's word.
    expect(await approvalOf(request.approvalId)).toMatchObject({ status: 'pending', approver_role: 'supervisor' });
    expect(await hub.db.query(`SELECT 1 FROM change_log WHERE tbl = 'approval_requests' AND pk = $1`, [request.approvalId])).toHaveLength(1);
    // The same id again, and a second plan while it waits, are refused.
    const [again] = await desk.push(desk.envelope('paymentPlan.request', 'agent', call, request));
    expect(again!.reasons?.map((r) => r.code)).toEqual(['duplicate_approval']);
    const [second] = await desk.push(desk.envelope('paymentPlan.agree', 'agent', call, agreed(customerId, accountId, 2)));
    expect(second!.reasons?.map((r) => r.code)).toEqual(['paymentPlan.no_active_plan']);

    const approving = (actor: string, instalments = 7) =>
      desk.push(desk.envelope('paymentPlan.agree', actor, call, agreed(customerId, accountId, instalments, { approvalId: request.approvalId })));
    expect((await approving('agent'))[0]!.reasons?.map((r) => r.code)).toEqual(['own_request']);
    expect((await approving('senior'))[0]!.reasons?.map((r) => r.code)).toEqual(['forbidden']);
    expect((await approving('supervisor', 6))[0]!.reasons?.map((r) => r.code)).toEqual(['bad_payload']);
    expect(await hub.db.query(`SELECT 1 FROM payment_plans WHERE account_id = $1`, [accountId])).toHaveLength(0);

    const plan = agreed(customerId, accountId, 7, { approvalId: request.approvalId });
    const agreeCommand = desk.envelope('paymentPlan.agree', 'supervisor', call, plan);
    const [applied] = await desk.push(agreeCommand);
    expect(applied!.status).toBe('accepted');
    expect(await approvalOf(request.approvalId)).toMatchObject({ status: 'applied', applied_command_id: agreeCommand.commandId });
    const rows = await hub.db.query<{ amount: number }>(`SELECT amount FROM payment_plan_instalments WHERE plan_id = $1 ORDER BY seq`, [plan.planId]);
    expect(rows.reduce((s, r) => s + Number(r.amount), 0)).toBe(12_001);
    expect(rows).toHaveLength(7);
    const [recorded] = await desk.push(
      desk.envelope('approval.decide', 'supervisor', call, { approvalId: request.approvalId, decision: 'approve', appliedCommandId: agreeCommand.commandId }),
    );
    expect(recorded!.status).toBe('accepted');
    // Decided twice: a second agreement, or a refusal after it, changes nothing.
    expect((await approving('supervisor'))[0]!.reasons?.map((r) => r.code)).toEqual(['already_decided']);
    const [refusedLate] = await desk.push(
      desk.envelope('approval.decide', 'supervisor', call, { approvalId: request.approvalId, decision: 'refuse', comment: 'Too late.' }),
    );
    expect(refusedLate!.reasons?.map((r) => r.code)).toEqual(['already_decided']);
    expect(await hub.db.query(`SELECT 1 FROM payment_plans WHERE account_id = $1`, [accountId])).toHaveLength(1);
    expect(await approvalOf(request.approvalId)).toMatchObject({ status: 'applied' });
  });

  it('refused by approval.decide: no plan; the account may have a plan again', async () => {
    const desk = await enrolled('desk-plan-refusal');
    const customerId = customers[2]!;
    const accountId = await overdueAccount(customerId);
    const call = await desk.call('agent', customerId);
    const request = asked(customerId, accountId, 5);
    expect((await desk.push(desk.envelope('paymentPlan.request', 'agent', call, request)))[0]!.status).toBe('pending_approval');
    expect((await approvalOf(request.approvalId))!.approver_role).toBe('senior_agent');
    const [refused] = await desk.push(
      desk.envelope('approval.decide', 'senior', call, { approvalId: request.approvalId, decision: 'refuse', comment: 'Three instalments at most.' }),
    );
    expect(refused!.status).toBe('accepted');
    expect(await approvalOf(request.approvalId)).toMatchObject({ status: 'refused' });
    const [late] = await desk.push(desk.envelope('paymentPlan.agree', 'senior', call, agreed(customerId, accountId, 5, { approvalId: request.approvalId })));
    expect(late!.reasons?.map((r) => r.code)).toEqual(['already_decided']);
    const [three] = await desk.push(desk.envelope('paymentPlan.agree', 'agent', call, agreed(customerId, accountId, 3)));
    expect(three!.status).toBe('accepted');
  });
});
