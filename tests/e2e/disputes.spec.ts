/**
 * Disputes and payment plans end to end, on the payments tab (Alt+8) of a verified call: the
 * agent opens a dispute on a line of the latest bill (line, amount, reason, what the customer
 * said — by keyboard), sees it listed with what it holds, and resolves it in place by keyboard:
 * a credit over the disputed amount is refused with the reason, the disputed amount is credited
 * (billing error) and the dispute says so; a second dispute is rejected with a reason read to the
 * customer. Then splits an overdue balance into instalments, decided live, agreed, and shown with
 * each instalment's status.
 */
import type Database from 'better-sqlite3';
import { accountReceivables, type PaymentStatus } from '../../src/core/receivables';
import { demoPinFor } from '../../src/main/demo/pins';
import { endOpenCalls, NOT_PLANTED, pickCustomers, signIn, verifiedCall, type Known } from './call-steps';
import { DEMO_TODAY, expect, keepScreenshot, test } from './fixtures';

/** What is overdue on the customer's account today (the same rule as the desk's, no dispute yet). */
function overdueOf(db: Database.Database, customerId: string): number {
  const accountId = db.prepare(`SELECT id FROM accounts WHERE customer_id = ?`).pluck().get(customerId) as string;
  const invoices = db
    .prepare(`SELECT id, issued_on AS issuedOn, due_on AS dueOn, total, previous_balance AS previousBalance FROM invoices WHERE account_id = ?`)
    .all(accountId) as { id: string; issuedOn: string; dueOn: string; total: number; previousBalance: number }[];
  const payments = db
    .prepare(
      `SELECT id, received_on AS receivedOn, amount, status, returned_amount AS returnedAmount, invoice_id AS invoiceId FROM payments WHERE account_id = ?`,
    )
    .all(accountId) as { id: string; receivedOn: string; amount: number; status: PaymentStatus; returnedAmount: number | null; invoiceId: string | null }[];
  const r = accountReceivables(invoices, payments, []);
  const due = new Map(invoices.map((i) => [i.id, i.dueOn]));
  return r.invoices.filter((i) => (due.get(i.invoiceId) ?? '9999') < DEMO_TODAY).reduce((s, i) => s + i.left, 0);
}

/**
 * A verifiable caller (PIN on file, a phone only they have, one account) with €40 or more overdue
 * today (4 instalments of €10 at least: over an agent's 3): pickCustomers keeps to callers in good standing, so no other spec calls these.
 */
function overdueCaller(db: Database.Database): Known {
  const rows = db
    .prepare(
      `SELECT c.id AS customerId, c.given_name AS givenName, c.family_name AS familyName, c.date_of_birth AS dob, p.e164
         FROM customers c
         JOIN customer_secrets s ON s.customer_id = c.id AND s.account_pin_digest IS NOT NULL
         JOIN customer_phones p ON p.customer_id = c.id AND p.is_primary = 1
         JOIN accounts a ON a.customer_id = c.id
        WHERE (SELECT count(*) FROM customer_phones q WHERE q.e164 = p.e164) = 1
          AND (SELECT count(*) FROM accounts x WHERE x.customer_id = c.id) = 1
          AND c.fraud_flag = 0 AND ${NOT_PLANTED}
          AND EXISTS (SELECT 1 FROM invoices i WHERE i.account_id = a.id AND i.due_on < ? AND i.amount_due >= 4000)
        ORDER BY c.id DESC LIMIT 400`,
    )
    .all(DEMO_TODAY) as Omit<Known, 'pin'>[];
  const found = rows.find((k) => overdueOf(db, k.customerId) >= 4_000);
  if (!found) throw new Error('no verifiable demo caller with €40 or more overdue');
  return { ...found, pin: demoPinFor(found.customerId)! };
}

test('a dispute on a bill line, then a payment plan agreed, from the payments tab', async ({ page, ardoise }) => {
  const picked = pickCustomers(ardoise, 80);
  const disputed: Known = picked[70]!;
  await signIn(page, ardoise.url, 'agent', 'ardoise-agent');
  await verifiedCall(page, disputed);

  await page.keyboard.press('Alt+8');
  await expect(page.getByTestId('payments-tab')).toBeVisible();
  const form = page.getByTestId('dispute-form');
  await expect(form).toBeVisible();
  // The first line of the latest bill is selected; the agent types the amount, picks the reason and writes what was said.
  await page.getByTestId('dispute-amount').fill('5');
  await page.getByTestId('dispute-reason').selectOption('service_not_received');
  await page.getByTestId('dispute-said').fill('Le client dit que l’option n’a jamais fonctionné.');
  await page.getByTestId('dispute-said').press('Tab');
  await expect(page.getByTestId('dispute-submit')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('dispute-opened')).toBeVisible();
  const item = page.getByTestId('dispute-item');
  await expect(item).toHaveCount(1);
  await expect(item).toHaveAttribute('data-status', 'open');
  await expect(item).toContainText(/^Ouverte5,00\s€ contestés sur la facture \S+ \(service non reçu\)\u00a0: /);
  await expect(page.getByTestId('disputes-held')).toContainText('5,00\u00a0€ mis de côté');
  await keepScreenshot(page, 'dispute-opened');

  // Resolved in place, by keyboard: the control opens a form whose first field has the focus.
  await page.getByTestId('dispute-resolve-open').focus();
  await page.keyboard.press('Enter');
  const resolve = page.getByTestId('dispute-resolve-form');
  await expect(resolve).toBeVisible();
  await expect(page.getByTestId('dispute-resolve-kind')).toBeFocused();
  await expect(page.getByTestId('dispute-resolve-amount')).toHaveValue('5.00');
  // More than was disputed: refused, with the reason; nothing resolved.
  await page.getByTestId('dispute-resolve-amount').fill('6');
  await page.getByTestId('dispute-resolve-amount').press('Enter');
  await expect(page.getByTestId('dispute-resolve-error')).toContainText('5,00');
  await expect(item).toHaveAttribute('data-status', 'open');
  await page.getByTestId('dispute-resolve-amount').fill('5');
  await page.getByTestId('dispute-resolve-amount').press('Enter');
  await expect(item).toHaveAttribute('data-status', 'credited');
  await expect(item.getByTestId('dispute-resolution')).toHaveText(/^Avoir de 5,00\s€ accordé le .+\.$/);
  await expect(page.getByTestId('disputes-held')).toHaveCount(0);
  await expect(page.getByTestId('dispute-resolve-open')).toHaveCount(0);

  // A second dispute, rejected with a reason the agent reads out.
  await page.getByTestId('dispute-amount').fill('3');
  await page.getByTestId('dispute-said').fill('Le client conteste les frais de papier.');
  await page.getByTestId('dispute-submit').click();
  await expect(item).toHaveCount(2);
  const second = item.first(); // newest first
  await expect(second).toHaveAttribute('data-status', 'open');
  await second.getByTestId('dispute-resolve-open').focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('dispute-resolve-kind').selectOption('reject');
  await expect(page.getByTestId('dispute-resolve-submit')).toBeDisabled();
  await page.getByTestId('dispute-resolve-reason').fill('La facture papier a été demandée le mois dernier.');
  await page.getByTestId('dispute-resolve-reason').press('Tab');
  await expect(page.getByTestId('dispute-resolve-submit')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(second).toHaveAttribute('data-status', 'rejected');
  await expect(second.getByTestId('dispute-resolution')).toHaveText(/^Rejetée le .+\u00a0: La facture papier a été demandée le mois dernier\.$/);
  await keepScreenshot(page, 'dispute-resolved');
  await endOpenCalls(page);

  // A caller with something overdue: the plan form offers to split it.
  await verifiedCall(page, overdueCaller(ardoise.db));
  await page.keyboard.press('Alt+8');
  const plan = page.getByTestId('plan-form');
  await expect(plan).toBeVisible();
  await page.getByTestId('plan-count').fill('2');
  await expect(page.getByTestId('plan-decision')).toHaveAttribute('data-outcome', 'allowed');
  await page.getByTestId('plan-count').fill('4');
  await expect(page.getByTestId('plan-decision')).toHaveAttribute('data-outcome', 'needs_approval');
  // Over the agent's limit the plan is sent for approval (tests/e2e/plan-approval.spec.ts), not agreed.
  await expect(page.getByTestId('plan-submit')).toHaveText('Soumettre à validation');
  await page.getByTestId('plan-count').fill('3');
  await expect(page.getByTestId('plan-decision')).toHaveAttribute('data-outcome', 'allowed');
  await page.getByTestId('plan-count').press('Enter');
  await expect(page.getByTestId('plan-agreed')).toBeVisible();
  const agreed = page.getByTestId('plan');
  await expect(agreed).toHaveAttribute('data-status', 'agreed');
  await expect(agreed).toHaveAttribute('data-missed', 'false');
  await expect(page.getByTestId('plan-instalment')).toHaveCount(3);
  for (const row of await page.getByTestId('plan-instalment').all()) await expect(row).toHaveAttribute('data-status', 'due');
  await keepScreenshot(page, 'payment-plan-agreed');
  await endOpenCalls(page);
});
