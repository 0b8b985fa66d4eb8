import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { divRound, formatMoney, mulDiv, parseAmount, percentOf } from '../../../src/core/money';

describe('the one rounding rule: once, to the nearest minor unit, halves away from zero', () => {
  it.each([
    [2999, 20, 31, 1935], // 1934.8387 → 1935
    [1000, 1, 8, 125], // 125 exactly
    [5, 1, 2, 3], // 2.5 → 3
    [-5, 1, 2, -3], // -2.5 → -3
    [1, 1, 3, 0],
    [2, 1, 3, 1],
  ])('mulDiv(%i, %i, %i) = %i', (a, n, d, r) => expect(mulDiv(a, n, d)).toBe(r));

  it('percentOf uses basis points: 20% VAT on €19.35', () => {
    expect(percentOf(1935, 2000)).toBe(387); // 387.0
    expect(percentOf(1999, 2000)).toBe(400); // 399.8 → 400
  });

  it('is exact where floats are not, including beyond 2^53 intermediate products', () => {
    expect(mulDiv(9_007_199_254_740, 1000, 3)).toBe(3_002_399_751_580_000);
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 1, max: 1e6 }), (a, n, d) => {
        const exact = (BigInt(a) * BigInt(n) * 2n + (a < 0 ? -1n : 1n) * BigInt(d)) / (2n * BigInt(d));
        expect(mulDiv(a, n, d)).toBe(Number(exact));
      }),
      { numRuns: 10_000 },
    );
  });

  it('divRound is symmetric around zero', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 1, max: 1e6 }), (n, d) => {
        expect(divRound(-n, d)).toBe(-divRound(n, d) || 0);
      }),
      { numRuns: 10_000 },
    );
  });
});

describe('amounts as agents type them and read them out', () => {
  it.each([
    ['12,40', 1240],
    ['12.4', 1240],
    ['€ 12.40', 1240],
    ['12', 1200],
    ['0,05', 5],
    ['12.345', null],
    ['abc', null],
    ['', null],
  ])('parseAmount(%j) = %j', (text, expected) => expect(parseAmount(text, 'EUR')).toBe(expected));

  it('formats by locale', () => {
    expect(formatMoney(1935, 'EUR', 'en')).toBe('€19.35');
    expect(formatMoney(1935, 'EUR', 'fr').replace(/\s/g, ' ')).toBe('19,35 €');
    expect(formatMoney(1240, 'EUR', 'en', { signed: true })).toBe('+€12.40');
  });
});
