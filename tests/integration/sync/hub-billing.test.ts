/**
 * A desk joined to a hub gets its bills from the hub: it refuses to bill itself
 * (NotBillingAuthority), the hub bills the cycle (src/hub/services/billing-run.ts), and the
 * bills reach the desk through the ordinary download — exactly the bills the desk's own reading
 * of its synced copy makes (one rule, core/billing/issue.ts), frozen by the desk's triggers like
 * any issued bill, and shown to the agent (billing.invoices, billing.invoice). A rerun on the hub
 * sends nothing new.
 */
import { serve, type ServerType } from '@hono/node-server';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BillSummary, InvoiceDetail, InvoiceList } from '../../../src/core/api';
import { cycleOf, type Invoice } from '../../../src/core/billing';
import { cycleBill, invoiceLineRows, type IssuedDocument } from '../../../src/core/billing/issue';
import { createHubApp, type HubApp } from '../../../src/hub/app';
import { HUB_HANDLERS } from '../../../src/hub/commands/handlers';
import { loadDemoSet } from '../../../src/hub/demo-set';
import { billCycle } from '../../../src/hub/services/billing-run';
import { issueEnrolmentCode } from '../../../src/hub/services/devices';
import { createAppHost, type AppHost } from '../../../src/main/app';
import { demoPinFor } from '../../../src/main/demo/pins';
import { generateDeskDemoStore } from '../../../src/main/hub-demo-store';
import { catalogFromStore, loadAccount } from '../../../src/main/services/billing/engine-input';
import { InvoiceIssuer, NotBillingAuthority } from '../../../src/main/services/billing/issue-invoice';
import { BillingHistoryQueries } from '../../../src/main/store/billing-history';
import { disputeQueries } from '../../../src/main/store/disputes';
import { memoryKeyVault } from '../../../src/platform/keys';
import { DEMO_TODAY, TEST_PASSWORD_COST, testNow } from '../../fixtures/app-host';
import { openTestHubDb, type TestHubDb } from '../../fixtures/hub-db';
import { clientFor, ok } from '../discounts/helpers';

let hub: TestHubDb;
let hubApp: HubApp;
let server: ServerType;
let desk: AppHost;
let dir: string;
const cycle = cycleOf('2026-11');
/** The hub's clock when it bills: the day after the cycle (the desk's runs on the demo's day). */
const afterTheCycle = () => new Date('2026-12-01T06:00:00.000Z');

beforeAll(async () => {
  hub = await openTestHubDb();
  const keys = memoryKeyVault();
  await loadDemoSet(hub.db, keys, { generate: generateDeskDemoStore, customers: 12, seed: 21, today: DEMO_TODAY, passwordCost: TEST_PASSWORD_COST });
  hubApp = await createHubApp({ db: hub.db, keys, handlers: HUB_HANDLERS, now: testNow, passwordCost: TEST_PASSWORD_COST });
  const url = await new Promise<string>((resolve) => {
    server = serve({ fetch: hubApp.app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(`http://127.0.0.1:${info.port}`));
  });
  const { code } = await issueEnrolmentCode(hub.db, 'Desk 9', new Date());
  dir = mkdtempSync(join(tmpdir(), 'ardoise-desk-'));
  desk = createAppHost({
    dataDir: dir,
    transport: 'http',
    clock: testNow,
    passwordCost: TEST_PASSWORD_COST,
    hub: { url, enrolCode: code, deskName: 'Desk 9', timeoutMs: 3000, pollMs: 60_000 },
  });
  await desk.link!.engine.settle();
}, 180_000);

afterAll(async () => {
  await desk?.link?.stop();
  desk?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  server?.close();
  await hubApp?.close();
  await hub?.dispose();
});

const client = () => desk.db.$client;

/** What the desk's own reading of its synced copy would bill for the cycle, by account. */
function deskExpectation(): Map<string, { invoice: Invoice; document: IssuedDocument }> {
  const catalog = catalogFromStore(client());
  const queries = new BillingHistoryQueries(client());
  const disputes = disputeQueries(client());
  const out = new Map<string, { invoice: Invoice; document: IssuedDocument }>();
  for (const id of client().prepare(`SELECT id FROM accounts WHERE status <> 'closed' ORDER BY id`).pluck().all() as string[]) {
    const loaded = loadAccount(queries, id, catalog, { through: cycle.end })!;
    const bill = cycleBill(catalog, loaded, cycle, disputes.heldOfAccount(id));
    if (bill) out.set(id, bill);
  }
  return out;
}

interface DeskBill {
  id: string;
  accountId: string;
  number: string;
  kind: string;
  total: number;
  amountDue: number;
}

const deskBills = (): DeskBill[] =>
  client()
    .prepare(
      `SELECT id, account_id AS accountId, number, document_kind AS kind, total, amount_due AS amountDue FROM invoices WHERE cycle_start = ? ORDER BY number`,
    )
    .all(cycle.start) as DeskBill[];

describe('a joined desk gets its bills from the hub', () => {
  let expected: Map<string, { invoice: Invoice; document: IssuedDocument }>;

  it('does not bill itself', () => {
    const issuer = new InvoiceIssuer(client(), catalogFromStore(client()));
    const accountId = client().prepare(`SELECT id FROM accounts LIMIT 1`).pluck().get() as string;
    expect(() => issuer.issue(accountId, cycle)).toThrow(NotBillingAuthority);
    expect(deskBills()).toEqual([]);
    expected = deskExpectation();
    expect(expected.size).toBeGreaterThan(0);
  });

  it('receives the hub’s bills through the download, the very bills its own reading makes', async () => {
    const report = await billCycle(hub.db, cycle, { now: afterTheCycle });
    expect(report.failed).toEqual([]);
    expect(report.issued).toHaveLength(expected.size);
    await desk.link!.engine.settle();

    const bills = deskBills();
    expect(bills.map((b) => b.number)).toEqual(report.issued.map((b) => b.number).sort());
    for (const bill of bills) {
      const want = expected.get(bill.accountId)!;
      expect(bill, bill.number).toMatchObject({ kind: want.document.kind, total: want.invoice.total, amountDue: want.invoice.amountDue });
      const lines = client()
        .prepare(`SELECT kind, amount, tax_rate_bp AS taxRateBp, explanation FROM invoice_lines WHERE invoice_id = ? ORDER BY position`)
        .all(bill.id);
      expect(lines, bill.number).toEqual(invoiceLineRows(want.invoice));
    }
    // Frozen on the desk as any issued bill.
    expect(() => client().prepare(`UPDATE invoices SET total = total + 1 WHERE id = ?`).run(bills[0]!.id)).toThrow(/frozen/);
  });

  it('shows the new bill to the agent, newest first', async () => {
    const [bill] = deskBills().filter((b) => b.kind === 'invoice');
    const customerId = client().prepare(`SELECT customer_id FROM accounts WHERE id = ?`).pluck().get(bill!.accountId) as string;
    const agent = await clientFor(desk, 'agent');
    const { interactionId } = await ok<{ interactionId: string }>(desk, agent.client, 'interaction.start', { customerId, source: 'lookup' });
    const facts = client()
      .prepare(
        `SELECT c.date_of_birth AS dob, (SELECT postcode FROM addresses WHERE customer_id = c.id ORDER BY is_billing DESC LIMIT 1) AS postcode,
                (SELECT account_pin_digest IS NOT NULL FROM customer_secrets WHERE customer_id = c.id) AS hasPin FROM customers c WHERE c.id = ?`,
      )
      .get(customerId) as { dob: string; postcode: string | null; hasPin: number | null };
    const answers = {
      date_of_birth: facts.dob,
      ...(facts.postcode ? { postcode: facts.postcode } : {}),
      ...(facts.hasPin ? { account_pin: demoPinFor(customerId) } : {}),
    };
    expect((await ok<{ status: string }>(desk, agent.client, 'verification.attempt', { interactionId, answers })).status).toBe('passed');

    const list = await ok<InvoiceList>(desk, agent.client, 'billing.invoices', { interactionId, accountId: bill!.accountId });
    expect(list.invoices[0]).toMatchObject<Partial<BillSummary>>({ id: bill!.id, number: bill!.number, total: bill!.total });
    const detail = await ok<InvoiceDetail>(desk, agent.client, 'billing.invoice', { interactionId, invoiceId: bill!.id });
    expect(detail.number).toBe(bill!.number);
    expect(detail.lines.reduce((s, l) => s + l.total, 0)).toBe(bill!.total);
  });

  it('gets nothing new from a rerun of the cycle', async () => {
    const before = deskBills();
    const again = await billCycle(hub.db, cycle, { now: afterTheCycle });
    expect(again.issued).toEqual([]);
    await desk.link!.engine.settle();
    expect(deskBills()).toEqual(before);
  });
});
