/**
 * One overdue rule everywhere (issue 13, item 5): what open disputes hold on a bill is read from
 * one place (DisputeQueries.heldOfAccount / heldOfCustomer, core's heldByInvoice) by every reader.
 * A bill whose unpaid amount is wholly under open dispute is not overdue on the account panel,
 * does not make the account "late" for the discount policy, and draws no late fee in the
 * month-end billing run; one minor unit short of that, or once the dispute is rejected, it does.
 * Real SQLite store with the demo set, disputes opened and rejected through the API.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextCycle, type BillingCycle } from '../../../src/core/billing';
import type { AccountDetails, DisputeOpenResult, DisputesView } from '../../../src/core/api';
import { BillingService } from '../../../src/main/services/billing/billing-service';
import { catalogFromStore } from '../../../src/main/services/billing/engine-input';
import { FairnessService } from '../../../src/main/services/billing/fairness-service';
import { InvoiceIssuer } from '../../../src/main/services/billing/issue-invoice';
import { CommandLog } from '../../../src/main/services/command-log';
import { CustomerFactsReader } from '../../../src/main/services/discounts/customer-facts';
import { accountQueries } from '../../../src/main/store/accounts';
import { withFrozenInvoicesLifted } from '../../../src/main/store/frozen-invoices';
import { startTestHost, testNow, type TestHost } from '../../fixtures/app-host';
import { freshStaff, makeCustomer, ok, verifiedCall } from '../discounts/helpers';

let t: TestHost;
beforeAll(() => {
  t = startTestHost(30);
}, 120_000);
afterAll(() => t?.dispose());

const db = () => t.host.db.$client;
const today = () => testNow().toISOString().slice(0, 10);
const dayBefore = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

async function openDispute(agent: ReturnType<typeof freshStaff>, interactionId: string, lineId: string, amount: number): Promise<string> {
  const r = await ok<DisputeOpenResult>(t.host, agent.client, 'disputes.open', {
    interactionId,
    idempotencyKey: randomUUID(),
    lineId,
    amount,
    reason: 'wrong_amount',
    customerSaid: 'This bill charges a plan I never had.',
  });
  return r.disputeId;
}

async function reject(agent: ReturnType<typeof freshStaff>, interactionId: string, disputeId: string): Promise<void> {
  await ok(t.host, agent.client, 'disputes.resolve', {
    interactionId,
    idempotencyKey: randomUUID(),
    disputeId,
    resolution: { kind: 'reject', reason: 'The plan is on the signed contract.' },
  });
}

describe('the account panel and the policy read what open disputes hold', () => {
  it('a latest bill wholly under open dispute is not overdue on the panel and not late for the policy; 1 short, or rejected, it is', async () => {
    const agent = freshStaff(t.host, 'agent', 'en');
    // Three bills, the latest (10 000) unpaid; its due date moved to yesterday so it is overdue today.
    const c = makeCustomer(db(), { standing: 'late', lateFee: 0 });
    // Its lines read as the demo's do (a real plan explanation), so a dispute can name them.
    const explanation = db().prepare(`SELECT explanation FROM invoice_lines WHERE kind = 'plan' AND explanation <> '{}' LIMIT 1`).pluck().get() as string;
    withFrozenInvoicesLifted(db(), () =>
      db()
        .prepare(`UPDATE invoice_lines SET explanation = ?, tax_rate_bp = 0 WHERE invoice_id IN (SELECT id FROM invoices WHERE account_id = ?)`)
        .run(explanation, c.accountId),
    );
    const latest = c.invoiceIds[2]!;
    withFrozenInvoicesLifted(db(), () => db().prepare(`UPDATE invoices SET due_on = ? WHERE id = ?`).run(dayBefore(today()), latest));
    const lineId = db().prepare(`SELECT id FROM invoice_lines WHERE invoice_id = ? AND position = 1`).pluck().get(latest) as string;
    const interactionId = await verifiedCall(t.host, agent, c.customerId);
    const reader = new CustomerFactsReader(db());
    const account = accountQueries(db()).byId(c.accountId)!;
    const seen = async () => {
      const details = await ok<AccountDetails>(t.host, agent.client, 'account.details', { interactionId });
      const a = details.accounts.find((x) => x.accountId === c.accountId)!;
      return {
        status: a.invoices.find((i) => i.invoiceId === latest)!.status,
        overdue: a.balance.overdue,
        standing: reader.standing(account, today()),
      };
    };
    expect(await seen()).toEqual({ status: 'overdue', overdue: true, standing: 'late' });

    const first = await openDispute(agent, interactionId, lineId, 9_999);
    expect(await seen()).toEqual({ status: 'overdue', overdue: true, standing: 'late' });
    const second = await openDispute(agent, interactionId, lineId, 1);
    expect(await seen()).toEqual({ status: 'due', overdue: false, standing: 'good' });
    // The policy's facts of a decision read the same standing.
    const request = { kind: 'one_off_credit', reason: 'goodwill', target: 'account', amount: 500 } as const;
    const target = reader.target(c.customerId, request);
    expect(reader.facts(target, request, agent.userId, today()).standing).toBe('good');

    // A rejected dispute holds nothing: the bill is owed (and overdue) again.
    await reject(agent, interactionId, second);
    expect(await seen()).toEqual({ status: 'overdue', overdue: true, standing: 'late' });
    await reject(agent, interactionId, first);
    expect(await seen()).toEqual({ status: 'overdue', overdue: true, standing: 'late' });
  });
});

describe('the month-end billing run reads what open disputes hold', () => {
  interface Target {
    customerId: string;
    accountId: string;
    invoiceId: string;
    issuedOn: string;
    dueOn: string;
    amountDue: number;
    cycleStart: string;
    cycleEnd: string;
  }

  /** A demo account billed last cycle, its last bill (all lines positive) left unpaid by its due date. */
  function unpaidTarget(): Target {
    const target = db()
      .prepare(
        `SELECT a.customer_id AS customerId, a.id AS accountId, i.id AS invoiceId, i.issued_on AS issuedOn, i.due_on AS dueOn, i.amount_due AS amountDue,
                i.cycle_start AS cycleStart, i.cycle_end AS cycleEnd
           FROM accounts a JOIN invoices i ON i.account_id = a.id
          WHERE a.status = 'active' AND i.cycle_start = (SELECT max(cycle_start) FROM invoices WHERE account_id = a.id)
            AND i.amount_due = i.total AND i.total > 0
            AND NOT EXISTS (SELECT 1 FROM invoice_lines l WHERE l.invoice_id = i.id AND l.amount < 0)
            AND NOT EXISTS (SELECT 1 FROM disputes d WHERE d.account_id = a.id)
          ORDER BY a.rowid LIMIT 1`,
      )
      .get() as Target | undefined;
    expect(target).toBeDefined();
    db().prepare(`DELETE FROM payments WHERE account_id = ? AND received_on >= ?`).run(target!.accountId, target!.issuedOn);
    return target!;
  }

  /** The late-fee lines the run would put on the next bill, the run rolled back (the store is left as it was). */
  function lateFeesOfRun(issuer: InvoiceIssuer, target: Target, cycle: BillingCycle): string[] {
    db().exec('BEGIN IMMEDIATE');
    try {
      const rows = issuer.issue(target.accountId, cycle);
      expect(rows).not.toBeNull();
      return rows!.lines.filter((l) => l[3] === 'late-fee').map((l) => (JSON.parse(l[6]) as { dueDate: string }).dueDate);
    } finally {
      db().exec('ROLLBACK');
    }
  }

  it('no late fee on a bill wholly under open dispute; one minor unit short, or the dispute rejected, the fee is charged', async () => {
    const target = unpaidTarget();
    const cycle = nextCycle({ start: target.cycleStart, end: target.cycleEnd });
    expect(target.dueOn <= cycle.end).toBe(true);
    const issuer = new InvoiceIssuer(db(), catalogFromStore(db()), () => testNow().getTime());
    expect(lateFeesOfRun(issuer, target, cycle)).toEqual([target.dueOn]);

    const agent = freshStaff(t.host, 'agent', 'en');
    const interactionId = await verifiedCall(t.host, agent, target.customerId);
    const view = await ok<DisputesView>(t.host, agent.client, 'disputes.list', { interactionId });
    const lines = view.accounts.find((a) => a.accountId === target.accountId)!.lines.filter((l) => l.invoiceId === target.invoiceId && l.disputable > 0);
    // Disputes over the bill's lines up to one minor unit short of what it asks; then that last unit.
    let left = target.amountDue - 1;
    const ids: string[] = [];
    for (const line of lines) {
      const amount = Math.min(line.disputable, left);
      if (amount <= 0) break;
      ids.push(await openDispute(agent, interactionId, line.lineId, amount));
      left -= amount;
    }
    expect(left).toBe(0);
    expect(lateFeesOfRun(issuer, target, cycle)).toEqual([target.dueOn]);
    const after = await ok<DisputesView>(t.host, agent.client, 'disputes.list', { interactionId });
    const spare = after.accounts.find((a) => a.accountId === target.accountId)!.lines.find((l) => l.invoiceId === target.invoiceId && l.disputable > 0)!;
    const last = await openDispute(agent, interactionId, spare.lineId, 1);
    expect(lateFeesOfRun(issuer, target, cycle)).toEqual([]);

    // Issued for real: the fairness check recomputes with what the disputes held that day — no late fee missing.
    db().exec('BEGIN IMMEDIATE');
    try {
      const rows = issuer.issue(target.accountId, cycle)!;
      const billing = new BillingService({ client: db(), commands: new CommandLog(db(), t.host.audit, testNow), now: testNow });
      const check = new FairnessService(billing).view(target.customerId, rows.invoice[0], 'en');
      expect(check.differences).toEqual([]);
    } finally {
      db().exec('ROLLBACK');
    }

    await reject(agent, interactionId, last);
    expect(lateFeesOfRun(issuer, target, cycle)).toEqual([target.dueOn]);
    expect(ids.length).toBeGreaterThan(0);
  });
});
