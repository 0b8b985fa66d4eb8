/**
 * Receivables through the API: where the money went (allocation, methods, card digits, failed
 * and returned payments, credit balance) and refunds of a credit balance — allowed, sent to the
 * approvals inbox, refused — with idempotency and hostile input.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApprovalDecisionResult, ApprovalSummary, ReceivablesView, RefundDecisionView, RefundResult } from '../../../src/core/api';
import { uuidv7 } from '../../../src/main/store/ids';
import { startTestHost, type TestHost } from '../../fixtures/app-host';
import { auditOf, call, clientFor, fails, freshStaff, makeCustomer, ok, outboxOf, verifiedCall, type TestClient } from '../discounts/helpers';

let t: TestHost;
let supervisor: TestClient;
beforeAll(async () => {
  t = startTestHost(40);
  supervisor = await clientFor(t.host, 'supervisor');
});
afterAll(() => t.dispose());

const db = () => t.host.db.$client;

function addPayment(
  accountId: string,
  fields: { amount: number; on: string; method?: string; last4?: string | null; status?: string; returned?: number | null; invoiceId?: string | null },
): string {
  const id = uuidv7();
  db()
    .prepare(
      `INSERT INTO payments (id, account_id, invoice_id, amount, currency, received_on, method, status, card_last4, returned_amount) VALUES (?, ?, ?, ?, 'EUR', ?, ?, ?, ?, ?)`,
    )
    .run(
      id,
      accountId,
      fields.invoiceId ?? null,
      fields.amount,
      fields.on,
      fields.method ?? 'card',
      fields.status ?? 'received',
      fields.last4 ?? null,
      fields.returned ?? null,
    );
  return id;
}

/** A customer whose three €100 bills are paid, plus €120 paid by card •••• 4242 (a credit balance), a failed and a returned payment. */
async function overpaid(locale: 'en' | 'fr' = 'en') {
  const agent = freshStaff(t.host, 'agent', locale);
  const c = makeCustomer(db());
  const lastDue = db().prepare(`SELECT max(due_on) FROM invoices WHERE account_id = ?`).pluck().get(c.accountId) as string;
  const extra = addPayment(c.accountId, { amount: 12_000, on: lastDue, last4: '4242' });
  const failed = addPayment(c.accountId, { amount: 5_000, on: lastDue, method: 'direct_debit', status: 'failed' });
  const returned = addPayment(c.accountId, { amount: 7_000, on: lastDue, method: 'direct_debit', status: 'returned' });
  const interactionId = await verifiedCall(t.host, agent, c.customerId);
  return { agent, c, interactionId, extra, failed, returned };
}

const refund = (accountId: string, amount: number) => ({ kind: 'refund', accountId, amount });

describe("'receivables.account'", () => {
  it('allocates payments to invoices, shows methods with four card digits at most, and the credit balance', async () => {
    const p = await overpaid('en');
    const view = await ok<ReceivablesView>(t.host, p.agent.client, 'receivables.account', { interactionId: p.interactionId });
    const a = view.accounts[0]!;
    expect(a).toMatchObject({ accountId: p.c.accountId, balance: -12_000, owed: 0, creditBalance: 12_000, openingBalance: 0, refundableNow: 5_000 });
    expect(a.invoices.map((i) => [i.settled, i.left, i.standing])).toEqual([
      [10_000, 0, 'paid'],
      [10_000, 0, 'paid'],
      [10_000, 0, 'paid'],
    ]);
    const card = a.payments.find((x) => x.id === p.extra)!;
    expect(card).toMatchObject({ card: '•••• 4242', methodLabel: 'card •••• 4242', kept: 12_000, unallocated: 12_000, allocations: [] });
    expect(card.sentence).toMatch(/^€120\.00 by card •••• 4242 on .*, €120\.00 kept as credit\.$/);
    expect(a.payments.find((x) => x.id === p.failed)).toMatchObject({ status: 'failed', kept: 0, statusLabel: 'failed' });
    expect(a.payments.find((x) => x.id === p.failed)!.sentence).toMatch(/failed: no money was received\.$/);
    expect(a.payments.find((x) => x.id === p.returned)).toMatchObject({ status: 'returned', kept: 0 });
    expect(a.summary).toBe('€120.00 in the customer’s favour.');
    // A card is four digits after the mask, never more, in every field that shows one.
    for (const x of a.payments) if (x.card !== null) expect(x.card).toMatch(/^•••• \d{4}$/);
    const masked = JSON.stringify(view).match(/•••• [\d ]+/g) ?? [];
    expect(masked.length).toBeGreaterThan(0);
    for (const m of masked) expect(m.trim()).toBe('•••• 4242');
  });

  it('says it in French with French typography', async () => {
    const p = await overpaid('fr');
    const a = (await ok<ReceivablesView>(t.host, p.agent.client, 'receivables.account', { interactionId: p.interactionId })).accounts[0]!;
    expect(a.summary).toBe('120,00\u00a0€ en faveur du client.');
    expect(a.payments.find((x) => x.id === p.failed)!.sentence).toMatch(/rejeté\u00a0: aucun paiement reçu\.$/);
    expect(a.payments.find((x) => x.id === p.extra)!.methodLabel).toBe('carte •••• 4242');
  });
});

describe("'receivables.refund'", () => {
  it('within the agent limit: one refund row, one command, one audit entry; the credit balance goes down', async () => {
    const p = await overpaid();
    const d = await ok<RefundDecisionView>(t.host, p.agent.client, 'receivables.evaluateRefund', {
      interactionId: p.interactionId,
      request: refund(p.c.accountId, 3_000),
    });
    expect(d).toMatchObject({ outcome: 'allowed', headline: 'Refund of €30.00 allowed.' });
    const before = outboxOf(db(), 'refund.pay').length;
    const r = await ok<RefundResult>(t.host, p.agent.client, 'receivables.refund', {
      interactionId: p.interactionId,
      idempotencyKey: randomUUID(),
      request: refund(p.c.accountId, 3_000),
    });
    if (r.status !== 'refunded') throw new Error(r.status);
    expect(db().prepare(`SELECT status, amount, method, actor_id AS actorId, command_id AS commandId FROM payments WHERE id = ?`).get(r.paymentId)).toEqual({
      status: 'refund',
      amount: 3_000,
      method: 'transfer',
      actorId: p.agent.userId,
      commandId: r.commandId,
    });
    expect(outboxOf(db(), 'refund.pay')).toHaveLength(before + 1);
    expect(auditOf(db(), 'refund_paid').some((e) => e.subject === `payment:${r.paymentId}`)).toBe(true);
    const a = (await ok<ReceivablesView>(t.host, p.agent.client, 'receivables.account', { interactionId: p.interactionId })).accounts[0]!;
    expect(a).toMatchObject({ creditBalance: 9_000, balance: -9_000 });
    expect(a.payments[0]).toMatchObject({ id: r.paymentId, status: 'refund', statusLabel: 'refunded' });
  });

  it('over the agent limit: a request in the approvals inbox; the supervisor approves (possibly lower) and the refund is paid', async () => {
    const p = await overpaid();
    const r = await ok<RefundResult>(t.host, p.agent.client, 'receivables.refund', {
      interactionId: p.interactionId,
      idempotencyKey: randomUUID(),
      request: refund(p.c.accountId, 12_000),
    });
    if (r.status !== 'pending_approval') throw new Error(r.status);
    expect(r.approverRole).toBe('senior_agent');
    expect(db().prepare(`SELECT count(*) FROM payments WHERE account_id = ? AND status = 'refund'`).pluck().get(p.c.accountId)).toBe(0);
    // One refund waits at a time.
    const again = await fails(t.host, p.agent.client, 'receivables.refund', {
      interactionId: p.interactionId,
      idempotencyKey: randomUUID(),
      request: refund(p.c.accountId, 1_000),
    });
    expect(again.code).toBe('POLICY_REFUSED');
    const inbox = await ok<ApprovalSummary[]>(t.host, supervisor.client, 'approvals.inbox', {});
    const item = inbox.find((i) => i.approvalId === r.approvalId)!;
    expect(item).toMatchObject({
      kind: 'refund',
      reason: 'refund',
      amount: 12_000,
      currency: 'EUR',
      approverRole: 'senior_agent',
      reasonLabel: 'Remboursement d’un solde créditeur',
    });
    expect(item.explanation.rules.find((x) => x.rule === 'refund_limit')!.passed).toBe(false);
    const lowered = await ok<ApprovalDecisionResult>(t.host, supervisor.client, 'approvals.decide', {
      approvalId: r.approvalId,
      decision: 'approve',
      amount: 10_000,
    });
    expect(lowered).toMatchObject({ status: 'applied', approvedAmount: 10_000 });
    const row = db()
      .prepare(`SELECT amount, status, approval_id AS approvalId, actor_id AS actorId FROM payments WHERE account_id = ? AND status = 'refund'`)
      .get(p.c.accountId);
    expect(row).toEqual({ amount: 10_000, status: 'refund', approvalId: r.approvalId, actorId: p.agent.userId });
    const a = (await ok<ReceivablesView>(t.host, p.agent.client, 'receivables.account', { interactionId: p.interactionId })).accounts[0]!;
    expect(a.creditBalance).toBe(2_000);
    expect(a.refunds[0]).toMatchObject({ approvalId: r.approvalId, status: 'applied' });
  });

  it('refuses more than the credit balance, and another customer’s account looks like none', async () => {
    const p = await overpaid();
    expect(
      (
        await fails(t.host, p.agent.client, 'receivables.refund', {
          interactionId: p.interactionId,
          idempotencyKey: randomUUID(),
          request: refund(p.c.accountId, 12_001),
        })
      ).code,
    ).toBe('POLICY_REFUSED');
    const other = makeCustomer(db());
    expect(
      (
        await fails(t.host, p.agent.client, 'receivables.refund', {
          interactionId: p.interactionId,
          idempotencyKey: randomUUID(),
          request: refund(other.accountId, 100),
        })
      ).code,
    ).toBe('NOT_FOUND');
    expect(db().prepare(`SELECT count(*) FROM payments WHERE status = 'refund' AND account_id IN (?, ?)`).pluck().get(p.c.accountId, other.accountId)).toBe(0);
  });

  it('refuses amounts that are negative, zero, fractional or huge, and a card number in the note — writing nothing', async () => {
    const p = await overpaid();
    const outbox = () => db().prepare(`SELECT count(*) FROM command_outbox`).pluck().get();
    const n = outbox();
    for (const amount of [-100, 0, 10.5, 1e12, '100']) {
      const e = await fails(t.host, p.agent.client, 'receivables.refund', {
        interactionId: p.interactionId,
        idempotencyKey: randomUUID(),
        request: { kind: 'refund', accountId: p.c.accountId, amount },
      });
      expect(e.code, String(amount)).toBe('INVALID_INPUT');
    }
    const e = await fails(t.host, p.agent.client, 'receivables.refund', {
      interactionId: p.interactionId,
      idempotencyKey: randomUUID(),
      request: refund(p.c.accountId, 100),
      note: 'refund to 4111 1111 1111 1111 please',
    });
    expect(e.code).toBe('NOTE_REFUSED');
    expect(JSON.stringify(e)).not.toContain('4111');
    expect(outbox()).toBe(n);
  });

  it('the same key twice, and twenty times at once, refunds once', async () => {
    const p = await overpaid();
    const key = randomUUID();
    const input = { interactionId: p.interactionId, idempotencyKey: key, request: refund(p.c.accountId, 1_000) };
    const first = await ok<RefundResult>(t.host, p.agent.client, 'receivables.refund', input);
    const second = await ok<RefundResult>(t.host, p.agent.client, 'receivables.refund', input);
    expect(second).toEqual(first);
    const key2 = randomUUID();
    const many = await Promise.all(Array.from({ length: 20 }, () => call(t.host, p.agent.client, 'receivables.refund', { ...input, idempotencyKey: key2 })));
    expect(many.every((r) => r.ok)).toBe(true);
    expect(new Set(many.map((r) => JSON.stringify(r.ok ? r.value : null))).size).toBe(1);
    expect(db().prepare(`SELECT count(*) FROM payments WHERE account_id = ? AND status = 'refund'`).pluck().get(p.c.accountId)).toBe(2);
    // The same key for another amount is a conflict, and writes nothing.
    expect((await fails(t.host, p.agent.client, 'receivables.refund', { ...input, request: refund(p.c.accountId, 2_000) })).code).toBe('CONFLICT');
  });
});
