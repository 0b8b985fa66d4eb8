/**
 * Bills, plans, credits and approvals end to end, through the screens an agent uses during a
 * live call: a verified call → bills → the latest invoice's lines and sentences → "why is this
 * bill different?" (the sentence to read out, the waterfall) → best plans and a quote; a credit
 * within the agent's limit is granted and listed; an over-limit credit waits for a supervisor
 * who approves it (lower) from the inbox in another browser, and the agent's call shows it
 * without reloading.
 */
import type { Browser, Page } from '@playwright/test';
import type Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { demoPinFor } from '../../src/main/demo/pins';
import { expect, keepScreenshot, test } from './fixtures';
import { endOpenCalls, pickCustomers, signIn, verifiedCall } from './call-steps';

async function supervisorPage(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 860 } });
  const page = await context.newPage();
  // A second browser is a second client of the same host: a fresh sign-in with its own session.
  await signIn(page, url, 'supervisor', 'ardoise-supervisor');
  return page;
}

const minorOf = async (page: Page, testId: string): Promise<number> => Number(await page.getByTestId(testId).getAttribute('data-minor'));

// The host is shared by every spec: each test ends the calls it opened.
test.afterEach(async ({ page }) => {
  await endOpenCalls(page);
});

test('a verified call: bills, the latest invoice line by line, why it differs, best plans and a quote', async ({ signedIn: page, ardoise }) => {
  const [known] = pickCustomers(ardoise, 1);
  if (!known) throw new Error('no suitable demo customer');
  await verifiedCall(page, known);

  // Bills: newest first, the newest opened at once with every line and its sentence.
  await page.getByTestId('call-tab-bills').click();
  const rows = page.getByTestId('bills-row');
  await expect(rows.nth(1)).toBeVisible();
  await expect(rows.first()).toHaveAttribute('aria-selected', 'true');
  const panel = page.getByTestId('invoice-panel');
  await expect(panel).toBeVisible();
  const lines = page.getByTestId('invoice-line');
  await expect(lines.first()).toBeVisible();
  const sentences = await page.getByTestId('invoice-line-sentence').allInnerTexts();
  expect(sentences.length).toBeGreaterThan(0);
  for (const s of sentences) expect(s.trim().length).toBeGreaterThan(10);
  // The lines (net) add up to the subtotal; with VAT, to the total.
  const lineAmounts = await page.getByTestId('invoice-line-amount').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-minor'))));
  expect(lineAmounts.reduce((a, b) => a + b, 0)).toBe(await minorOf(page, 'invoice-subtotal'));
  expect((await minorOf(page, 'invoice-subtotal')) + (await minorOf(page, 'invoice-tax'))).toBe(await minorOf(page, 'invoice-total'));
  await keepScreenshot(page, 'bills-invoice');

  // Why is it different? The sentence to read out, the waterfall and the causes (largest first).
  await page.getByTestId('bills-list').focus();
  await page.keyboard.press('ArrowRight');
  const summary = page.getByTestId('why-summary');
  await expect(summary).toBeVisible();
  expect((await summary.innerText()).length).toBeGreaterThan(20);
  await expect(page.getByTestId('why-chart').locator('.recharts-bar-rectangle').first()).toBeVisible();
  const causes = await page.getByTestId('why-cause').evaluateAll((els) => els.map((e) => Number(e.querySelector('[data-minor]')?.getAttribute('data-minor'))));
  expect(causes.length).toBeGreaterThan(0);
  expect(causes.reduce((a, b) => a + b, 0)).toBe(await minorOf(page, 'why-difference'));
  const impacts = causes.map(Math.abs);
  expect([...impacts].sort((a, b) => b - a)).toEqual(impacts);
  await expect(page.getByTestId('why-unbalanced')).toHaveCount(0);
  await keepScreenshot(page, 'bills-why');

  // The month before, from the keyboard: the list follows.
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('invoice-number')).toHaveText(/\S+/);

  // Plans ranked on the caller's usage; pick one that is not the current plan → a quote.
  await page.getByTestId('call-tab-plan').click();
  const plans = page.getByTestId('plans-row');
  await expect(plans.nth(1)).toBeVisible();
  await expect(page.locator('[data-testid="plans-row"][data-current]')).toHaveCount(1);
  await page.locator('[data-testid="plans-row"]:not([data-current])').first().click();
  const readout = page.getByTestId('quote-readout');
  await expect(readout).toBeVisible();
  await expect(readout).toContainText('€');
  await expect(page.getByTestId('quote-next-total')).toContainText('€');
  await expect(page.getByTestId('quote-saving-year')).toContainText('€');
  await keepScreenshot(page, 'bills-quote-now');
  await page.getByTestId('quote-timing').getByText('Next month').click();
  await expect(readout).toContainText(/From 1 \w+/);
  await expect(readout).toContainText(/Over the 12 months from \w+/);
  // One usage assumption, stated once for the ranking and once under the quote: the same words.
  await expect(page.getByTestId('quote-assumed')).toHaveText(await page.getByTestId('plans-basis').innerText());
  await keepScreenshot(page, 'bills-quote-eoc');

  // Apply: the confirmation states the amounts read out; the change is recorded.
  await page.getByTestId('plan-apply').click();
  const confirm = page.getByTestId('plan-confirm-body');
  await expect(confirm).toContainText('€');
  await expect(page.getByTestId('plan-confirm-apply')).toBeFocused();
  await keepScreenshot(page, 'bills-plan-confirm');
  await page.getByTestId('plan-confirm-apply').click();
  await expect(page.getByTestId('plan-applied')).toBeVisible();
});

test('a credit within the limit is granted; over the limit it waits for a supervisor, whose decision the call shows live', async ({
  page,
  ardoise,
  browser,
}) => {
  const [, known] = pickCustomers(ardoise, 2);
  if (!known) throw new Error('no second suitable demo customer');
  // The French-speaking agent, typing amounts the French way.
  await signIn(page, ardoise.url, 'agent', 'ardoise-agent');
  await verifiedCall(page, known);

  await page.getByTestId('call-tab-credit').click();
  await page.getByTestId('credit-reason-goodwill').click();
  const amount = page.getByTestId('credit-amount');
  const outcome = page.getByTestId('credit-outcome');

  // Within the agent's limit: allowed, with every rule as a sentence; Enter grants.
  await amount.fill('5,00');
  await expect(outcome).toHaveAttribute('data-outcome', 'allowed');
  await expect(page.getByTestId('credit-rule').first()).toBeVisible();
  await keepScreenshot(page, 'credit-allowed');
  await amount.press('Enter');
  await expect(page.getByTestId('credit-granted')).toContainText(/5,00\s€/);
  const ledgerRows = page.getByTestId('ledger-row');
  await expect(ledgerRows).toHaveCount(1);
  await expect(ledgerRows.first()).toContainText(/5,00\s€/);
  await expect(amount).toHaveValue('');

  // Over the limit: needs approval, says by whom and the most allowed now.
  await amount.fill('15');
  await expect(outcome).toHaveAttribute('data-outcome', 'needs_approval');
  await expect(page.getByTestId('credit-max')).toContainText(/\d+,\d{2}\s€/);
  await expect(page.getByTestId('credit-submit')).toHaveAttribute('data-outcome', 'needs_approval');
  await keepScreenshot(page, 'credit-needs-approval');
  await page.getByTestId('credit-submit').click();
  await expect(page.getByTestId('credit-pending')).toBeVisible();
  const request = page.getByTestId('call-approval');
  await expect(request).toHaveAttribute('data-status', 'pending');

  // A supervisor in another browser approves a lower amount from the inbox.
  const supervisor = await supervisorPage(browser, ardoise.url);
  await supervisor.getByTestId('nav-approvals').click();
  const row = supervisor.getByTestId('approvals-row').filter({ hasText: known.familyName });
  await expect(row).toHaveCount(1);
  await row.click();
  await expect(supervisor.getByTestId('approvals-detail')).toContainText(known.familyName);
  await expect(supervisor.getByTestId('approvals-explanation')).toBeVisible();
  await supervisor.getByTestId('approvals-amount').fill('12,00');
  await keepScreenshot(supervisor, 'approvals-inbox');
  await supervisor.getByTestId('approvals-amount').press('Enter');
  await expect(supervisor.getByTestId('approvals-last')).toBeVisible();
  await expect(supervisor.getByTestId('approvals-row').filter({ hasText: known.familyName })).toHaveCount(0);
  await supervisor.context().close();

  // The agent's call shows the decision without reloading: approved, lower than asked.
  await expect(request).toHaveAttribute('data-status', /approved|applied/, { timeout: 15_000 });
  await expect(page.getByTestId('call-approval-lowered')).toContainText(/12,00\s€/);
  await expect(ledgerRows).toHaveCount(2);
  await keepScreenshot(page, 'credit-approved');
});

test('a supervisor at the agent’s desk refuses with their own credentials; a wrong password changes nothing', async ({ page, ardoise }) => {
  // A latest bill of €80 or more: €35 is over a senior agent's goodwill limit, within a supervisor's.
  const known = pickCustomers(ardoise, 10, 8000).at(-1);
  if (!known) throw new Error('no demo customer with a large enough bill');
  await signIn(page, ardoise.url, 'senior', 'ardoise-senior');
  await verifiedCall(page, known);

  await page.getByTestId('call-tab-credit').click();
  await page.getByTestId('credit-reason-goodwill').click();
  await page.getByTestId('credit-amount').fill('35');
  await expect(page.getByTestId('credit-outcome')).toHaveAttribute('data-outcome', 'needs_approval');
  await page.getByTestId('credit-amount').press('Enter');
  const request = page.getByTestId('call-approval');
  await expect(request).toHaveAttribute('data-status', 'pending');

  await request.getByTestId('call-approval-here').click();
  await page.getByTestId('here-username').fill('supervisor');
  await page.getByTestId('here-password').fill('not-the-password');
  // One click, as a person would: the choice holds.
  await page.getByTestId('here-decision').getByText('Refuser', { exact: true }).click();
  await expect(page.getByTestId('here-decision').locator('input[value="refuse"]')).toBeChecked();
  // Refusing needs a comment: nothing is sent without one.
  await page.getByTestId('here-submit').click();
  await expect(page.getByTestId('here-comment')).toHaveAttribute('aria-invalid', 'true');
  await page.getByTestId('here-comment').fill('Already compensated last month');
  await page.getByTestId('here-submit').click();
  await expect(page.getByTestId('here-error')).toBeVisible();
  await expect(request).toHaveAttribute('data-status', 'pending');
  await expect(page.getByTestId('here-password')).toHaveValue('');
  await keepScreenshot(page, 'approvals-here-error');

  await page.getByTestId('here-password').fill('ardoise-supervisor');
  await page.getByTestId('here-submit').click();
  await expect(request).toHaveAttribute('data-status', 'refused');
  await expect(request).toContainText('Already compensated last month');
  await expect(page.getByTestId('credit-decided')).toHaveAttribute('data-status', 'refused');
  await expect(page.getByTestId('here-password')).toHaveCount(0);
  // The agent's own session is unchanged.
  await expect(page.getByTestId('agent-role')).toHaveAttribute('data-role', 'senior_agent');
  await keepScreenshot(page, 'approvals-here-refused');
});

/**
 * A caller whose bills include a credit note (an avoir: a bill whose credits outweighed it, which
 * the demo issues as one, naming the invoice before it), verifiable by phone, date of birth and
 * PIN. Such an account has credits in its ledger, so no pickCustomers caller is one of them; the
 * last one by id is taken, the far end from the other specs' own picks.
 */
function creditNoteCaller(ardoise: { db: Database.Database }) {
  const row = ardoise.db
    .prepare(
      `SELECT c.id AS customerId, c.given_name AS givenName, c.family_name AS familyName, c.date_of_birth AS dob, p.e164,
              i.id AS noteId, i.number AS noteNumber, i.total AS noteTotal, k.number AS correctsNumber
       FROM invoices i
       JOIN invoices k ON k.id = i.corrects_invoice_id
       JOIN accounts a ON a.id = i.account_id
       JOIN customers c ON c.id = a.customer_id
       JOIN customer_secrets s ON s.customer_id = c.id AND s.account_pin_digest IS NOT NULL
       JOIN customer_phones p ON p.customer_id = c.id AND p.is_primary = 1
       WHERE i.document_kind = 'credit_note' AND c.fraud_flag = 0
         AND (SELECT count(*) FROM customer_phones q WHERE q.e164 = p.e164) = 1
         AND (SELECT count(*) FROM accounts x WHERE x.customer_id = c.id) = 1
       ORDER BY c.id DESC LIMIT 1`,
    )
    .get() as
    | {
        customerId: string;
        givenName: string;
        familyName: string;
        dob: string;
        e164: string;
        noteId: string;
        noteNumber: string;
        noteTotal: number;
        correctsNumber: string;
      }
    | undefined;
  return row ? { ...row, pin: demoPinFor(row.customerId)! } : null;
}

test('a credit note is listed and shown as one: its number, the invoice it corrects, what the customer is owed', async ({ signedIn: page, ardoise }) => {
  const caller = creditNoteCaller(ardoise);
  if (!caller) throw new Error('the demo set has no credit note on a verifiable caller');
  await verifiedCall(page, caller);
  await page.getByTestId('call-tab-bills').click();

  // In the list: a credit note, its number and the invoice it corrects, the amount owed shown positive.
  const row = page.locator(`[data-testid="bills-row"][data-invoice-id="${caller.noteId}"]`);
  await expect(row).toContainText('Credit note');
  await expect(row).toContainText(caller.noteNumber);
  await expect(row).toContainText(`corrects ${caller.correctsNumber}`);
  await expect(row).toContainText('owed to the customer');
  await expect(row.locator('[data-minor]').first()).toHaveAttribute('data-minor', String(-caller.noteTotal));
  expect(caller.noteTotal).toBeLessThan(0);

  // Opened: titled as a credit note correcting that invoice, the figure owed to the customer, not a bill to pay.
  await row.click();
  await expect(page.getByTestId('invoice-title')).toHaveText(`Credit note ${caller.noteNumber} correcting invoice ${caller.correctsNumber}`);
  await expect(page.getByTestId('invoice-kind')).toHaveText('Credit note');
  await expect(page.getByTestId('invoice-total')).toHaveAttribute('data-minor', String(-caller.noteTotal));
  await expect(page.getByTestId('invoice-panel')).toContainText('Owed to the customer');
  await keepScreenshot(page, 'bills-credit-note');

  // The print view and the PDF made in main: "Avoir n° … rectifiant la facture …" for the customer.
  await page.getByTestId('invoice-document-open').click();
  const title = page.getByTestId('invoice-document-title');
  await expect(title).toHaveText(`Credit note ${caller.noteNumber} correcting invoice ${caller.correctsNumber}`);
  await expect(page.locator('[data-mention="corrects-invoice"]')).toContainText(caller.correctsNumber);
  await page.getByTestId('invoice-document-locale').getByText('Français').click();
  const fr = `Avoir n°\u00a0${caller.noteNumber} rectifiant la facture ${caller.correctsNumber}`;
  await expect(title).toHaveText(fr);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('invoice-document-pdf').click()]);
  expect(download.suggestedFilename()).toBe(`Avoir-${caller.noteNumber}.pdf`);
  const pdf = await PDFDocument.load(readFileSync((await download.path())!), { updateMetadata: false });
  expect(pdf.getTitle()).toBe(fr);
});
