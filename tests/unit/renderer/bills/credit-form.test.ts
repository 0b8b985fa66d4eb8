import { describe, expect, it } from 'vitest';
import type { PolicyReasonView } from '../../../../src/core/api';
import {
  amountToInput,
  buildRequest,
  conformToReason,
  EMPTY_FORM,
  parseAmountField,
  parsePercentField,
  parseWholeField,
  percentToInput,
  requestKey,
} from '../../../../src/renderer/src/features/discount/credit-form';

const limits = { perActionMax: 2500, perActionMaxPercentOfInvoice: 5000, perDayMax: 20000 };
const goodwill: PolicyReasonView = {
  reason: 'goodwill',
  label: 'Goodwill gesture',
  kinds: { one_off_credit: { targets: ['invoice', 'account'] }, recurring_discount: { forms: ['amount', 'percent'], maxCycles: 6, maxPercentBp: 2000 } },
  needs: null,
  limits,
};
const billingError: PolicyReasonView = {
  reason: 'billing_error',
  label: 'Billing error',
  kinds: { one_off_credit: { targets: ['invoice'] } },
  needs: 'disputedAmount',
  limits,
};
const lateFee: PolicyReasonView = {
  reason: 'late_fee_waiver',
  label: 'Late-fee waiver',
  kinds: { fee_waiver: { fees: ['late_fee'] } },
  needs: 'lateFee',
  limits,
};

describe('amounts typed the agent’s way', () => {
  it.each([
    ['12,40', 1240],
    ['12.4', 1240],
    ['12', 1200],
    [' 12,40 € ', 1240],
    ['€12.40', 1240],
    ['0,01', 1],
    ['1\u202f000,00', 100000],
  ])('%j → %d minor units', (text, minor) => {
    expect(parseAmountField(text, 'EUR')).toEqual({ value: minor });
  });

  it('is "not finished" when empty, not an error', () => {
    expect(parseAmountField('', 'EUR')).toEqual({ empty: true });
    expect(parseAmountField('   ', 'EUR')).toEqual({ empty: true });
  });

  it.each([
    ['abc', 'notAmount'],
    ['12,,4', 'notAmount'],
    ['1.234,5', 'notAmount'],
    ['12,345', 'tooManyDecimals'],
    ['0', 'notPositive'],
    ['0,00', 'notPositive'],
    ['-5', 'notPositive'],
    ['1000001', 'tooLarge'],
  ])('%j is refused: %s', (text, problem) => {
    expect(parseAmountField(text, 'EUR')).toEqual({ problem });
  });

  it('writes an amount back as the agent types it (for "use max")', () => {
    expect(amountToInput(1240, 'EUR', 'fr')).toBe('12,40');
    expect(amountToInput(1240, 'EUR', 'en')).toBe('12.40');
    expect(amountToInput(5, 'EUR', 'fr')).toBe('0,05');
    // Round trip.
    for (const minor of [1, 99, 100, 1234, 250000]) {
      for (const locale of ['fr', 'en'] as const) expect(parseAmountField(amountToInput(minor, 'EUR', locale), 'EUR')).toEqual({ value: minor });
    }
  });
});

describe('percentages and counts', () => {
  it.each([
    ['10', 1000],
    ['12,5', 1250],
    ['12.50 %', 1250],
    ['100', 10000],
    ['0,01', 1],
  ])('%j → %d basis points', (text, bp) => {
    expect(parsePercentField(text)).toEqual({ value: bp });
  });

  it.each([
    ['0', 'notPositive'],
    ['101', 'outOfRange'],
    ['12,345', 'tooManyDecimals'],
    ['ten', 'notPercent'],
  ])('%j is refused: %s', (text, problem) => {
    expect(parsePercentField(text)).toEqual({ problem });
  });

  it('round-trips basis points', () => {
    expect(percentToInput(1250, 'fr')).toBe('12,5');
    expect(percentToInput(1000, 'en')).toBe('10');
    expect(parsePercentField(percentToInput(1205, 'fr'))).toEqual({ value: 1205 });
  });

  it('reads whole numbers within bounds', () => {
    expect(parseWholeField('3', 1, 6)).toEqual({ value: 3 });
    expect(parseWholeField('7', 1, 6)).toEqual({ problem: 'outOfRange' });
    expect(parseWholeField('2,5', 1, 6)).toEqual({ problem: 'notWhole' });
  });
});

describe('the request the form describes', () => {
  it('is incomplete (no error shown) until a reason and an amount are given', () => {
    const r = buildRequest(EMPTY_FORM, 'EUR');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems).toEqual({});
      expect(r.incomplete).toEqual(expect.arrayContaining(['reason', 'amount']));
    }
  });

  it('builds a one-off credit on the latest invoice (no invoiceId) or on a chosen one', () => {
    const values = { ...EMPTY_FORM, reason: 'goodwill' as const, amount: '12,40' };
    expect(buildRequest(values, 'EUR', goodwill)).toEqual({
      ok: true,
      request: { kind: 'one_off_credit', reason: 'goodwill', target: 'invoice', amount: 1240 },
    });
    const id = '0190c3a0-0000-7000-8000-000000000001';
    const onInvoice = buildRequest({ ...values, invoiceId: id }, 'EUR', goodwill);
    expect(onInvoice.ok && onInvoice.request).toMatchObject({ invoiceId: id });
    const onAccount = buildRequest({ ...values, target: 'account', invoiceId: id }, 'EUR', goodwill);
    expect(onAccount.ok && onAccount.request).toEqual({ kind: 'one_off_credit', reason: 'goodwill', target: 'account', amount: 1240 });
  });

  it('builds recurring discounts by amount or percentage, within the reason’s maximum number of bills', () => {
    const base = { ...EMPTY_FORM, reason: 'goodwill' as const, kind: 'recurring_discount' as const };
    expect(buildRequest({ ...base, amount: '5', cycles: '3' }, 'EUR', goodwill)).toEqual({
      ok: true,
      request: { kind: 'recurring_discount', reason: 'goodwill', form: 'amount', amountPerCycle: 500, cycles: 3 },
    });
    expect(buildRequest({ ...base, form: 'percent', percent: '10', cycles: '2' }, 'EUR', goodwill)).toEqual({
      ok: true,
      request: { kind: 'recurring_discount', reason: 'goodwill', form: 'percent', percentBp: 1000, cycles: 2 },
    });
    const tooMany = buildRequest({ ...base, amount: '5', cycles: '7' }, 'EUR', goodwill);
    expect(tooMany.ok === false && tooMany.problems.cycles).toBe('outOfRange');
  });

  it('asks for the justification the reason needs', () => {
    const values = { ...EMPTY_FORM, reason: 'billing_error' as const, amount: '10' };
    const missing = buildRequest(values, 'EUR', billingError);
    expect(missing.ok === false && missing.incomplete).toEqual(['disputedAmount']);
    expect(buildRequest({ ...values, disputedAmount: '15,00' }, 'EUR', billingError)).toEqual({
      ok: true,
      request: { kind: 'one_off_credit', reason: 'billing_error', target: 'invoice', amount: 1000, disputedAmount: 1500 },
    });
  });

  it('reports a wrongly typed amount as a problem of that field', () => {
    const r = buildRequest({ ...EMPTY_FORM, reason: 'goodwill', amount: '12,345' }, 'EUR', goodwill);
    expect(r.ok === false && r.problems).toEqual({ amount: 'tooManyDecimals' });
  });

  it('switches to a kind, target or form the reason allows', () => {
    const v = conformToReason({ ...EMPTY_FORM, reason: 'late_fee_waiver', kind: 'one_off_credit' }, lateFee);
    expect(v.kind).toBe('fee_waiver');
    const w = conformToReason({ ...EMPTY_FORM, reason: 'billing_error', target: 'account' }, billingError);
    expect(w.target).toBe('invoice');
    const same = { ...EMPTY_FORM, reason: 'goodwill' as const };
    expect(conformToReason(same, goodwill)).toBe(same);
  });

  it('gives equal requests the same key whatever the property order', () => {
    expect(requestKey({ kind: 'fee_waiver', reason: 'late_fee_waiver', fee: 'late_fee', amount: 500 })).toBe(
      requestKey({ amount: 500, fee: 'late_fee', reason: 'late_fee_waiver', kind: 'fee_waiver' }),
    );
  });
});
