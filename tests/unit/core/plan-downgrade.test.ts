/**
 * The downgrade rule the desk writes outcomes with and the hub checks desks' claims with
 * (core/outcomes/downgrade.ts): another plan, cheaper on the change's day, than the plan the
 * subscription has on that day.
 */
import { describe, expect, it } from 'vitest';
import { SAMPLE_CATALOG, type Catalog, type SubscriptionChange } from '../../../src/core/billing';
import { isPlanDowngrade } from '../../../src/core/outcomes/downgrade';

// Confort (19.99) goes up to 32.99 from 1 June, above Premium (31.99 from April).
const catalog: Catalog = {
  ...SAMPLE_CATALOG,
  priceChanges: [
    ...SAMPLE_CATALOG.priceChanges,
    { id: 'confort-2026-06', target: { kind: 'plan', planId: 'confort' }, effectiveFrom: '2026-06-01', monthlyFee: 3299 },
  ],
};
const history: SubscriptionChange[] = [
  { from: '2025-03-10', planId: 'premium', optionIds: [] },
  { from: '2026-07-01', planId: 'essentiel', optionIds: ['tv'] },
];

describe('a plan change is a downgrade', () => {
  it('when the new plan costs less than the old one on the change’s day', () => {
    expect(isPlanDowngrade(catalog, history, { from: '2026-05-15', planId: 'confort' })).toBe(true);
    expect(isPlanDowngrade(catalog, history, { from: '2026-05-15', planId: 'essentiel' })).toBe(true);
  });

  it('not when the new plan costs more, or the same plan, on that day', () => {
    expect(isPlanDowngrade(catalog, history, { from: '2026-05-15', planId: 'illimite' })).toBe(false);
    expect(isPlanDowngrade(catalog, history, { from: '2026-05-15', planId: 'premium' })).toBe(false);
    // From June Confort costs more than Premium.
    expect(isPlanDowngrade(catalog, history, { from: '2026-06-01', planId: 'confort' })).toBe(false);
  });

  it('the old plan is the one in force on the change’s day', () => {
    // On 1 August the subscription is on Essentiel (9.99): Confort is an upgrade, Découverte (4.99) a downgrade.
    expect(isPlanDowngrade(catalog, history, { from: '2026-08-01', planId: 'confort' })).toBe(false);
    expect(isPlanDowngrade(catalog, history, { from: '2026-08-01', planId: 'decouverte' })).toBe(true);
  });

  it('not without a plan before or after, nor with a plan the catalog does not know', () => {
    expect(isPlanDowngrade(catalog, history, { from: '2025-01-01', planId: 'essentiel' })).toBe(false);
    expect(isPlanDowngrade(catalog, history, { from: '2026-05-15', planId: null })).toBe(false);
    expect(isPlanDowngrade(catalog, history, { from: '2026-05-15', planId: 'free-forever' })).toBe(false);
    expect(isPlanDowngrade(catalog, [{ from: '2025-01-01', planId: 'gone', optionIds: [] }], { from: '2026-05-15', planId: 'essentiel' })).toBe(false);
  });
});
