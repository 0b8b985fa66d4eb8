import { describe, expect, it } from 'vitest';
import { BillingError, cycleOf, generateInvoice, type AccountBillingContext, type Catalog } from '../../../src/core/billing/index';
import { account, CATALOG, refusal } from './fixtures';

const good = account({ subscription: [{ from: '2026-01-01', planId: 'basic', optionIds: [] }] });
const march = cycleOf('2026-03');
const refused = (acc: AccountBillingContext, catalog: Catalog = CATALOG) => refusal(() => generateInvoice(catalog, acc, march));

describe('bad input gets a typed refusal, never a wrong bill', () => {
  it('accepts the good input', () => {
    expect(refused(good)).toBeNull();
  });

  it('refuses dates that are not YYYY-MM-DD calendar days', () => {
    expect(refused({ ...good, subscription: [{ from: '2026-02-30', planId: 'basic', optionIds: [] }] })).toBe('invalid-date');
    expect(refused({ ...good, subscription: [{ from: '2026-3-01', planId: 'basic', optionIds: [] }] })).toBe('invalid-date');
    expect(refused({ ...good, payments: [{ id: 'p', date: '01/03/2026', amount: 1 }] })).toBe('invalid-date');
  });

  it('refuses a cycle that is not a calendar month', () => {
    expect(refusal(() => generateInvoice(CATALOG, good, { start: '2026-03-01', end: '2026-03-30' }))).toBe('invalid-cycle');
    expect(refusal(() => generateInvoice(CATALOG, good, { start: '2026-03-15', end: '2026-04-14' }))).toBe('invalid-cycle');
    expect(refusal(() => cycleOf('2026-13'))).toBe('invalid-date');
  });

  it('refuses amounts that are not integer minor units', () => {
    expect(refused({ ...good, payments: [{ id: 'p', date: '2026-03-02', amount: 10.5 }] })).toBe('invalid-amount');
    expect(refused(good, { ...CATALOG, plans: [{ ...CATALOG.plans[0]!, monthlyFee: 9.99 }] })).toBe('invalid-amount');
    expect(refused(good, { ...CATALOG, plans: [{ ...CATALOG.plans[0]!, monthlyFee: -1 }] })).toBe('invalid-amount');
  });

  it('refuses references to things the catalog does not have', () => {
    expect(refused({ ...good, subscription: [{ from: '2026-01-01', planId: 'gold', optionIds: [] }] })).toBe('unknown-plan');
    expect(refused({ ...good, subscription: [{ from: '2026-01-01', planId: 'basic', optionIds: ['golf'] }] })).toBe('unknown-option');
    expect(refused({ ...good, promotions: [{ promotionId: 'free', startDate: '2026-01-01' }] })).toBe('unknown-promotion');
    expect(refused({ ...good, oneOffCharges: [{ id: 'c', feeId: 'tip', date: '2026-03-01' }] })).toBe('unknown-fee');
  });

  it('refuses an account whose currency is not the catalog currency', () => {
    expect(refused({ ...good, currency: 'GBP' })).toBe('currency-mismatch');
  });

  it('refuses inconsistent records', () => {
    expect(refused({ ...good, paymentTermsDays: 45 })).toBe('invalid-input');
    expect(
      refused({
        ...good,
        payments: [
          { id: 'p', date: '2026-03-02', amount: 1 },
          { id: 'p', date: '2026-03-03', amount: 1 },
        ],
      }),
    ).toBe('invalid-input');
    expect(refused({ ...good, usage: [{ cycleStart: '2026-03-02', dataMb: 1, voiceMinutes: 0, sms: 0 }] })).toBe('invalid-input');
    expect(refused({ ...good, usage: [{ cycleStart: '2026-03-01', dataMb: -1, voiceMinutes: 0, sms: 0 }] })).toBe('invalid-input');
    expect(refused(good, { ...CATALOG, promotions: [{ ...CATALOG.promotions[0]!, discount: { kind: 'percent', basisPoints: 12_000 } }] })).toBe(
      'invalid-input',
    );
    expect(
      refused(good, { ...CATALOG, oneOffFees: [...CATALOG.oneOffFees, { id: 'late2', kind: 'late-payment', name: 'x', amount: 1, taxable: false }] }),
    ).toBe('invalid-input');
  });

  it('says what was wrong in data, with a message key for the UI', () => {
    try {
      generateInvoice(CATALOG, { ...good, subscription: [{ from: '2026-01-01', planId: 'gold', optionIds: [] }] }, march);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(BillingError);
      expect(e).toMatchObject({ code: 'unknown-plan', details: { planId: 'gold' }, messageKey: 'billing.error.unknown-plan' });
    }
  });
});
