import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { id as idSchema } from '../../../src/core/api/method';
import { UuidV7Generator, uuidv7 } from '../../../src/main/store/ids';

const timestampOf = (id: string) => parseInt(id.replace(/-/g, '').slice(0, 12), 16);

describe('UUIDv7 ids are monotonic within the process', () => {
  it('many ids in the same millisecond sort in the order they were made', () => {
    const g = new UuidV7Generator();
    const ids = Array.from({ length: 50_000 }, () => g.next(1_790_000_000_000));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids.slice(0, 100)) expect(idSchema.safeParse(id).success).toBe(true);
  });

  it('a clock stepped back, or an earlier event time, never makes a smaller id', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1_700_000_000_000, max: 1_900_000_000_000 }), { minLength: 2, maxLength: 200 }), (times) => {
        const g = new UuidV7Generator();
        const ids = times.map((t) => g.next(t));
        for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
        // The timestamp is the time asked for, or the latest one already used.
        let max = 0;
        times.forEach((t, i) => {
          max = Math.max(max, t);
          expect(timestampOf(ids[i]!)).toBe(max);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('keeps version 7 and the RFC variant, with the timestamp in the first 48 bits', () => {
    const id = uuidv7(Date.UTC(2027, 2, 15, 10));
    expect(id[14]).toBe('7');
    expect('89ab').toContain(id[19]);
    expect(timestampOf(id)).toBeGreaterThanOrEqual(Date.UTC(2027, 2, 15, 10));
  });

  it('two generators (two desks) do not collide', () => {
    const a = new UuidV7Generator();
    const b = new UuidV7Generator();
    const ids = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      ids.add(a.next(1_790_000_000_000));
      ids.add(b.next(1_790_000_000_000));
    }
    expect(ids.size).toBe(20_000);
  });

  it('draws its random bytes from the CSPRNG in pools, and stays unique across many refills', () => {
    const calls: number[] = [];
    let next = 0;
    // A counting "random": records how often the CSPRNG is asked, and for how much.
    const g = new UuidV7Generator((n) => {
      calls.push(n);
      return Buffer.from(Array.from({ length: n }, () => next++ & 0xff));
    });
    const ids = Array.from({ length: 5_000 }, (_, i) => g.next(1_790_000_000_000 + i));
    expect(new Set(ids).size).toBe(ids.length);
    // 5,000 ids × (4 tail + 6 seed) bytes in 4 KB pools: a dozen calls, not 10,000.
    expect(calls.length).toBeLessThan(20);
    expect(calls.every((n) => n === 4096)).toBe(true);
  });
});
