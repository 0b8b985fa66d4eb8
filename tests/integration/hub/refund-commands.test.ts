/**
 * The hub decides refunds again, on its own data: two desks that each saw the same credit
 * balance cannot both pay it out; a refund over the agent's limit waits as an approval request
 * and is paid once when a supervisor approves it; a refund names only the customer's account.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandEnvelope, Receipt } from '../../../src/core/sync/protocol';
import { loadDemoSet } from '../../../src/hub/demo-set';
import { generateDeskDemoStore } from '../../../src/main/hub-demo-store';
import { memoryKeyVault } from '../../../src/platform/keys';
import { uuidv7 } from '../../../src/platform/ids';
import { DEMO_TODAY, TEST_PASSWORD_COST } from '../../fixtures/app-host';
import { openTestHubDb, type TestHubDb } from '../../fixtures/hub-db';
import { enrolledDevice, TestDesk } from '../../fixtures/hub-desk';

let hub: TestHubDb;
const users: Record<string, string> = {};

/** Desks that verify their calls offline; their pushes' sequence is not checked. */
class Desk extends TestDesk {
  override push(...commands: CommandEnvelope[]): Promise<Receipt[]> {
    return this.resend(...commands);
  }
  async verifiedCall(actor: string, customerId: string): Promise<string> {
    const interactionId = uuidv7();
    await this.push(...this.callCommands(actor, customerId, interactionId, true));
    return interactionId;
  }
  pay(actor: string, interactionId: string, customerId: string, accountId: string, amount: number, extra: Record<string, unknown> = {}): CommandEnvelope {
    return this.envelope('refund.pay', actor, interactionId, {
      paymentId: uuidv7(),
      customerId,
      accountId,
      request: { kind: 'refund', accountId, amount },
      currency: 'EUR',
      note: null,
      ...extra,
    });
  }
}

async function enrolled(name: string): Promise<Desk> {
  return new Desk(hub.db, await enrolledDevice(hub.db, name), users, 'offline');
}

/** A demo customer whose account is made to hold a credit balance of exactly `credit` (an overpayment by card). */
async function overpaid(credit: number, skip: number): Promise<{ customerId: string; accountId: string }> {
  const [row] = await hub.db.query<{ customer_id: string; id: string }>(`SELECT customer_id, id FROM accounts ORDER BY id OFFSET $1 LIMIT 1`, [skip]);
  const accountId = row!.id;
  const [sums] = await hub.db.query<{ owed: string }>(
    `SELECT (SELECT coalesce(sum(total), 0) FROM invoices WHERE account_id = $1 AND total > 0)
          + coalesce((SELECT previous_balance FROM invoices WHERE account_id = $1 ORDER BY issued_on, id LIMIT 1), 0)
          - (SELECT coalesce(sum(-total), 0) FROM invoices WHERE account_id = $1 AND total < 0)
          - (SELECT coalesce(sum(CASE status WHEN 'received' THEN amount WHEN 'refund' THEN -amount ELSE 0 END), 0) FROM payments WHERE account_id = $1)
          - (SELECT coalesce(sum(amount), 0) FROM ledger_entries WHERE account_id = $1 AND kind IN ('credit', 'fee_waiver', 'reversal')
                AND effective_on > coalesce((SELECT max(cycle_end) FROM invoices WHERE account_id = $1), '0000-00-00')) AS owed`,
    [accountId],
  );
  const pay = Number(sums!.owed) + credit;
  await hub.db.query(
    `INSERT INTO payments (id, account_id, invoice_id, amount, currency, received_on, method, card_last4) VALUES ($1, $2, NULL, $3, 'EUR', $4, 'card', '4242')`,
    [uuidv7(), accountId, pay, DEMO_TODAY],
  );
  return { customerId: row!.customer_id, accountId };
}

beforeAll(async () => {
  hub = await openTestHubDb();
  await loadDemoSet(hub.db, memoryKeyVault(), {
    generate: generateDeskDemoStore,
    customers: 20,
    seed: 13,
    today: DEMO_TODAY,
    passwordCost: TEST_PASSWORD_COST,
  });
  for (const u of await hub.db.query<{ id: string; username: string }>(`SELECT id, username FROM users`)) users[u.username] = u.id;
}, 180_000);
afterAll(async () => {
  await hub?.dispose();
});

describe('refunds on the hub', () => {
  it('two desks refunding the same credit balance: the first is paid, the second is refused with the rule', async () => {
    const c = await overpaid(4_000, 0);
    const a = await enrolled('Desk A');
    const b = await enrolled('Desk B');
    const callA = await a.verifiedCall('agent', c.customerId);
    const callB = await b.verifiedCall('agent2', c.customerId);
    const [first] = await a.push(a.pay('agent', callA, c.customerId, c.accountId, 4_000));
    const [second] = await b.push(b.pay('agent2', callB, c.customerId, c.accountId, 4_000));
    expect(first!.status).toBe('accepted');
    expect(second!.status).toBe('rejected');
    expect(second!.reasons?.map((r) => r.code)).toContain('refund.credit_balance');
    const refunds = await hub.db.query<{ amount: number; status: string }>(`SELECT amount, status FROM payments WHERE account_id = $1 AND status = 'refund'`, [
      c.accountId,
    ]);
    expect(refunds.map((r) => Number(r.amount))).toEqual([4_000]);
    const [logged] = await hub.db.query<{ n: string }>(
      `SELECT count(*) AS n FROM change_log WHERE tbl = 'payments' AND pk IN (SELECT id FROM payments WHERE account_id = $1 AND status = 'refund')`,
      [c.accountId],
    );
    expect(Number(logged!.n)).toBe(1);
  });

  it('over the agent limit: refund.request waits; a supervisor’s refund.pay applies it once; a second approval is refused', async () => {
    const c = await overpaid(20_000, 1);
    const desk = await enrolled('Desk C');
    const call = await desk.verifiedCall('agent', c.customerId);
    const approvalId = uuidv7();
    const [asked] = await desk.push(
      desk.envelope('refund.request', 'agent', call, {
        approvalId,
        customerId: c.customerId,
        accountId: c.accountId,
        request: { kind: 'refund', accountId: c.accountId, amount: 20_000 },
        approverRole: 'senior_agent',
        note: null,
      }),
    );
    expect(asked!.status).toBe('pending_approval');
    // The agent cannot pay it alone, nor approve their own request.
    const [alone] = await desk.push(desk.pay('agent', call, c.customerId, c.accountId, 20_000));
    expect(alone!.status).toBe('rejected');
    const [own] = await desk.push(desk.pay('agent', call, c.customerId, c.accountId, 20_000, { approvalId }));
    expect(own!.status).toBe('rejected');
    const [raised] = await desk.push(desk.pay('supervisor', call, c.customerId, c.accountId, 20_001, { approvalId }));
    expect(raised!.status).toBe('rejected');
    const [paid] = await desk.push(desk.pay('supervisor', call, c.customerId, c.accountId, 15_000, { approvalId }));
    expect(paid!.status).toBe('accepted');
    const [twice] = await desk.push(desk.pay('supervisor', call, c.customerId, c.accountId, 15_000, { approvalId }));
    expect(twice!.status).toBe('rejected');
    const [approval] = await hub.db.query<{ status: string; approved_amount: number }>(`SELECT status, approved_amount FROM approval_requests WHERE id = $1`, [
      approvalId,
    ]);
    expect(approval).toMatchObject({ status: 'applied' });
    expect(Number(approval!.approved_amount)).toBe(15_000);
  });

  it('refuses a refund on another customer’s account, a malformed amount, and a card number is never more than four digits', async () => {
    const c = await overpaid(1_000, 2);
    const other = await overpaid(1_000, 3);
    const desk = await enrolled('Desk D');
    const call = await desk.verifiedCall('agent', c.customerId);
    const [wrong] = await desk.push(desk.pay('agent', call, c.customerId, other.accountId, 500));
    expect(wrong!.status).toBe('rejected');
    for (const amount of [-1, 0, 1.5]) {
      const [bad] = await desk.push(desk.pay('agent', call, c.customerId, c.accountId, amount));
      expect(bad!.status, String(amount)).toBe('rejected');
    }
    await expect(
      hub.db.query(
        `INSERT INTO payments (id, account_id, amount, currency, received_on, method, card_last4) VALUES ($1, $2, 1, 'EUR', $3, 'card', '4111111111111111')`,
        [uuidv7(), c.accountId, DEMO_TODAY],
      ),
    ).rejects.toThrow();
  });
});
