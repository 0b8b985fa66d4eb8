/**
 * The segment the practices' risk sets group by — churn risk, tenure, bill shock, standing — read
 * in one SQL pass (store/practices.ts, index-only seeks of invoices_account_bill_idx) is, call for
 * call, the one a per-customer reading gives: the assignment's covariates when the call enrolled
 * the customer, otherwise the customer's first account's last two bills issued by the call's day
 * (bill shock: the latest ≥ 20 % above the one before), its opening day and its status.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../../../src/main/demo/load';
import { practiceQueries } from '../../../src/main/store/practices';
import { tempStore } from '../demo/helpers';

const TODAY = '2026-11-30';
const FROM = '2025-12-01';
let store: ReturnType<typeof tempStore>;

beforeAll(() => {
  store = tempStore();
  loadDemoData(store.db, { customers: 800, seed: 11, months: 14, today: TODAY, passwordCost: { N: 1024, r: 8, p: 1 } });
}, 120_000);
afterAll(() => store.cleanup());

/** The old reading, one customer at a time. */
function perCustomer(interactionId: string, customerId: string, day: string) {
  const c = store.db.$client;
  const customer = c.prepare('SELECT churn_risk AS churnRisk FROM customers WHERE id = ?').get(customerId) as { churnRisk: string };
  const account = c.prepare('SELECT id, opened_on AS openedOn, status FROM accounts WHERE customer_id = ? ORDER BY opened_on, id').all(customerId)[0] as {
    id: string;
    openedOn: string;
    status: string;
  };
  const enrolled = c
    .prepare("SELECT max(standing <> 'good') AS notGood, max(bill_shock) AS billShock, count(*) AS n FROM experiment_assignments WHERE interaction_id = ?")
    .get(interactionId) as {
    notGood: number | null;
    billShock: number | null;
    n: number;
  };
  const bills = (
    c.prepare('SELECT total, cycle_start AS cycleStart, issued_on AS issuedOn FROM invoices WHERE account_id = ?').all(account.id) as Array<{
      total: number;
      cycleStart: string;
      issuedOn: string;
    }>
  )
    .filter((b) => b.issuedOn <= day)
    .sort((a, b) => (a.cycleStart < b.cycleStart ? 1 : -1));
  const [latest, previous] = bills;
  const shock = latest !== undefined && previous !== undefined && previous.total > 0 && latest.total * 10 >= previous.total * 12;
  const yearBefore = `${Number(day.slice(0, 4)) - 1}${day.slice(4)}`;
  return {
    highRisk: customer.churnRisk === 'high' ? 1 : 0,
    newCustomer: account.openedOn > yearBefore ? 1 : 0,
    billShock: enrolled.n > 0 ? enrolled.billShock! : shock ? 1 : 0,
    notGood: enrolled.n > 0 ? enrolled.notGood! : account.status !== 'active' ? 1 : 0,
  };
}

describe('the practices segment, read in one pass', () => {
  it('is the per-customer reading for every first call of the period', () => {
    const segments = practiceQueries(store.db.$client).segments({ from: FROM, to: TODAY, today: TODAY });
    expect(segments.length).toBeGreaterThan(100);
    let computedShocks = 0;
    let enrolledCalls = 0;
    for (const s of segments) {
      const old = perCustomer(s.interactionId, s.customerId, s.day);
      expect({ id: s.interactionId, highRisk: s.highRisk, newCustomer: s.newCustomer, billShock: s.billShock, notGood: s.notGood }).toEqual({
        id: s.interactionId,
        ...old,
      });
      const enrolled = store.db.$client.prepare('SELECT count(*) FROM experiment_assignments WHERE interaction_id = ?').pluck().get(s.interactionId) as number;
      if (enrolled > 0) enrolledCalls++;
      else if (s.billShock === 1) computedShocks++;
    }
    // Both paths are exercised: calls that enrolled, and bill shocks read from the bills.
    expect(enrolledCalls).toBeGreaterThan(0);
    expect(computedShocks).toBeGreaterThan(0);
  });

  it('reads the bills from the covering index, never the table', () => {
    const plan = store.db.$client
      .prepare("EXPLAIN QUERY PLAN SELECT total FROM invoices WHERE account_id = 'x' AND issued_on <= '2026-01-01' ORDER BY cycle_start DESC LIMIT 2")
      .all() as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/COVERING INDEX invoices_account_bill_idx/);
  });
});
