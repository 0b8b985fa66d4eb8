/**
 * Receivables end to end: a verified call → the payments tab (Alt+8) shows each invoice with what
 * settled it and the payment history (a card never more than its last four digits); a goodwill
 * credit on an account with nothing left to pay becomes a credit balance, which the agent refunds
 * within their limit, and the refund shows in the history — in French, the agent's language.
 */
import { accountReceivables, type PaymentStatus } from '../../src/core/receivables';
import { pickCustomers, signIn, verifiedCall, type Known } from './call-steps';
import { expect, keepScreenshot, test } from './fixtures';
import type Database from 'better-sqlite3';

/** A pickable customer whose account owes nothing today (every bill paid): a credit becomes a credit balance. */
function settledCustomer(db: Database.Database): Known {
  for (const known of pickCustomers({ db }, 200)) {
    const accountId = db.prepare(`SELECT id FROM accounts WHERE customer_id = ?`).pluck().get(known.customerId) as string;
    const invoices = db
      .prepare(`SELECT id, issued_on AS issuedOn, due_on AS dueOn, total, previous_balance AS previousBalance FROM invoices WHERE account_id = ?`)
      .all(accountId) as {
      id: string;
      issuedOn: string;
      dueOn: string;
      total: number;
      previousBalance: number;
    }[];
    const payments = db
      .prepare(
        `SELECT id, received_on AS receivedOn, amount, status, returned_amount AS returnedAmount, invoice_id AS invoiceId FROM payments WHERE account_id = ?`,
      )
      .all(accountId) as {
      id: string;
      receivedOn: string;
      amount: number;
      status: PaymentStatus;
      returnedAmount: number | null;
      invoiceId: string | null;
    }[];
    if (accountReceivables(invoices, payments, []).balance === 0) return known;
  }
  throw new Error('no demo customer with every bill paid');
}

test('the payments tab: invoices and what settled them, payment history, a credit balance refunded', async ({ page, ardoise }) => {
  const known = settledCustomer(ardoise.db);
  await signIn(page, ardoise.url, 'agent', 'ardoise-agent');
  await verifiedCall(page, known);

  await page.keyboard.press('Alt+8');
  const tab = page.getByTestId('payments-tab');
  await expect(tab).toBeVisible();
  await expect(page.getByTestId('payments-summary')).toHaveText('Rien n’est dû.');
  await expect(page.getByTestId('payments-invoice').first()).toBeVisible();
  const items = page.getByTestId('payment-item');
  await expect(items.first()).toBeVisible();
  for (const text of await items.allInnerTexts()) {
    expect(text).toMatch(/ le \d/);
    // No card number: invoice numbers aside, no run of more than four digits anywhere.
    expect(text.replace(/FA-[\w-]+/g, '')).not.toMatch(/\d{5,}/);
  }
  await expect(page.getByTestId('refund-form')).toHaveCount(0);
  await keepScreenshot(page, 'payments-settled');

  // A €5 goodwill gesture on an account that owes nothing: a credit balance of €5.
  await page.getByTestId('call-tab-credit').click();
  await page.getByTestId('credit-reason-goodwill').click();
  await page.getByTestId('credit-amount').fill('5');
  await expect(page.getByTestId('credit-outcome')).toHaveAttribute('data-outcome', 'allowed');
  await page.getByTestId('credit-amount').press('Enter');
  await expect(page.getByTestId('credit-granted')).toContainText(/5,00\s€/);

  await page.getByTestId('call-tab-payments').click();
  await expect(page.getByTestId('payments-summary')).toHaveText('5,00\u00a0€ en faveur du client.');
  await expect(page.getByTestId('payments-credit')).toHaveAttribute('data-minor', '500');

  // More than the credit balance is refused, with the rule; within it and the limit, allowed.
  const amount = page.getByTestId('refund-amount');
  await amount.fill('6');
  await expect(page.getByTestId('refund-decision')).toHaveAttribute('data-outcome', 'refused');
  await expect(page.getByTestId('refund-decision')).toContainText('Supérieur au solde créditeur de 5,00\u00a0€.');
  await expect(page.getByTestId('refund-send')).toBeDisabled();
  await amount.fill('3,50');
  await expect(page.getByTestId('refund-decision')).toHaveAttribute('data-outcome', 'allowed');
  await keepScreenshot(page, 'payments-refund-allowed');
  await page.getByTestId('refund-send').click();
  await expect(page.getByTestId('refund-result')).toHaveAttribute('data-status', 'refunded');
  await expect(page.getByTestId('payments-summary')).toHaveText('1,50\u00a0€ en faveur du client.');
  await expect(page.getByTestId('payment-item').first()).toHaveAttribute('data-status', 'refund');
  await expect(page.getByTestId('payment-item').first()).toContainText('3,50\u00a0€ remboursés par virement le');
  expect(
    ardoise.db
      .prepare(`SELECT count(*) FROM payments p JOIN accounts a ON a.id = p.account_id WHERE a.customer_id = ? AND p.status = 'refund' AND p.amount = 350`)
      .pluck()
      .get(known.customerId),
  ).toBe(1);
});
