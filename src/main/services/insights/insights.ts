/**
 * Retention insights per experiment, from the store.
 *
 * SQL does the counting (main/store/experiment-risk-sets.ts, on the cores risk-set-source.ts
 * gives): one pass groups the enrolled customers into risk-set rows — (arm,
 * covariates, days followed, cancelled or not) → how many — and the statistics of core/stats run
 * on those weighted rows (case weights are exact counts, so the answers are those of the
 * customer-level data). A million enrolments become a few thousand rows before any JS sees them.
 *
 * What the screen may claim is decided here, not in the renderer:
 * - nothing at all when the SRM check fails (χ², p < 0.001): arm sizes off their planned shares
 *   mean the assignment is broken, and every figure would be suspect;
 * - no figure while an arm has fewer than the experiment's minimumPerArm customers;
 * - retention at 30/90/180 days only on customers enrolled at least that long ago (so everyone in
 *   the figure has had that follow-up), and only when each arm has the minimum of them;
 * - "not distinguishable" when the interval of a difference spans zero (or the HR's spans 1);
 * - the customers still needed for the design's power (core/stats sampleSizePerArm, scaled to the
 *   planned unequal shares).
 * - net paid revenue per 100 customers by arm, offer cost included, over the customers followed
 *   the design's horizon (core/insights/revenue.ts defines it; the store adds it up).
 * Everything is by intention to treat: the arm assigned, whatever was then offered.
 */
import type Database from 'better-sqlite3';
import type { AgentProfile, InsightsOverview } from '../../../core/api';
import { experimentInsight, type RevenueRow, type RiskSetRow } from '../../../core/insights';
import type { PolicyStore } from '../discounts/policy-store';
import { experimentRiskSetQueries, type RevenueParams } from '../../store/experiment-risk-sets';
import { InThreadRiskSets, type RiskSetSource } from './risk-set-source';

export type { RiskSetRow };

export class InsightsService {
  private readonly queries: ReturnType<typeof experimentRiskSetQueries>;

  constructor(
    client: Database.Database,
    private readonly policies: PolicyStore,
    private readonly today: () => string,
    /** Where the risk sets are counted (risk-set-source.ts); main's connection by default. */
    private readonly source: RiskSetSource = new InThreadRiskSets(client),
  ) {
    this.queries = experimentRiskSetQueries(client);
  }

  async overview(viewer: AgentProfile): Promise<InsightsOverview> {
    const today = this.today();
    const doc = this.policies.current(today).document;
    const experiments = doc.experiments ?? [];
    const currency = doc.currency;
    const [rows, revenue] = await Promise.all([
      Promise.all(experiments.map((e) => this.source.experimentRows(e.id, today))),
      Promise.all(experiments.map((e) => this.source.experimentRevenue({ experimentId: e.id, reason: e.reason, currency, days: e.design.horizonDays, today }))),
    ]);
    return {
      today,
      experiments: experiments.map((e, i) => experimentInsight(e, rows[i]!, today, viewer.locale, { rows: revenue[i]!, currency })),
    };
  }

  /** The risk sets of one experiment, on main's connection (tests check the figures against raw rows). */
  riskSetRows(experimentId: string, today: string): RiskSetRow[] {
    return this.queries.riskSets(experimentId, today);
  }

  /** One experiment's net revenue sums per arm, on main's connection (tests check them against raw rows). */
  revenueRows(params: RevenueParams): RevenueRow[] {
    return this.queries.revenue(params);
  }
}
