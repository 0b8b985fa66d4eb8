/**
 * Retention insights per experiment, from the store.
 *
 * SQL does the counting: one pass groups the enrolled customers into risk-set rows — (arm,
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
 * Everything is by intention to treat: the arm assigned, whatever was then offered.
 */
import type Database from 'better-sqlite3';
import type { AgentProfile, InsightsOverview, ExperimentInsight } from '../../../core/api';
import type { Experiment } from '../../../core/experiments';
import type { Locale } from '../../../core/i18n';
import { experimentInsight, type RiskSetRow } from '../../../core/insights';
import type { PolicyStore } from '../discounts/policy-store';

export type { RiskSetRow };

export class InsightsService {
  private readonly riskSets: Database.Statement<{ experimentId: string; today: string }, RiskSetRow>;

  constructor(
    client: Database.Database,
    private readonly policies: PolicyStore,
    private readonly today: () => string,
  ) {
    // Follow-up runs from the day of enrolment to the first cancellation on or after it, or to
    // today (censored). One row per enrolled customer in the inner query, grouped outside.
    this.riskSets = client.prepare(
      `SELECT arm, highRisk, newCustomer, billShock, notGood, offered, reach, time, status, count(*) AS n FROM (
         SELECT a.arm,
                (a.churn_risk = 'high') AS highRisk,
                (a.tenure_months < 12) AS newCustomer,
                a.bill_shock AS billShock,
                (a.standing <> 'good') AS notGood,
                coalesce((SELECT max(x.offer_made) FROM experiment_exposures x WHERE x.experiment_id = a.experiment_id AND x.customer_id = a.customer_id), 0) AS offered,
                CASE WHEN julianday(@today) - julianday(a.assigned_on) >= 180 THEN 180
                     WHEN julianday(@today) - julianday(a.assigned_on) >= 90 THEN 90
                     WHEN julianday(@today) - julianday(a.assigned_on) >= 30 THEN 30 ELSE 0 END AS reach,
                CAST(julianday(coalesce(min(o.occurred_on), @today)) - julianday(a.assigned_on) AS INTEGER) AS time,
                (min(o.occurred_on) IS NOT NULL) AS status
           FROM experiment_assignments a
           LEFT JOIN customer_outcomes o
             ON o.customer_id = a.customer_id AND o.kind = 'cancellation' AND o.occurred_on >= a.assigned_on AND o.occurred_on <= @today
          WHERE a.experiment_id = @experimentId AND a.assigned_on <= @today
          GROUP BY a.id)
       GROUP BY arm, highRisk, newCustomer, billShock, notGood, offered, reach, time, status`,
    );
  }

  overview(viewer: AgentProfile): InsightsOverview {
    const today = this.today();
    const doc = this.policies.current(today).document;
    return { today, experiments: (doc.experiments ?? []).map((e) => this.experiment(e, today, viewer.locale)) };
  }

  /** The risk sets of one experiment (exposed for tests that check the figures against raw rows). */
  riskSetRows(experimentId: string, today: string): RiskSetRow[] {
    return this.riskSets.all({ experimentId, today });
  }

  experiment(e: Experiment, today: string, locale: Locale): ExperimentInsight {
    return experimentInsight(e, this.riskSetRows(e.id, today), today, locale);
  }
}
