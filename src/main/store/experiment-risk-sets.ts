/**
 * The risk sets of one experiment (main/services/insights/insights.ts reads the figures from
 * them). Follow-up runs from the day of enrolment to the first cancellation on or after it, or to
 * today (censored). One row per enrolled customer in the inner query, grouped outside: a million
 * enrolments become a few thousand rows before any JS sees them.
 */
import type Database from 'better-sqlite3';
import { mergeRevenueRows, sumRiskRows, type RevenueRow, type RiskSetRow } from '../../core/insights';
import { PAYMENT_NET_SQL } from '../../core/receivables/payments';
import { ALL_CUSTOMERS, type CustomerRange } from './practices';

/** The columns an experiment's risk-set row is grouped by, in GROUP BY order. */
export const EXPERIMENT_ROW_KEYS = ['arm', 'highRisk', 'newCustomer', 'billShock', 'notGood', 'offered', 'reach', 'time', 'status'] as const;

/**
 * The store counts each experiment's rows by enrolling agent as well (the query's GROUP BY order):
 * an agent filter is then a pick over rows already counted, summed back to EXPERIMENT_ROW_KEYS
 * (core/insights sumRiskRows) — exactly the rows of a count restricted to that agent, in the same
 * order — so re-slicing by agent asks no SQL.
 */
export const AGENT_EXPERIMENT_ROW_KEYS = ['agentId', ...EXPERIMENT_ROW_KEYS] as const;

export type AgentRiskSetRow = RiskSetRow & { agentId: string | null };
export type AgentRevenueRow = RevenueRow & { agentId: string | null };

/** The rows the filter's agent enrolled (all of them when none), summed to the experiment's keys. */
export function riskRowsOf(rows: readonly AgentRiskSetRow[], agentId: string | null): RiskSetRow[] {
  return sumRiskRows(agentId === null ? rows : rows.filter((r) => r.agentId === agentId), EXPERIMENT_ROW_KEYS);
}

/** The revenue sums per arm of the filter's agent's enrolments (all when none). */
export function revenueRowsOf(rows: readonly AgentRevenueRow[], agentId: string | null): RevenueRow[] {
  return mergeRevenueRows([agentId === null ? rows : rows.filter((r) => r.agentId === agentId)]);
}

/**
 * Which enrolments count (null: not restricted). The enrolling call comes before the arm is drawn,
 * so each subset is still a randomised comparison (core/insights/filters.ts). Period and desk
 * restrict the SQL; the agent is picked from rows counted by agent (riskRowsOf, revenueRowsOf).
 */
export interface EnrolmentFilter {
  /** Enrolment days, inclusive. */
  readonly from: string | null;
  readonly to: string | null;
  /** The agent whose call enrolled the customer. */
  readonly agentId: string | null;
  /** 1: every enrolment of this store; 0: none (a desk filter this store holds nothing of). */
  readonly anyDesk: 0 | 1;
}

export const ALL_ENROLMENTS: EnrolmentFilter = { from: null, to: null, agentId: null, anyDesk: 1 };

/** One experiment's risk sets by enrolling agent, of one part of the customers (params: experimentId, today, lo, hi, from, to, anyDesk). */
export const EXPERIMENT_RISK_SETS = `
SELECT agentId, arm, highRisk, newCustomer, billShock, notGood, offered, reach, time, status, count(*) AS n FROM (
  SELECT a.actor_id AS agentId, a.arm,
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
     AND (@from IS NULL OR a.assigned_on >= @from) AND (@to IS NULL OR a.assigned_on <= @to) AND @anyDesk
     AND a.customer_id >= @lo AND (@hi IS NULL OR a.customer_id < @hi)
   GROUP BY a.id)
GROUP BY agentId, arm, highRisk, newCustomer, billShock, notGood, offered, reach, time, status`;

/** What one experiment's net revenue is counted over (the experiment's reason, the policy's currency, the design's horizon). */
export interface RevenueParams {
  readonly experimentId: string;
  readonly reason: string;
  readonly currency: string;
  readonly days: number;
  readonly today: string;
}

/**
 * One experiment's net revenue sums per arm, of one part of the customers (params: RevenueParams
 * & CustomerRange & EnrolmentFilter — the same enrolments as the risk sets) — the definition is core/insights/revenue.ts's. Per enrolled customer followed
 * `days` days: payments received in [enrolment, enrolment + days) by the ledger's one rule
 * (PAYMENT_NET_SQL), minus the entries of the experiment's reason effective in that window, a
 * reversal only of an entry granted in it. The inner LIMIT -1 keeps SQLite from flattening it
 * into the sums, which would run each customer's lookups once per sum instead of once. Integers
 * throughout; Σ net² as text so it stays exact
 * past 2^53 (SQLite's sum() stops with "integer overflow" rather than round). An arm without a
 * customer has no row.
 */
export const EXPERIMENT_REVENUE = `
SELECT arm, agentId, count(*) AS n, sum(paid) AS paid, sum(cost) AS cost, sum(paid - cost) AS net,
       CAST(sum((paid - cost) * (paid - cost)) AS TEXT) AS netSquares FROM (
  SELECT a.arm, a.actor_id AS agentId,
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
     AND (@from IS NULL OR a.assigned_on >= @from) AND (@to IS NULL OR a.assigned_on <= @to) AND @anyDesk
     AND a.customer_id >= @lo AND (@hi IS NULL OR a.customer_id < @hi)
   LIMIT -1)
GROUP BY arm, agentId ORDER BY arm, agentId`;

/** The statements' parameters of a filter: the agent is picked afterwards, not in SQL. */
export function enrolmentParams(filter: EnrolmentFilter): { from: string | null; to: string | null; anyDesk: 0 | 1 } {
  return { from: filter.from, to: filter.to, anyDesk: filter.anyDesk };
}

export function experimentRiskSetQueries(db: Database.Database) {
  const riskSets = db.prepare<[{ experimentId: string; today: string } & CustomerRange & ReturnType<typeof enrolmentParams>], AgentRiskSetRow>(
    EXPERIMENT_RISK_SETS,
  );
  const revenue = db.prepare<[RevenueParams & CustomerRange & ReturnType<typeof enrolmentParams>], AgentRevenueRow>(EXPERIMENT_REVENUE);
  const enrollers = db.prepare<[], { id: string; name: string }>(
    `SELECT u.id, u.display_name AS name FROM users u WHERE EXISTS (SELECT 1 FROM experiment_assignments a WHERE a.actor_id = u.id) ORDER BY u.display_name, u.id`,
  );
  return {
    /** One experiment's risk-set rows by enrolling agent, of its customers in `range` enrolled by `today` in the filter's period and desk. */
    riskSetsByAgent: (experimentId: string, today: string, range: CustomerRange = ALL_CUSTOMERS, filter: EnrolmentFilter = ALL_ENROLMENTS): AgentRiskSetRow[] =>
      riskSets.all({ experimentId, today, ...range, ...enrolmentParams(filter) }),
    /** The risk-set rows of one experiment's customers in `range` enrolled by `today` (and as the filter says). */
    riskSets: (experimentId: string, today: string, range: CustomerRange = ALL_CUSTOMERS, filter: EnrolmentFilter = ALL_ENROLMENTS): RiskSetRow[] =>
      riskRowsOf(riskSets.all({ experimentId, today, ...range, ...enrolmentParams(filter) }), filter.agentId),
    /** One experiment's net revenue sums per arm and enrolling agent, of its customers in `range` followed `days` days by `today`. */
    revenueByAgent: (params: RevenueParams, range: CustomerRange = ALL_CUSTOMERS, filter: EnrolmentFilter = ALL_ENROLMENTS): AgentRevenueRow[] =>
      revenue.all({ ...params, ...range, ...enrolmentParams(filter) }),
    /** One experiment's net revenue sums per arm, of its customers in `range` followed `days` days by `today` (and as the filter says). */
    revenue: (params: RevenueParams, range: CustomerRange = ALL_CUSTOMERS, filter: EnrolmentFilter = ALL_ENROLMENTS): RevenueRow[] =>
      revenueRowsOf(revenue.all({ ...params, ...range, ...enrolmentParams(filter) }), filter.agentId),
    /** The agents whose calls enrolled anyone, by name. */
    enrollers: (): { id: string; name: string }[] => enrollers.all(),
  };
}
