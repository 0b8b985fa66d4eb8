import { describe, expect, it } from 'vitest';
import { cycleOf, generateInvoice, noticeAppliesFrom, noticesDue, priceOn } from '../../../src/core/billing/index';
import { account, CATALOG } from './fixtures';

const premium = account({ subscription: [{ from: '2026-01-01', planId: 'premium', optionIds: [] }] });

describe('catalog price changes', () => {
  it('gives the fee in force on a day', () => {
    expect(priceOn(CATALOG, { kind: 'plan', id: 'premium' }, '2026-04-14')).toEqual({ monthlyFee: 2999, priceChange: null });
    expect(priceOn(CATALOG, { kind: 'plan', id: 'premium' }, '2026-04-15')).toEqual({
      monthlyFee: 3199,
      priceChange: { priceChangeId: 'premium-up', effectiveFrom: '2026-04-15', previousMonthlyFee: 2999 },
    });
  });

  it('splits the month at the effective date, each part prorated at its own price', () => {
    // April, 30 days. 1–14 at 2999: 2999 × 14/30 = 1399.53 → 1400 (VAT 280).
    // 15–30 at 3199: 3199 × 16/30 = 1706.13 → 1706 (VAT 341.2 → 341). Total 1400+280+1706+341 = 3727.
    const invoice = generateInvoice(CATALOG, premium, cycleOf('2026-04'));
    expect(invoice.lines.map((l) => [l.explanation.code === 'recurring-fee' && l.explanation.monthlyFee, l.amount, l.tax])).toEqual([
      [2999, 1400, 280],
      [3199, 1706, 341],
    ]);
    expect(invoice.total).toBe(3727);
  });

  it('charges the new price for the whole of the following months', () => {
    const invoice = generateInvoice(CATALOG, premium, cycleOf('2026-05'));
    expect(invoice.lines).toHaveLength(1);
    expect(invoice.lines[0]).toMatchObject({ amount: 3199, explanation: { rule: 'full-cycle', priceChange: { priceChangeId: 'premium-up' } } });
  });
});

/**
 * The notice rule (catalog.ts; Code de la consommation L224-33): an increase is owed by a customer
 * who already had the item only one month after they were told of it. Here Premium goes from
 * €29.99 to €31.99 on 1 May 2026; April has 30 days, so "31 days before" and "one month before"
 * are two different days.
 */
describe('a price increase is owed one month after the customer was told of it', () => {
  const mayUp = {
    ...CATALOG,
    priceChanges: [{ id: 'premium-may', target: { kind: 'plan' as const, planId: 'premium' }, effectiveFrom: '2026-05-01', monthlyFee: 3199 }],
  };
  const may = cycleOf('2026-05');
  const fees = (overrides: Parameters<typeof account>[0], catalog = mayUp) =>
    generateInvoice(catalog, account({ subscription: [{ from: '2026-01-01', planId: 'premium', optionIds: [] }], ...overrides }), may).lines.map((l) =>
      l.explanation.code === 'recurring-fee' ? [l.explanation.from, l.explanation.to, l.explanation.monthlyFee, l.explanation.priceHeld ?? null] : null,
    );
  const told = (notifiedOn: string) => ({ priceNotices: [{ priceChangeId: 'premium-may', notifiedOn }] });

  it('told 31 days before (31 March): the new price from its date', () => {
    expect(fees(told('2026-03-31'))).toEqual([['2026-05-01', '2026-05-31', 3199, null]]);
  });

  it('told exactly one month before (1 April): the new price from its date', () => {
    expect(noticeAppliesFrom('2026-04-01')).toBe('2026-05-01');
    expect(fees(told('2026-04-01'))).toEqual([['2026-05-01', '2026-05-31', 3199, null]]);
  });

  it('told 29 days before (2 April): the old price on 1 May, the new one from 2 May', () => {
    expect(fees(told('2026-04-02'))).toEqual([
      [
        '2026-05-01',
        '2026-05-01',
        2999,
        { priceChangeId: 'premium-may', effectiveFrom: '2026-05-01', monthlyFee: 3199, notifiedOn: '2026-04-02', appliesFrom: '2026-05-02' },
      ],
      ['2026-05-02', '2026-05-31', 3199, null],
    ]);
  });

  it('no record of a notice: the old price, for as long as they are not told', () => {
    const held = { priceChangeId: 'premium-may', effectiveFrom: '2026-05-01', monthlyFee: 3199, notifiedOn: null, appliesFrom: null };
    expect(fees({ priceNotices: [] })).toEqual([['2026-05-01', '2026-05-31', 2999, held]]);
    // A notice of another change is no notice of this one.
    expect(fees({ priceNotices: [{ priceChangeId: 'tv-up', notifiedOn: '2026-01-01' }] })).toEqual([['2026-05-01', '2026-05-31', 2999, held]]);
  });

  it('a price decrease needs no notice: it always applies from its date', () => {
    const mayDown = { ...mayUp, priceChanges: [{ ...mayUp.priceChanges[0]!, monthlyFee: 2799 }] };
    expect(fees({ priceNotices: [] }, mayDown)).toEqual([['2026-05-01', '2026-05-31', 2799, null]]);
  });

  it('one who takes the item after its date, or was told when taking it, pays the new price from its date', () => {
    const later = generateInvoice(mayUp, account({ subscription: [{ from: '2026-05-10', planId: 'premium', optionIds: [] }], priceNotices: [] }), may);
    expect(later.lines.map((l) => l.explanation.code === 'recurring-fee' && l.explanation.monthlyFee)).toEqual([3199]);
    const toldOnSigning = account({ subscription: [{ from: '2026-04-20', planId: 'premium', optionIds: [] }], ...told('2026-04-20') });
    expect(generateInvoice(mayUp, toldOnSigning, may).lines.map((l) => l.explanation.code === 'recurring-fee' && l.explanation.monthlyFee)).toEqual([3199]);
  });

  it('a customer who left the item and took it back after the change pays the new price', () => {
    const back = account({
      subscription: [
        { from: '2026-01-01', planId: 'premium', optionIds: [] },
        { from: '2026-04-20', planId: 'confort', optionIds: [] },
        { from: '2026-05-10', planId: 'premium', optionIds: [] },
      ],
      priceNotices: [],
    });
    expect(
      generateInvoice(mayUp, back, may).lines.flatMap((l) =>
        l.explanation.code === 'recurring-fee' ? [[l.explanation.item.id, l.explanation.monthlyFee]] : [],
      ),
    ).toEqual([
      ['confort', 1999],
      ['premium', 3199],
    ]);
  });

  it('without notices (an account that does not carry them), the catalog schedule as is', () => {
    expect(fees({})).toEqual([['2026-05-01', '2026-05-31', 3199, null]]);
  });
});

describe('the notices an account must be sent (noticesDue)', () => {
  it('each increase of an item held the day before it, with the day the item was taken; never a decrease', () => {
    const catalog = {
      ...CATALOG,
      priceChanges: [
        { id: 'premium-up', target: { kind: 'plan' as const, planId: 'premium' }, effectiveFrom: '2026-04-15', monthlyFee: 3199 },
        { id: 'tv-up', target: { kind: 'option' as const, optionId: 'tv' }, effectiveFrom: '2026-05-01', monthlyFee: 900 },
        { id: 'europe-down', target: { kind: 'option' as const, optionId: 'europe' }, effectiveFrom: '2026-05-01', monthlyFee: 400 },
      ],
    };
    const history = [
      { from: '2026-01-01', planId: 'premium', optionIds: ['europe'] },
      { from: '2026-03-10', planId: 'premium', optionIds: ['europe', 'tv'] },
    ];
    expect(noticesDue(catalog, history)).toEqual([
      { priceChangeId: 'premium-up', item: { kind: 'plan', id: 'premium' }, effectiveFrom: '2026-04-15', since: '2026-01-01' },
      { priceChangeId: 'tv-up', item: { kind: 'option', id: 'tv' }, effectiveFrom: '2026-05-01', since: '2026-03-10' },
    ]);
    // Taken on the day of the change: subscribed at the new price, nothing to tell.
    expect(noticesDue(catalog, [{ from: '2026-04-15', planId: 'premium', optionIds: [] }])).toEqual([]);
  });
});
