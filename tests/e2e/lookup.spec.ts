import { expect, keepScreenshot, test } from './fixtures';

interface KnownCaller {
  customerId: string;
  e164: string;
  givenName: string;
  familyName: string;
  line1: string;
  postcode: string;
}

test('an agent signs in, types a phone number in another format than stored, and sees the right caller, masked', async ({ page, ardoise }) => {
  const known = ardoise.db
    .prepare(
      `SELECT c.id AS customerId, p.e164, c.given_name AS givenName, c.family_name AS familyName, a.line1, a.postcode
       FROM customers c JOIN customer_phones p ON p.customer_id = c.id JOIN addresses a ON a.customer_id = c.id
       WHERE p.e164 LIKE '+336%' AND (SELECT count(*) FROM customer_phones q WHERE q.e164 = p.e164) = 1
       ORDER BY c.id LIMIT 1`,
    )
    .get() as KnownCaller;
  // Stored as +33612345678; the caller reads it out as "06 12 34 56 78".
  const typed = known.e164.replace('+33', '0').replace(/(\d{2})(?=\d)/g, '$1 ');

  await page.goto(ardoise.url);
  await page.getByTestId('signin-username').fill('agent2');
  await page.getByTestId('signin-password').fill('ardoise-agent');
  await page.getByTestId('signin-submit').click();
  await expect(page.getByTestId('agent-name')).toContainText('Sam Taylor');
  // The token has left the address bar.
  expect(page.url()).not.toContain('token=');

  const search = page.getByTestId('lookup-search');
  await expect(search).toBeFocused();
  await search.fill(typed);
  await expect(page.getByTestId('lookup-kind')).toContainText(/phone/i);
  const row = page.getByTestId('lookup-result').filter({ hasText: `${known.givenName} ${known.familyName}` });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('•');
  await expect(row).toContainText(known.e164.slice(-2));
  // Masked: no full number, no address.
  const text = await page.locator('body').innerText();
  expect(text).not.toContain(typed);
  expect(text).not.toContain(known.e164);
  expect(text).not.toContain(known.line1);

  // Keyboard: Enter opens the highlighted caller; the panel says identity is not verified.
  await search.press('Enter');
  await expect(page.getByTestId('caller-panel')).toContainText(`${known.givenName} ${known.familyName}`);
  await expect(page.getByTestId('caller-panel')).not.toContainText(known.line1);
  await keepScreenshot(page, 'lookup-phone');
});

test('name search as you type ignores accents and case', async ({ signedIn: page, ardoise }) => {
  const someone = ardoise.db.prepare(`SELECT given_name AS g, family_name AS f FROM customers WHERE given_name GLOB '*[éèëïô]*' ORDER BY id LIMIT 1`).get() as {
    g: string;
    f: string;
  };
  const folded = someone.g
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  await page.getByTestId('lookup-search').pressSequentially(`${folded} ${someone.f.slice(0, 3).toLowerCase()}`, { delay: 30 });
  await expect(page.getByTestId('lookup-kind')).toContainText(/name/i);
  await expect(
    page
      .getByTestId('lookup-result')
      .filter({ hasText: `${someone.g} ${someone.f}` })
      .first(),
  ).toBeVisible();
});

test('an incoming call pops the caller', async ({ signedIn: page, ardoise }) => {
  const known = ardoise.db
    .prepare(
      `SELECT c.given_name AS givenName, c.family_name AS familyName, p.e164 FROM customers c JOIN customer_phones p ON p.customer_id = c.id
       WHERE (SELECT count(*) FROM customer_phones q WHERE q.e164 = p.e164) = 1 ORDER BY c.id DESC LIMIT 1`,
    )
    .get() as KnownCaller;
  // The screen pop arrives through the event channel, as telephony would send it.
  await page.evaluate(
    async ({ from }) => {
      // Runs in the page; the Node-side tsconfig has no DOM types.
      const storage = (globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } }).sessionStorage;
      const token = storage.getItem('ardoise.token');
      const client = storage.getItem('ardoise.client');
      await fetch('/api', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-ardoise-client': client! },
        body: JSON.stringify({ method: 'calls.incoming', input: { from } }),
      });
    },
    { from: known.e164 },
  );
  // One match: the pop's banner folds into the call header (its number, "screen pop").
  await expect(page.getByTestId('call-header')).toHaveAttribute('data-source', 'screen_pop');
  await expect(page.getByTestId('screen-pop')).toHaveCount(0);
  // One match: the call starts at once, on the masked caller, waiting for verification.
  await expect(page.getByTestId('call-workspace')).toHaveAttribute('data-verified', 'false');
  await expect(page.getByTestId('call-caller-name')).toContainText(`${known.givenName} ${known.familyName}`);

  // Leave the shared host as found: end the call this pop started.
  const interactionId = await page.getByTestId('call-workspace').getAttribute('data-interaction-id');
  await page.evaluate(
    async ({ interactionId }) => {
      const storage = (globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } }).sessionStorage;
      await fetch('/api', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${storage.getItem('ardoise.token')}`,
          'x-ardoise-client': storage.getItem('ardoise.client')!,
        },
        body: JSON.stringify({ method: 'interaction.wrapUp', input: { interactionId, disposition: 'other' } }),
      });
    },
    { interactionId },
  );
});
