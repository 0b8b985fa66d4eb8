/**
 * The experiments' figures on the hub, across every desk: the hub holds every desk's enrolments,
 * exposures and the customers' outcomes (synced tables), so it groups them into the same
 * risk-set rows the desk's SQLite store gives (main/services/insights/insights.ts) — here in
 * PostgreSQL — and the same pure code turns them into figures. Same rows in, same figures out.
 */
import type { ExperimentsFilter, FilterChoice, InsightsOverview } from '../../core/api';
import type { Experiment } from '../../core/experiments';
import type { Locale } from '../../core/i18n';
import { experimentInsight, experimentsFilter, selectExperiments, type RevenueRow, type RiskSetRow } from '../../core/insights';
import { PAYMENT_NET_SQL } from '../../core/receivables/payments';
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
     AND ($3::text IS NULL OR a.assigned_on >= $3) AND ($4::text IS NULL OR a.assigned_on <= $4)
     AND ($5::text IS NULL OR a.actor_id = $5)
     -- The desk that enrolled: the receipt of the assigning command (its primary key).
     AND ($6::text IS NULL OR EXISTS (SELECT 1 FROM receipts r WHERE r.command_id = a.command_id AND r.device_id = $6))
   GROUP BY a.id) s
 GROUP BY arm, "highRisk", "newCustomer", "billShock", "notGood", offered, reach, "time", status
 ORDER BY arm, "highRisk", "newCustomer", "billShock", "notGood", offered, reach, "time", status`;

// Net revenue per arm (core/insights/revenue.ts defines it), the desk's EXPERIMENT_REVENUE in
// PostgreSQL: $1 experiment, $2 reason, $3 currency, $4 days, $5 today, then the enrolment filter
// as the risk sets take it ($6 from, $7 to, $8 agent, $9 desk). Sums of integers are
// exact numerics here; they travel as text and are read back as integers. OFFSET 0 keeps the
// planner from pulling the per-customer lookups up into each sum.
const REVENUE = `
SELECT arm, count(*)::int AS n, sum(paid)::text AS paid, sum(cost)::text AS cost, sum(paid - cost)::text AS net,
       sum((paid - cost) * (paid - cost))::text AS "netSquares" FROM (
  SELECT a.arm,
         coalesce((SELECT sum(${PAYMENT_NET_SQL}) FROM payments
                    WHERE account_id IN (SELECT id FROM accounts WHERE customer_id = a.customer_id) AND currency = $3
                      AND received_on >= a.assigned_on AND received_on < to_char(a.assigned_on::date + $4::int, 'YYYY-MM-DD')), 0)::numeric AS paid,
         coalesce((SELECT sum(l.amount) FROM ledger_entries l LEFT JOIN ledger_entries g ON g.id = l.reverses_id
                    WHERE l.account_id IN (SELECT id FROM accounts WHERE customer_id = a.customer_id) AND l.currency = $3
                      AND l.reason_code = $2
                      AND l.effective_on >= a.assigned_on AND l.effective_on < to_char(a.assigned_on::date + $4::int, 'YYYY-MM-DD')
                      AND coalesce(g.effective_on, l.effective_on) >= a.assigned_on), 0)::numeric AS cost
    FROM experiment_assignments a
   WHERE a.experiment_id = $1 AND $5::date - a.assigned_on::date >= $4::int
     AND ($6::text IS NULL OR a.assigned_on >= $6) AND ($7::text IS NULL OR a.assigned_on <= $7)
     AND ($8::text IS NULL OR a.actor_id = $8)
     AND ($9::text IS NULL OR EXISTS (SELECT 1 FROM receipts r WHERE r.command_id = a.command_id AND r.device_id = $9))
  OFFSET 0) s
 GROUP BY arm ORDER BY arm`;

/** Which enrolments count (null: not restricted); see core/insights/filters.ts for why each cut stays randomised. */
export interface HubEnrolmentFilter {
  readonly from: string | null;
  readonly to: string | null;
  readonly agentId: string | null;
  readonly deskId: string | null;
}

export const EVERY_ENROLMENT: HubEnrolmentFilter = { from: null, to: null, agentId: null, deskId: null };

/** The risk-set rows of one experiment, across every desk (or the filter's enrolments). */
export async function hubRiskSetRows(sql: Sql, experimentId: string, today: string, filter: HubEnrolmentFilter = EVERY_ENROLMENT): Promise<RiskSetRow[]> {
  return sql.query<RiskSetRow>(RISK_SETS, [experimentId, today, filter.from, filter.to, filter.agentId, filter.deskId]);
}

/** The desks (enrolled devices), by name: the desk filter's choices. */
export async function hubDesks(sql: Sql): Promise<FilterChoice[]> {
  return sql.query<FilterChoice>(`SELECT id, name FROM devices ORDER BY name COLLATE "C", id COLLATE "C"`);
}

/** The agents whose calls enrolled anyone, by name. */
export async function hubEnrollers(sql: Sql): Promise<FilterChoice[]> {
  return sql.query<FilterChoice>(
    `SELECT u.id, u.display_name AS name FROM users u WHERE EXISTS (SELECT 1 FROM experiment_assignments a WHERE a.actor_id = u.id)
      ORDER BY u.display_name COLLATE "C", u.id COLLATE "C"`,
  );
}

/** One experiment's net revenue sums per arm, across every desk (the desk's RevenueParams). */
export async function hubRevenueRows(
  sql: Sql,
  p: { experimentId: string; reason: string; currency: string; days: number; today: string },
  filter: HubEnrolmentFilter = EVERY_ENROLMENT,
): Promise<RevenueRow[]> {
  const rows = await sql.query<{ arm: RevenueRow['arm']; n: number; paid: string; cost: string; net: string; netSquares: string }>(REVENUE, [
    p.experimentId,
    p.reason,
    p.currency,
    p.days,
    p.today,
    filter.from,
    filter.to,
    filter.agentId,
    filter.deskId,
  ]);
  // Number() of an integer's text is exact within 2^53; revenue.ts refuses anything beyond.
  return rows.map((r) => ({ arm: r.arm, n: r.n, paid: Number(r.paid), cost: Number(r.cost), net: Number(r.net), netSquares: r.netSquares }));
}

/** Every experiment of these the filter selects, with its figures over the filter's enrolments, across every desk; revenue in the policy's `currency`. */
export async function hubExperimentInsights(
  sql: Sql,
  experiments: readonly Experiment[],
  today: string,
  locale: Locale,
  currency: string,
  filter: ExperimentsFilter = experimentsFilter({}),
): Promise<InsightsOverview> {
  const out: Array<InsightsOverview['experiments'][number]> = [];
  for (const e of selectExperiments(experiments, filter)) {
    const rows = await hubRiskSetRows(sql, e.id, today, filter);
    const revenue = await hubRevenueRows(sql, { experimentId: e.id, reason: e.reason, currency, days: e.design.horizonDays, today }, filter);
    out.push(experimentInsight(e, rows, today, locale, { rows: revenue, currency }));
  }
  return {
    today,
    experiments: out,
    filter,
    offers: experiments.map((e) => ({ id: e.id, name: e.title[locale], reason: e.reason })),
    agents: await hubEnrollers(sql),
    desks: await hubDesks(sql),
  };
}

/** The insights of the policy the hub holds today. */
export async function hubInsights(sql: Sql, today: string, locale: Locale, filter: ExperimentsFilter = experimentsFilter({})): Promise<InsightsOverview> {
  const policy = await policyOn(sql, today);
  return hubExperimentInsights(sql, policy.document.experiments ?? [], today, locale, policy.document.currency, filter);
}
