/**
 * The randomised holdout end to end: an agent taking a call of a held-out customer is told "no
 * proactive offer for this call" in the credit tab; a manager lands on the insights screen and
 * a supervisor reaches it from the header, and the figures shown are the insights service's
 * (read through the same API the screen uses) and the store's own counts.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type Database from 'better-sqlite3';
import { readFile } from 'node:fs/promises';
import type { InsightsOverview, PracticesOverview } from '../../src/core/api';
import { csvNumber, csvText } from '../../src/core/insights/csv';
import { demoPinFor } from '../../src/main/demo/pins';
import { signIn, verifiedCall, type Known } from './call-steps';
import { expect, test } from './fixtures';

/** Calls the API as the page's session (the loopback host's token and client id). */
async function apiCall<T>(page: Page, method: string, input: unknown): Promise<T> {
  return page.evaluate(
    async ([m, i]) => {
      const storage = (globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } }).sessionStorage;
      const response = await fetch('/api', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${storage.getItem('ardoise.token')}`,
          'x-ardoise-client': storage.getItem('ardoise.client')!,
        },
        body: JSON.stringify({ method: m, input: i }),
      });
      const body = (await response.json()) as { ok: boolean; value?: unknown; error?: unknown };
      if (!body.ok) throw new Error(JSON.stringify(body.error));
      return body.value;
    },
    [method, input] as const,
  ) as Promise<T>;
}

async function wrapUpOpenCalls(page: Page): Promise<void> {
  const open = await apiCall<{ interactionId: string }[]>(page, 'interaction.listOpen', {});
  for (const c of open) await apiCall(page, 'interaction.wrapUp', { interactionId: c.interactionId, disposition: 'other' });
}

test('a held-out caller: the credit tab says there is no proactive offer for this call, and why', async ({ page, ardoise }) => {
  const row = ardoise.db
    .prepare(
      `SELECT c.id AS customerId, c.given_name AS givenName, c.family_name AS familyName, c.date_of_birth AS dob, p.e164
         FROM experiment_assignments x
         JOIN customers c ON c.id = x.customer_id
         JOIN customer_secrets s ON s.customer_id = c.id AND s.account_pin_digest IS NOT NULL
         JOIN customer_phones p ON p.customer_id = c.id AND p.is_primary = 1
        WHERE x.arm = 'holdout' AND c.fraud_flag = 0
          AND (SELECT count(*) FROM customer_phones q WHERE q.e164 = p.e164) = 1
          AND (SELECT count(*) FROM accounts a WHERE a.customer_id = c.id) = 1
        ORDER BY c.id DESC LIMIT 1`,
    )
    .get() as Omit<Known, 'pin'> | undefined;
  expect(row, 'the demo set has a held-out customer').toBeDefined();
  const known: Known = { ...row!, pin: demoPinFor(row!.customerId)! };

  await signIn(page, ardoise.url, 'agent2', 'ardoise-agent');
  await wrapUpOpenCalls(page);
  await page.reload();
  await page.getByTestId('agent-name').waitFor();
  await verifiedCall(page, known);
  await page.getByTestId('call-tab-credit').click();
  const notice = page.getByTestId('experiment-holdout');
  await expect(notice).toContainText('No proactive offer for this call');
  await expect(notice).toContainText('Retention offer vs no proactive offer');
  await expect(notice).toContainText('10 %');
  // Shown once per call: one exposure row for this (open) call — the demo's past call has its own — none assigned twice.
  const exposures = ardoise.db
    .prepare('SELECT count(*) FROM experiment_exposures x JOIN interactions i ON i.id = x.interaction_id WHERE x.customer_id = ? AND i.ended_at IS NULL')
    .pluck()
    .get(known.customerId);
  expect(exposures).toBe(1);
  expect(ardoise.db.prepare('SELECT count(*) FROM experiment_assignments WHERE customer_id = ?').pluck().get(known.customerId)).toBe(1);
  const exposure = ardoise.db
    .prepare(
      'SELECT x.id, x.offer_made AS offerMade FROM experiment_exposures x JOIN interactions i ON i.id = x.interaction_id WHERE x.customer_id = ? AND i.ended_at IS NULL',
    )
    .get(known.customerId) as { id: string; offerMade: number | null };
  expect(exposure.offerMade, 'not known while the call is open').toBeNull();
  await wrapUpOpenCalls(page);
  // The call ended with no offer: the exposure says so, and the outcome links to it.
  expect(ardoise.db.prepare('SELECT offer_made FROM experiment_exposures WHERE id = ?').pluck().get(exposure.id)).toBe(0);
});

async function checkInsightsScreen(page: Page, db: Database.Database): Promise<void> {
  const screen = page.getByTestId('insights-screen');
  await expect(screen).toBeVisible();
  const overview = await apiCall<InsightsOverview>(page, 'insights.experiments', {});
  expect(overview.experiments.length).toBeGreaterThan(0);
  // The default demo set has enough held-out customers for the figures: this path is the one tested.
  expect(overview.experiments.some((e) => e.figures !== null)).toBe(true);
  // The sample policy pre-registers segments: the segment table is on the tested path too.
  expect(overview.experiments.some((e) => e.figures?.segments)).toBe(true);
  for (const e of overview.experiments) {
    const card = page.getByTestId(`experiment-${e.experimentId}`);
    await expect(card).toHaveAttribute('data-status', e.status);
    await expect(card.getByTestId('experiment-status')).toHaveText(e.statusText);
    await expect(card.getByTestId('experiment-sentence')).toHaveText(e.sentence);
    for (const arm of e.arms) {
      // The service's count is the store's count.
      const stored = db.prepare('SELECT count(*) FROM experiment_assignments WHERE experiment_id = ? AND arm = ?').pluck().get(e.experimentId, arm.arm);
      expect(arm.customers).toBe(stored);
      await expect(card.getByTestId(`arm-${arm.arm}`)).toHaveAttribute('data-customers', String(arm.customers));
    }
    if (e.figures) {
      await expect(card.getByTestId('insights-curve').locator('svg').first()).toBeVisible();
      await expect(card.getByTestId('descriptive-bands')).toBeVisible();
      for (const h of e.figures.horizons) await expect(card.getByTestId(`horizon-${h.days}-sentence`)).toHaveText(h.sentence);
      if (e.figures.cox) await expect(card.getByTestId('insights-cox')).toHaveText(e.figures.cox.sentence);
      if (e.figures.segments) {
        // Pre-registered segments: the verdicts shown are the service's, Holm-adjusted.
        await expect(card.getByTestId('insights-segments-note')).toHaveText(e.figures.segments.note);
        for (const r of e.figures.segments.rows) {
          const id = `segment-${r.segment}-${r.inSegment ? 'in' : 'out'}`;
          await expect(card.getByTestId(`${id}-verdict`)).toHaveText(r.verdict);
        }
      } else {
        await expect(card.getByTestId('insights-segments')).toHaveCount(0);
      }
    } else {
      await expect(card.getByTestId('insights-curve')).toHaveCount(0);
    }
    // Net revenue per 100 customers: the service's verdict, definition and figures.
    if (e.revenue) {
      await expect(card.getByTestId('insights-revenue-sentence')).toHaveText(e.revenue.sentence);
      await expect(card.getByTestId('insights-revenue-definition')).toHaveText(e.revenue.definition);
      for (const a of e.revenue.arms) {
        const row = card.getByTestId(`revenue-${a.arm}`);
        // Below the minimum per arm (the default demo set's holdout followed 90 days is), no money at all.
        if (a.netPer100 === null) await expect(row.locator('[data-minor]')).toHaveCount(0);
        else await expect(card.getByTestId(`revenue-${a.arm}-per100`)).toHaveAttribute('data-minor', String(a.netPer100));
      }
    }
  }
  expect(overview.experiments.some((e) => e.revenue !== null)).toBe(true);
}

test('a manager lands on the insights screen; the figures shown are the service’s', async ({ page, ardoise }) => {
  await signIn(page, ardoise.url, 'manager', 'ardoise-manager');
  await expect(page.getByTestId('agent-role')).toHaveAttribute('data-role', 'manager');
  // Managers take no calls: no lookup, no navigation to other screens.
  await expect(page.getByTestId('lookup-search')).toHaveCount(0);
  await expect(page.getByTestId('nav')).toHaveCount(0);
  await checkInsightsScreen(page, ardoise.db);
  await page.screenshot({ path: 'test-results/e2e/insights-manager.png', fullPage: true });
});

test('a supervisor opens the insights from the header', async ({ page, ardoise }) => {
  await signIn(page, ardoise.url, 'supervisor', 'ardoise-supervisor');
  await page.getByTestId('nav-insights').click();
  await checkInsightsScreen(page, ardoise.db);
});

test('practices and waiting: labelled descriptive, the figures are the service’s, an agent filter re-slices them', async ({ page, ardoise }) => {
  await signIn(page, ardoise.url, 'manager', 'ardoise-manager');
  const section = page.getByTestId('insights-practices');
  await expect(section.getByTestId('practices-descriptive')).toHaveText('Descriptif seulement (non randomisé)');
  await expect(section.getByTestId('practices-table')).toBeVisible();
  // The end-to-end desk is standalone: the figures are this desk's, and the screen says so.
  await expect(page.getByTestId('insights-scope')).toHaveText('Ce poste uniquement — non relié à un serveur central');
  await expect(section.getByTestId('practices-scope')).toHaveAttribute('data-reason', 'standalone');
  const o = await apiCall<PracticesOverview>(page, 'insights.practices', {});
  expect(o.customers).toBeGreaterThan(0);
  for (const p of o.practices) {
    await expect(section.getByTestId(`practice-${p.practice}`)).toHaveAttribute('data-shown', p.hazardRatio ? 'yes' : 'no');
    await expect(section.getByTestId(`practice-${p.practice}-sentence`)).toHaveText(p.sentence);
  }
  await expect(section.getByTestId('waiting-sentence')).toHaveText(o.waiting.sentence);
  // The demo's escalations include calls that ended before the supervisor answered.
  expect(o.waiting.endedWhilePending).toBeGreaterThan(0);
  await expect(section.getByTestId('waiting-pending').locator('li')).toHaveCount(Math.min(20, o.waiting.endedWhilePendingCalls.length));

  // One agent (chosen by name in the screen's filter bar): fewer customers, the same period.
  const agent = o.agents[0]!;
  await page.getByTestId('insights-filter-agent').selectOption({ label: agent.name });
  const mine = await apiCall<PracticesOverview>(page, 'insights.practices', { agentId: agent.id });
  expect(mine.customers).toBeLessThan(o.customers);
  await expect(section.getByTestId('waiting-sentence')).toHaveText(mine.waiting.sentence);
  await page.getByTestId('insights-filter-clear').click();

  // English: the same section in the other language.
  await page.getByTestId('locale-switch').getByText('EN', { exact: true }).click();
  await expect(section.getByTestId('practices-descriptive')).toHaveText('Descriptive only (not randomised)');
  await expect(page.getByTestId('insights-scope')).toHaveText('This desk only — not joined to a hub');
});

test('agents on a funnel plot, by name; the CSV export downloads what the screen shows', async ({ page, ardoise }) => {
  await signIn(page, ardoise.url, 'manager', 'ardoise-manager');
  const section = page.getByTestId('insights-practices');
  // In French whatever an earlier test left (the language is the manager's, kept by the desk).
  await page.getByTestId('locale-switch').getByText('FR', { exact: true }).click();
  await expect(section.getByTestId('practices-descriptive')).toHaveText('Descriptif seulement (non randomisé)');
  await expect(section.getByTestId('practices-table')).toBeVisible();
  const o = await apiCall<PracticesOverview>(page, 'insights.practices', {});
  const f = o.funnel;
  expect(f.agents.length).toBeGreaterThan(0);
  expect(f.overall).not.toBeNull();
  // The table lists every agent by name (the service's order, which is by name — not by rate).
  const funnel = section.getByTestId('agent-funnel');
  await expect(funnel.getByTestId('agent-funnel-descriptive')).toHaveText('Descriptif seulement (appelants non attribués au hasard)');
  await expect(funnel.getByTestId('agent-funnel-sentence')).toHaveText(f.sentence);
  await expect(funnel.getByTestId('agent-funnel-table').locator('tbody tr')).toHaveCount(f.agents.length);
  const names = f.agents.map((a) => a.name);
  expect(names).toEqual([...names].sort(new Intl.Collator('fr-FR').compare));
  for (const a of f.agents) {
    const row = funnel.getByTestId(`agent-funnel-${a.agentId}`);
    await expect(row).toHaveAttribute('data-class', a.classification);
    await expect(row.locator('td').last()).toHaveText(a.classText);
  }
  await expect(funnel.getByTestId('agent-funnel-chart').locator('svg').first()).toBeVisible();
  await funnel.screenshot({ path: 'test-results/e2e/insights-funnel.png' });

  // The export: a file named by the figures' day, UTF-8 with a BOM, French separators, the service's figures.
  const experiments = await apiCall<InsightsOverview>(page, 'insights.experiments', {});
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('insights-export').click()]);
  expect(download.suggestedFilename()).toBe(`ardoise-insights-${experiments.today}.csv`);
  const bytes = await readFile((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString('utf8').slice(1).split('\r\n');
  expect(lines).toContain(
    'Conseiller;Clients suivis;Restés;Restés (%);Ensemble (%);Limite basse 95 % (%);Limite haute 95 % (%);Limite basse 99,8 % (%);Limite haute 99,8 % (%);Par rapport aux limites',
  );
  const a = f.agents.find((x) => x.rate !== null)!;
  const p = (x: number | null | undefined) => (x === null || x === undefined ? '' : csvNumber(x * 100, 2, 'fr'));
  expect(lines).toContain(
    [
      csvText(a.name, ';'),
      String(a.customers),
      String(a.kept),
      p(a.rate),
      p(f.overall),
      p(a.limits?.lower95),
      p(a.limits?.upper95),
      p(a.limits?.lower998),
      p(a.limits?.upper998),
      csvText(a.classText, ';'),
    ].join(';'),
  );
  expect(lines).toContain(`Chiffres au;${experiments.today}`);
  const e = experiments.experiments[0]!;
  expect(lines.some((l) => l.startsWith(`${csvText(e.title, ';')};${csvText(e.statusText, ';')};`))).toBe(true);
});

test('the filter bar re-slices both sections: reason, offer, agent, period and desk, by name; the newest filter wins; the CSV says which', async ({
  page,
  ardoise,
}) => {
  await signIn(page, ardoise.url, 'manager', 'ardoise-manager');
  await page.getByTestId('locale-switch').getByText('EN', { exact: true }).click();
  const bar = page.getByTestId('insights-filter');
  await expect(bar).toBeVisible();
  const all = await apiCall<InsightsOverview>(page, 'insights.experiments', {});
  const first = all.experiments[0]!;
  await expect(page.getByTestId(`experiment-${first.experimentId}`)).toBeVisible();

  // Reason: only that class's experiments are shown; names, not ids, in the selects.
  const goodwill = all.offers.filter((x) => x.reason === 'goodwill').map((x) => x.id);
  await bar.getByTestId('insights-filter-reason').selectOption({ label: 'Goodwill gesture' });
  for (const e of all.experiments) await expect(page.getByTestId(`experiment-${e.experimentId}`)).toHaveCount(goodwill.includes(e.experimentId) ? 1 : 0);
  await bar.getByTestId('insights-filter-reason').selectOption({ label: 'All reasons' });
  await bar.getByTestId('insights-filter-offer').selectOption({ label: all.offers.find((x) => x.id === first.experimentId)!.name });
  await expect(page.locator('[data-testid^="experiment-"][data-status]')).toHaveCount(1);

  // Agent: the enrolled customers of that agent's calls; the funnel highlights them.
  const agent = all.agents[0]!;
  await bar.getByTestId('insights-filter-agent').selectOption({ label: agent.name });
  const mine = await apiCall<InsightsOverview>(page, 'insights.experiments', { experimentId: first.experimentId, agentId: agent.id });
  const offerArm = mine.experiments[0]!.arms.find((a) => a.arm === 'offer')!;
  expect(offerArm.customers).toBeLessThan(first.arms.find((a) => a.arm === 'offer')!.customers);
  await expect(page.getByTestId(`experiment-${first.experimentId}`).getByTestId('arm-offer')).toHaveAttribute('data-customers', String(offerArm.customers));
  const section = page.getByTestId('insights-practices');
  await expect(section.getByTestId(`agent-funnel-${agent.id}`)).toHaveAttribute('data-selected', 'yes');

  // Period: enrolments from a day on (and the practices' calls from it).
  await bar.getByTestId('insights-filter-from').fill('2026-06-01');
  const since = await apiCall<InsightsOverview>(page, 'insights.experiments', { experimentId: first.experimentId, agentId: agent.id, from: '2026-06-01' });
  await expect(page.getByTestId(`experiment-${first.experimentId}`).getByTestId('arm-offer')).toHaveAttribute(
    'data-customers',
    String(since.experiments[0]!.arms.find((a) => a.arm === 'offer')!.customers),
  );
  const practices = await apiCall<PracticesOverview>(page, 'insights.practices', { agentId: agent.id, from: '2026-06-01' });
  await expect(section.getByTestId('waiting-sentence')).toHaveText(practices.waiting.sentence);

  // A period that ends before it starts is not asked: the bar says why.
  await bar.getByTestId('insights-filter-to').fill('2026-05-01');
  await expect(bar).toContainText('The period ends before it starts.');
  await bar.getByTestId('insights-filter-to').fill('');

  // The CSV names the filter in its file name and header rows.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('insights-export').click()]);
  expect(download.suggestedFilename()).toBe(`ardoise-insights-${all.today}_from-2026-06-01_${first.experimentId}_agent-${agent.id.slice(0, 8)}.csv`);
  const lines = (await readFile((await download.path())!)).toString('utf8').slice(1).split('\r\n');
  expect(lines).toContain(`Agent (enrolling call),${csvText(agent.name, ',')}`);
  expect(lines).toContain(`Enrolled from,2026-06-01,to,All`);

  // Desk: a standalone desk offers itself only.
  await expect(bar.getByTestId('insights-filter-desk').locator('option')).toHaveText(['All desks', 'This desk']);
  await bar.getByTestId('insights-filter-desk').selectOption({ label: 'This desk' });
  await expect(page.getByTestId(`experiment-${first.experimentId}`).getByTestId('arm-offer')).toHaveAttribute(
    'data-customers',
    String(since.experiments[0]!.arms.find((a) => a.arm === 'offer')!.customers),
  );

  // Switching agents faster than the answers come back: the screen ends on the last one's figures.
  await bar.getByTestId('insights-filter-clear').click();
  await bar.getByTestId('insights-filter-offer').selectOption({ label: all.offers.find((x) => x.id === first.experimentId)!.name });
  for (const a of all.agents.slice(0, 4)) await bar.getByTestId('insights-filter-agent').selectOption({ label: a.name });
  const last = all.agents.slice(0, 4).at(-1)!;
  const lastFigures = await apiCall<InsightsOverview>(page, 'insights.experiments', { experimentId: first.experimentId, agentId: last.id });
  await expect(page.getByTestId(`experiment-${first.experimentId}`).getByTestId('arm-offer')).toHaveAttribute(
    'data-customers',
    String(lastFigures.experiments[0]!.arms.find((a) => a.arm === 'offer')!.customers),
  );
  await expect(section.getByTestId(`agent-funnel-${last.id}`)).toHaveAttribute('data-selected', 'yes');
  await page.getByTestId('insights-filter').screenshot({ path: 'test-results/e2e/insights-filter.png' });

  // The bar passes axe in both languages (labels on every control), and the French words are French.
  for (const lang of ['en', 'fr'] as const) {
    await page.getByTestId('locale-switch').getByText(lang.toUpperCase(), { exact: true }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    const results = await new AxeBuilder({ page }).include('[data-testid="insights-filter"]').analyze();
    expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  }
  await expect(bar.getByTestId('insights-filter-reason').locator('option')).toHaveText(['Tous les motifs', 'Offre de fidélisation', 'Geste commercial']);
});
