/**
 * The risk sets of one experiment (main/services/insights/insights.ts reads the figures from
 * them). Follow-up runs from the day of enrolment to the first cancellation on or after it, or to
 * today (censored). One row per enrolled customer in the inner query, grouped outside: a million
 * enrolments become a few thousand rows before any JS sees them.
 */
import type Database from 'better-sqlite3';
import type { RiskSetRow } from '../../core/insights';
import { ALL_CUSTOMERS, type CustomerRange } from './practices';

/** The columns an experiment's risk-set row is grouped by, in the query's GROUP BY order. */
export const EXPERIMENT_ROW_KEYS = ['arm', 'highRisk', 'newCustomer', 'billShock', 'notGood', 'offered', 'reach', 'time', 'status'] as const;

/**
 * Which enrolments count (null: not restricted). The enrolling call comes before the arm is drawn,
 * so each subset is still a randomised comparison (core/insights/filters.ts).
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

/** One experiment's risk sets of one part of the customers (params: experimentId, today, lo, hi and an EnrolmentFilter). */
export const EXPERIMENT_RISK_SETS = `
SELECT arm, highRisk, newCustomer, billShock, notGood, offered, reach, time, status, count(*) AS n FROM (
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
     AND (@from IS NULL OR a.assigned_on >= @from) AND (@to IS NULL OR a.assigned_on <= @to)
     AND (@agentId IS NULL OR a.actor_id = @agentId) AND @anyDesk
     AND a.customer_id >= @lo AND (@hi IS NULL OR a.customer_id < @hi)
   GROUP BY a.id)
GROUP BY arm, highRisk, newCustomer, billShock, notGood, offered, reach, time, status`;

export function experimentRiskSetQueries(db: Database.Database) {
  const riskSets = db.prepare<[{ experimentId: string; today: string } & CustomerRange & EnrolmentFilter], RiskSetRow>(EXPERIMENT_RISK_SETS);
  const enrollers = db.prepare<[], { id: string; name: string }>(
    `SELECT u.id, u.display_name AS name FROM users u WHERE EXISTS (SELECT 1 FROM experiment_assignments a WHERE a.actor_id = u.id) ORDER BY u.display_name, u.id`,
  );
  return {
    /** The risk-set rows of one experiment's customers in `range` enrolled by `today` (and as the filter says). */
    riskSets: (experimentId: string, today: string, range: CustomerRange = ALL_CUSTOMERS, filter: EnrolmentFilter = ALL_ENROLMENTS): RiskSetRow[] =>
      riskSets.all({ experimentId, today, ...range, ...filter }),
    /** The agents whose calls enrolled anyone, by name. */
    enrollers: (): { id: string; name: string }[] => enrollers.all(),
  };
}
