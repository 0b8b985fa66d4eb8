/**
 * The insights CSV: RFC 4180 quoting, the formula-injection guard on text from data, English
 * (',' and '.') and French (';' and ','), a BOM, and the figures of both overviews.
 */
import { describe, expect, it } from 'vitest';
import type { ExperimentInsight, InsightsOverview } from '../../../../src/core/api';
import {
  agentFunnel,
  CSV_BOM,
  csvNumber,
  csvRows,
  csvText,
  insightsCsv,
  insightsCsvFileName,
  practicesOverview,
  type PracticeRiskRow,
  type WaitRow,
} from '../../../../src/core/insights';

describe('csvText', () => {
  it('quotes a cell holding the delimiter, a quote or a line break, doubling quotes (RFC 4180)', () => {
    expect(csvText('plain', ',')).toBe('plain');
    expect(csvText('a,b', ',')).toBe('"a,b"');
    expect(csvText('a,b', ';')).toBe('a,b');
    expect(csvText('a;b', ';')).toBe('"a;b"');
    expect(csvText('say "hi"', ',')).toBe('"say ""hi"""');
    expect(csvText('two\nlines', ';')).toBe('"two\nlines"');
    expect(csvText('cr\rhere', ',')).toBe('"cr\rhere"');
  });

  it('neutralises a cell that a spreadsheet would run as a formula', () => {
    expect(csvText('=HYPERLINK("http://x","y")', ',')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvText('+33 6 12', ',')).toBe("'+33 6 12");
    expect(csvText('-2+3', ';')).toBe("'-2+3");
    expect(csvText('@SUM(A1)', ';')).toBe("'@SUM(A1)");
    expect(csvText('\t=1', ';')).toBe("'\t=1");
    expect(csvText('\r=1', ';')).toBe('"\'\r=1"');
    expect(csvText('a=b', ';')).toBe('a=b');
  });
});

describe('csvNumber', () => {
  it('writes the locale’s decimal mark, no grouping, no -0', () => {
    expect(csvNumber(1234.567, 2, 'en')).toBe('1234.57');
    expect(csvNumber(1234.567, 2, 'fr')).toBe('1234,57');
    expect(csvNumber(-1.2, 1, 'fr')).toBe('-1,2');
    expect(csvNumber(-0.0001, 2, 'en')).toBe('0.00');
    expect(csvNumber(42, 0, 'fr')).toBe('42');
  });

  it('leaves negative numbers as numbers (the guard is for text)', () => {
    expect(csvRows([[{ num: -3.5, digits: 1 }, { text: '-3.5' }]], 'en')).toBe("-3.5,'-3.5\r\n");
    expect(csvRows([[{ num: -3.5, digits: 1 }, { text: 'x;y' }, null]], 'fr')).toBe('-3,5;"x;y";\r\n');
  });
});

// ── both overviews ─────────────────────────────────────────────────────────────────────────

const EXPERIMENT: ExperimentInsight = {
  experimentId: 'x1',
  title: 'Retention offer, "loyal" callers',
  reason: 'retention' as ExperimentInsight['reason'],
  holdoutBp: 1000,
  startsOn: '2025-01-01',
  endsOn: null,
  status: 'result',
  statusText: 'Result',
  arms: [
    { arm: 'offer', customers: 900, cancelled: 90, plannedShare: 0.9 },
    { arm: 'holdout', customers: 100, cancelled: 20, plannedShare: 0.1 },
  ],
  srm: { chiSquare: 0.1, pValue: 0.75, blocked: false },
  minimumPerArm: 50,
  design: { horizonDays: 90, minimumDetectableDifference: 0.05, totalNeeded: 800, withFollowUp: 1000, moreNeeded: 0 },
  sentence: 'whatever',
  figures: {
    curve: [],
    medianDays: { offer: null, holdout: null },
    rmst: { tau: 180, offer: 170, holdout: 160, difference: { estimate: 10, lower: 2, upper: 18 } },
    logRank: { chiSquare: 5, pValue: 0.03 },
    cox: { estimate: 0.61234, lower: 0.4, upper: 0.93, covariates: [], sentence: '' },
    horizons: [
      {
        days: 90,
        offerCustomers: 850,
        holdoutCustomers: 95,
        offer: { estimate: 0.91234, lower: 0.89, upper: 0.93 },
        holdout: { estimate: 0.8, lower: 0.71, upper: 0.87 },
        difference: { estimate: 0.11234, lower: 0.04, upper: 0.2 },
        distinguishable: true,
        sentence: '',
      },
    ],
    segments: {
      days: 90,
      comparisons: 2,
      note: '',
      rows: [
        {
          segment: 'highRisk',
          inSegment: true,
          label: 'Churn risk high',
          offerCustomers: 300,
          holdoutCustomers: 33,
          difference: { estimate: 0.15, lower: 0.02, upper: 0.28 },
          pValue: 0.012,
          adjustedPValue: 0.024,
          distinguishable: true,
          verdict: 'kept 15 more in 100',
        },
        {
          segment: 'highRisk',
          inSegment: false,
          label: 'Churn risk not high',
          offerCustomers: 550,
          holdoutCustomers: 62,
          difference: null,
          pValue: null,
          adjustedPValue: null,
          distinguishable: null,
          verdict: '=not shown',
        },
      ],
    },
    descriptive: null,
  },
  revenue: {
    days: 90,
    currency: 'EUR',
    arms: [
      { arm: 'offer', customers: 850, paid: 3_825_000, offerCost: 127_500, net: 3_697_500, netPer100: 435_000 },
      { arm: 'holdout', customers: 95, paid: 427_450, offerCost: 0, net: 427_450, netPer100: 449_947 },
    ],
    difference: { estimate: -14_947, lower: -60_123, upper: 30_229 },
    df: 112.4,
    distinguishable: false,
    sentence: '-€149.47 per 100: not distinguishable',
    definition: '',
  },
};

const EXPERIMENTS: InsightsOverview = {
  today: '2026-03-04',
  experiments: [EXPERIMENT],
  filter: { from: null, to: null, reason: null, experimentId: null, agentId: null, deskId: null },
  offers: [],
  agents: [],
  desks: [],
};

function row(agentId: string, kept: boolean, n: number): PracticeRiskRow {
  return {
    agentId,
    mask: 1,
    disposition: 'resolved',
    highRisk: 0,
    newCustomer: 0,
    billShock: 0,
    notGood: 0,
    reach: 90,
    time: kept ? 120 : 30,
    status: kept ? 0 : 1,
    n,
  };
}

function wait(i: number, decidedBy: string): WaitRow {
  return {
    id: `w${i}`,
    interactionId: `i${i}`,
    requestedBy: 'a',
    requestedAt: `2026-01-02T09:${String(i % 60).padStart(2, '0')}:00Z`,
    decidedBy,
    decidedByName: null,
    decidedAt: '2026-01-02T10:00:00Z',
    status: 'approved',
    callEndedAt: null,
    waitSeconds: 30 + i,
  };
}

const STAFF = [
  { id: 'a', name: '=cmd|calc' },
  { id: 'b', name: 'Béatrice, "Bea"' },
  { id: 's', name: 'Sam' },
];
const PRACTICES = practicesOverview(
  '2026-03-04',
  { from: '2025-03-05', to: '2026-03-04', agentId: null },
  {
    rows: [row('a', true, 70), row('a', false, 30), row('b', true, 40), row('b', false, 10)],
    waits: Array.from({ length: 25 }, (_, i) => wait(i, 's')),
    staff: STAFF,
  },
  'en',
);

function lines(csv: string): string[] {
  return csv.slice(CSV_BOM.length).split('\r\n');
}

describe('insightsCsv', () => {
  it('starts with a BOM and ends every line with CRLF', () => {
    const csv = insightsCsv(EXPERIMENTS, PRACTICES, 'en');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.slice(1)).not.toMatch(/[^\r]\n/);
    expect(insightsCsvFileName('2026-03-04')).toBe('ardoise-insights-2026-03-04.csv');
  });

  it('writes the experiments per arm and horizon: retention with interval, difference, Cox HR', () => {
    const en = lines(insightsCsv(EXPERIMENTS, null, 'en'));
    expect(en).toContain(
      'Experiment,Status,Arm,Customers,Cancelled,Days,Customers followed,Retention (%),Lower 95 % (%),Upper 95 % (%),Difference offer − held out (points),Difference lower 95 %,Difference upper 95 %,Hazard ratio,Hazard ratio lower 95 %,Hazard ratio upper 95 %',
    );
    expect(en).toContain(
      '"Retention offer, ""loyal"" callers",Result,Offer (usual practice),900,90,90,850,91.23,89.00,93.00,11.23,4.00,20.00,0.612,0.400,0.930',
    );
    expect(en).toContain(
      '"Retention offer, ""loyal"" callers",Result,Held out (no proactive offer),100,20,90,95,80.00,71.00,87.00,11.23,4.00,20.00,0.612,0.400,0.930',
    );
    const fr = lines(insightsCsv(EXPERIMENTS, null, 'fr'));
    // The title and status come worded by main; the arm is labelled in the export's language.
    expect(fr).toContain(
      '"Retention offer, ""loyal"" callers";Result;Offre (pratique habituelle);900;90;90;850;91,23;89,00;93,00;11,23;4,00;20,00;0,612;0,400;0,930',
    );
  });

  it('writes the uplift by pre-registered segment with raw and Holm-adjusted p-values', () => {
    const en = lines(insightsCsv(EXPERIMENTS, null, 'en'));
    expect(en).toContain('Uplift by pre-registered segment (p-values Holm-adjusted across the rows)');
    expect(en).toContain(
      'Experiment,Segment,Days,Offer: customers followed,Held out: customers followed,Difference offer − held out (points),Difference lower 95 %,Difference upper 95 %,p-value,Holm-adjusted p-value,Verdict',
    );
    expect(en).toContain('"Retention offer, ""loyal"" callers",Churn risk high,90,300,33,15.00,2.00,28.00,0.0120,0.0240,kept 15 more in 100');
    // A segment below the minimum has no figure; its words are guarded like any text.
    expect(en).toContain(`"Retention offer, ""loyal"" callers",Churn risk not high,90,550,62,,,,,,'=not shown`);
    const fr = lines(insightsCsv(EXPERIMENTS, null, 'fr'));
    expect(fr).toContain('"Retention offer, ""loyal"" callers";Churn risk high;90;300;33;15,00;2,00;28,00;0,0120;0,0240;kept 15 more in 100');
    expect(
      lines(insightsCsv({ ...EXPERIMENTS, experiments: [{ ...EXPERIMENT, figures: { ...EXPERIMENT.figures!, segments: null } }] }, null, 'en')),
    ).not.toContain('Uplift by pre-registered segment (p-values Holm-adjusted across the rows)');
  });

  it('writes the net revenue per arm in the currency’s units, the difference per 100 with its Welch interval, in both languages', () => {
    const en = lines(insightsCsv(EXPERIMENTS, null, 'en'));
    expect(en).toContain(
      'Experiment,Days,Arm,Customers,Currency,Paid,Offer cost,Net,Net per 100 customers,"Difference offer − held out, per 100 customers",Difference lower 95 % (Welch),Difference upper 95 % (Welch),Verdict',
    );
    expect(en).toContain(
      `"Retention offer, ""loyal"" callers",90,Offer (usual practice),850,EUR,38250.00,1275.00,36975.00,4350.00,-149.47,-601.23,302.29,'-€149.47 per 100: not distinguishable`,
    );
    expect(en).toContain(
      `"Retention offer, ""loyal"" callers",90,Held out (no proactive offer),95,EUR,4274.50,0.00,4274.50,4499.47,-149.47,-601.23,302.29,'-€149.47 per 100: not distinguishable`,
    );
    const fr = lines(insightsCsv(EXPERIMENTS, null, 'fr'));
    expect(fr).toContain(
      `"Retention offer, ""loyal"" callers";90;Offre (pratique habituelle);850;EUR;38250,00;1275,00;36975,00;4350,00;-149,47;-601,23;302,29;'-€149.47 per 100: not distinguishable`,
    );
    expect(fr.some((l) => l.startsWith('Expérience;Jours;Groupe;Clients;Devise;Payé;Coût de l’offre;Net;Net pour 100 clients;'))).toBe(true);
    // Below the minimum: the customers, and no money.
    const hidden = {
      ...EXPERIMENT.revenue!,
      arms: EXPERIMENT.revenue!.arms.map((a) => ({ ...a, paid: null, offerCost: null, net: null, netPer100: null })),
      difference: null,
    };
    const few = lines(insightsCsv({ ...EXPERIMENTS, experiments: [{ ...EXPERIMENT, revenue: { ...hidden, sentence: 'too few' } }] }, null, 'en'));
    expect(few).toContain('"Retention offer, ""loyal"" callers",90,Held out (no proactive offer),95,EUR,,,,,,,,too few');
    expect(lines(insightsCsv({ ...EXPERIMENTS, experiments: [{ ...EXPERIMENT, revenue: null }] }, null, 'en')).join('\n')).not.toContain('Net per 100');
  });

  it('writes the practices (descriptive), the dispositions, the agents’ funnel and the waits', () => {
    const csv = insightsCsv(EXPERIMENTS, PRACTICES, 'en');
    const en = lines(csv);
    const explained = PRACTICES.practices.find((p) => p.practice === 'explained')!;
    expect(explained.withPractice.retention).not.toBeNull();
    // Everyone was "explained": nobody without, so no figure on that side nor an HR.
    expect(en).toContain('"Practices (descriptive only, not randomised)"');
    expect(en).toContain('Explained the bill,90,150,73.33,65.74,79.76,0,,,,,,,descriptive only');
    expect(en).toContain('Compared bills,90,0,,,,150,73.33,65.74,79.76,,,,descriptive only');
    // A disposition code without a label is written as it is.
    expect(en).toContain('resolved,90,150,73.33,65.74,79.76');
    // Agents by name; the name from data is neutralised and quoted.
    const at = en.indexOf('"Agents on a funnel plot (descriptive only, by name, not a ranking)"');
    expect(at).toBeGreaterThan(0);
    const agents = en.slice(at + 2, at + 4);
    const f = agentFunnel([row('a', true, 70), row('a', false, 30), row('b', true, 40), row('b', false, 10)], new Map(STAFF.map((s) => [s.id, s.name])), 'en');
    const a = f.agents.find((x) => x.agentId === 'a')!;
    expect(agents).toEqual([
      `'=cmd|calc,100,70,70.00,73.33,${(a.limits!.lower95 * 100).toFixed(2)},${(a.limits!.upper95 * 100).toFixed(2)},${(a.limits!.lower998 * 100).toFixed(2)},${(a.limits!.upper998 * 100).toFixed(2)},within the expected range`,
      expect.stringMatching(/^"Béatrice, ""Bea""",50,40,80\.00,73\.33,[\d.]+,[\d.]+,[\d.]+,[\d.]+,within the expected range$/),
    ]);
    expect(en).toContain('Supervisor,Requests,Median wait (s),90th percentile wait (s)');
    expect(en).toContain(`Sam,25,${PRACTICES.waiting.bySupervisor[0]!.p50},${PRACTICES.waiting.bySupervisor[0]!.p90}`);
    expect(en).toContain('09:00,25,42,52');
    expect(en).not.toContain('=cmd|calc');
  });

  it('in French: semicolons, decimal commas, French headers', () => {
    const fr = lines(insightsCsv(EXPERIMENTS, PRACTICES, 'fr'));
    expect(fr).toContain('Superviseur;Demandes;Attente médiane (s);Attente au 90e centile (s)');
    expect(fr[0]).toBe('Ardoise — indicateurs de fidélité');
    expect(fr).toContain('Chiffres au;2026-03-04');
    expect(fr.find((l) => l.startsWith("'=cmd|calc;100;70;70,00;73,33;"))).toBeDefined();
    expect(fr.find((l) => l.startsWith('"Béatrice, ""Bea""";50;40;80,00;73,33;'))).toBeDefined();
    expect(fr).toContain('Heure (UTC);Demandes;Attente médiane (s);Attente au 90e centile (s)');
  });
});
