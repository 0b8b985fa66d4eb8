/**
 * "Is this bill right?" end to end: on the bills tab of a verified call, "Check this bill" on a
 * bill the demo damaged on purpose (src/main/demo/plant.ts, kept under sync_state
 * 'demo_billing_errors') shows the difference as a sentence to read out with its cause, what the
 * customer is owed, and the correcting credit; one click grants it and the check then shows the
 * bill settled. In French, an untouched bill reads as right.
 */
import type { Page } from '@playwright/test';
import { demoPinFor } from '../../src/main/demo/pins';
import { expect, keepScreenshot, test, type Ardoise } from './fixtures';
import { NOT_PLANTED, signIn, verifiedCall, type Known } from './call-steps';

/** Customers who can be verified by phone + date of birth + PIN, with one account; planted or not. */
function pick(ardoise: Ardoise, planted: boolean, skip = 0): (Known & { owed: number; kind: string | null }) | undefined {
  const row = ardoise.db
    .prepare(
      `SELECT c.id AS customerId, c.given_name AS givenName, c.family_name AS familyName, c.date_of_birth AS dob, p.e164,
              (SELECT json_extract(je.value, '$.owed') FROM sync_state ss, json_each(ss.value) je
                WHERE ss.key = 'demo_billing_errors' AND json_extract(je.value, '$.accountId') = a.id) AS owed,
              (SELECT json_extract(je.value, '$.kind') FROM sync_state ss, json_each(ss.value) je
                WHERE ss.key = 'demo_billing_errors' AND json_extract(je.value, '$.accountId') = a.id) AS kind
       FROM customers c
       JOIN customer_secrets s ON s.customer_id = c.id AND s.account_pin_digest IS NOT NULL
       JOIN customer_phones p ON p.customer_id = c.id AND p.is_primary = 1
       JOIN accounts a ON a.customer_id = c.id
       WHERE (SELECT count(*) FROM customer_phones q WHERE q.e164 = p.e164) = 1
         AND (SELECT count(*) FROM accounts x WHERE x.customer_id = c.id) = 1
         AND c.fraud_flag = 0
         AND (SELECT count(*) FROM invoices i WHERE i.account_id = a.id) >= 2
         AND ${planted ? 'NOT' : ''} ${NOT_PLANTED}
         AND (owed IS NULL OR owed <= 8000)
       ORDER BY c.id DESC LIMIT 1 OFFSET ?`,
    )
    .get(skip) as (Omit<Known, 'pin'> & { owed: number | null; kind: string | null }) | undefined;
  return row ? { ...row, owed: row.owed ?? 0, pin: demoPinFor(row.customerId)! } : undefined;
}

/** Leave the shared host as found: the call wrapped up. */
async function wrapUp(page: Page): Promise<void> {
  await page.getByTestId('call-tab-wrapup').click();
  await page.getByTestId('wrapup-disposition').first().click();
  await page.getByTestId('wrapup-submit').click();
  await expect(page.getByTestId('call-workspace')).toHaveCount(0);
}

test('a bill charged wrongly: the difference read out, the correcting credit in one click, then settled', async ({ signedIn: page, ardoise }) => {
  const known = pick(ardoise, true);
  if (!known) throw new Error('no planted demo customer who can be verified');
  await verifiedCall(page, known);
  await page.getByTestId('call-tab-bills').click();
  await expect(page.getByTestId('invoice-panel')).toBeVisible();

  await page.getByTestId('fairness-run').click();
  const summary = page.getByTestId('fairness-summary');
  await expect(summary).toContainText('we owe you');
  const differences = page.getByTestId('fairness-difference');
  await expect(differences).toHaveCount(1);
  await expect(differences.first()).toHaveAttribute('data-cause', known.kind!);
  // An increase charged before it was owed says it is refunded; every other cause, in whose favour.
  await expect(differences.first()).toContainText(known.kind === 'price-not-notified' ? 'is refunded to you' : 'in your favour');
  await expect(page.getByTestId('fairness-owed')).toHaveAttribute('data-minor', String(known.owed));
  await keepScreenshot(page, 'fairness-check');

  await page.getByTestId('fairness-correct').click();
  await expect(page.getByTestId('fairness-granted')).toBeVisible();
  await expect(summary).toContainText('has already been granted for this bill: nothing is left owing.');
  await expect(page.getByTestId('fairness-correct')).toHaveCount(0);
  await expect(page.getByTestId('fairness-owed')).toHaveAttribute('data-minor', '0');

  // The credit is on the customer's account: one billing-error credit for exactly what was owed.
  const credits = ardoise.db
    .prepare(
      `SELECT l.amount, l.reason_code AS reason FROM ledger_entries l JOIN accounts a ON a.id = l.account_id WHERE a.customer_id = ? AND l.actor_id IS NOT NULL AND l.effective_on >= (SELECT max(issued_on) FROM invoices i WHERE i.account_id = a.id)`,
    )
    .all(known.customerId);
  expect(credits).toEqual([{ amount: known.owed, reason: 'billing_error' }]);
  await wrapUp(page);
});

test('in French: a bill charged wrongly reads out in French', async ({ page, ardoise }) => {
  await signIn(page, ardoise.url, 'agent', 'ardoise-agent');
  const planted = pick(ardoise, true, 1);
  if (!planted) throw new Error('no second planted demo customer who can be verified');
  await verifiedCall(page, planted);
  await page.getByTestId('call-tab-bills').click();
  await page.getByRole('button', { name: 'Vérifier cette facture' }).click();
  await expect(page.getByTestId('fairness-summary')).toContainText('nous vous devons');
  await expect(page.getByTestId('fairness-difference').first()).toContainText(
    planted.kind === 'price-not-notified' ? 'vous sont remboursés' : 'en votre faveur',
  );
  await expect(page.getByTestId('fairness-correct')).toContainText('Accorder l’avoir de correction');
  await wrapUp(page);
});

test('in French: an untouched bill is right, nothing to credit', async ({ page, ardoise }) => {
  await signIn(page, ardoise.url, 'agent', 'ardoise-agent');
  const known = pick(ardoise, false);
  if (!known) throw new Error('no demo customer who can be verified');
  await verifiedCall(page, known);
  await page.getByTestId('call-tab-bills').click();
  await page.getByRole('button', { name: 'Vérifier cette facture' }).click();
  await expect(page.getByTestId('fairness-summary')).toHaveText(/Cette facture est juste, recalculée aujourd’hui elle donne le même montant ligne par ligne\./);
  await expect(page.getByTestId('fairness-difference')).toHaveCount(0);
  await expect(page.getByTestId('fairness-correct')).toHaveCount(0);
  await wrapUp(page);
});
