/**
 * Steps of a call through the screens, shared by the end-to-end files: pick demo customers a
 * test can verify and credit, sign in, and take a verified call from a phone-number lookup.
 */
import type Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { expect } from './fixtures';
import { demoPinFor } from '../../src/main/demo/pins';

/**
 * SQL: account `a` is not one whose last bill the demo damaged on purpose (src/main/demo/plant.ts,
 * kept under sync_state 'demo_billing_errors'): its figures are the fairness check's to find.
 */
export const NOT_PLANTED = `NOT EXISTS (SELECT 1 FROM sync_state ss, json_each(ss.value) je
  WHERE ss.key = 'demo_billing_errors' AND json_extract(je.value, '$.accountId') = a.id)`;

export interface Known {
  customerId: string;
  givenName: string;
  familyName: string;
  dob: string;
  pin: string;
  e164: string;
}

/**
 * Customers who can be verified by phone + date of birth + PIN, have one account with at least
 * two bills that differ, a latest bill of €40 or more, no credit yet, no late fee (good standing,
 * so a goodwill gesture is possible), and a tenure of more than 3 months.
 */
export function pickCustomers(ardoise: { db: Database.Database }, count: number, minLatestTotal = 4000): Known[] {
  const rows = ardoise.db
    .prepare(
      `WITH latest AS (
         SELECT i.account_id, i.total, row_number() OVER (PARTITION BY i.account_id ORDER BY i.cycle_start DESC) AS rn FROM invoices i
       )
       SELECT c.id AS customerId, c.given_name AS givenName, c.family_name AS familyName, c.date_of_birth AS dob,
              p.e164
       FROM customers c
       JOIN customer_secrets s ON s.customer_id = c.id AND s.account_pin_digest IS NOT NULL
       JOIN customer_phones p ON p.customer_id = c.id AND p.is_primary = 1
       JOIN accounts a ON a.customer_id = c.id
       JOIN latest l1 ON l1.account_id = a.id AND l1.rn = 1
       JOIN latest l2 ON l2.account_id = a.id AND l2.rn = 2
       WHERE (SELECT count(*) FROM customer_phones q WHERE q.e164 = p.e164) = 1
         AND (SELECT count(*) FROM accounts x WHERE x.customer_id = c.id) = 1
         AND c.fraud_flag = 0
         AND (SELECT count(*) FROM ledger_entries le WHERE le.account_id = a.id) = 0
         AND (SELECT count(*) FROM invoice_lines il JOIN invoices iv ON iv.id = il.invoice_id WHERE iv.account_id = a.id AND il.kind = 'late-fee') = 0
         AND l1.total BETWEEN ? AND 20000 AND abs(l1.total - l2.total) >= 300
         AND a.opened_on <= '2026-01-01'
         AND ${NOT_PLANTED}
       ORDER BY c.id LIMIT ?`,
    )
    .all(minLatestTotal, count) as Omit<Known, 'pin'>[];
  // The store keeps only keyed digests of PINs; a demo customer's PIN comes from their id.
  return rows.map((k) => ({ ...k, pin: demoPinFor(k.customerId)! }));
}

export function slashDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** A date of birth as an agent types it in their language: 09/18/1989 in English, 18/09/1989 in French. */
export function typedDate(iso: string, lang: string): string {
  const [y, m, d] = iso.split('-');
  return lang === 'en' ? `${m}/${d}/${y}` : `${d}/${m}/${y}`;
}

export async function signIn(page: Page, url: string, username: string, password: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('signin-username').fill(username);
  await page.getByTestId('signin-password').fill(password);
  await page.getByTestId('signin-submit').click();
  await page.getByTestId('agent-name').waitFor();
}

/** Lookup by phone → start the call → verify through the verification panel. */
export async function verifiedCall(page: Page, known: Known): Promise<void> {
  const search = page.getByTestId('lookup-search');
  await search.click();
  await search.fill(known.e164);
  await expect(page.getByTestId('lookup-result').filter({ hasText: `${known.givenName} ${known.familyName}` })).toHaveCount(1);
  await search.press('Enter');
  await expect(page.getByTestId('caller-panel')).toHaveAttribute('data-customer-id', known.customerId);
  await search.press('Enter');
  await expect(page.getByTestId('call-workspace')).toBeVisible();
  const lang = (await page.locator('html').getAttribute('lang')) ?? 'fr';
  await page.getByTestId('verify-answer-date_of_birth').fill(typedDate(known.dob, lang));
  await page.getByTestId('verify-answer-account_pin').fill(known.pin);
  await page.getByTestId('verify-answer-account_pin').press('Enter');
  await expect(page.getByTestId('call-verification-badge')).toHaveAttribute('data-state', 'verified');
}

export { endOpenCalls } from './fixtures';
