/**
 * Agents on a funnel plot: the practices' retention rule at 90 days, the overall rate as the
 * centre line, the 95 % and 99.8 % limits of stats/funnel.ts, a minimum volume below which an
 * agent is shown but not classified, and the agents by name — never by rate.
 */
import { describe, expect, it } from 'vitest';
import { agentFunnel, MIN_FUNNEL_VOLUME, practicesOverview, type PracticeRiskRow } from '../../../../src/core/insights';
import { funnelLimits } from '../../../../src/core/stats';

function row(agentId: string, over: Partial<PracticeRiskRow>): PracticeRiskRow {
  return { agentId, mask: 0, disposition: null, highRisk: 0, newCustomer: 0, billShock: 0, notGood: 0, reach: 90, time: 120, status: 0, n: 1, ...over };
}

/** `kept` of `followed` customers followed 90 days; some of the kept cancelled after day 90 (still kept at 90). */
function agent(agentId: string, followed: number, kept: number): PracticeRiskRow[] {
  const late = Math.floor(kept / 4);
  return [
    row(agentId, { n: kept - late }),
    row(agentId, { status: 1, time: 150, reach: 180, n: late }),
    row(agentId, { status: 1, time: 40, n: followed - kept }),
  ].filter((r) => r.n > 0);
}

const NAMES = new Map([
  ['z', 'Zoé'],
  ['a', 'alice'],
  ['b', 'Bruno'],
  ['c', 'Chloé'],
  ['d', 'Dan'],
  ['e', 'Élodie'],
]);

const ROWS: PracticeRiskRow[] = [
  ...agent('z', 400, 360),
  ...agent('a', 400, 200),
  ...agent('b', 400, 290),
  ...agent('e', 400, 306),
  ...agent('c', 10, 0),
  // Dan's customers are not followed 90 days yet (reach 30): on the plot's table, no rate.
  row('d', { reach: 30, time: 40, n: 25 }),
];

describe('agentFunnel', () => {
  const f = agentFunnel(ROWS, NAMES, 'en');

  it('uses the practices’ retention rule: followed 90 days, not cancelled by day 90', () => {
    const z = f.agents.find((a) => a.agentId === 'z')!;
    expect(z.customers).toBe(400);
    expect(z.kept).toBe(360);
    expect(z.rate).toBe(0.9);
    const d = f.agents.find((a) => a.agentId === 'd')!;
    expect(d.customers).toBe(0);
    expect(d.rate).toBeNull();
    expect(f.overall).toBeCloseTo((360 + 200 + 290 + 306 + 0) / 1610, 12);
    expect(f.days).toBe(90);
  });

  it('lists every agent by name (locale collation), not by rate', () => {
    expect(f.agents.map((a) => a.name)).toEqual(['alice', 'Bruno', 'Chloé', 'Dan', 'Élodie', 'Zoé']);
  });

  it('classifies against the limits at each agent’s own volume, in words', () => {
    const [l] = funnelLimits(f.overall!, [400]);
    const by = Object.fromEntries(f.agents.map((a) => [a.agentId, a]));
    expect(by.z!.limits).toEqual({ ...l });
    // The expected classes, checked against the limits themselves.
    expect(0.9).toBeGreaterThan(l!.upper998);
    expect(0.5).toBeLessThan(l!.lower998);
    expect(0.725).toBeGreaterThan(l!.lower95);
    expect(0.725).toBeLessThan(l!.upper95);
    expect(0.765).toBeGreaterThan(l!.upper95);
    expect(0.765).toBeLessThan(l!.upper998);
    expect(by.z!.classification).toBe('above998');
    expect(by.a!.classification).toBe('below998');
    expect(by.b!.classification).toBe('within');
    expect(by.e!.classification).toBe('above95');
    expect(by.z!.classText).toBe('above the 99.8 % limit');
    expect(by.b!.classText).toBe('within the expected range');
    expect(f.sentence).toBe('4 agents with at least 30 customers followed 90 days; 71.8 % kept overall (the centre line); 2 outside the 99.8 % limits.');
  });

  it('shows an agent below the minimum volume without classifying them', () => {
    expect(MIN_FUNNEL_VOLUME).toBe(30);
    const c = f.agents.find((a) => a.agentId === 'c')!;
    expect(c.rate).toBe(0);
    expect(c.classification).toBe('tooFew');
    expect(c.limits).toBeNull();
    expect(c.classText).toBe('fewer than 30 customers followed 90 days: not classified');
    // 29 is still too few, 30 is enough.
    const edge = agentFunnel([...ROWS, ...agent('x', 29, 0), ...agent('y', 30, 0)], NAMES, 'fr');
    expect(edge.agents.find((a) => a.agentId === 'x')!.classification).toBe('tooFew');
    expect(edge.agents.find((a) => a.agentId === 'y')!.classification).toBe('below998');
    expect(edge.agents.find((a) => a.agentId === 'y')!.classText).toBe('en dessous de la limite à 99,8 %');
  });

  it('draws the limits from the minimum volume to the largest, around the overall rate', () => {
    expect(f.curve.length).toBeGreaterThan(10);
    expect(f.curve[0]!.n).toBe(MIN_FUNNEL_VOLUME);
    expect(f.curve.at(-1)!.n).toBe(400);
    for (let i = 0; i < f.curve.length; i++) {
      const l = f.curve[i]!;
      if (i > 0) expect(l.n).toBeGreaterThan(f.curve[i - 1]!.n);
      expect(l.lower998).toBeLessThanOrEqual(l.lower95);
      expect(l.lower95).toBeLessThanOrEqual(f.overall!);
      expect(l.upper95).toBeGreaterThanOrEqual(f.overall!);
      expect(l.upper998).toBeGreaterThanOrEqual(l.upper95);
    }
    // The funnel narrows as the volume grows.
    expect(f.curve.at(-1)!.upper998 - f.curve.at(-1)!.lower998).toBeLessThan(f.curve[0]!.upper998 - f.curve[0]!.lower998);
  });

  it('classifies nobody when there is no overall rate to compare with', () => {
    const none = agentFunnel([row('d', { reach: 30, n: 40 })], NAMES, 'en');
    expect(none.overall).toBeNull();
    expect(none.curve).toEqual([]);
    expect(none.agents[0]!.classification).toBe('none');
    const allKept = agentFunnel(agent('z', 100, 100), NAMES, 'en');
    expect(allKept.overall).toBe(1);
    expect(allKept.agents[0]!.classification).toBe('none');
    expect(allKept.sentence).toBe('No overall retention at 90 days to compare agents with yet.');
    expect(agentFunnel([], NAMES, 'en').agents).toEqual([]);
  });

  it('is part of the practices overview, over every agent whatever the agent filter', () => {
    const period = { rows: ROWS, waits: [], staff: [...NAMES].map(([id, name]) => ({ id, name })) };
    const all = practicesOverview('2026-01-01', { from: '2025-01-01', to: '2026-01-01', agentId: null }, period, 'en');
    const one = practicesOverview('2026-01-01', { from: '2025-01-01', to: '2026-01-01', agentId: 'z' }, period, 'en');
    expect(all.funnel).toEqual(f);
    expect(one.funnel).toEqual(f);
    expect(one.customers).toBeLessThan(all.customers);
  });
});
