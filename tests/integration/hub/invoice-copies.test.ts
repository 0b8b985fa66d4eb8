/**
 * The hub decides "send a copy" again ('invoice.sendCopy', written by a desk with its audit
 * entry): accepted for the actor's verified call about the invoice's customer, with the receipt
 * naming the copy; rejected — a receipt, never an error — for another agent's call, a call not
 * verified, another customer's invoice, a number that is not the hub's, an email copy for a
 * customer without an email, or a malformed payload. The same command twice is one receipt.
 * The seller identity the bills print travels with the demo set into the hub's settings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSeller, SELLER_SETTING_KEY } from '../../../src/core/billing';
import type { CommandEnvelope } from '../../../src/core/sync/protocol';
import { loadDemoSet } from '../../../src/hub/demo-set';
import { generateDeskDemoStore } from '../../../src/main/hub-demo-store';
import { memoryKeyVault } from '../../../src/platform/keys';
import { DEMO_SELLER } from '../../../src/main/demo/seller';
import { DEMO_TODAY, TEST_PASSWORD_COST } from '../../fixtures/app-host';
import { openTestHubDb, type TestHubDb } from '../../fixtures/hub-db';
import { enrolledDevice, TestDesk } from '../../fixtures/hub-desk';

let hub: TestHubDb;
const users: Record<string, string> = {};

let desk: TestDesk;
let customer: { customerId: string; invoiceId: string; number: string };
let other: { customerId: string; invoiceId: string; number: string };

async function customersWithInvoices(): Promise<{ customerId: string; invoiceId: string; number: string }[]> {
  return hub.db.query<{ customerId: string; invoiceId: string; number: string }>(
    `SELECT a.customer_id AS "customerId", i.id AS "invoiceId", i.number FROM invoices i JOIN accounts a ON a.id = i.account_id
     WHERE EXISTS (SELECT 1 FROM customer_emails e WHERE e.customer_id = a.customer_id) ORDER BY a.customer_id, i.cycle_start DESC`,
  );
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
  desk = new TestDesk(hub.db, await enrolledDevice(hub.db, 'Desk 7'), users, 'offline');
  const rows = await customersWithInvoices();
  customer = rows[0]!;
  other = rows.find((r) => r.customerId !== customer.customerId)!;
}, 180_000);
afterAll(async () => {
  await hub?.dispose();
});

const copy = (c: { customerId: string; invoiceId: string; number: string }, extra: Record<string, unknown> = {}) => ({
  invoiceId: c.invoiceId,
  customerId: c.customerId,
  number: c.number,
  channel: 'email',
  locale: 'fr',
  ...extra,
});

describe('invoice.sendCopy on the hub', () => {
  it('holds the demo seller in its settings, as desks download it', async () => {
    const [row] = await hub.db.query<{ value: string }>(`SELECT value FROM settings WHERE key = $1`, [SELLER_SETTING_KEY]);
    expect(parseSeller(row?.value)).toEqual(DEMO_SELLER);
  });

  it('accepts a copy asked for on the agent’s verified call, once per command id', async () => {
    const interactionId = await desk.call('agent', customer.customerId);
    const command = desk.envelope('invoice.sendCopy', 'agent', interactionId, copy(customer));
    const [receipt] = await desk.push(command);
    expect(receipt!.status).toBe('accepted');
    expect(receipt!.result).toEqual({
      invoiceId: customer.invoiceId,
      number: customer.number,
      customerId: customer.customerId,
      channel: 'email',
      locale: 'fr',
    });
    // Sent again (a lost reply): the stored receipt, not a second copy.
    const again = await desk.resend(command);
    expect(again[0]).toEqual(receipt);
    const [n] = await hub.db.query<{ n: string }>(`SELECT count(*) AS n FROM receipts WHERE type = 'invoice.sendCopy' AND command_id = $1`, [
      command.commandId,
    ]);
    expect(Number(n!.n)).toBe(1);
  });

  it('rejects, with the reason, what the hub’s own data does not allow', async () => {
    const verified = await desk.call('agent', customer.customerId);
    const unverified = await desk.call('agent', customer.customerId, false);
    const othersCall = await desk.call('agent2', customer.customerId);
    const cases: [string, CommandEnvelope][] = [
      ['not_verified', desk.envelope('invoice.sendCopy', 'agent', unverified, copy(customer))],
      ['not_your_call', desk.envelope('invoice.sendCopy', 'agent', othersCall, copy(customer))],
      ['not_your_call', desk.envelope('invoice.sendCopy', 'agent', verified, copy(other))],
      ['unknown_invoice', desk.envelope('invoice.sendCopy', 'agent', verified, copy(customer, { invoiceId: other.invoiceId }))],
      ['bad_payload', desk.envelope('invoice.sendCopy', 'agent', verified, copy(customer, { number: 'F-0000-00-00000000' }))],
      ['bad_payload', desk.envelope('invoice.sendCopy', 'agent', verified, copy(customer, { channel: 'fax' }))],
      ['bad_payload', desk.envelope('invoice.sendCopy', 'agent', verified, { ...copy(customer), extra: true })],
    ];
    const receipts = await desk.push(...cases.map(([, c]) => c));
    expect(receipts.map((r) => [r.status, r.reasons?.[0]?.code])).toEqual(cases.map(([code]) => ['rejected', code]));
  });

  it('rejects an email copy for a customer with no email address, accepts one by post', async () => {
    const interactionId = await desk.call('agent', customer.customerId);
    await hub.db.query(`DELETE FROM customer_emails WHERE customer_id = $1`, [customer.customerId]);
    const [byEmail, byPost] = await desk.push(
      desk.envelope('invoice.sendCopy', 'agent', interactionId, copy(customer)),
      desk.envelope('invoice.sendCopy', 'agent', interactionId, copy(customer, { channel: 'post', locale: 'en' })),
    );
    expect([byEmail!.status, byEmail!.reasons?.[0]?.code]).toEqual(['rejected', 'no_email']);
    expect(byPost!.status).toBe('accepted');
  });
});
