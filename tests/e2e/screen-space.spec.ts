/**
 * Screen space on a small desk window (1280×720): a call that came in as a screen pop, verified,
 * on the plan tab with a quote. The pop's banner has folded into the call header, the header is
 * one compact line, and the quote's apply button is on screen without scrolling.
 */
import { pickCustomers, signIn, typedDate } from './call-steps';
import { expect, keepScreenshot, test } from './fixtures';

test("at 1280×720 the screen pop folds into a compact call header and the quote's apply button is above the fold", async ({ page, ardoise }) => {
  // A French number (the header shows it in the national format); 70–75: no other spec's picks.
  const known = pickCustomers(ardoise, 80)
    .slice(69, 76)
    .find((k) => k.e164.startsWith('+33'))!;
  await page.setViewportSize({ width: 1280, height: 720 });
  await signIn(page, ardoise.url, 'agent2', 'ardoise-agent');

  // Telephony reports the call: the pop starts it at once (one match).
  await page.evaluate(async (from) => {
    const storage = (globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } }).sessionStorage;
    await fetch('/api', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${storage.getItem('ardoise.token')}`,
        'x-ardoise-client': storage.getItem('ardoise.client')!,
      },
      body: JSON.stringify({ method: 'calls.incoming', input: { from } }),
    });
  }, known.e164);
  await expect(page.getByTestId('call-workspace')).toBeVisible();
  await expect(page.getByTestId('call-header')).toHaveAttribute('data-source', 'screen_pop');
  await expect(page.getByTestId('screen-pop')).toHaveCount(0);

  await page.getByTestId('verify-answer-date_of_birth').fill(typedDate(known.dob, 'en'));
  await page.getByTestId('verify-answer-account_pin').fill(known.pin);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('call-verification-badge')).toHaveAttribute('data-state', 'verified');

  // The header is one line: the caller's number in it, in the national format.
  const header = (await page.getByTestId('call-header').boundingBox())!;
  expect(header.height).toBeLessThanOrEqual(56);
  const tabs = (await page.getByTestId('call-tab-verify').boundingBox())!;
  expect(tabs.y + tabs.height).toBeLessThanOrEqual(170);
  await expect(page.getByTestId('call-caller-facts')).toContainText(/0\d( \d\d){4}/);

  // A quote for another plan: the apply button is fully on screen.
  await page.keyboard.press('Alt+4');
  await expect(page.getByTestId('plans-list')).toBeFocused();
  // The next plan down, or the one after when that is the caller's own (it has no quote).
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('quote-readout').or(page.getByTestId('quote-current'))).toBeVisible();
  if (await page.getByTestId('quote-current').isVisible()) await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('quote-readout')).toBeVisible();
  await expect(page.getByTestId('plan-apply')).toBeEnabled();
  await expect(page.getByTestId('plan-apply')).toBeInViewport({ ratio: 1 });
  const apply = (await page.getByTestId('plan-apply').boundingBox())!;
  expect(apply.y + apply.height).toBeLessThanOrEqual(720);
  await keepScreenshot(page, 'screen-space-1280x720');

  // Leave the shared host as found.
  await page.keyboard.press('Alt+7');
  await page.locator('[data-testid="wrapup-disposition"][data-code="other"]').click();
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('call-ended')).toBeVisible();
});
