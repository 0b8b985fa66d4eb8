/**
 * The experiments' figures on the hub, across every desk: the hub holds every desk's enrolments,
 * exposures and the customers' outcomes (synced tables), so it groups them into the same
 * risk-set rows the desk's SQLite store gives (main/services/insights/insights.ts) — here in
 * PostgreSQL — and the same pure code turns them into figures. Same rows in, same figures out.
 */
import type { InsightsOverview } from '../../core/api';
import type { Experiment } from '../../core/experiments';
import type { Locale } from '../../core/i18n';
import { experimentInsight, type RiskSetRow } from '../../core/insights';
import { policyOn } from '../commands/decision-rows';
import type { Sql } from '../db/open';

// Follow-up from the day of enrolment to the first cancellation on or after it, or to today
// (censored); one row per enrolled customer inside, grouped outside. Dates are 'YYYY-MM-DD' text
// (as on the desk), so they compare as text and subtract as dates.
const RISK_SETS = `
SELECT arm, "highRisk", "newCustomer", "billShock", "notGood", offered, reach, "time", status, count(*)::int AS n FROM (
  SELECT a.arm,
         (a.churn_risk = 'high')::int AS "highRisk",
         (a.tenure_months < 12)::int AS "newCustomer",
         a.bill_shock AS "billShock",
         (a.standing <> 'good')::int AS "notGood",
         coalesce((SELECT max(x.offer_made) FROM experiment_exposures x WHERE x.experiment_id = a.experiment_id AND x.customer_id = a.customer_id), 0) AS offered,
         CASE WHEN $2::date - a.assigned_on::date >= 180 THEN 180
              WHEN $2::date - a.assigned_on::date >= 90 THEN 90
              WHEN $2::date - a.assigned_on::date >= 30 THEN 30 ELSE 0 END AS reach,
         coalesce(min(o.occurred_on), $2)::date - a.assigned_on::date AS "time",
         (min(o.occurred_on) IS NOT NULL)::int AS status
    FROM experiment_assignments a
    LEFT JOIN customer_outcomes o
      ON o.customer_id = a.customer_id AND o.kind = 'cancellation' AND o.occurred_on >= a.assigned_on AND o.occurred_on <= $2
   WHERE a.experiment_id = $1 AND a.assigned_on <= $2
   GROUP BY a.id) s
 GROUP BY arm, "highRisk", "newCustomer", "billShock", "notGood", offered, reach, "time", status
 ORDER BY arm, "highRisk", "newCustomer", "billShock", "notGood", offered, reach, "time", status`;

/** The risk-set rows of one experiment, across every desk. */
export async function hubRiskSetRows(sql: Sql, experimentId: string, today: string): Promise<RiskSetRow[]> {
  return sql.query<RiskSetRow>(RISK_SETS, [experimentId, today]);
}

/** Every experiment of these, with its figures, across every desk. */
export async function hubExperimentInsights(sql: Sql, experiments: readonly Experiment[], today: string, locale: Locale): Promise<InsightsOverview> {
  const out: Array<InsightsOverview['experiments'][number]> = [];
  for (const e of experiments) out.push(experimentInsight(e, await hubRiskSetRows(sql, e.id, today), today, locale));
  return { today, experiments: out };
}

/** The insights of the policy the hub holds today. */
export async function hubInsights(sql: Sql, today: string, locale: Locale): Promise<InsightsOverview> {
  const policy = await policyOn(sql, today);
  return hubExperimentInsights(sql, policy.document.experiments ?? [], today, locale);
}
