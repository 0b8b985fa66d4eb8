/**
 * Net paid revenue per 100 customers by arm, offer cost included (core/insights/revenue.ts), on a
 * hand-computed fixture: each customer's payments and offer cost are listed below, the sums the
 * store would give are formed from them, and every figure is worked out by hand in the comments.
 * The interval is R 4.2.2's:  t.test(o, h, var.equal = FALSE)  on the customers' nets.
 */
import { describe, expect, it } from 'vitest';
import { experimentSchema, type Arm, type Experiment } from '../../../../src/core/experiments';
import { experimentInsight, mergeRevenueRows, revenueFigures, type RevenueRow } from '../../../../src/core/insights';
import { MoneyError } from '../../../../src/core/money';
import { SAMPLE_POLICY } from '../../../../src/core/policy';
import { StatsInputError } from '../../../../src/core/stats';

const experiment = (over: Partial<Experiment> = {}): Experiment => experimentSchema.parse({ ...SAMPLE_POLICY.experiments![0]!, minimumPerArm: 20, ...over });

/** The store's sums for one arm from its customers' (paid, offer cost), in cents. */
function armRow(arm: Arm, customers: ReadonlyArray<readonly [paid: number, cost: number]>): RevenueRow {
  const nets = customers.map(([p, c]) => p - c);
  return {
    arm,
    n: customers.length,
    paid: customers.reduce((s, [p]) => s + p, 0),
    cost: customers.reduce((s, [, c]) => s + c, 0),
    net: nets.reduce((s, x) => s + x, 0),
    netSquares: nets.reduce((s, x) => s + BigInt(x) ** 2n, 0n).toString(),
  };
}

// Offer arm, 20 customers. Nine took the €15 offer and paid €60 (net €45); one paid nothing
// twice over (a €15 refund beyond payments: net −€15); two paid nothing at all.
//   nets o = 4500 4500 0 3000 6000 −1500 4500 4500 9000 3000 0 4500 4500 6000 3000 4500 1500 4500 7500 4500
//   Σpaid = 78 000 + 9 × 1 500 = 91 500; Σcost = 13 500; Σnet = 78 000
const OFFER: Array<[number, number]> = [
  [6000, 1500],
  [6000, 1500],
  [0, 0],
  [3000, 0],
  [6000, 0],
  [-1500, 0],
  [6000, 1500],
  [6000, 1500],
  [9000, 0],
  [3000, 0],
  [0, 0],
  [6000, 1500],
  [6000, 1500],
  [6000, 0],
  [3000, 0],
  [6000, 1500],
  [1500, 0],
  [6000, 1500],
  [7500, 0],
  [6000, 1500],
];
// Holdout, 21 customers, no offer:
//   h = 6000 6000 0 4500 6000 6000 3000 0 6000 9000 6000 4500 6000 7500 6000 0 6000 4500 6000 6000 2999; Σ = 101 999
const HOLDOUT: Array<[number, number]> = [
  6000, 6000, 0, 4500, 6000, 6000, 3000, 0, 6000, 9000, 6000, 4500, 6000, 7500, 6000, 0, 6000, 4500, 6000, 6000, 2999,
].map((p) => [p, 0]);
const ROWS = [armRow('offer', OFFER), armRow('holdout', HOLDOUT)];

describe('revenueFigures', () => {
  it('gives each arm’s sums and net per 100, and the difference with R’s Welch interval', () => {
    const f = revenueFigures(experiment(), ROWS, 'EUR', 'en');
    expect(f.days).toBe(90);
    expect(f.arms).toEqual([
      // 78 000 × 100 / 20 = 390 000 exactly
      { arm: 'offer', customers: 20, paid: 91_500, offerCost: 13_500, net: 78_000, netPer100: 390_000 },
      // 101 999 × 100 / 21 = 485 709.52… → 485 710
      { arm: 'holdout', customers: 21, paid: 101_999, offerCost: 0, net: 101_999, netPer100: 485_710 },
    ]);
    // 100 × (78 000 × 21 − 101 999 × 20) / (20 × 21) = −40 198 000 / 420 = −95 709.52… → −95 710 (rounded once).
    // R: conf.int −2511.3654879245 597.1750117341 per customer, df 38.7196361480 → × 100, to the cent.
    expect(f.difference).toEqual({ estimate: -95_710, lower: -251_137, upper: 59_718 });
    expect(f.df).toBeCloseTo(38.719636148, 6);
    expect(f.distinguishable).toBe(false);
    expect(f.sentence).toBe(
      'Over 90 days, net revenue per 100 customers with the retention offer and with no proactive offer is not distinguishable: -€957.10 (-€2,511.37 to +€597.18).',
    );
    expect(f.definition).toContain('Every customer enrolled at least 90 days ago, whether or not the offer was made');
    const fr = revenueFigures(experiment(), ROWS, 'EUR', 'fr');
    expect(fr.sentence).toMatch(
      /^Sur 90 jours, le revenu net pour 100 clients avec l’offre \(offre de fidélisation\) et sans offre proactive ne se distingue pas : -957,10\s€ \(-2\s511,37\s€ à \+597,18\s€\)\.$/,
    );
  });

  it('says which way when the interval leaves 0 (every holdout customer €50 lower: the interval moves by €5,000 per 100)', () => {
    const lower = armRow(
      'holdout',
      HOLDOUT.map(([p]) => [p - 5000, 0]),
    );
    // Σ = 101 999 − 21 × 5 000 = −3 001
    expect(lower.net).toBe(-3001);
    const f = revenueFigures(experiment(), [ROWS[0]!, lower], 'EUR', 'en');
    expect(f.difference).toEqual({ estimate: 404_290, lower: 248_863, upper: 559_718 });
    expect(f.distinguishable).toBe(true);
    expect(f.arms[1]!.netPer100).toBe(-14_290); // −3 001 × 100 / 21 = −14 290.47… → −14 290
    expect(f.sentence).toBe('With the retention offer, net revenue over 90 days was €4,042.90 more per 100 customers (+€2,488.63 to +€5,597.18).');
    const worse = revenueFigures(
      experiment(),
      [
        armRow(
          'offer',
          OFFER.map(([p, c]) => [p - 10_000, c]),
        ),
        armRow('holdout', HOLDOUT),
      ],
      'EUR',
      'en',
    );
    expect(worse.distinguishable).toBe(true);
    expect(worse.sentence).toMatch(/^With the retention offer, net revenue over 90 days was €[\d,.]+ less per 100 customers \(-€[\d,.]+ to -€[\d,.]+\)\.$/);
  });

  it('rounds per 100 once, halves away from zero (the money rule)', () => {
    // 40 customers, Σ net 1 cent: 100 / 40 = 2.5 → 3; −1 cent → −3. Difference 100 × (40 + 40) / 1600 = 5.
    const one = (arm: Arm, cents: number) => armRow(arm, [[cents, 0], ...Array.from({ length: 39 }, (): [number, number] => [0, 0])]);
    const f = revenueFigures(experiment(), [one('offer', 1), one('holdout', -1)], 'EUR', 'en');
    expect(f.arms.map((a) => a.netPer100)).toEqual([3, -3]);
    expect(f.difference!.estimate).toBe(5);
  });

  it('shows only the customers below the minimum per arm, or with an arm empty', () => {
    const few = revenueFigures(experiment(), [ROWS[0]!, armRow('holdout', HOLDOUT.slice(0, 19))], 'EUR', 'en');
    expect(few.arms).toEqual([
      { arm: 'offer', customers: 20, paid: null, offerCost: null, net: null, netPer100: null },
      { arm: 'holdout', customers: 19, paid: null, offerCost: null, net: null, netPer100: null },
    ]);
    expect([few.difference, few.df, few.distinguishable]).toEqual([null, null, null]);
    expect(few.sentence).toBe('Fewer than 20 customers in an arm enrolled at least 90 days ago: no revenue figure is shown yet.');
    // No holdout customer yet: the store has no row for the arm.
    const none = revenueFigures(experiment(), [ROWS[0]!], 'EUR', 'en');
    expect(none.arms[1]).toEqual({ arm: 'holdout', customers: 0, paid: null, offerCost: null, net: null, netPer100: null });
    expect(revenueFigures(experiment(), [], 'EUR', 'fr').sentence).toContain('Moins de 20 clients');
  });

  it('gives no interval when every customer has the same net (R: "data are essentially constant")', () => {
    const flat = (arm: Arm) =>
      armRow(
        arm,
        Array.from({ length: 25 }, (): [number, number] => [1000, 0]),
      );
    const f = revenueFigures(experiment(), [flat('offer'), flat('holdout')], 'EUR', 'en');
    expect(f.arms[0]!.netPer100).toBe(100_000);
    expect(f.difference).toBeNull();
    expect(f.sentence).toBe('Every customer in both arms has the same net revenue: no interval can be computed.');
  });

  it('refuses rows that cannot be sums, with a typed error', () => {
    const bad = (over: Partial<RevenueRow>) => () => revenueFigures(experiment(), [{ ...ROWS[0]!, ...over }, ROWS[1]!], 'EUR', 'en');
    expect(bad({ net: 1 })).toThrow(StatsInputError);
    expect(bad({ n: -1 })).toThrow(StatsInputError);
    expect(bad({ paid: 1.5, net: 1.5 - 13_500 })).toThrow(MoneyError);
    expect(bad({ netSquares: '-4' })).toThrow(StatsInputError);
    expect(bad({ netSquares: '1' })).toThrow(StatsInputError); // smaller than (Σ net)² / n allows
    expect(() => revenueFigures(experiment(), [ROWS[0]!, ROWS[0]!, ROWS[1]!], 'EUR', 'en')).toThrow(/more than one row/);
  });
});

describe('mergeRevenueRows', () => {
  it('adds the parts of the customers up arm by arm, Σ net² exactly', () => {
    const parts = [
      [armRow('holdout', HOLDOUT.slice(0, 10)), armRow('offer', OFFER.slice(0, 5))],
      [armRow('offer', OFFER.slice(5))],
      [armRow('holdout', HOLDOUT.slice(10))],
    ];
    expect(mergeRevenueRows(parts)).toEqual([ROWS[1], ROWS[0]]);
    const big = { arm: 'offer' as const, n: 1, paid: 0, cost: 0, net: 0, netSquares: '9007199254740993' };
    expect(mergeRevenueRows([[big], [big]])[0]!.netSquares).toBe('18014398509481986');
  });
});

describe('experimentInsight with revenue', () => {
  it('carries the revenue figures; none when the SRM check blocks everything or nothing was counted', () => {
    const e = experiment();
    const rows = (['offer', 'holdout'] as const).flatMap((arm) =>
      [0, 1].map((status) => ({
        arm,
        highRisk: 0,
        newCustomer: 0,
        billShock: 0,
        notGood: 0,
        offered: 0,
        reach: 90,
        time: status ? 40 : 100,
        status: status as 0 | 1,
        n: arm === 'offer' ? (status ? 90 : 810) : status ? 10 : 90,
      })),
    );
    expect(experimentInsight(e, rows, '2026-11-30', 'en', { rows: ROWS, currency: 'EUR' }).revenue).toEqual(revenueFigures(e, ROWS, 'EUR', 'en'));
    expect(experimentInsight(e, rows, '2026-11-30', 'en').revenue).toBeNull();
    const srm = rows.map((r) => ({ ...r, n: 500 }));
    const blocked = experimentInsight(e, srm, '2026-11-30', 'en', { rows: ROWS, currency: 'EUR' });
    expect(blocked.status).toBe('blocked_srm');
    expect(blocked.revenue).toBeNull();
  });
});
