/**
 * Demo invoices are the billing engine's: rebuilding each account's whole history from the
 * store and billing it again with core/billing gives back exactly the stored invoices, line by
 * line. (The generator hands the engine one cycle at a time; this proves that changes nothing.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateInvoices, SAMPLE_CATALOG, type AccountBillingContext, type LineExplanation, type SubscriptionChange } from '../../../src/core/billing';
import { loadDemoData } from '../../../src/main/demo/load';
import { plantedErrors } from '../../../src/main/demo/plant';
import type { Store } from '../../../src/main/store/db';
import { tempStore, TODAY } from './helpers';

let db: Store;
let cleanup: () => void;
beforeAll(() => {
  ({ db, cleanup } = tempStore());
  loadDemoData(db, { customers: 60, seed: 11, today: TODAY });
});
afterAll(() => cleanup());

const all = <T>(sql: string, ...params: unknown[]) => db.$client.prepare(sql).all(...params) as T[];

function historyOf(accountId: string): AccountBillingContext {
  const account = db.$client
    .prepare('SELECT c.category, a.payment_terms_days AS terms FROM accounts a JOIN customers c ON c.id = a.customer_id WHERE a.id = ?')
    .get(accountId) as { category: 'residential' | 'business'; terms: number };
  const changes = all<{ effective_on: string; change: string; item_code: string }>(
    'SELECT sc.effective_on, sc.change, sc.item_code FROM subscription_changes sc JOIN subscriptions s ON s.id = sc.subscription_id WHERE s.account_id = ? ORDER BY sc.effective_on, sc.rowid',
    accountId,
  );
  const subscription: SubscriptionChange[] = [];
  let planId = '';
  let options: string[] = [];
  for (const c of changes) {
    if (c.change === 'promotion_start') continue;
    if (c.change === 'start' || c.change === 'plan_change') planId = c.item_code;
    else if (c.change === 'option_add') options = [...options, c.item_code];
    else if (c.change === 'option_remove') options = options.filter((o) => o !== c.item_code);
    subscription.push({ from: c.effective_on, planId, optionIds: options });
  }
  const oneOff = all<{ explanation: string }>(
    "SELECT l.explanation FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id WHERE i.account_id = ? AND l.kind = 'one-off-fee'",
    accountId,
  ).map((l) => JSON.parse(l.explanation) as Extract<LineExplanation, { code: 'one-off-fee' }>);
  return {
    accountId,
    country: 'FR',
    category: account.category,
    currency: 'EUR',
    paymentTermsDays: account.terms,
    subscription,
    promotions: changes.filter((c) => c.change === 'promotion_start').map((c) => ({ promotionId: c.item_code, startDate: c.effective_on })),
    usage: all<{ cycle: string; data_mb: number; voice_minutes: number; sms: number }>(
      'SELECT u.cycle, u.data_mb, u.voice_minutes, u.sms FROM usage_records u JOIN subscriptions s ON s.id = u.subscription_id WHERE s.account_id = ?',
      accountId,
    ).map((u) => ({ cycleStart: `${u.cycle}-01`, dataMb: u.data_mb, voiceMinutes: u.voice_minutes, sms: u.sms })),
    oneOffCharges: oneOff.map((e) => ({ id: e.chargeId, feeId: e.fee.id, date: e.date })),
    payments: all<{ id: string; received_on: string; amount: number }>('SELECT id, received_on, amount FROM payments WHERE account_id = ?', accountId).map(
      (p) => ({ id: p.id, date: p.received_on, amount: p.amount }),
    ),
    ledger: all<{ id: string; effective_on: string; amount: number; reason_code: string }>(
      "SELECT id, effective_on, amount, reason_code FROM ledger_entries WHERE account_id = ? AND kind = 'credit'",
      accountId,
    ).map((e) => ({ kind: 'credit' as const, id: e.id, date: e.effective_on, amount: e.amount, reason: e.reason_code as 'goodwill' })),
  };
}

describe('demo invoices come from the billing engine', () => {
  it('rebills every account from its stored history to exactly the stored invoices', () => {
    const accounts = all<{ id: string }>('SELECT id FROM accounts ORDER BY rowid');
    expect(accounts.length).toBe(60);
    // Except the accounts whose last bill the demo damaged on purpose (demo/plant.ts): the
    // fairness check must find those (tests/integration/billing/fairness.test.ts).
    const planted = new Set(plantedErrors(db.$client).map((p) => p.accountId));
    expect(planted.size).toBeGreaterThan(0);
    for (const { id } of accounts) {
      if (planted.has(id)) continue;
      const stored = all<{
        id: string;
        cycle_start: string;
        cycle_end: string;
        subtotal: number;
        tax: number;
        total: number;
        previous_balance: number;
        payments_received: number;
        amount_due: number;
        issued_on: string;
        due_on: string;
      }>('SELECT * FROM invoices WHERE account_id = ? ORDER BY cycle_start', id);
      const rebilled = generateInvoices(
        SAMPLE_CATALOG,
        historyOf(id),
        stored.map((i) => ({ start: i.cycle_start, end: i.cycle_end })),
      );
      rebilled.forEach((inv, k) => {
        const s = stored[k]!;
        expect([inv.subtotal, inv.tax, inv.total, inv.previousBalance, inv.paymentsReceived, inv.amountDue, inv.issueDate, inv.dueDate]).toEqual([
          s.subtotal,
          s.tax,
          s.total,
          s.previous_balance,
          s.payments_received,
          s.amount_due,
          s.issued_on,
          s.due_on,
        ]);
        const lines = all<{ amount: number; explanation: string }>(
          "SELECT amount, explanation FROM invoice_lines WHERE invoice_id = ? AND kind != 'tax' ORDER BY position",
          s.id,
        );
        expect(lines.map((l) => [l.amount, JSON.parse(l.explanation)])).toEqual(inv.lines.map((l) => [l.amount, l.explanation]));
      });
    }
  });
});
