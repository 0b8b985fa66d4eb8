/**
 * Accessibility of every screen the suite reaches, in both languages: axe-core (WCAG 2 A/AA
 * rules and best practices) on the sign-in screen, the lookup, each tab of a call, and the
 * supervisors' approvals, lockouts and audit screens. A serious or critical violation fails the
 * test, with what and where. Each screen also has exactly one h1 (its name for a screen reader's
 * heading list).
 *
 * Customers are picked far down the list the other specs pick from, so their calls here change
 * nothing those specs expect; every call opened is wrapped up.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { pickCustomers, signIn, verifiedCall, type Known } from './call-steps';
import { expect, test, type Ardoise } from './fixtures';

type Lang = 'en' | 'fr';

async function audit(page: Page, screen: string, lang: Lang): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  const results = await new AxeBuilder({ page }).analyze();
  const blocking = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} — ${v.nodes
          .slice(0, 5)
          .map((n) => `${n.target.join(' ')} (${n.failureSummary?.split('\n').slice(1, 2).join('').trim() ?? ''})`)
          .join('; ')}`,
    );
  expect(blocking, `${screen} (${lang})`).toEqual([]);
  await expect(page.locator('h1'), `${screen} (${lang}): one h1`).toHaveCount(1);
}

async function chooseLanguage(page: Page, lang: Lang): Promise<void> {
  await page.getByTestId('locale-switch').getByText(lang.toUpperCase(), { exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
}

/**
 * A request waiting in the supervisors' inbox (so the list, the detail and the decision form are
 * audited), made by agent2 from another desk through the API; `done()` wraps that call up.
 */
async function waitingRequest(ardoise: Ardoise, known: Known): Promise<{ done: () => Promise<void> }> {
  const base = new URL(ardoise.url);
  const headers = { authorization: `Bearer ${base.hash.replace('#token=', '')}`, 'x-ardoise-client': randomUUID(), 'content-type': 'application/json' };
  const api = async <T>(method: string, input: unknown): Promise<T> => {
    const body = (await (await fetch(`${base.origin}/api`, { method: 'POST', headers, body: JSON.stringify({ method, input }) })).json()) as {
      ok: boolean;
      value?: T;
      error?: unknown;
    };
    if (!body.ok) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
    return body.value as T;
  };
  await api('session.signIn', { username: 'agent2', password: 'ardoise-agent' });
  const { interactionId } = await api<{ interactionId: string }>('interaction.start', { customerId: known.customerId, source: 'lookup' });
  await api('verification.attempt', { interactionId, answers: { date_of_birth: known.dob, account_pin: known.pin } });
  const r = await api<{ status: string }>('discounts.grant', {
    interactionId,
    idempotencyKey: randomUUID(),
    request: { kind: 'one_off_credit', reason: 'goodwill', target: 'invoice', amount: 1500 },
  });
  expect(r.status).toBe('pending_approval');
  return { done: () => api('interaction.wrapUp', { interactionId, disposition: 'other' }).then(() => undefined) };
}

const AGENTS: Record<Lang, { username: string; password: string; pick: number }> = {
  en: { username: 'agent2', password: 'ardoise-agent', pick: 79 },
  fr: { username: 'agent', password: 'ardoise-agent', pick: 78 },
};

for (const lang of ['en', 'fr'] as const) {
  test(`sign-in, lookup and every tab of a call pass axe (${lang})`, async ({ page, ardoise }) => {
    await page.goto(ardoise.url);
    await page.getByTestId('signin-username').waitFor();
    await chooseLanguage(page, lang);
    await audit(page, 'sign-in', lang);

    const { username, password, pick } = AGENTS[lang];
    await signIn(page, ardoise.url, username, password);
    await expect(page.getByTestId('lookup-search')).toBeVisible();
    await audit(page, 'lookup', lang);

    const known = pickCustomers(ardoise, 80)[pick]!;
    await verifiedCall(page, known);
    for (const tab of ['verify', 'account', 'bills', 'plan', 'credit', 'payments', 'notes', 'wrapup'] as const) {
      await page.getByTestId(`call-tab-${tab}`).click();
      await expect(page.getByTestId('call-workspace')).toHaveAttribute('data-tab', tab);
      await expect(page.getByTestId(`call-panel-${tab}`)).toBeVisible();
      // What each tab loads first (the bills and their comparison, the plans, the policy).
      await expect(page.getByTestId(`call-panel-${tab}`).locator('[aria-busy="true"]')).toHaveCount(0);
      await audit(page, `call: ${tab}`, lang);
    }

    // Leave the shared host as found: the call wrapped up.
    await page.getByTestId('wrapup-disposition').first().click();
    await page.getByTestId('wrapup-submit').click();
    await expect(page.getByTestId('call-workspace')).toHaveCount(0);
  });

  test(`the supervisors' approvals, lockouts and audit screens pass axe (${lang})`, async ({ page, ardoise }) => {
    const customer = pickCustomers(ardoise, 80)[lang === 'en' ? 77 : 76]!;
    const request = await waitingRequest(ardoise, customer);
    await signIn(page, ardoise.url, 'supervisor', 'ardoise-supervisor');
    await chooseLanguage(page, lang);
    for (const view of ['approvals', 'lockouts', 'audit'] as const) {
      await page.getByTestId(`nav-${view}`).click();
      await expect(page.locator('[data-view]')).toHaveAttribute('data-view', view);
      await expect(page.getByTestId('screen-loading')).toHaveCount(0);
      if (view === 'approvals') await expect(page.getByTestId('approvals-detail')).toBeVisible();
      await expect(page.locator('.ard-main [aria-busy="true"]')).toHaveCount(0);
      await audit(page, view, lang);
    }
    // The request refused again, so no other spec finds it waiting.
    await page.getByTestId('nav-approvals').click();
    const row = page.getByTestId('approvals-row').filter({ hasText: customer.familyName });
    await row.click();
    await page.getByTestId('approvals-detail').waitFor();
    await page.getByTestId('approvals-list').focus();
    await page.keyboard.press('r');
    await page.keyboard.type('a11y', { delay: 0 });
    await page.keyboard.press('Enter');
    await expect(row).toHaveCount(0);
    await request.done();
    // The supervisor's profile language back as the demo set has it.
    await chooseLanguage(page, 'fr');
  });
}
