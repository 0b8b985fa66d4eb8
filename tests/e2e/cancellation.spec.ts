/**
 * "Caller is cancelling" in the credit tab (issue 12): on a verified call the agent records that
 * the caller cancels, for a reason and from a day, is asked first, reads the confirmation in
 * words, and a double click or a second try on the call records it once (the second try says a
 * cancellation is already on file). A day before the call, or more than 90 days after it, is
 * refused on the field with the days allowed, and nothing is recorded.
 *
 * Callers: pickCustomers(ardoise, 80)[50…55] are this file's (the other specs use other indexes).
 * Days are counted from the host's day (DEMO_TODAY), never the machine's.
 */
import { addDays } from '../../src/core/billing/dates';
import { DEMO_TODAY, expect, test, type Ardoise } from './fixtures';
import { endOpenCalls, pickCustomers, verifiedCall } from './call-steps';

const outcomesOf = (ardoise: Ardoise, customerId: string) =>
  ardoise.db.prepare(`SELECT kind, occurred_on AS occurredOn, reason FROM customer_outcomes WHERE customer_id = ? ORDER BY recorded_at`).all(customerId) as {
    kind: string;
    occurredOn: string;
    reason: string | null;
  }[];

const cancelCommandsOf = (ardoise: Ardoise, customerId: string) =>
  (
    ardoise.db
      .prepare(`SELECT count(*) AS n FROM command_outbox WHERE type = 'outcome.cancel' AND json_extract(payload, '$.customerId') = ?`)
      .get(customerId) as { n: number }
  ).n;

test('records the caller’s cancellation once, with its reason and day, and says so in words', async ({ signedIn: page, ardoise }) => {
  const known = pickCustomers(ardoise, 80)[50]!;
  expect(outcomesOf(ardoise, known.customerId)).toEqual([]);
  await verifiedCall(page, known);
  await page.getByTestId('call-tab-credit').click();
  await page.getByTestId('cancel-open').click();
  const panel = page.getByTestId('cancel-panel');
  await expect(panel).toContainText('The caller is cancelling');

  // Nothing can be recorded before a reason is chosen.
  await expect(page.getByTestId('cancel-review')).toBeDisabled();
  await page.getByTestId('cancel-reason').selectOption('moving');
  const effective = addDays(DEMO_TODAY, 30); // 15 December 2026
  await page.getByTestId('cancel-day').fill(effective);
  await page.getByTestId('cancel-review').click();
  await expect(page.getByTestId('cancel-confirm')).toContainText('Record that the caller cancels (moving), from 15 December 2026?');
  expect(outcomesOf(ardoise, known.customerId)).toEqual([]);

  // An impatient double click on "Yes": one cancellation.
  await page.getByTestId('cancel-confirm-yes').dblclick();
  await expect(page.getByTestId('cancel-result')).toHaveText('Cancellation recorded from 15 December 2026 (moving).');
  expect(outcomesOf(ardoise, known.customerId)).toEqual([{ kind: 'cancellation', occurredOn: effective, reason: 'moving' }]);
  expect(cancelCommandsOf(ardoise, known.customerId)).toBe(1);

  // Closed, the tab still says it; a second try on the call answers the one on file and records nothing.
  await page.getByTestId('cancel-close').click();
  await expect(page.getByTestId('cancel-result')).toHaveText('Cancellation recorded from 15 December 2026 (moving).');
  await page.getByTestId('cancel-open').click();
  await page.getByTestId('cancel-reason').selectOption('price');
  await page.getByTestId('cancel-review').click();
  await expect(page.getByTestId('cancel-confirm')).toContainText('Record that the caller cancels (price), from 15 November 2026?');
  await page.getByTestId('cancel-confirm-yes').click();
  await expect(page.getByTestId('cancel-result')).toHaveText(
    'A cancellation was already on file for this customer, from 15 December 2026 (moving). Nothing new was recorded.',
  );
  expect(outcomesOf(ardoise, known.customerId)).toEqual([{ kind: 'cancellation', occurredOn: effective, reason: 'moving' }]);
  expect(cancelCommandsOf(ardoise, known.customerId)).toBe(1);

  await endOpenCalls(page);
});

test('a day before the call or more than 90 days after it is refused on the field, and nothing is recorded', async ({ signedIn: page, ardoise }) => {
  const known = pickCustomers(ardoise, 80)[51]!;
  await verifiedCall(page, known);
  await page.getByTestId('call-tab-credit').click();
  await page.getByTestId('cancel-open').click();
  await page.getByTestId('cancel-reason').selectOption('competitor');
  const allowed = 'A cancellation takes effect from 15 November 2026 to 13 February 2027: the day of the call, or up to 90 days later.';

  for (const bad of [addDays(DEMO_TODAY, -1), addDays(DEMO_TODAY, 91)]) {
    await page.getByTestId('cancel-day').fill(bad);
    await page.getByTestId('cancel-review').click();
    await expect(page.getByTestId('cancel-day-error')).toContainText(allowed);
    await expect(page.getByTestId('cancel-day')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByTestId('cancel-confirm')).toHaveCount(0);
  }
  expect(outcomesOf(ardoise, known.customerId)).toEqual([]);

  // The last day allowed is taken; picking it clears the message.
  const last = addDays(DEMO_TODAY, 90);
  await page.getByTestId('cancel-day').fill(last);
  await expect(page.getByTestId('cancel-day-error')).toHaveCount(0);
  await page.getByTestId('cancel-review').click();
  await page.getByTestId('cancel-confirm-yes').click();
  await expect(page.getByTestId('cancel-result')).toHaveText('Cancellation recorded from 13 February 2027 (going to a competitor).');
  expect(outcomesOf(ardoise, known.customerId)).toEqual([{ kind: 'cancellation', occurredOn: last, reason: 'competitor' }]);

  await endOpenCalls(page);
});
