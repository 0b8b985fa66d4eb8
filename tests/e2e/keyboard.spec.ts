/**
 * The whole call by keyboard, in both languages: sign in, find the caller, start the call,
 * verify, bills (why different), plans (a quote), a credit, a note, the shortcut overlay and
 * the wrap-up — with page.keyboard only (no click, no fill), asserting after each step what the
 * screen shows and where the focus is (never the page body). Then the guards of a call in
 * progress: sign-out asks first, and arrow keys do not switch the language.
 *
 * Customers are picked from the shared list where no other spec picks; every call is wrapped up.
 */
import type { Page } from '@playwright/test';
import { t, type Locale } from '../../src/core/i18n';
import { pickCustomers, signIn, typedDate, type Known } from './call-steps';
import { expect, keepScreenshot, test } from './fixtures';

const AGENTS: Record<Locale, { username: string; pick: number }> = {
  en: { username: 'agent2', pick: 66 },
  fr: { username: 'agent', pick: 67 },
};

/** What has the focus: its test id, or its tag when it has none ("BODY" is a failure). */
async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = (globalThis as unknown as { document: { activeElement: { tagName: string; getAttribute(n: string): string | null } | null } }).document
      .activeElement;
    return el ? (el.getAttribute('data-testid') ?? el.tagName) : 'none';
  });
}

async function expectFocus(page: Page, testId: string | RegExp): Promise<void> {
  await expect.poll(() => focused(page), { message: `focus on ${String(testId)}` }).toMatch(testId instanceof RegExp ? testId : new RegExp(`^${testId}$`));
}

for (const lang of ['en', 'fr'] as const) {
  test(`a whole call with the keyboard only (${lang})`, async ({ page, ardoise }) => {
    const { username, pick } = AGENTS[lang];
    const known: Known = pickCustomers(ardoise, 80)[pick]!;
    const kb = page.keyboard;

    // Sign in: the username field has the focus; Tab to the password; Enter.
    await page.goto(ardoise.url);
    await expectFocus(page, 'signin-username');
    await kb.type(username);
    await kb.press('Tab');
    await expectFocus(page, 'signin-password');
    await kb.type('ardoise-agent');
    await kb.press('Enter');
    // The signed-in screens are a chunk of their own: the first sign-in of a run also loads it.
    await expect(page.getByTestId('agent-name')).toBeVisible({ timeout: 30_000 });
    await expect(page.locator('html')).toHaveAttribute('lang', lang);

    // The search box has the focus: the number, Enter opens the caller, Enter again starts the call.
    await expectFocus(page, 'lookup-search');
    await kb.type(known.e164);
    await expect(page.getByTestId('lookup-result').filter({ hasText: `${known.givenName} ${known.familyName}` })).toHaveCount(1);
    await kb.press('Enter');
    await expect(page.getByTestId('caller-panel')).toHaveAttribute('data-customer-id', known.customerId);
    await kb.press('Enter');
    await expect(page.getByTestId('call-workspace')).toBeVisible();

    // Verification: the date of birth as agents type it in this language, Tab, the PIN, Enter.
    await expectFocus(page, 'verify-answer-date_of_birth');
    await kb.type(typedDate(known.dob, lang));
    await expect(page.getByTestId('verify-reading-date_of_birth')).toHaveAttribute('data-ok', 'true');
    await kb.press('Tab');
    await expectFocus(page, 'verify-answer-account_pin');
    await kb.type(known.pin);
    await kb.press('Enter');
    await expect(page.getByTestId('call-verification-badge')).toHaveAttribute('data-state', 'verified');
    // The account opens, and the focus goes with it (not the page body).
    await expect(page.getByTestId('call-workspace')).toHaveAttribute('data-tab', 'account');
    await expect(page.getByTestId('account-view')).toBeVisible();
    await expectFocus(page, 'call-panel-account');

    // Bills: Alt+3 puts the focus on the list; ↓ opens the month before, → explains the difference.
    await kb.press('Alt+3');
    await expect(page.getByTestId('call-workspace')).toHaveAttribute('data-tab', 'bills');
    await expectFocus(page, 'bills-list');
    const rows = page.getByTestId('bills-row');
    await expect(rows.first()).toHaveAttribute('aria-selected', 'true');
    await kb.press('ArrowDown');
    await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true');
    await kb.press('ArrowUp');
    await expect(rows.first()).toHaveAttribute('aria-selected', 'true');
    await kb.press('ArrowRight');
    await expect(page.getByTestId('why-summary')).toBeVisible();
    await expectFocus(page, 'bills-list');

    // "?" lists the shortcuts of this screen, in the agent's language; Esc gives the focus back.
    await kb.press('?');
    const overlay = page.getByTestId('shortcuts-list');
    await expect(overlay).toBeVisible();
    await expect(page.getByRole('dialog')).toContainText(t(lang, 'shortcuts.title'));
    for (const tab of ['verify', 'account', 'bills', 'plan', 'credit', 'notes', 'wrapup'] as const) {
      await expect(page.getByTestId('shortcuts-group-call')).toContainText(t(lang, `call.tab.${tab}`));
    }
    await expect(page.getByTestId('shortcuts-group-list')).toContainText(t(lang, 'shortcuts.list.move'));
    // The lookup's keys are not on this screen.
    await expect(page.getByTestId('shortcuts-group-lookup')).toHaveCount(0);
    await keepScreenshot(page, `keyboard-overlay-${lang}`);
    await kb.press('Escape');
    await expect(overlay).toHaveCount(0);
    await expectFocus(page, 'bills-list');

    // Plans: Alt+4 → the ranking; ↓ picks the next plan and its quote appears.
    await kb.press('Alt+4');
    await expect(page.getByTestId('call-workspace')).toHaveAttribute('data-tab', 'plan');
    await expectFocus(page, 'plans-list');
    const plans = page.getByTestId('plans-row');
    const selectedBefore = await page.locator('[data-testid="plans-row"][aria-selected="true"]').getAttribute('data-plan-id');
    await kb.press('ArrowDown');
    const selected = page.locator('[data-testid="plans-row"][aria-selected="true"]');
    await expect(selected).not.toHaveAttribute('data-plan-id', selectedBefore ?? '');
    await expect(plans.nth(1)).toHaveAttribute('aria-selected', 'true');
    // The caller's own plan has nothing to quote (it says so); ↓ again reaches one that has.
    if ((await selected.getAttribute('data-current')) !== null) {
      await kb.press('ArrowDown');
      await expect(plans.nth(2)).toHaveAttribute('aria-selected', 'true');
    }
    await expect(selected).not.toHaveAttribute('data-current');
    await expect(page.getByTestId('quote-readout')).toContainText('€');

    // Credit: Alt+5 → the reasons are one stop; ↓ chooses, Enter goes to the amount; Enter grants.
    await kb.press('Alt+5');
    await expect(page.getByTestId('call-workspace')).toHaveAttribute('data-tab', 'credit');
    await expectFocus(page, /^credit-reason-/);
    await kb.press('ArrowDown');
    await expect(page.getByTestId('credit-reason-goodwill')).toBeChecked();
    await expectFocus(page, 'credit-reason-goodwill');
    await kb.press('Enter');
    await expectFocus(page, 'credit-amount');
    await kb.type('5');
    await expect(page.getByTestId('credit-submit')).toBeEnabled();
    await kb.press('Enter');
    await expect(page.getByTestId('credit-granted')).toBeVisible();
    // After the action the focus is still somewhere the keys work, never the page body.
    await expect.poll(() => focused(page)).not.toMatch(/^(BODY|none)$/);

    // Notes: Alt+6 → the note field; "?" typed there is text, not the overlay; Ctrl+Enter adds it.
    await kb.press('Alt+6');
    await expectFocus(page, 'note-input');
    await kb.type(lang === 'en' ? 'Asked why? Explained the bill.' : 'Pourquoi ? Facture expliquée.');
    await expect(page.getByTestId('shortcuts-list')).toHaveCount(0);
    await kb.press('Control+Enter');
    await expect(page.getByTestId('note-item')).toHaveCount(1);
    await expectFocus(page, 'note-input');

    // F1 works even while typing.
    await kb.press('F1');
    await expect(page.getByTestId('shortcuts-group-notes')).toContainText(t(lang, 'shortcuts.notes.add'));
    await kb.press('Escape');
    await expect(page.getByTestId('shortcuts-list')).toHaveCount(0);

    // Wrap-up: Alt+7; the outcome from the keyboard; Ctrl+Enter ends the call.
    await kb.press('Alt+7');
    await expect(page.getByTestId('call-workspace')).toHaveAttribute('data-tab', 'wrapup');
    await expect.poll(() => focused(page)).not.toMatch(/^(BODY|none)$/);
    const chosen = page.locator(
      '[data-testid="wrapup-disposition"][aria-checked="true"], [data-testid="wrapup-disposition"]:has(input:checked), [data-testid="wrapup-disposition"][data-checked]',
    );
    if ((await chosen.count()) === 0) {
      // Back from the note to the outcomes, and choose the one that has the focus.
      for (let i = 0; i < 12 && !(await focused(page)).startsWith('wrapup-disposition'); i++) await kb.press('Shift+Tab');
      await expectFocus(page, /^wrapup-disposition/);
      await kb.press('Space');
      await expect(chosen).toHaveCount(1);
    }
    await kb.press('Control+Enter');
    await expect(page.getByTestId('call-ended')).toBeVisible();
    await expect(page.getByTestId('call-workspace')).toHaveCount(0);
    await expectFocus(page, 'lookup-search');
  });
}

test('during a call, sign-out asks first and the arrow keys do not switch the language', async ({ page, ardoise }) => {
  const known = pickCustomers(ardoise, 80)[68]!;
  await signIn(page, ardoise.url, 'agent2', 'ardoise-agent');
  const search = page.getByTestId('lookup-search');
  await page.keyboard.type(known.e164);
  await expect(page.getByTestId('lookup-result')).toHaveCount(1);
  await search.press('Enter');
  await search.press('Enter');
  await expect(page.getByTestId('call-workspace')).toBeVisible();

  // An arrow key on the language switch leaves the language as it is.
  await page.getByTestId('locale-switch').locator('input:checked').focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('call-workspace')).toContainText(t('en', 'call.tab.bills'));

  // Sign-out asks; staying keeps the call; the focus starts on staying.
  await page.getByTestId('sign-out').click();
  await expect(page.getByTestId('sign-out-stay')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sign-out-stay')).toHaveCount(0);
  await expect(page.getByTestId('call-workspace')).toBeVisible();
  await expect(page.getByTestId('agent-name')).toBeVisible();

  // Confirmed: signed out (the call stays open in main and comes back at the next sign-in).
  await page.getByTestId('sign-out').click();
  await page.getByTestId('sign-out-confirmed').click();
  await expect(page.getByTestId('signin-username')).toBeVisible();
  await signIn(page, ardoise.url, 'agent2', 'ardoise-agent');
  await expect(page.getByTestId('call-workspace')).toBeVisible();

  // Without a call, sign-out does not ask; the language switch works with the arrows again.
  await page.keyboard.press('Alt+7');
  await page.locator('[data-testid="wrapup-disposition"][data-code="other"]').click();
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('call-ended')).toBeVisible();
  await page.getByTestId('locale-switch').locator('input:checked').focus();
  await page.keyboard.press('ArrowLeft');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByTestId('sign-out').click();
  await expect(page.getByTestId('signin-username')).toBeVisible();
});
