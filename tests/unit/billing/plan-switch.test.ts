/**
 * Usage is rated on the plan in force when it happened (usage.ts): a mid-cycle switch bills a
 * day-weighted mix of the two plans. The worked examples, and the property that no switch
 * pattern costs less than the cheaper plan all month nor more than the dearer, for the same usage.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cycleOf, explainLine, generateInvoice, SAMPLE_CATALOG, type SubscriptionChange } from '../../../src/core/billing/index';
import { addDays, daysInCycle } from '../../../src/core/billing/dates';
import { catalogArb, cycleArb } from './arbitraries';
import { account, CATALOG, plain } from './fixtures';

const march = cycleOf('2026-03');
const data = (dataMb: number) => [{ cycleStart: '2026-03-01', dataMb, voiceMinutes: 0, sms: 0 }];
const totalFor = (subscription: SubscriptionChange[], dataMb: number) =>
  generateInvoice(SAMPLE_CATALOG, account({ subscription, usage: data(dataMb) }), march).total;

describe('a mid-cycle plan switch (sample catalog, France, VAT 20 %)', () => {
  it('Essentiel all March with 40 000 MB costs €369.11', () => {
    expect(totalFor([{ from: '2026-01-01', planId: 'essentiel', optionIds: [] }], 40_000)).toBe(36_911);
  });

  it('switching to Confort for 31 March only and back no longer escapes the overage', () => {
    const total = totalFor(
      [
        { from: '2026-01-01', planId: 'essentiel', optionIds: [] },
        { from: '2026-03-31', planId: 'confort', optionIds: [] },
        { from: '2026-04-01', planId: 'essentiel', optionIds: [] },
      ],
      40_000,
    );
    // Was €12.42. Essentiel 30/31 of 9.99 = 9.67, Confort 1/31 of 19.99 = 0.64, Essentiel's 30/31 share of
    // 29 760 MB over = 288.00; VAT 1.93 + 0.13 + 57.60 → €357.97.
    const confortAllMonth = totalFor([{ from: '2026-01-01', planId: 'confort', optionIds: [] }], 40_000);
    expect(confortAllMonth).toBe(2399);
    expect(total).toBeGreaterThanOrEqual(confortAllMonth);
    expect(total).toBe(35_797);
  });

  it('Illimité until the 30th then Essentiel on the 31st costs 1/31 of the Essentiel overage, not all of it', () => {
    const total = totalFor(
      [
        { from: '2026-01-01', planId: 'illimite', optionIds: [] },
        { from: '2026-03-31', planId: 'essentiel', optionIds: [] },
      ],
      40_000,
    );
    // Was €403.94. Illimité 30/31 of 39.99 = 38.70; Essentiel 1/31 of 9.99 = 0.32 and of 297.60 = 9.60.
    expect(total).toBe(5834);
    expect(total).toBeLessThanOrEqual(totalFor([{ from: '2026-01-01', planId: 'essentiel', optionIds: [] }], 40_000));
  });

  it('the overage line says which share of the month it is, in English and French', () => {
    const invoice = generateInvoice(
      SAMPLE_CATALOG,
      account({
        subscription: [
          { from: '2026-01-01', planId: 'illimite', optionIds: [] },
          { from: '2026-03-31', planId: 'essentiel', optionIds: [] },
        ],
        usage: data(40_000),
      }),
      march,
    );
    const line = invoice.lines.find((l) => l.explanation.code === 'overage');
    expect(line).toBeDefined();
    if (!line) return;
    expect(plain(explainLine(line, 'en'))).toContain('share on 31 March (1 of 31 days of service) = €9.60');
    expect(plain(explainLine(line, 'fr'))).toContain('part le 31 mars (1 jour sur 31 de service) = 9,60 €');
  });
});

describe('plan-switch property', () => {
  const planIds = CATALOG.plans.map((p) => p.id);
  // Without catalog price changes: a new price mid-cycle makes "the dearer plan" depend on the day,
  // and the bound then holds day by day, not for the month's totals.
  const scenario = fc
    .tuple(
      catalogArb.map((c) => ({ ...c, priceChanges: [] })),
      cycleArb,
      fc.constantFrom(...planIds),
      fc.constantFrom(...planIds),
      fc.subarray(CATALOG.options.map((o) => o.id)),
    )
    .chain(([catalog, cycle, a, b, optionIds]) =>
      fc.record({
        catalog: fc.constant(catalog),
        cycle: fc.constant(cycle),
        a: fc.constant(a),
        b: fc.constant(b),
        optionIds: fc.constant(optionIds),
        // Days (0-based offsets after the 1st) on which the plan flips between a and b.
        flips: fc.uniqueArray(fc.integer({ min: 1, max: daysInCycle(cycle) - 1 }), { minLength: 1, maxLength: 4 }),
        usage: fc.record({
          dataMb: fc.integer({ min: 0, max: 200_000 }),
          voiceMinutes: fc.integer({ min: 0, max: 400 }),
          sms: fc.integer({ min: 0, max: 400 }),
        }),
        country: fc.constantFrom('FR', 'DE', 'BE', 'GB'),
      }),
    );

  it('no switch pattern costs less than the cheaper plan all month, nor more than the dearer (10 000 runs)', () => {
    fc.assert(
      fc.property(scenario, ({ catalog, cycle, a, b, optionIds, flips, usage, country }) => {
        const base = account({ country, usage: [{ cycleStart: cycle.start, ...usage }] });
        const bill = (subscription: SubscriptionChange[]) => generateInvoice(catalog, { ...base, subscription }, cycle);
        const before = addDays(cycle.start, -40);
        const onlyA = bill([{ from: before, planId: a, optionIds }]);
        const onlyB = bill([{ from: before, planId: b, optionIds }]);
        const switches: SubscriptionChange[] = [{ from: before, planId: a, optionIds }];
        [...flips].sort((x, y) => x - y).forEach((offset, i) => switches.push({ from: addDays(cycle.start, offset), planId: i % 2 === 0 ? b : a, optionIds }));
        const switched = bill(switches);
        // One rounding per line (net half a unit, its VAT half a unit): the only slack allowed.
        const slack = switched.lines.length + Math.max(onlyA.lines.length, onlyB.lines.length);
        const low = Math.min(onlyA.total, onlyB.total);
        const high = Math.max(onlyA.total, onlyB.total);
        if (switched.total < low - slack || switched.total > high + slack) {
          expect({ switched: switched.total, low, high, slack }).toBe('within the two plans');
        }
      }),
      { numRuns: 10_000 },
    );
  });
});
