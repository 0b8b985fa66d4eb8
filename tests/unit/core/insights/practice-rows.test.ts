/**
 * The desk counts the practices' risk sets packed into one integer per group (core/insights
 * PackedPracticeRow); unpacked, every field is back, days followed included when negative (a
 * call dated after today) or past 2¹⁵.
 */
import { describe, expect, it } from 'vitest';
import { StatsInputError } from '../../../../src/core/stats';

/** 'YYYY-MM-DD' of a day number. */
const dateOf = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);
import {
  callTable,
  practiceRiskRows,
  practiceRowsOf,
  sumRiskRows,
  unpackPracticeRow,
  type FollowedCall,
  type PracticeRiskRow,
} from '../../../../src/core/insights';

/** The packing of store/practices.ts, written in JS. */
function pack(r: PracticeRiskRow): number {
  const reachCode = { 0: 0, 30: 1, 90: 2, 180: 3 }[r.reach as 0 | 30 | 90 | 180];
  const low = r.mask | (r.highRisk << 8) | (r.newCustomer << 9) | (r.billShock << 10) | (r.notGood << 11) | (r.status << 12) | (reachCode << 13);
  return r.time * 32768 + low;
}

describe('a packed practices row', () => {
  it('unpacks to every field it was packed from', () => {
    const rows: PracticeRiskRow[] = [];
    for (const time of [0, 1, 29, 30, 364, 730, 40_000, -1, -3])
      for (const reach of [0, 30, 90, 180])
        for (const mask of [0, 1, 128, 255])
          for (const flags of [0, 5, 10, 15, 31])
            rows.push({
              agentId: 'u-1',
              disposition: flags % 2 ? null : 'resolved',
              mask,
              highRisk: flags & 1,
              newCustomer: (flags >> 1) & 1,
              billShock: (flags >> 2) & 1,
              notGood: (flags >> 3) & 1,
              status: ((flags >> 4) & 1) as 0 | 1,
              reach,
              time,
              n: 7,
            });
    for (const r of rows) expect(unpackPracticeRow({ agentId: r.agentId, disposition: r.disposition, k: pack(r), n: r.n })).toEqual(r);
  });
});

describe('a period’s rows from every call (practiceRowsOf)', () => {
  function seeded(seed: number): () => number {
    let s = seed >>> 0;
    return () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s / 2 ** 32;
    };
  }
  interface Customer {
    calls: Array<{ day: number; agentId: string; disposition: string | null; segment: number }>;
    cancellations: number[];
  }
  const TODAY = 20_000;
  function customers(seed: number, size: number): Customer[] {
    const rnd = seeded(seed);
    return Array.from({ length: size }, () => {
      let day = TODAY - 800 + Math.floor(rnd() * 700);
      const calls = Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => {
        // Same-day calls and calls after today (a clock ahead) are in the data too.
        day += Math.floor(rnd() * 120) * (rnd() < 0.2 ? 0 : 1);
        return {
          day,
          agentId: ['u-b', 'u-a', 'u-c'][Math.floor(rnd() * 3)]!,
          disposition: rnd() < 0.2 ? null : ['resolved', 'callback'][Math.floor(rnd() * 2)]!,
          segment: Math.floor(rnd() * 4096),
        };
      });
      const cancellations = rnd() < 0.4 ? [TODAY - 900 + Math.floor(rnd() * 950)] : [];
      if (rnd() < 0.1) cancellations.push(cancellations[0] !== undefined ? cancellations[0] + 40 : TODAY - 10);
      return { calls, cancellations };
    });
  }
  /** What the store gives: each call with the day of the one before and the first cancellation on or after it, up to today. */
  const followed = (cs: Customer[]): FollowedCall[] =>
    cs.flatMap((c) =>
      c.calls.map((call, i) => {
        const after = c.cancellations.filter((d) => d >= call.day && d <= TODAY);
        return { ...call, previousDay: i === 0 ? null : c.calls[i - 1]!.day, cancelledDay: after.length ? Math.min(...after) : null };
      }),
    );
  /** The definition, customer by customer: the first call in the period, followed to the first cancellation on or after it. */
  function reference(cs: Customer[], from: number, to: number): PracticeRiskRow[] {
    const rows: PracticeRiskRow[] = [];
    for (const c of cs) {
      const first = c.calls.find((call) => call.day >= from && call.day <= to);
      if (!first) continue;
      const after = c.cancellations.filter((d) => d >= first.day && d <= TODAY);
      const end = after.length ? Math.min(...after) : TODAY;
      const followedDays = TODAY - first.day;
      rows.push({
        agentId: first.agentId,
        disposition: first.disposition,
        mask: first.segment & 255,
        highRisk: (first.segment >> 8) & 1,
        newCustomer: (first.segment >> 9) & 1,
        billShock: (first.segment >> 10) & 1,
        notGood: (first.segment >> 11) & 1,
        reach: followedDays >= 180 ? 180 : followedDays >= 90 ? 90 : followedDays >= 30 ? 30 : 0,
        time: end - first.day,
        status: after.length ? 1 : 0,
        n: 1,
      });
    }
    return sumRiskRows(rows, PRACTICE_ROW_ORDER);
  }
  const PRACTICE_ROW_ORDER = ['agentId', 'disposition', 'time', 'reach', 'status', 'notGood', 'billShock', 'newCustomer', 'highRisk', 'mask'] as const;

  it('are, for any period, the rows of each customer’s first call in it, in the store’s order', () => {
    const cs = customers(3, 2000);
    const calls = followed(cs);
    // Shuffled: the parts of the store come in any order.
    const shuffled = [...calls].sort((a, b) => ((a.day * 7919 + a.segment) % 101) - ((b.day * 7919 + b.segment) % 101));
    for (const [from, to] of [
      [TODAY - 364, TODAY],
      [TODAY - 30, TODAY],
      [TODAY - 800, TODAY + 200],
      [TODAY - 200, TODAY - 199],
      [TODAY + 1, TODAY + 400],
      [TODAY - 10, TODAY - 20],
    ] as const) {
      const rows = practiceRowsOf(callTable(shuffled), { from, to, today: TODAY }).map(unpackPracticeRow);
      expect(rows, `${from}..${to}`).toEqual(reference(cs, from, to));
      // The service's way (dates in, unpacked rows out, no packed rows in between) gives the same rows.
      expect(practiceRiskRows(callTable(shuffled), { from: dateOf(from), to: dateOf(to), today: dateOf(TODAY) })).toEqual(rows);
    }
  });

  it('a period that is not whole days (a malformed date read as NaN) is refused, not read as every call', () => {
    const calls = callTable([{ agentId: 'u-a', disposition: null, day: TODAY - 5, previousDay: null, cancelledDay: null, segment: 0 }]);
    expect(() => practiceRowsOf(calls, { from: Number.NaN, to: TODAY, today: TODAY })).toThrow(StatsInputError);
    expect(() => practiceRowsOf(calls, { from: TODAY - 10, to: TODAY, today: 1.5 })).toThrow(StatsInputError);
  });

  it('a call on the first day of the period right after one the same day is not the first of the period', () => {
    const calls: FollowedCall[] = [
      { agentId: 'u-a', disposition: 'resolved', day: TODAY - 40, previousDay: null, cancelledDay: null, segment: 1 },
      { agentId: 'u-b', disposition: 'resolved', day: TODAY - 40, previousDay: TODAY - 40, cancelledDay: null, segment: 2 },
    ];
    const rows = practiceRowsOf(callTable(calls), { from: TODAY - 40, to: TODAY, today: TODAY }).map(unpackPracticeRow);
    expect(rows.map((r) => [r.agentId, r.mask, r.n])).toEqual([['u-a', 1, 1]]);
    expect(practiceRowsOf(callTable(calls), { from: TODAY - 39, to: TODAY, today: TODAY })).toEqual([]);
  });
});
