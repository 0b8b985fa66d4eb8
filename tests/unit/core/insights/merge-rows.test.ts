/**
 * Risk sets counted over disjoint parts of the customers add up to the risk sets of all of them,
 * in the order SQLite's GROUP BY gives (NULL, numbers, text).
 */
import { describe, expect, it } from 'vitest';
import { mergeRiskRows, sumRiskRows } from '../../../../src/core/insights';

type Row = { agent: string | null; time: number; status: number; n: number };
const KEYS = ['agent', 'time', 'status'] as const;

describe('mergeRiskRows', () => {
  it('sums the counts of equal keys across parts and keeps distinct keys apart', () => {
    const a: Row[] = [
      { agent: 'x', time: 3, status: 1, n: 2 },
      { agent: 'x', time: 3, status: 0, n: 5 },
    ];
    const b: Row[] = [
      { agent: 'x', time: 3, status: 1, n: 4 },
      { agent: 'y', time: 3, status: 1, n: 1 },
    ];
    expect(mergeRiskRows([a, b], KEYS)).toEqual([
      { agent: 'x', time: 3, status: 0, n: 5 },
      { agent: 'x', time: 3, status: 1, n: 6 },
      { agent: 'y', time: 3, status: 1, n: 1 },
    ]);
  });

  it('orders as SQLite groups: NULL first, numbers by value (not as text), text by code unit', () => {
    const rows: Row[] = [
      { agent: 'b', time: 10, status: 0, n: 1 },
      { agent: 'B', time: 10, status: 0, n: 1 },
      { agent: null, time: 10, status: 0, n: 1 },
      { agent: 'b', time: 9, status: 0, n: 1 },
    ];
    expect(mergeRiskRows([rows, []], KEYS).map((r) => `${r.agent}:${r.time}`)).toEqual(['null:10', 'B:10', 'b:9', 'b:10']);
  });

  it('treats a null key and the text "null" as different groups', () => {
    const merged = mergeRiskRows<Row>([[{ agent: null, time: 1, status: 0, n: 1 }], [{ agent: 'null', time: 1, status: 0, n: 2 }]], KEYS);
    expect(merged).toHaveLength(2);
  });

  it('leaves the parts as they were', () => {
    const a: Row[] = [{ agent: 'x', time: 1, status: 1, n: 2 }];
    const b: Row[] = [{ agent: 'x', time: 1, status: 1, n: 3 }];
    mergeRiskRows([a, b], KEYS);
    expect(a[0]!.n).toBe(2);
    expect(b[0]!.n).toBe(3);
  });

  it('summed over a column left out (rows counted by agent, picked and summed back), gives the rows of a count without it, keys first then n, in key order', () => {
    const byAgent: Row[] = [
      { agent: 'a', time: 10, status: 1, n: 2 },
      { agent: 'b', time: 3, status: 0, n: 1 },
      { agent: 'a', time: 3, status: 0, n: 4 },
      { agent: null, time: 10, status: 1, n: 5 },
    ];
    const summed = sumRiskRows(byAgent, ['time', 'status'] as const);
    expect(summed).toEqual([
      { time: 3, status: 0, n: 5 },
      { time: 10, status: 1, n: 7 },
    ]);
    expect(Object.keys(summed[0]!)).toEqual(['time', 'status', 'n']);
    expect(
      sumRiskRows(
        byAgent.filter((r) => r.agent === 'a'),
        ['time', 'status'] as const,
      ),
    ).toEqual([
      { time: 3, status: 0, n: 4 },
      { time: 10, status: 1, n: 2 },
    ]);
    expect(byAgent[2]!.n).toBe(4);
  });
});
