/**
 * A supervisor deciding from the inbox at full typing speed: R then the comment then Enter, or
 * A then the lowered amount then Enter, with no pause at all. The decision must be exactly what
 * was chosen — a refusal is never applied as an approval, and no typed character is lost.
 * The requests come from another desk through the API, as a second agent's desk would send them.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { demoPinFor } from '../../src/main/demo/pins';
import { expect, test, type Ardoise } from './fixtures';
import { NOT_PLANTED } from './call-steps';

/** A second desk: its own client id, the run's token, the same loopback API as the renderer. */
function desk(ardoise: Ardoise) {
  const base = new URL(ardoise.url);
  const token = base.hash.replace('#token=', '');
  const clientId = randomUUID();
  return async <T>(method: string, input: unknown): Promise<T> => {
    const r = await fetch(`${base.origin}/api`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'x-ardoise-client': clientId, 'content-type': 'application/json' },
      body: JSON.stringify({ method, input }),
    });
    const body = (await r.json()) as { ok: boolean; value?: T; error?: unknown };
    if (!body.ok) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
    return body.value as T;
  };
}

/**
 * Over-limit goodwill requests on one verified call of a customer with a PIN and a large enough
 * bill, made by agent2 at another desk. `done()` wraps the call up: the e2e host is shared by
 * the spec files, and an open call would greet agent2's next sign-in.
 */
async function pendingRequests(ardoise: Ardoise, n: number): Promise<{ customerId: string; familyName: string; done: () => Promise<void> }> {
  const c = ardoise.db
    .prepare(
      `SELECT c.id AS customerId, c.family_name AS familyName, c.date_of_birth AS dob FROM customers c
       JOIN customer_secrets s ON s.customer_id = c.id AND s.account_pin_digest IS NOT NULL
       JOIN accounts a ON a.customer_id = c.id
       WHERE c.fraud_flag = 0 AND (SELECT count(*) FROM accounts x WHERE x.customer_id = c.id) = 1
         AND (SELECT count(*) FROM ledger_entries l WHERE l.account_id = a.id) = 0
         AND NOT EXISTS (SELECT 1 FROM approval_requests r WHERE r.customer_id = c.id)
         AND (SELECT count(*) FROM invoice_lines il JOIN invoices iv ON iv.id = il.invoice_id WHERE iv.account_id = a.id AND il.kind = 'late-fee') = 0
         AND (SELECT i.total FROM invoices i WHERE i.account_id = a.id ORDER BY i.cycle_start DESC LIMIT 1) BETWEEN 8000 AND 20000
         AND a.opened_on <= '2026-01-01'
         AND ${NOT_PLANTED}
       ORDER BY c.id DESC LIMIT 1`,
    )
    .get() as { customerId: string; familyName: string; dob: string };
  const api = desk(ardoise);
  await api('session.signIn', { username: 'agent2', password: 'ardoise-agent' });
  const call = await api<{ interactionId: string }>('interaction.start', { customerId: c.customerId, source: 'lookup' });
  await api('verification.attempt', { interactionId: call.interactionId, answers: { date_of_birth: c.dob, account_pin: demoPinFor(c.customerId) } });
  for (let i = 0; i < n; i++) {
    const r = await api<{ status: string }>('discounts.grant', {
      interactionId: call.interactionId,
      idempotencyKey: randomUUID(),
      request: { kind: 'one_off_credit', reason: 'goodwill', target: 'invoice', amount: 1500 + i * 100 },
    });
    expect(r.status).toBe('pending_approval');
  }
  const done = async () => {
    await api('interaction.wrapUp', { interactionId: call.interactionId, disposition: 'other' });
  };
  return { ...c, done };
}

async function openInbox(page: Page, ardoise: Ardoise): Promise<void> {
  await page.goto(ardoise.url);
  await page.getByTestId('signin-username').fill('supervisor');
  await page.getByTestId('signin-password').fill('ardoise-supervisor');
  await page.getByTestId('signin-submit').click();
  await page.getByTestId('agent-name').waitFor();
  await page.getByTestId('nav-approvals').click();
}

const statuses = (ardoise: Ardoise, customerId: string) =>
  ardoise.db
    .prepare(`SELECT status, comment, approved_amount AS approvedAmount FROM approval_requests WHERE customer_id = ? ORDER BY requested_at, id`)
    .all(customerId) as {
    status: string;
    comment: string | null;
    approvedAmount: number | null;
  }[];

test('R and the comment typed at full speed refuse, every time, with every character of the comment', async ({ page, ardoise }) => {
  const c = await pendingRequests(ardoise, 3);
  await openInbox(page, ardoise);
  const rows = page.getByTestId('approvals-row').filter({ hasText: c.familyName });
  await expect(rows).toHaveCount(3);
  for (let i = 0; i < 3; i++) {
    // The first decision after the inbox opens is the one that used to go wrong: no waiting here.
    await page.getByTestId('approvals-detail').waitFor();
    await page.getByTestId('approvals-list').focus();
    await page.keyboard.press('r');
    await page.keyboard.type(`Already compensated ${i}`, { delay: 0 });
    await page.keyboard.press('Enter');
    await expect(rows).toHaveCount(2 - i);
  }
  const decided = statuses(ardoise, c.customerId);
  expect(decided.map((d) => [d.status, d.comment])).toEqual([0, 1, 2].map((i) => ['refused', `Already compensated ${i}`]));
  expect(
    ardoise.db.prepare(`SELECT count(*) FROM ledger_entries l JOIN accounts a ON a.id = l.account_id WHERE a.customer_id = ?`).pluck().get(c.customerId),
  ).toBe(0);
  await c.done();
});

test('A and a lower amount typed at full speed approve exactly that amount', async ({ page, ardoise }) => {
  const c = await pendingRequests(ardoise, 1);
  await openInbox(page, ardoise);
  await expect(page.getByTestId('approvals-row').filter({ hasText: c.familyName })).toHaveCount(1);
  await page.getByTestId('approvals-row').filter({ hasText: c.familyName }).click();
  await page.getByTestId('approvals-detail').waitFor();
  await page.getByTestId('approvals-list').focus();
  await page.keyboard.press('a');
  await page.keyboard.type('12,34', { delay: 0 });
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('approvals-last')).toBeVisible();
  expect(statuses(ardoise, c.customerId)).toEqual([{ status: 'applied', comment: null, approvedAmount: 1234 }]);
  await c.done();
});

test('a senior agent on the calls screen sees a request arrive: the count on the tab and in the title; their inbox; the chime remembered', async ({
  page,
  ardoise,
}) => {
  await page.goto(ardoise.url);
  await page.getByTestId('signin-username').fill('senior');
  await page.getByTestId('signin-password').fill('ardoise-senior');
  await page.getByTestId('signin-submit').click();
  await page.getByTestId('agent-name').waitFor();
  await expect(page.getByTestId('lookup-search')).toBeVisible();
  // A senior agent's inbox: the pending requests routed to a senior agent.
  const waiting = () =>
    ardoise.db.prepare(`SELECT count(*) FROM approval_requests WHERE status = 'pending' AND approver_role = 'senior_agent'`).pluck().get() as number;
  const c = await pendingRequests(ardoise, 1);
  // Still on the calls screen: the tab and the title say it, live.
  const expected = waiting();
  expect(expected).toBeGreaterThan(0);
  await expect(page.getByTestId('nav-approvals-count')).toHaveText(String(expected));
  await expect(page).toHaveTitle(`(${expected}) Ardoise`);

  // The inbox holds it (a request routed to a senior agent); the chime is off until turned on.
  await page.getByTestId('nav-approvals').click();
  const row = page.getByTestId('approvals-row').filter({ hasText: c.familyName });
  await expect(row).toHaveCount(1);
  await expect(page.getByTestId('approvals-sound')).not.toBeChecked();
  await page.getByTestId('approvals-sound').check();
  await page.reload();
  await page.getByTestId('nav-approvals').click();
  await expect(page.getByTestId('approvals-sound')).toBeChecked();
  await page.getByTestId('approvals-sound').uncheck();

  // Refused from the senior agent's inbox: the count goes down again.
  await row.click();
  await page.getByTestId('approvals-detail').waitFor();
  await page.getByTestId('approvals-list').focus();
  await page.keyboard.press('r');
  await page.keyboard.type('Not this month', { delay: 0 });
  await page.keyboard.press('Enter');
  await expect(row).toHaveCount(0);
  await expect(page).toHaveTitle(expected - 1 > 0 ? `(${expected - 1}) Ardoise` : 'Ardoise');
  expect(statuses(ardoise, c.customerId).map((s) => s.status)).toEqual(['refused']);
  await c.done();
});
