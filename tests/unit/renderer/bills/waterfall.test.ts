import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkWaterfall, sortCausesByImpact, waterfallBars, waterfallRows } from '../../../../src/renderer/src/features/bills/waterfall';

const cause = (key: string, amount: number) => ({ key, amount });

describe('causes sorted by impact', () => {
  it('puts the largest absolute amount first, a rise before an equal fall, then by key', () => {
    const sorted = sortCausesByImpact([cause('b', -200), cause('a', 50), cause('c', 1000), cause('d', 200), cause('e', 50)]);
    expect(sorted.map((c) => c.key)).toEqual(['c', 'd', 'b', 'a', 'e']);
  });

  it('does not reorder the array it is given', () => {
    const input = [cause('a', 1), cause('b', 5)];
    sortCausesByImpact(input);
    expect(input.map((c) => c.key)).toEqual(['a', 'b']);
  });
});

describe('waterfall from the last bill to this one', () => {
  it('steps from the previous total through each cause and lands on the current total', () => {
    const bars = waterfallBars(3990, 5230, [cause('promo', 1000), cause('credit', -500), cause('data', 740)]);
    expect(bars.map((b) => [b.key, b.kind, b.from, b.to])).toEqual([
      ['previous', 'previous', 0, 3990],
      ['promo', 'increase', 3990, 4990],
      ['data', 'increase', 4990, 5730],
      ['credit', 'decrease', 5730, 5230],
      ['current', 'current', 0, 5230],
    ]);
  });

  it('leaves out causes of zero (nothing to draw)', () => {
    const bars = waterfallBars(1000, 1000, [cause('nothing', 0)]);
    expect(bars.map((b) => b.key)).toEqual(['previous', 'current']);
  });

  it('property: when the causes sum to the difference, the last step ends exactly on the current total', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.array(fc.integer({ min: -100_000, max: 100_000 }), { maxLength: 12 }), (previous, amounts) => {
        const causes = amounts.map((a, i) => cause(`c${i}`, a));
        const current = previous + amounts.reduce((s, a) => s + a, 0);
        const check = checkWaterfall(previous, current, causes);
        expect(check.balanced).toBe(true);
        expect(check.explained).toBe(check.difference);
        const bars = waterfallBars(previous, current, causes);
        const steps = bars.filter((b) => b.kind === 'increase' || b.kind === 'decrease');
        const lastStep = steps[steps.length - 1];
        expect(lastStep ? lastStep.to : previous).toBe(current);
        // Each step starts where the one before ended.
        let running = previous;
        for (const s of steps) {
          expect(s.from).toBe(running);
          expect(s.to - s.from).toBe(s.amount);
          running = s.to;
        }
        expect(steps.reduce((s, b) => s + b.amount, 0)).toBe(current - previous);
      }),
    );
  });

  it('says when the causes do not add up to the difference (the chart is then not drawn)', () => {
    const check = checkWaterfall(1000, 1500, [cause('a', 400)]);
    expect(check).toEqual({ explained: 400, difference: 500, balanced: false });
  });

  it('makes chart rows that start the running total at the previous total and end on the current one', () => {
    const bars = waterfallBars(1000, 1200, [cause('a', 200)]);
    const rows = waterfallRows(
      bars,
      (b) => b.key.toUpperCase(),
      (k) => k,
    );
    expect(rows).toEqual([
      { label: 'PREVIOUS', amount: 1000, color: 'previous' },
      { label: 'A', amount: 200, color: 'increase' },
      { label: 'CURRENT', amount: 1200, color: 'current', standalone: true },
    ]);
    // What the chart does with them (@mantine/charts' waterfall): a running total from 0, a
    // standalone row drawn from 0 and not added. Each cause must be drawn from → to.
    let start = 0;
    const drawn = rows.map((r) => {
      const v = r.amount as number;
      if (r.standalone) return [0, v];
      const range = [start, start + v];
      start += v;
      return range;
    });
    expect(drawn).toEqual([
      [0, 1000],
      [1000, 1200],
      [0, 1200],
    ]);
    // The chart rewrites its rows in place: another call must not share them.
    const again = waterfallRows(
      bars,
      (b) => b.key,
      (k) => k,
    );
    rows[1]!.amount = [1000, 1200];
    expect(again[1]!.amount).toBe(200);
  });
});
