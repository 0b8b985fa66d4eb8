/**
 * A payment plan over the agent's limit, end to end with two people: the agent (English) asks
 * for 4 instalments on the payments tab (an agent may agree 3), the plan form sends it for
 * approval and the call's approval requests show it pending with its schedule; a supervisor
 * (French, another browser) finds it in the approvals inbox with the schedule in words and
 * approves it; the agent's screen turns to "approved" and the plan is listed as agreed with its
 * four instalments.
 */
import type Database from 'better-sqlite3';
import { accountReceivables, instalmentSchedule, scheduleSentence, type PaymentStatus } from '../../src/core/receivables';
import { demoPinFor } from '../../src/main/demo/pins';
import { NOT_PLANTED, signIn, verifiedCall, type Known } from './call-steps';
import { DEMO_TODAY, expect, keepScreenshot, test } from './fixtures';

/** What is overdue on the customer's only account today (no dispute, no unbilled credit on these callers). */
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
 * A verifiable caller with €40 or more overdue (4 instalments of €10 at least), no plan and no
 * request yet — taken from the LOW end of the ids: tests/e2e/disputes.spec.ts agrees a plan for
 * the first such caller from the high end.
 */
function overdueCaller(db: Database.Database): Known & { balance: number } {
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
          AND NOT EXISTS (SELECT 1 FROM payment_plans pp WHERE pp.account_id = a.id)
          AND NOT EXISTS (SELECT 1 FROM approval_requests r WHERE r.customer_id = c.id)
          AND NOT EXISTS (SELECT 1 FROM disputes d WHERE d.account_id = a.id)
          AND EXISTS (SELECT 1 FROM invoices i WHERE i.account_id = a.id AND i.due_on < ? AND i.amount_due >= 4000)
        ORDER BY c.id ASC LIMIT 400`,
    )
    .all(DEMO_TODAY) as Omit<Known, 'pin'>[];
  for (const k of rows) {
    const balance = overdueOf(db, k.customerId);
    if (balance >= 4_000) return { ...k, pin: demoPinFor(k.customerId)!, balance };
  }
  throw new Error('no verifiable demo caller with €40 or more overdue');
}

test('a plan over the agent’s limit: sent for approval, approved from the supervisor’s inbox, agreed on the agent’s call', async ({
  signedIn: page,
  ardoise,
  browser,
}) => {
  const caller = overdueCaller(ardoise.db);
  const schedule = instalmentSchedule(caller.balance, 4, DEMO_TODAY);
  await verifiedCall(page, caller);
  await page.keyboard.press('Alt+8');
  await expect(page.getByTestId('plan-form')).toBeVisible();
  await page.getByTestId('plan-count').fill('4');
  await expect(page.getByTestId('plan-decision')).toHaveAttribute('data-outcome', 'needs_approval');
  await expect(page.getByTestId('plan-submit')).toHaveText('Send for approval');
  await page.getByTestId('plan-count').press('Enter');
  await expect(page.getByTestId('plan-sent')).toHaveText(/^Sent to a senior agent for approval/);
  const request = page.getByTestId('call-approval');
  await expect(request).toHaveAttribute('data-status', 'pending');
  await expect(request).toContainText('Payment plan of 4 monthly instalments');
  await expect(request.getByTestId('call-approval-schedule')).toHaveText(scheduleSentence(schedule, 'en', 'EUR'));
  await expect(page.getByTestId('plan')).toHaveCount(0);
  await keepScreenshot(page, 'plan-sent-for-approval');

  // The supervisor, at another desk, in French.
  const context = await browser.newContext();
  try {
    const boss = await context.newPage();
    await signIn(boss, ardoise.url, 'supervisor', 'ardoise-supervisor');
    await boss.getByTestId('nav-approvals').click();
    const row = boss.getByTestId('approvals-row').filter({ hasText: caller.familyName });
    await expect(row).toHaveCount(1);
    await row.click();
    await expect(boss.getByTestId('approvals-detail-request')).toContainText('Échéancier de 4\u00a0mensualités · Échéancier de paiement');
    await expect(boss.getByTestId('approvals-detail-schedule')).toHaveText(scheduleSentence(schedule, 'fr', 'EUR'));
    await expect(boss.getByTestId('approvals-for-me')).toHaveAttribute('data-outcome', 'allowed');
    await keepScreenshot(boss, 'plan-approval-inbox');
    await boss.getByTestId('approvals-list').focus();
    await boss.keyboard.press('a');
    await boss.getByTestId('approvals-submit').click();
    await expect(boss.getByTestId('approvals-last')).toBeVisible();
    await expect(row).toHaveCount(0);
  } finally {
    await context.close();
  }

  // Back on the agent's call: approved, and the plan is there.
  await expect(request).toHaveAttribute('data-status', 'applied', { timeout: 15_000 });
  await expect(request.getByTestId('call-approval-summary')).toContainText('the payment plan is agreed');
  const plan = page.getByTestId('plan');
  await expect(plan).toHaveAttribute('data-status', 'agreed');
  await expect(page.getByTestId('plan-instalment')).toHaveCount(4);
  await expect(page.getByTestId('plan-form')).toHaveCount(0);
  const stored = ardoise.db
    .prepare(
      `SELECT p.balance, p.instalment_count AS n, r.status FROM payment_plans p JOIN approval_requests r ON r.account_id = p.account_id WHERE p.customer_id = ?`,
    )
    .get(caller.customerId);
  expect(stored).toEqual({ balance: caller.balance, n: 4, status: 'applied' });
  await keepScreenshot(page, 'plan-agreed-after-approval');
});
