/**
 * The risk sets of one experiment (main/services/insights/insights.ts reads the figures from
 * them). Follow-up runs from the day of enrolment to the first cancellation on or after it, or to
 * today (censored). One row per enrolled customer in the inner query, grouped outside by agent,
 * day and packed key: a million enrolments become tens of thousands of rows before any JS sees
 * them, and the screen's filters are picks over those (core/insights/experiment-rows.ts).
 */
import type Database from 'better-sqlite3';
import {
  ALL_ENROLMENTS,
  experimentRowsOf,
  revenueRowsOf,
  type DayRevenueRow,
  type EnrolmentPick,
  type PackedExperimentRow,
  type RevenueRow,
  type RiskSetRow,
} from '../../core/insights';
import { PAYMENT_NET_SQL } from '../../core/receivables/payments';
import { ALL_CUSTOMERS, type CustomerRange } from './practices';

/**
 * One experiment's risk sets by enrolling agent and enrolment day, of one part of the customers
 * (params: experimentId, today, lo, hi), the keys packed as core/insights PackedExperimentRow says:
 * every filter of the screen is then a pick over these rows (experimentRowsOf). An arm that is
 * neither of the design's (a row edited behind the app's back) is not counted: no figure could
 * say what it was. Each enrolment's cancellation is one seek and its days are worked out once
 * (no join grouped back by enrolment, no julianday read five times): a quarter less time.
 */
export const EXPERIMENT_RISK_SETS = `
SELECT agentId, day, ((((((((arm * 2 + highRisk) * 2 + newCustomer) * 2 + billShock) * 2 + notGood) * 2 + offered) * 4 +
         CASE WHEN followed >= 180 THEN 3 WHEN followed >= 90 THEN 2 WHEN followed >= 30 THEN 1 ELSE 0 END) * 65536 +
         CAST(coalesce(cancelled, todayJd) - enrolledJd AS INTEGER)) * 2 + (cancelled IS NOT NULL)) AS k,
       count(*) AS n FROM (
  SELECT a.actor_id AS agentId, a.assigned_on AS day, (a.arm = 'offer') AS arm,
         (a.churn_risk = 'high') AS highRisk,
         (a.tenure_months < 12) AS newCustomer,
         (a.bill_shock <> 0) AS billShock,
         (a.standing <> 'good') AS notGood,
         coalesce((SELECT max(x.offer_made <> 0) FROM experiment_exposures x WHERE x.experiment_id = a.experiment_id AND x.customer_id = a.customer_id), 0) AS offered,
         julianday(@today) AS todayJd, julianday(a.assigned_on) AS enrolledJd,
         julianday(@today) - julianday(a.assigned_on) AS followed,
         (SELECT julianday(min(o.occurred_on)) FROM customer_outcomes o
           WHERE o.customer_id = a.customer_id AND o.kind = 'cancellation' AND o.occurred_on >= a.assigned_on AND o.occurred_on <= @today) AS cancelled
    FROM experiment_assignments a
   WHERE a.experiment_id = @experimentId AND a.assigned_on <= @today AND a.arm IN ('offer', 'holdout')
     AND a.customer_id >= @lo AND (@hi IS NULL OR a.customer_id < @hi)
   -- LIMIT -1 keeps SQLite from flattening this into the outer query, which would work out each
   -- customer's cancellation and days once per use instead of once.
   LIMIT -1)
GROUP BY agentId, day, k`;

/** What one experiment's net revenue is counted over (the experiment's reason, the policy's currency, the design's horizon). */
export interface RevenueParams {
  readonly experimentId: string;
  readonly reason: string;
  readonly currency: string;
  readonly days: number;
  readonly today: string;
}

/**
 * One experiment's net revenue sums per arm, enrolling agent and enrolment day (so filters are
 * picks, as for the risk sets: core/insights revenueRowsOf), of one part of the customers (params:
 * RevenueParams & CustomerRange) — the definition is core/insights/revenue.ts's. Per enrolled customer followed
 * `days` days: payments received in [enrolment, enrolment + days) by the ledger's one rule
 * (PAYMENT_NET_SQL), minus the entries of the experiment's reason effective in that window, a
 * reversal only of an entry granted in it. The inner LIMIT -1 keeps SQLite from flattening it
 * into the sums, which would run each customer's lookups once per sum instead of once. Integers
 * throughout; Σ net² as text so it stays exact
 * past 2^53 (SQLite's sum() stops with "integer overflow" rather than round). An arm without a
 * customer has no row.
 */
export const EXPERIMENT_REVENUE = `
SELECT arm, agentId, day, count(*) AS n, sum(paid) AS paid, sum(cost) AS cost, sum(paid - cost) AS net,
       CAST(sum((paid - cost) * (paid - cost)) AS TEXT) AS netSquares FROM (
  SELECT a.arm, a.actor_id AS agentId, a.assigned_on AS day,
         coalesce((SELECT sum(${PAYMENT_NET_SQL}) FROM payments
                    WHERE account_id IN (SELECT id FROM accounts WHERE customer_id = a.customer_id) AND currency = @currency
                      AND received_on >= a.assigned_on AND received_on < date(a.assigned_on, '+' || @days || ' days')), 0) AS paid,
         coalesce((SELECT sum(l.amount) FROM ledger_entries l LEFT JOIN ledger_entries g ON g.id = l.reverses_id
                    WHERE l.account_id IN (SELECT id FROM accounts WHERE customer_id = a.customer_id) AND l.currency = @currency
                      AND l.reason_code = @reason
                      AND l.effective_on >= a.assigned_on AND l.effective_on < date(a.assigned_on, '+' || @days || ' days')
                      AND coalesce(g.effective_on, l.effective_on) >= a.assigned_on), 0) AS cost
    FROM experiment_assignments a
   WHERE a.experiment_id = @experimentId AND julianday(@today) - julianday(a.assigned_on) >= @days
     AND a.customer_id >= @lo AND (@hi IS NULL OR a.customer_id < @hi)
   LIMIT -1)
GROUP BY arm, agentId, day`;

export function experimentRiskSetQueries(db: Database.Database) {
  const riskSets = db.prepare<[{ experimentId: string; today: string } & CustomerRange], PackedExperimentRow>(EXPERIMENT_RISK_SETS);
  const revenue = db.prepare<[RevenueParams & CustomerRange], DayRevenueRow>(EXPERIMENT_REVENUE);
  const enrollers = db.prepare<[], { id: string; name: string }>(
    `SELECT u.id, u.display_name AS name FROM users u WHERE EXISTS (SELECT 1 FROM experiment_assignments a WHERE a.actor_id = u.id) ORDER BY u.display_name, u.id`,
  );
  return {
    /** One experiment's risk-set rows by enrolling agent and day, of its customers in `range` enrolled by `today`. */
    counted: (experimentId: string, today: string, range: CustomerRange = ALL_CUSTOMERS): PackedExperimentRow[] =>
      riskSets.all({ experimentId, today, ...range }),
    /** The risk-set rows of one experiment's enrolments by `today` that the pick keeps. */
    riskSets: (experimentId: string, today: string, pick: EnrolmentPick = ALL_ENROLMENTS): RiskSetRow[] =>
      experimentRowsOf(riskSets.all({ experimentId, today, ...ALL_CUSTOMERS }), pick),
    /** One experiment's net revenue sums per arm, enrolling agent and day, of its customers in `range` followed `days` days by `today`. */
    revenueCounted: (params: RevenueParams, range: CustomerRange = ALL_CUSTOMERS): DayRevenueRow[] => revenue.all({ ...params, ...range }),
    /** One experiment's net revenue sums per arm, of the enrolments followed `days` days by `today` that the pick keeps. */
    revenue: (params: RevenueParams, pick: EnrolmentPick = ALL_ENROLMENTS): RevenueRow[] => revenueRowsOf(revenue.all({ ...params, ...ALL_CUSTOMERS }), pick),
    /** The agents whose calls enrolled anyone, by name. */
    enrollers: (): { id: string; name: string }[] => enrollers.all(),
  };
}
