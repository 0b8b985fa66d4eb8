import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { constantTimeEqual } from '../../../src/core/verification';

describe('constant-time comparison', () => {
  it.each([
    ['', '', true],
    ['1234', '1234', true],
    ['1234', '1235', false],
    ['1234', '123', false],
    ['123', '1234', false],
    ['a', 'a\u0000', false], // padding must not make these equal
    ['\u0000', '', false],
    ['', 'x', false],
    ['1985-03-12', '1985-03-21', false],
    ['é', 'e\u0301', false], // different code units; normalising is the normaliser's job
    ['👍', '👍', true],
  ])('%j vs %j → %s', (a, b, equal) => expect(constantTimeEqual(a, b)).toBe(equal));

  it('agrees with === on any two strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        expect(constantTimeEqual(a, b)).toBe(a === b);
      }),
      { numRuns: 5000 },
    );
  });

  it('agrees with === on near misses: equal strings, and one code unit changed, added or removed', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1 }), fc.nat(), fc.integer({ min: 0, max: 0xffff }), (s, at, unit) => {
        const i = at % s.length;
        const changed = s.slice(0, i) + String.fromCharCode(unit) + s.slice(i + 1);
        const longer = s + String.fromCharCode(unit);
        const shorter = s.slice(0, -1);
        expect(constantTimeEqual(s, s.slice())).toBe(true);
        expect(constantTimeEqual(s, changed)).toBe(s === changed);
        expect(constantTimeEqual(s, longer)).toBe(false);
        expect(constantTimeEqual(shorter, s)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});
