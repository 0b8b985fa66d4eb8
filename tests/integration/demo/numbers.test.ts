/** The tricks that keep a million customers unique without remembering them. */
import fc from 'fast-check';
import { isValidPhoneNumber } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { PhoneBook } from '../../../src/main/demo/phones';
import { Rng, Scramble } from '../../../src/main/demo/random';
import { SeededIds } from '../../../src/main/demo/uuid';
import { seededUuidv7 } from '../../../src/main/store/ids';

describe('demo ids', () => {
  it('are exactly store/ids seededUuidv7 for the same timestamp and random words', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 47 }), fc.array(fc.integer({ min: 0, max: 0xffffffff }), { minLength: 3, maxLength: 3 }), (ts, words) => {
        const a = [...words];
        const b = [...words];
        expect(new SeededIds().at(ts).next(() => a.shift()!)).toBe(seededUuidv7(ts, () => b.shift()!));
      }),
    );
  });

  it('are UUIDv7-shaped', () => {
    const rng = Rng.stream(1, 2);
    const id = new SeededIds().at(Date.UTC(2025, 8, 1)).next(rng.next32);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('Scramble', () => {
  it('is a bijection of [0, size)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer(), fc.nat(50), (size, seed, purpose) => {
        const s = new Scramble(size, seed, purpose);
        const seen = new Set<number>();
        for (let i = 0; i < size; i++) seen.add(s.at(i));
        expect(seen.size).toBe(size);
        expect(Math.min(...seen)).toBe(0);
        expect(Math.max(...seen)).toBe(size - 1);
      }),
      { numRuns: 40 },
    );
  });

  it('stays exact at phone-block sizes', () => {
    const s = new Scramble(300_000_000, 42, 21);
    const seen = new Set<number>();
    for (let i = 0; i < 200_000; i++) seen.add(s.at(i * 1499));
    expect(seen.size).toBe(200_000);
    for (const n of seen) expect(Number.isSafeInteger(n) && n >= 0 && n < 300_000_000).toBe(true);
  });
});

describe('PhoneBook', () => {
  it('hands out distinct valid numbers in every block', () => {
    const book = new PhoneBook(42);
    const seen = new Set<string>();
    for (let i = 0; i < 30_000; i++) {
      for (const n of [book.mobile(i, '06'), book.mobile(i, '07'), book.mobile(i, 'uk'), book.landline(i, ((i % 5) + 1) as 1 | 2 | 3 | 4 | 5)]) {
        expect(seen.has(n)).toBe(false);
        seen.add(n);
      }
    }
    let checked = 0;
    for (const n of seen) if (checked++ % 97 === 0) expect(isValidPhoneNumber(n), n).toBe(true);
  });
});
