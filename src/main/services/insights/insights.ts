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
import type { AgentProfile, ExperimentsFilter, ExperimentsInput, InsightsOverview } from '../../../core/api';
import type { Experiment } from '../../../core/experiments';
import { t } from '../../../core/i18n';
import {
  experimentInsight,
  experimentsFilter,
  experimentTable,
  ownStoreHoldsDesk,
  pickExperimentRows,
  pickRevenueRows,
  revenueTable,
  selectExperiments,
  thisDeskChoice,
  type EnrolmentPick,
  type ExperimentTable,
  type RevenueRow,
  type RevenueTable,
  type RiskSetRow,
} from '../../../core/insights';
import type { PolicyStore } from '../discounts/policy-store';
import { experimentRiskSetQueries, type RevenueParams } from '../../store/experiment-risk-sets';
import { changedElsewhere, dataVersion, largestKey } from '../../store/data-version';
import { InThreadRiskSets, type RiskSetSource } from './risk-set-source';

export type { RiskSetRow };

export class InsightsService {
  private readonly queries: ReturnType<typeof experimentRiskSetQueries>;
  private readonly version: () => string;
  /**
   * Each experiment's rows, of one day and data version (older ones can no longer be asked for);
   * a pending count is shared, so the same screen asked twenty times at once counts once.
   */
  private readonly kept = new Map<string, Promise<{ rows: ExperimentTable; revenue: RevenueTable }>>();
  private keptFor = '';

  constructor(
    client: Database.Database,
    private readonly policies: PolicyStore,
    private readonly today: () => string,
    /** Where the risk sets are counted (risk-set-source.ts); main's connection by default. */
    private readonly source: RiskSetSource = new InThreadRiskSets(client),
  ) {
    this.queries = experimentRiskSetQueries(client);
    // Enrolments, exposures, outcomes, payments and ledger entries are only ever added
    // (intention to treat; money is corrected by new entries), so their largest rowids say
    // whether anything the figures read has changed; a row edited in place behind the app's back
    // is another connection's commit.
    this.version = dataVersion(client, [
      ...['experiment_assignments', 'experiment_exposures', 'customer_outcomes', 'payments', 'ledger_entries'].map((table) => largestKey(table)),
      changedElsewhere(),
    ]);
  }

  async overview(viewer: AgentProfile, input: ExperimentsInput = {}): Promise<InsightsOverview> {
    const today = this.today();
    const filter = experimentsFilter(input);
    const doc = this.policies.current(today).document;
    const all = doc.experiments ?? [];
    const experiments = selectExperiments(all, filter);
    const currency = doc.currency;
    const counted = await Promise.all(experiments.map((e) => this.counted(e, today, filter, currency)));
    return {
      today,
      experiments: experiments.map((e, i) => experimentInsight(e, counted[i]!.rows, today, viewer.locale, { rows: counted[i]!.revenue, currency })),
      filter,
      offers: all.map((e) => ({ id: e.id, name: e.title[viewer.locale], reason: e.reason })),
      agents: this.queries.enrollers(),
      desks: [thisDeskChoice(t(viewer.locale, 'insights.filter.thisDesk'))],
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

  /**
   * One experiment's risk sets and revenue sums over the filter's enrolments. They are counted by
   * enrolling agent and enrolment day once per data version and kept in columns, so an agent, a
   * period or a desk is a pick over rows already counted (core/insights/experiment-rows.ts); a
   * pending count is shared, so twenty identical asks count once.
   */
  private async counted(e: Experiment, today: string, filter: ExperimentsFilter, currency: string): Promise<{ rows: RiskSetRow[]; revenue: RevenueRow[] }> {
    const pick: EnrolmentPick = { from: filter.from, to: filter.to, agentId: filter.agentId, anyDesk: ownStoreHoldsDesk(filter.deskId) ? 1 : 0 };
    const version = `${today}|${this.version()}`;
    if (version !== this.keptFor) {
      this.kept.clear();
      this.keptFor = version;
    }
    const key = JSON.stringify([e.id, e.reason, e.design.horizonDays, currency]);
    let found = this.kept.get(key);
    if (!found) {
      const params: RevenueParams = { experimentId: e.id, reason: e.reason, currency, days: e.design.horizonDays, today };
      // Each table is built as its count arrives, while the other is still being counted.
      const counted = Promise.all([
        this.source.experimentCounts(e.id, today).then(experimentTable),
        this.source.experimentRevenueCounts(params).then(revenueTable),
      ]).then(([rows, revenue]) => ({ rows, revenue }));
      this.kept.set(key, counted);
      counted.catch(() => {
        if (this.kept.get(key) === counted) this.kept.delete(key);
      });
      found = counted;
    }
    const { rows, revenue } = await found;
    return { rows: pickExperimentRows(rows, pick), revenue: pickRevenueRows(revenue, pick) };
  }
}
