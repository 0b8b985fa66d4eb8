/**
 * The experiments' rows counted by agent and day (core/insights/experiment-rows.ts): a packed key
 * stands for exactly one risk-set row and keys sort as the rows do; a pick by agent, period or desk
 * adds up to the rows a count restricted to those enrolments gives; revenue likewise, exactly.
 */
import { describe, expect, it } from 'vitest';
import {
  ALL_ENROLMENTS,
  EXPERIMENT_ROW_KEYS,
  experimentRowsOf,
  experimentTable,
  pickExperimentRows,
  pickRevenueRows,
  revenueRowsOf,
  revenueTable,
  sumRiskRows,
  unpackExperimentKey,
  type DayRevenueRow,
  type EnrolmentPick,
  type PackedExperimentRow,
  type RiskSetRow,
} from '../../../../src/core/insights';
import { StatsInputError } from '../../../../src/core/stats';

// The store's packing (main/store/experiment-risk-sets.ts), written out again to check against.
function pack(r: Omit<RiskSetRow, 'n'>): number {
  const reach = [0, 30, 90, 180].indexOf(r.reach);
  return (
    ((((((((r.arm === 'offer' ? 1 : 0) * 2 + r.highRisk) * 2 + r.newCustomer) * 2 + r.billShock) * 2 + r.notGood) * 2 + r.offered) * 4 + reach) * 65536 +
      r.time) *
      2 +
    r.status
  );
}

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function randomRow(rnd: () => number): Omit<RiskSetRow, 'n'> {
  const bit = () => (rnd() < 0.5 ? 1 : 0);
  return {
    arm: rnd() < 0.5 ? 'offer' : 'holdout',
    highRisk: bit(),
    newCustomer: bit(),
    billShock: bit(),
    notGood: bit(),
    offered: bit(),
    reach: [0, 30, 90, 180][Math.floor(rnd() * 4)]!,
    time: rnd() < 0.05 ? 65_535 : Math.floor(rnd() * 800),
    status: bit() as 0 | 1,
  };
}

const AGENTS = ['agent-a', 'agent-b', null] as const;
const DAYS = ['2026-01-31', '2026-02-01', '2026-02-15', '2026-03-01', '2026-11-30'];

function counted(seed: number, size: number): PackedExperimentRow[] {
  const rnd = seeded(seed);
  return Array.from({ length: size }, () => ({
    agentId: AGENTS[Math.floor(rnd() * AGENTS.length)]!,
    day: DAYS[Math.floor(rnd() * DAYS.length)]!,
    k: pack(randomRow(rnd)),
    n: 1 + Math.floor(rnd() * 5),
  }));
}

describe('packed experiment keys', () => {
  it('unpack to the row they were packed from, at every edge of every field', () => {
    const rnd = seeded(7);
    for (let i = 0; i < 5000; i++) {
      const row = randomRow(rnd);
      expect(unpackExperimentKey(pack(row), 3)).toEqual({ ...row, n: 3 });
    }
    const extreme = { arm: 'offer', highRisk: 1, newCustomer: 1, billShock: 1, notGood: 1, offered: 1, reach: 180, time: 65_535, status: 1 } as const;
    expect(unpackExperimentKey(pack(extreme), 1)).toEqual({ ...extreme, n: 1 });
    const zero = { arm: 'holdout', highRisk: 0, newCustomer: 0, billShock: 0, notGood: 0, offered: 0, reach: 0, time: 0, status: 0 } as const;
    expect(pack(zero)).toBe(0);
    expect(unpackExperimentKey(0, 1)).toEqual({ ...zero, n: 1 });
  });

  it('sort in numeric order as the rows sort by EXPERIMENT_ROW_KEYS (the GROUP BY order of a count in SQL)', () => {
    const rows = counted(11, 3000);
    const picked = experimentRowsOf(rows, ALL_ENROLMENTS);
    const byKeys = sumRiskRows(
      rows.map((r) => unpackExperimentKey(r.k, r.n)),
      EXPERIMENT_ROW_KEYS,
    );
    expect(picked).toEqual(byKeys);
  });
});

describe('a pick over rows counted by agent and day', () => {
  const rows = counted(5, 4000);
  const restricted = (keep: (r: PackedExperimentRow) => boolean) =>
    sumRiskRows(
      rows.filter(keep).map((r) => unpackExperimentKey(r.k, r.n)),
      EXPERIMENT_ROW_KEYS,
    );

  it('by agent, period (inclusive) or both: the rows of a count restricted to them', () => {
    expect(experimentRowsOf(rows, { ...ALL_ENROLMENTS, agentId: 'agent-a' })).toEqual(restricted((r) => r.agentId === 'agent-a'));
    expect(experimentRowsOf(rows, { ...ALL_ENROLMENTS, from: '2026-02-01', to: '2026-03-01' })).toEqual(
      restricted((r) => r.day >= '2026-02-01' && r.day <= '2026-03-01'),
    );
    expect(experimentRowsOf(rows, { from: '2026-02-15', to: null, agentId: 'agent-b', anyDesk: 1 })).toEqual(
      restricted((r) => r.agentId === 'agent-b' && r.day >= '2026-02-15'),
    );
    // Enrolments without an agent count only when no agent is picked.
    const all = experimentRowsOf(rows, ALL_ENROLMENTS).reduce((s, r) => s + r.n, 0);
    const byAgent = ['agent-a', 'agent-b'].map((agentId) => experimentRowsOf(rows, { ...ALL_ENROLMENTS, agentId }).reduce((s, r) => s + r.n, 0));
    const noAgent = rows.filter((r) => r.agentId === null).reduce((s, r) => s + r.n, 0);
    expect(byAgent[0]! + byAgent[1]! + noAgent).toBe(all);
  });

  it('one table kept for every pick gives, pick after pick, the rows of a count restricted to it', () => {
    const table = experimentTable(rows);
    const picks = [
      ALL_ENROLMENTS,
      { ...ALL_ENROLMENTS, agentId: 'agent-b' },
      { ...ALL_ENROLMENTS, from: '2026-01-31', to: '2026-01-31' },
      { from: '2026-02-02', to: '2026-04-30', agentId: 'agent-a', anyDesk: 1 as const },
      { ...ALL_ENROLMENTS, to: '2026-02-14' },
    ];
    for (const pick of picks)
      expect(pickExperimentRows(table, pick), JSON.stringify(pick)).toEqual(
        restricted(
          (r) => (pick.agentId === null || r.agentId === pick.agentId) && (pick.from === null || r.day >= pick.from) && (pick.to === null || r.day <= pick.to),
        ),
      );
  });

  it('a bound that is not a calendar day is refused; a row whose day is not one (edited behind the app) counts only when no period is picked', () => {
    expect(() => experimentRowsOf(rows, { ...ALL_ENROLMENTS, from: '2026-02-30' })).toThrow(StatsInputError);
    expect(() => experimentRowsOf(rows, { ...ALL_ENROLMENTS, to: 'soon' })).toThrow(StatsInputError);
    const edited: PackedExperimentRow[] = [...rows.slice(0, 50), { ...rows[50]!, day: '2026-1-05' }];
    const n = (pick: EnrolmentPick) => experimentRowsOf(edited, pick).reduce((s, r) => s + r.n, 0);
    expect(n(ALL_ENROLMENTS)).toBe(edited.reduce((s, r) => s + r.n, 0));
    expect(n({ ...ALL_ENROLMENTS, from: '2020-01-01' })).toBe(rows.slice(0, 50).reduce((s, r) => s + r.n, 0));
    // A period with only an end is a period too.
    expect(n({ ...ALL_ENROLMENTS, to: '2030-01-01' })).toBe(rows.slice(0, 50).reduce((s, r) => s + r.n, 0));
  });

  it('an unknown agent, an empty period or another desk: no rows', () => {
    expect(experimentRowsOf(rows, { ...ALL_ENROLMENTS, agentId: 'nobody' })).toEqual([]);
    expect(experimentRowsOf(rows, { ...ALL_ENROLMENTS, from: '2026-12-01' })).toEqual([]);
    expect(experimentRowsOf(rows, { ...ALL_ENROLMENTS, anyDesk: 0 })).toEqual([]);
  });

  it('revenue: exact sums per arm of the enrolments picked, Σ net² past 2^53 included', () => {
    const big = 3_000_000_000; // net² = 9e18 > 2^53
    const revenue: DayRevenueRow[] = [
      { arm: 'offer', agentId: 'agent-a', day: '2026-02-01', n: 1, paid: big, cost: 0, net: big, netSquares: (BigInt(big) * BigInt(big)).toString() },
      { arm: 'offer', agentId: 'agent-a', day: '2026-02-01', n: 2, paid: 10, cost: 4, net: 6, netSquares: '20' },
      { arm: 'offer', agentId: 'agent-b', day: '2026-03-01', n: 1, paid: 5, cost: 0, net: 5, netSquares: '25' },
      { arm: 'holdout', agentId: null, day: '2026-02-15', n: 3, paid: 30, cost: 0, net: 30, netSquares: '300' },
    ];
    expect(revenueRowsOf(revenue, ALL_ENROLMENTS)).toEqual([
      { arm: 'holdout', n: 3, paid: 30, cost: 0, net: 30, netSquares: '300' },
      { arm: 'offer', n: 4, paid: big + 15, cost: 4, net: big + 11, netSquares: (BigInt(big) * BigInt(big) + 45n).toString() },
    ]);
    expect(revenueRowsOf(revenue, { ...ALL_ENROLMENTS, agentId: 'agent-a' })).toEqual([
      { arm: 'offer', n: 3, paid: big + 10, cost: 4, net: big + 6, netSquares: (BigInt(big) * BigInt(big) + 20n).toString() },
    ]);
    expect(revenueRowsOf(revenue, { ...ALL_ENROLMENTS, from: '2026-02-02', to: '2026-03-01' })).toEqual([
      { arm: 'holdout', n: 3, paid: 30, cost: 0, net: 30, netSquares: '300' },
      { arm: 'offer', n: 1, paid: 5, cost: 0, net: 5, netSquares: '25' },
    ]);
    expect(revenueRowsOf(revenue, { ...ALL_ENROLMENTS, anyDesk: 0 })).toEqual([]);
  });

  it('revenue: every pick over one kept table is the sum a restricted count gives, field by field', () => {
    const rnd = seeded(7);
    const revenue: DayRevenueRow[] = Array.from({ length: 400 }, () => {
      const n = 1 + Math.floor(rnd() * 5);
      const paid = Math.floor(rnd() * 90_000);
      const cost = Math.floor(rnd() * 3_000);
      const net = paid - cost;
      return {
        arm: rnd() < 0.5 ? 'offer' : 'holdout',
        agentId: AGENTS[Math.floor(rnd() * 3)]!,
        day: DAYS[Math.floor(rnd() * DAYS.length)]!,
        n,
        paid,
        cost,
        net,
        netSquares: String(n * net * net),
      };
    });
    const table = revenueTable(revenue);
    const picks: EnrolmentPick[] = [
      ALL_ENROLMENTS,
      { ...ALL_ENROLMENTS, agentId: null },
      { ...ALL_ENROLMENTS, agentId: 'agent-b', from: '2026-02-01' },
      { ...ALL_ENROLMENTS, from: '2026-02-15', to: '2026-03-01' },
      { ...ALL_ENROLMENTS, to: '2026-01-31' },
    ];
    for (const pick of picks) {
      const mine = revenue.filter(
        (r) => (pick.agentId === null || r.agentId === pick.agentId) && (pick.from === null || r.day >= pick.from) && (pick.to === null || r.day <= pick.to),
      );
      const expected = (['holdout', 'offer'] as const).flatMap((arm) => {
        const of = mine.filter((r) => r.arm === arm);
        if (of.length === 0) return [];
        const sum = (f: (r: DayRevenueRow) => number) => of.reduce((s, r) => s + f(r), 0);
        const squares = of.reduce((s, r) => s + BigInt(r.netSquares), 0n).toString();
        return [{ arm, n: sum((r) => r.n), paid: sum((r) => r.paid), cost: sum((r) => r.cost), net: sum((r) => r.net), netSquares: squares }];
      });
      expect(pickRevenueRows(table, pick), JSON.stringify(pick)).toEqual(expected);
    }
  });

  it('revenue: rows each under 2^53 whose Σ net² passes it are added exactly, not rounded', () => {
    const half = 2n ** 52n + 1n; // two of them: 2^53 + 2, not a safe number
    const revenue: DayRevenueRow[] = [
      { arm: 'offer', agentId: 'agent-a', day: '2026-02-01', n: 1, paid: 0, cost: 0, net: 0, netSquares: half.toString() },
      { arm: 'offer', agentId: 'agent-a', day: '2026-02-02', n: 1, paid: 0, cost: 0, net: 0, netSquares: (half + 2n).toString() },
    ];
    expect(revenueRowsOf(revenue, ALL_ENROLMENTS)[0]!.netSquares).toBe((2n * half + 2n).toString());
  });

  it('revenue: a Σ net² that is not a decimal integer is refused with a typed error', () => {
    const row: DayRevenueRow = { arm: 'offer', agentId: 'agent-a', day: '2026-02-01', n: 1, paid: 5, cost: 0, net: 5, netSquares: '2.5e+1' };
    expect(() => revenueRowsOf([row], ALL_ENROLMENTS)).toThrow(StatsInputError);
    expect(() => revenueRowsOf([{ ...row, netSquares: '-25' }], ALL_ENROLMENTS)).toThrow(StatsInputError);
  });
});
