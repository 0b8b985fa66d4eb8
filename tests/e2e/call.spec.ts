/**
 * A billing call end to end: lookup → start call → verify (fail, then pass) → account → notes
 * (a card number is refused) → wrap-up; and a lockout lifted by a supervisor in another
 * browser. The canary: no secret answer is left in the page or in the browser's storage.
 */
import type { Browser, Page } from '@playwright/test';
import { endOpenCalls, expect, keepScreenshot, test, type Ardoise } from './fixtures';
import { demoPinFor } from '../../src/main/demo/pins';

interface Known {
  customerId: string;
  givenName: string;
  familyName: string;
  dob: string;
  pin: string;
  e164: string;
  line1: string;
  postcode: string;
}

const FR_MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** Customers with a PIN, a number nobody else has, one billing address and one account. */
function pickCustomers(ardoise: Ardoise, count: number): Known[] {
  const rows = ardoise.db
    .prepare(
      `SELECT c.id AS customerId, c.given_name AS givenName, c.family_name AS familyName, c.date_of_birth AS dob,
              p.e164, a.line1, a.postcode
       FROM customers c
       JOIN customer_secrets s ON s.customer_id = c.id AND s.account_pin_digest IS NOT NULL
       JOIN customer_phones p ON p.customer_id = c.id AND p.is_primary = 1
       JOIN addresses a ON a.customer_id = c.id AND a.is_billing = 1
       WHERE (SELECT count(*) FROM customer_phones q WHERE q.e164 = p.e164) = 1
         AND (SELECT count(*) FROM accounts x WHERE x.customer_id = c.id) = 1
         AND (SELECT count(*) FROM addresses y WHERE y.customer_id = c.id AND y.is_billing = 1) = 1
         AND c.fraud_flag = 0
       ORDER BY c.id LIMIT ?`,
    )
    .all(count) as Omit<Known, 'pin'>[];
  // The store keeps only keyed digests of PINs; a demo customer's PIN comes from their id.
  return rows.map((k) => ({ ...k, pin: demoPinFor(k.customerId)! }));
}

/** "12 mars 1985" from '1985-03-12'. */
function frenchDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${d} ${FR_MONTHS[m - 1]} ${y}`;
}

/** "12/03/1985" from '1985-03-12' (as a French agent types it). */
function slashDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** "03/12/1985" from '1985-03-12' (as an English-speaking agent types it). */
function usDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${m}/${d}/${y}`;
}

/** A PIN of the same length that is not the customer's. */
function wrongPin(pin: string): string {
  return pin
    .split('')
    .map((c) => String((Number(c) + 5) % 10))
    .join('');
}

/**
 * Signs in and starts from a clean desk: the tests of every file share one Ardoise, and a call
 * another test left open would be resumed at sign-in — so wrap any up (through the API) first.
 */
async function signIn(page: Page, url: string, username: string, password: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('signin-username').fill(username);
  await page.getByTestId('signin-password').fill(password);
  await page.getByTestId('signin-submit').click();
  await page.getByTestId('agent-name').waitFor();
  await endOpenCalls(page);
  await expect(page.getByTestId('lookup-search')).toBeVisible();
  await expect(page.getByTestId('call-workspace')).toHaveCount(0);
}

async function startCallByPhone(page: Page, known: Known): Promise<void> {
  const search = page.getByTestId('lookup-search');
  await search.click();
  await search.fill(known.e164);
  const row = page.getByTestId('lookup-result').filter({ hasText: `${known.givenName} ${known.familyName}` });
  await expect(row).toHaveCount(1);
  await search.press('Enter');
  await expect(page.getByTestId('caller-panel')).toHaveAttribute('data-customer-id', known.customerId);
  await expect(page.getByTestId('caller-start-call')).toBeVisible();
  await keepScreenshot(page, 'call-lookup-start');
  // Enter again on the open caller starts the call.
  await search.press('Enter');
  await expect(page.getByTestId('call-workspace')).toBeVisible();
}

/** Everything a secret could hide in: visible text, input values, web storage. */
async function pageSecrets(page: Page): Promise<string> {
  return page.evaluate(() => {
    const g = globalThis as unknown as {
      document: { body: { innerText: string }; querySelectorAll(s: string): ArrayLike<{ value: string }> };
      sessionStorage: { length: number; key(i: number): string | null; getItem(k: string): string | null };
      localStorage: { length: number; key(i: number): string | null; getItem(k: string): string | null };
    };
    const parts = [g.document.body.innerText];
    for (const el of Array.from(g.document.querySelectorAll('input, textarea'))) parts.push(el.value);
    for (const store of [g.sessionStorage, g.localStorage]) {
      for (let i = 0; i < store.length; i++) {
        const key = store.key(i) ?? '';
        parts.push(key, store.getItem(key) ?? '');
      }
    }
    return parts.join('\n');
  });
}

function expectNoSecrets(text: string, known: Known): void {
  expect(text).not.toMatch(new RegExp(`(^|\\D)${known.pin}(\\D|$)`));
  expect(text).not.toContain(known.dob);
  expect(text).not.toContain(slashDate(known.dob));
  expect(text).not.toContain(usDate(known.dob));
  expect(text.toLowerCase()).not.toContain(frenchDate(known.dob));
}

test('an agent takes a call: verifies (fails once, then passes), sees the account, adds notes, wraps up', async ({ page, ardoise }) => {
  const [known] = pickCustomers(ardoise, 1);
  if (!known) throw new Error('no demo customer with a PIN');
  await signIn(page, ardoise.url, 'agent2', 'ardoise-agent');

  await startCallByPhone(page, known);
  const workspace = page.getByTestId('call-workspace');
  await expect(page.getByTestId('call-verification-badge')).toHaveAttribute('data-state', 'unverified');
  await expect(page.getByTestId('call-timer')).toBeVisible();
  // Before verification: masked, sections that need it are closed.
  await expect(workspace).not.toContainText(known.line1);
  for (const tab of ['account', 'bills', 'plan', 'credit', 'notes']) {
    await expect(page.getByTestId(`call-tab-${tab}`)).toHaveAttribute('aria-disabled', 'true');
  }
  await expect(page.getByTestId('call-tab-wrapup')).not.toHaveAttribute('aria-disabled', 'true');
  // A locked section says why, by mouse or by shortcut.
  await page.getByTestId('call-tab-bills').click({ force: true }); // aria-disabled: Playwright would wait for it to be enabled
  await expect(page.getByTestId('call-tab-blocked')).toContainText('Verify the caller’s identity first');
  await expect(workspace).toHaveAttribute('data-tab', 'verify');
  await page.keyboard.press('Alt+2');
  await expect(page.getByTestId('call-tab-blocked')).toContainText('Account');
  await expect(workspace).toHaveAttribute('data-tab', 'verify');
  await page.getByTestId('verify-answer-date_of_birth').focus();

  // The questions: date of birth and PIN (the default policy), with the others as alternatives.
  const dob = page.getByTestId('verify-answer-date_of_birth');
  const pin = page.getByTestId('verify-answer-account_pin');
  await expect(dob).toBeFocused();
  // Masked, but not a password field: no browser may offer to save a caller's PIN.
  await expect(pin).toHaveAttribute('data-masked', 'true');
  await expect(pin).not.toHaveAttribute('type', 'password');
  const masking = await pin.evaluate((el) =>
    (globalThis as unknown as { getComputedStyle(e: unknown): { getPropertyValue(p: string): string } })
      .getComputedStyle(el)
      .getPropertyValue('-webkit-text-security'),
  );
  expect(masking).toBe('disc');
  const limit = Number(await page.getByTestId('verify-attempts-left').getAttribute('data-count'));
  expect(limit).toBeGreaterThan(2);

  // Only one answer: the screen asks for more without sending anything.
  await dob.fill(frenchDate(known.dob));
  await expect(page.getByTestId('verify-reading-date_of_birth')).toHaveAttribute('data-ok', 'true');
  await dob.press('Enter');
  await expect(page.getByTestId('verify-result')).toHaveAttribute('data-status', 'incomplete');

  // A wrong PIN: failed, attempts left, not which answer was wrong; the fields are cleared.
  await pin.fill(wrongPin(known.pin));
  await pin.press('Enter');
  const result = page.getByTestId('verify-result');
  await expect(result).toHaveAttribute('data-status', 'failed');
  const left = String(limit - 1);
  await expect(result).toHaveAttribute('data-attempts-left', left);
  await expect(result).toContainText(`Verification failed — ${left} attempts left`);
  await expect(result).not.toContainText(/PIN|date of birth|birth|postcode|invoice/i);
  await expect(page.getByTestId('verify-attempts-left')).toHaveAttribute('data-count', left);
  await expect(dob).toHaveValue('');
  await expect(pin).toHaveValue('');
  await keepScreenshot(page, 'call-verify-failed');

  // The right answers (the date written the English way, month first): verified, on to the account.
  await dob.fill(usDate(known.dob));
  await pin.fill(known.pin);
  await page.getByTestId('verify-answer-postcode').fill('not a postcode!');
  await expect(page.getByTestId('verify-reading-postcode')).toHaveAttribute('data-ok', 'false');
  await keepScreenshot(page, 'call-verify-typing');
  await page.getByTestId('verify-answer-postcode').fill('');
  await pin.press('Enter');
  await expect(page.getByTestId('call-verification-badge')).toHaveAttribute('data-state', 'verified');
  await expect(workspace).toHaveAttribute('data-tab', 'account');
  const account = page.getByTestId('account-view');
  await expect(account).toBeVisible();
  await expect(page.getByTestId('account-address')).toContainText(known.line1);
  await expect(page.getByTestId('account-address')).toContainText(known.postcode);
  await expect(page.getByTestId('call-caller-name')).toHaveText(`${known.givenName} ${known.familyName}`);
  await expect(page.getByTestId('account-invoice').first()).toBeVisible();
  await keepScreenshot(page, 'call-account');

  // Notes: a card number is refused and never listed; a normal note is added.
  await page.keyboard.press('Alt+6');
  await expect(workspace).toHaveAttribute('data-tab', 'notes');
  const noteInput = page.getByTestId('note-input');
  await expect(noteInput).toBeFocused();
  await expect(page.getByTestId('notes-count')).toHaveAttribute('data-count', '0');
  await noteInput.fill('Customer read me 4111 1111 1111 1111 to pay');
  await expect(page.getByTestId('note-card-warning')).toBeVisible();
  await page.getByTestId('note-submit').click();
  await expect(page.getByTestId('note-error')).toHaveAttribute('data-code', 'NOTE_REFUSED');
  await expect(page.getByTestId('note-error')).toContainText(/card number/i);
  await expect(page.getByTestId('note-item')).toHaveCount(0);
  await expect(page.getByTestId('notes-count')).toHaveAttribute('data-count', '0');
  await keepScreenshot(page, 'call-note-refused');
  await noteInput.fill('Explained the roaming charge on the last bill.');
  await noteInput.press('Control+Enter');
  await expect(page.getByTestId('note-item')).toHaveCount(1);
  await expect(page.getByTestId('note-item')).toContainText('Explained the roaming charge');
  await expect(page.getByTestId('notes-list')).not.toContainText('4111');
  await expect(noteInput).toHaveValue('');

  // Wrap-up: an outcome from the configured list, then End call → back to the lookup.
  await page.keyboard.press('Alt+7');
  await expect(workspace).toHaveAttribute('data-tab', 'wrapup');
  // The handle time runs.
  await expect(page.getByTestId('call-timer')).not.toHaveAttribute('data-seconds', '0');
  // The outcome and the note start as the call's recap (verified, bills read out): the agent edits.
  await expect(page.locator('[data-testid="wrapup-disposition"][aria-checked="true"]')).toHaveAttribute('data-code', 'billing_question_answered');
  await expect(page.getByTestId('wrapup-note')).toHaveValue(/^Verified at \d\d:\d\d with /);
  // One Tab stop: only the chosen outcome is reachable by Tab; the arrows move the choice.
  await expect(page.locator('[data-testid="wrapup-disposition"][tabindex="0"]')).toHaveCount(1);
  await page.locator('[data-testid="wrapup-disposition"][aria-checked="true"]').focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('[data-testid="wrapup-disposition"][aria-checked="true"]')).toHaveAttribute('data-code', 'credit_granted');
  await expect(page.locator('[data-testid="wrapup-disposition"][aria-checked="true"]')).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(page.locator('[data-testid="wrapup-disposition"][aria-checked="true"]')).toHaveAttribute('data-code', 'billing_question_answered');
  await page.getByTestId('wrapup-note').fill('Customer satisfied with the explanation.');
  await keepScreenshot(page, 'call-wrapup');
  await page.getByTestId('wrapup-submit').click();
  const ended = page.getByTestId('call-ended');
  await expect(ended).toBeVisible();
  await expect(ended).toHaveAttribute('data-disposition', 'billing_question_answered');
  await expect(ended).toContainText(/Handle time \d+:\d\d/);
  await expect(page.getByTestId('call-workspace')).toHaveCount(0);
  await expect(page.getByTestId('lookup-search')).toBeFocused();
  await expect(page.getByTestId('lookup-search')).toHaveValue('');
  await keepScreenshot(page, 'call-ended');

  // The canary: nothing secret in the page, the inputs or web storage.
  expectNoSecrets(await pageSecrets(page), known);
});

test('too many failures lock verification; a supervisor in another browser unlocks it with a reason', async ({ page, ardoise, browser }) => {
  const [, known] = pickCustomers(ardoise, 2);
  if (!known) throw new Error('no second demo customer with a PIN');
  await signIn(page, ardoise.url, 'agent2', 'ardoise-agent');

  await startCallByPhone(page, known);
  const dob = page.getByTestId('verify-answer-date_of_birth');
  const pin = page.getByTestId('verify-answer-account_pin');
  const result = page.getByTestId('verify-result');
  // The limit is the policy's (5 online; the stricter offline limit when the desk has no hub).
  const limit = Number(await page.getByTestId('verify-attempts-left').getAttribute('data-count'));
  expect(limit).toBeGreaterThan(1);
  for (let left = limit - 1; left >= 1; left--) {
    await dob.fill(usDate(known.dob));
    await pin.fill(wrongPin(known.pin));
    await pin.press('Enter');
    await expect(result).toHaveAttribute('data-attempts-left', String(left));
  }
  await dob.fill(usDate(known.dob));
  await pin.fill(wrongPin(known.pin));
  await pin.press('Enter');
  await expect(result).toHaveAttribute('data-status', 'locked');
  await expect(page.getByTestId('verify-locked-until')).toContainText(/Locked until \d\d:\d\d after too many failed attempts/);
  await expect(page.getByTestId('verify-form')).toHaveCount(0);
  // An agent cannot unlock.
  await expect(page.getByTestId('verify-unlock-form')).toHaveCount(0);
  await keepScreenshot(page, 'call-locked');

  // The supervisor, in another browser, unlocks with a reason.
  const supervisor = await supervisorPage(browser, ardoise.url);
  await supervisor.getByTestId('nav-lockouts').click();
  const row = supervisor.locator(`[data-testid="lockout-row"][data-customer-id="${known.customerId}"]`);
  await expect(row).toBeVisible();
  await row.getByTestId('lockout-unlock').click();
  // Without a reason nothing is sent (the supervisor's screen is in French: check the state, not words).
  await expect(row.getByTestId('lockout-reason')).toHaveAttribute('aria-invalid', 'true');
  await expect(row).toHaveAttribute('data-unlocked', 'false');
  await row.getByTestId('lockout-reason').fill('Caller confirmed identity by video call');
  await keepScreenshot(supervisor, 'call-lockouts');
  await row.getByTestId('lockout-unlock').click();
  await expect(row).toHaveAttribute('data-unlocked', 'true');

  // The supervisor audits the agent's call: the failed checks are on the record, the chain holds.
  const interactionId = await page.getByTestId('call-workspace').getAttribute('data-interaction-id');
  await supervisor.getByTestId('nav-audit').click();
  await supervisor.getByTestId('audit-id-input').fill(interactionId!);
  await supervisor.getByTestId('audit-id-open').click();
  await expect(supervisor.getByTestId('audit-trail')).toHaveAttribute('data-interaction-id', interactionId!);
  await expect(supervisor.locator('[data-testid="audit-entry"][data-action="verification_attempt"]')).toHaveCount(limit);
  await expect(supervisor.locator('[data-testid="audit-entry"][data-action="interaction_started"]')).toHaveCount(1);
  await expect(supervisor.getByTestId('audit-chain')).toHaveAttribute('data-ok', 'true');
  await expect(supervisor.getByTestId('audit-chain')).toContainText('Chaîne intacte');
  await keepScreenshot(supervisor, 'call-audit');
  expectNoSecrets(await pageSecrets(supervisor), known);
  await supervisor.context().close();

  // Back on the agent's desk: the lock is gone, a full set of attempts again.
  await page.getByTestId('verify-recheck').click();
  await expect(page.getByTestId('verify-form')).toBeVisible();
  await expect(page.getByTestId('verify-attempts-left')).toHaveAttribute('data-count', String(limit));
  await dob.fill(usDate(known.dob));
  await pin.fill(known.pin);
  await pin.press('Enter');
  await expect(page.getByTestId('call-verification-badge')).toHaveAttribute('data-state', 'verified');
  expectNoSecrets(await pageSecrets(page), known);
  await wrapUp(page, 'billing_question_answered');
});

/** Ends the active call from the keyboard (the tests share one Ardoise: leave no call open). */
async function wrapUp(page: Page, disposition: string): Promise<void> {
  await page.keyboard.press('Alt+7');
  await page.locator(`[data-testid="wrapup-disposition"][data-code="${disposition}"]`).click();
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('call-ended')).toHaveAttribute('data-disposition', disposition);
}

async function supervisorPage(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 860 } });
  const page = await context.newPage();
  await signIn(page, url, 'supervisor', 'ardoise-supervisor');
  return page;
}

test('a screen pop starts the call by itself; a second pop does not tear it down; reload resumes it; a supervisor opens its audit trail', async ({
  browser,
  ardoise,
}) => {
  const [, , first, second] = pickCustomers(ardoise, 4);
  if (!first || !second) throw new Error('not enough demo customers');
  const page = await supervisorPage(browser, ardoise.url);

  // Telephony reports the call (the simulate control goes through the real incoming-call path).
  await page.getByTestId('simulate-open').click();
  await page.getByTestId('simulate-number').fill(first.e164);
  await page.getByTestId('simulate-submit').click();
  const workspace = page.getByTestId('call-workspace');
  await expect(workspace).toBeVisible();
  // The banner folds into the call header once the call has started: it shows where the call came from.
  await expect(page.getByTestId('call-header')).toHaveAttribute('data-source', 'screen_pop');
  await expect(page.getByTestId('screen-pop')).toHaveCount(0);
  await expect(page.getByTestId('call-caller-facts')).toContainText(first.e164.slice(-2));
  const interactionId = await workspace.getAttribute('data-interaction-id');
  expect(interactionId).toBeTruthy();
  await keepScreenshot(page, 'call-pop-fr');

  // Another call rings meanwhile: the banner says so, the current call stays.
  await page.evaluate(
    async ({ from }) => {
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
    },
    { from: second.e164 },
  );
  await expect(page.getByTestId('screen-pop-busy')).toBeVisible();
  await expect(workspace).toHaveAttribute('data-interaction-id', interactionId!);

  // A reload in the middle of the call brings the same call back.
  await page.reload();
  await expect(page.getByTestId('call-workspace')).toHaveAttribute('data-interaction-id', interactionId!);

  // Supervisor: the call's audit trail from the workspace, then back to the call.
  await page.getByTestId('call-open-audit').click();
  await expect(page.getByTestId('audit-trail')).toHaveAttribute('data-interaction-id', interactionId!);
  await expect(page.locator('[data-testid="audit-entry"][data-action="interaction_started"]')).toHaveCount(1);
  await expect(page.getByTestId('active-call-chip')).toBeVisible();
  await page.getByTestId('active-call-chip').click();
  await expect(page.getByTestId('call-workspace')).toHaveAttribute('data-interaction-id', interactionId!);

  // The caller gets locked out; a supervisor can lift it right here, with a reason.
  const limit = Number(await page.getByTestId('verify-attempts-left').getAttribute('data-count'));
  for (let i = 0; i < limit; i++) {
    await page.getByTestId('verify-answer-date_of_birth').fill(slashDate(first.dob));
    await page.getByTestId('verify-answer-account_pin').fill(wrongPin(first.pin));
    await page.getByTestId('verify-answer-account_pin').press('Enter');
    await expect(page.getByTestId('verify-result')).toHaveAttribute('data-status', i < limit - 1 ? 'failed' : 'locked');
  }
  await page.getByTestId('verify-unlock-reason').fill('Appelant rappelé sur le numéro du contrat');
  await keepScreenshot(page, 'call-locked-supervisor-fr');
  await page.getByTestId('verify-unlock-submit').click();
  await expect(page.getByTestId('verify-form')).toBeVisible();
  await expect(page.getByTestId('verify-unlock-done')).toBeVisible();
  await expect(page.getByTestId('verify-attempts-left')).toHaveAttribute('data-count', String(limit));

  // Verify in French: "12 mars 1985" and the PIN.
  await page.getByTestId('verify-answer-date_of_birth').fill(frenchDate(first.dob));
  await page.getByTestId('verify-answer-account_pin').fill(first.pin);
  await page.getByTestId('verify-answer-account_pin').press('Enter');
  await expect(page.getByTestId('call-verification-badge')).toHaveAttribute('data-state', 'verified');
  await expect(page.getByTestId('account-address')).toContainText(first.line1);
  await page.keyboard.press('Alt+3');
  await expect(page.getByTestId('call-workspace')).toHaveAttribute('data-tab', 'bills');
  await keepScreenshot(page, 'call-bills-fr');
  await page.keyboard.press('Alt+2');
  await keepScreenshot(page, 'call-account-fr');
  // A small desk window: every section stays reachable.
  await page.setViewportSize({ width: 1024, height: 700 });
  await expect(page.getByTestId('call-tab-wrapup')).toBeInViewport();
  await keepScreenshot(page, 'call-account-small');
  await page.keyboard.press('Alt+7');
  await keepScreenshot(page, 'call-wrapup-small');
  expectNoSecrets(await pageSecrets(page), first);
  await wrapUp(page, 'other');
  await page.context().close();
});
