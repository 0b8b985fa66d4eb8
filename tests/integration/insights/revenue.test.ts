/**
 * Net paid revenue per 100 customers by arm on a desk store (main/store/experiment-risk-sets.ts
 * EXPERIMENT_REVENUE through the insights service): the hostile cases counted as the definition
 * says (core/insights/revenue.ts) — no payments, a refund beyond payments, a credit of another
 * reason, a credit before enrolment and its reversal, a reversal after the window, the window's
 * last day, another currency, a customer not followed long enough, an arm with no customer — and
 * the sums of a whole store equal to a plain reading of its rows, on main's connection or in parts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentProfile } from '../../../src/core/api';
import { revenueFigures, type RevenueRow } from '../../../src/core/insights';
import { SAMPLE_POLICY } from '../../../src/core/policy';
import { PolicyStore } from '../../../src/main/services/discounts/policy-store';
import { InsightsService } from '../../../src/main/services/insights/insights';
import { experimentRevenue, ParallelRiskSets } from '../../../src/main/services/insights/risk-set-source';
import { addDays, experiment, NAMED, revenueWorld, TODAY, type World } from '../../fixtures/revenue-world';

const params = (experimentId = experiment.id, today = TODAY) => ({ experimentId, reason: experiment.reason, currency: 'EUR', days: 90, today });
const service = (w: World) => new InsightsService(w.client, new PolicyStore(w.client), () => TODAY);
const viewer = (locale: 'en' | 'fr') => ({ userId: 'm', locale }) as AgentProfile;

/** The sums of named customers as the definition counts them. */
function expected(names: ReadonlyArray<keyof typeof NAMED>): RevenueRow[] {
  return (['holdout', 'offer'] as const).map((arm) => {
    const mine = names.map((n) => NAMED[n]).filter((c) => c.arm === arm);
    const nets = mine.map((c) => c.paid - c.cost);
    return {
      arm,
      n: mine.length,
      paid: mine.reduce((s, c) => s + c.paid, 0),
      cost: mine.reduce((s, c) => s + c.cost, 0),
      net: nets.reduce((s, x) => s + x, 0),
      netSquares: String(nets.reduce((s, x) => s + x * x, 0)),
    };
  });
}

describe('the hostile cases, one customer each', () => {
  let w: World;
  beforeAll(() => {
    w = revenueWorld({ offer: 0, holdout: 0 });
  });
  afterAll(() => w.cleanup());

  it('counts what the definition counts: A 13 000 − 1 500, B nothing, C −3 000, D 4 000 − 800, F 100; E not yet', () => {
    expect(service(w).revenueRows(params())).toEqual(expected(['A', 'B', 'C', 'D', 'F']));
    // What that is in figures: offer A+B+D 17 000 paid, 2 300 cost; holdout C+F −2 900.
    expect(expected(['A', 'B', 'D'])[1]).toMatchObject({ paid: 17_000, cost: 2_300, net: 14_700, netSquares: String(11_500 ** 2 + 3_200 ** 2) });
    expect(expected(['C', 'F'])[0]).toMatchObject({ paid: -2_900, net: -2_900 });
  });

  it('on the window’s last day only the customers followed that long count', () => {
    // 2026-08-30 is 90 days after the named enrolments: they count; on the 29th nobody does.
    expect(service(w).revenueRows(params(experiment.id, '2026-08-30'))).toEqual(expected(['A', 'B', 'C', 'D', 'F']));
    expect(service(w).revenueRows(params(experiment.id, '2026-08-29'))).toEqual([]);
  });

  it('an arm with no customer has no row, and the screen shows counts only', async () => {
    const other = service(w).revenueRows(params('another-experiment'));
    expect(other.map((r) => [r.arm, r.n, r.paid])).toEqual([['offer', 1, 1_234]]);
    const overview = await service(w).overview(viewer('en'));
    const revenue = overview.experiments[0]!.revenue!;
    // 3 and 2 customers, under the minimum of 30: no money shown.
    expect(revenue.arms.map((a) => [a.arm, a.customers, a.netPer100])).toEqual([
      ['offer', 3, null],
      ['holdout', 2, null],
    ]);
    expect(revenue.sentence).toBe('Fewer than 30 customers in an arm enrolled at least 90 days ago: no revenue figure is shown yet.');
  });
});

describe('a whole store', () => {
  let w: World;
  let parallel: ParallelRiskSets;
  beforeAll(() => {
    w = revenueWorld();
    parallel = new ParallelRiskSets(w.client, { parts: 2, minCustomers: 0 });
  });
  afterAll(async () => {
    await parallel.close();
    w.cleanup();
  });

  it('sums what a plain reading of the rows gives, customer by customer', () => {
    const c = w.client;
    const enrolled = c
      .prepare(`SELECT a.customer_id AS id, a.arm, a.assigned_on AS on_ FROM experiment_assignments a WHERE a.experiment_id = ?`)
      .all(experiment.id) as Array<{ id: string; arm: 'offer' | 'holdout'; on_: string }>;
    const pay = c.prepare(
      `SELECT p.amount, p.status, p.returned_amount AS returned, p.received_on AS on_, p.currency FROM payments p JOIN accounts a ON a.id = p.account_id WHERE a.customer_id = ?`,
    );
    const led = c.prepare(
      `SELECT l.id, l.amount, l.reason_code AS reason, l.effective_on AS on_, l.reverses_id AS reverses, l.currency FROM ledger_entries l JOIN accounts a ON a.id = l.account_id WHERE a.customer_id = ?`,
    );
    const sums = new Map<string, { n: number; paid: number; cost: number; net: number; sq: bigint }>();
    for (const e of enrolled) {
      if (addDays(e.on_, 90) > TODAY) continue;
      const end = addDays(e.on_, 90);
      const inWindow = (d: string) => d >= e.on_ && d < end;
      let paid = 0;
      for (const p of pay.all(e.id) as Array<{ amount: number; status: string; returned: number | null; on_: string; currency: string }>) {
        if (p.currency !== 'EUR' || !inWindow(p.on_)) continue;
        paid += p.status === 'received' ? p.amount : p.status === 'returned' ? p.amount - (p.returned ?? p.amount) : p.status === 'refund' ? -p.amount : 0;
      }
      const entries = led.all(e.id) as Array<{ id: string; amount: number; reason: string; on_: string; reverses: string | null; currency: string }>;
      const byId = new Map(entries.map((x) => [x.id, x]));
      let cost = 0;
      for (const l of entries) {
        if (l.currency !== 'EUR' || l.reason !== experiment.reason || !inWindow(l.on_)) continue;
        if (l.reverses && byId.get(l.reverses)!.on_ < e.on_) continue;
        cost += l.amount;
      }
      const s = sums.get(e.arm) ?? { n: 0, paid: 0, cost: 0, net: 0, sq: 0n };
      const net = paid - cost;
      sums.set(e.arm, { n: s.n + 1, paid: s.paid + paid, cost: s.cost + cost, net: s.net + net, sq: s.sq + BigInt(net) ** 2n });
    }
    const reference = (['holdout', 'offer'] as const).map((arm) => {
      const s = sums.get(arm)!;
      return { arm, n: s.n, paid: s.paid, cost: s.cost, net: s.net, netSquares: s.sq.toString() };
    });
    expect(reference.map((r) => r.n)).toEqual([35, 303]);
    expect(service(w).revenueRows(params())).toEqual(reference);
  });

  it('counted in parts in worker threads, the same sums', async () => {
    expect(parallel.ranges()).toHaveLength(2);
    expect(await experimentRevenue(parallel, params())).toEqual(service(w).revenueRows(params()));
  });

  it('shows the figures on the experiment, worded in English and French', async () => {
    const rows = service(w).revenueRows(params());
    for (const locale of ['en', 'fr'] as const) {
      const e = (await service(w).overview(viewer(locale))).experiments[0]!;
      expect(e.status).not.toBe('blocked_srm');
      expect(e.revenue).toEqual(revenueFigures(experiment, rows, SAMPLE_POLICY.currency, locale));
      expect(e.revenue!.arms.every((a) => a.netPer100 !== null)).toBe(true);
      expect(e.revenue!.difference).not.toBeNull();
    }
  });
});
