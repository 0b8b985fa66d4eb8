/**
 * The practices view across every desk (the managers' cross-desk view): the hub holds every desk's
 * calls, verification attempts, approval requests, enrolments, exposures, outcomes and bills
 * (synced tables) and, per wrapped-up call, the practice bits the desk's wrap-up reported
 * (call_practices, hub-only). This groups them into the same risk-set rows the desk's SQLite
 * query gives (main/store/practices.ts) — here in PostgreSQL — so the same pure code can turn
 * them into figures. Read that file's header for the unit (each customer's first verified,
 * wrapped-up call of the period) and the segment; the SQL below is its translation, clause for
 * clause. Dates are 'YYYY-MM-DD' text and times ISO text, as on the desk.
 *
 * Cut by desk (a device id), the unit is each customer's first such call taken at that desk: a
 * call's desk is the device whose 'interaction.start' receipt names it (receipts.interaction_id).
 *
 * One difference in the inputs, not in the query: a desk's call_practices bits come from its own
 * audit trail, the hub's from the wrap-up command (bits 0–5); the offer (16), escalation (32),
 * first-time verification (64) and long call (128) are read from the synced rows on both sides.
 */
import type { PracticesFilter, PracticesOverview } from '../../core/api';
import type { Locale } from '../../core/i18n';
import {
  LONG_CALL_SECONDS,
  practiceFigures,
  practicesOverview,
  type PracticeFigures,
  type PracticePeriodRows,
  type PracticeRiskRow,
  type WaitRow,
} from '../../core/insights';
import type { Sql } from '../db/open';
import { hubDesks } from './insights';

export interface HubPracticePeriod {
  /** First and last day of calls, 'YYYY-MM-DD', inclusive. */
  readonly from: string;
  readonly to: string;
  /** The day follow-up ends. */
  readonly today: string;
  /** Only calls taken at this desk (null or absent: every desk). */
  readonly deskId?: string | null;
}

// The desk a call was taken at: the receipt of its 'interaction.start' command
// (receipts_interaction_idx). Calls written without a command (the hub's demo data) have none.
const AT_DESK = (call: string, desk: string) =>
  `(${desk}::text IS NULL OR EXISTS (SELECT 1 FROM receipts rd WHERE rd.interaction_id = ${call} AND rd.type = 'interaction.start' AND rd.device_id = ${desk}))`;

const RISK_SETS = `
WITH enrolled AS (
  SELECT interaction_id, max((standing <> 'good')::int) AS "notGood", max(bill_shock::int) AS "billShock"
    FROM experiment_assignments WHERE interaction_id IS NOT NULL GROUP BY interaction_id
), offers AS (
  SELECT DISTINCT interaction_id FROM experiment_exposures WHERE offer_made = 1 AND interaction_id IS NOT NULL
), firsts AS (
  -- Each customer's first verified, wrapped-up call in the period.
  SELECT DISTINCT ON (i.customer_id) i.id, i.customer_id, i.agent_id, substr(i.started_at, 1, 10) AS day, i.handle_seconds, i.disposition
    FROM interactions i
   WHERE i.customer_id IS NOT NULL AND i.verified_at IS NOT NULL AND i.ended_at IS NOT NULL
     AND i.started_at >= $1 AND i.started_at < to_char($2::date + 1, 'YYYY-MM-DD')
     AND ${AT_DESK('i.id', '$4')}
   ORDER BY i.customer_id, i.started_at, i.id
), calls AS (
  SELECT f.agent_id AS "agentId", f.disposition, f.day, f.customer_id,
         coalesce((SELECT p.flags FROM call_practices p WHERE p.interaction_id = f.id), 0)
         | (CASE WHEN o.interaction_id IS NOT NULL THEN 16 ELSE 0 END)
         | (CASE WHEN EXISTS (SELECT 1 FROM approval_requests r WHERE r.interaction_id = f.id) THEN 32 ELSE 0 END)
         | (CASE WHEN (SELECT count(*) FROM verification_attempts v WHERE v.customer_id = f.customer_id AND v.interaction_id = f.id) = 1 THEN 64 ELSE 0 END)
         | (CASE WHEN f.handle_seconds >= ${LONG_CALL_SECONDS} THEN 128 ELSE 0 END) AS mask,
         (cu.churn_risk = 'high')::int AS "highRisk",
         (a.opened_on > to_char(f.day::date - interval '12 months', 'YYYY-MM-DD'))::int AS "newCustomer",
         e."billShock" AS "enrolledBillShock",
         CASE WHEN e.interaction_id IS NULL THEN (SELECT total FROM invoices WHERE account_id = a.id AND issued_on <= f.day ORDER BY cycle_start DESC LIMIT 1) END AS "latestTotal",
         CASE WHEN e.interaction_id IS NULL THEN (SELECT total FROM invoices WHERE account_id = a.id AND issued_on <= f.day ORDER BY cycle_start DESC LIMIT 1 OFFSET 1) END AS "previousTotal",
         coalesce(e."notGood", (a.status <> 'active')::int) AS "notGood"
    FROM firsts f
    JOIN customers cu ON cu.id = f.customer_id
    JOIN accounts a ON a.id = (SELECT id FROM accounts WHERE customer_id = f.customer_id ORDER BY opened_on, id LIMIT 1)
    LEFT JOIN enrolled e ON e.interaction_id = f.id
    LEFT JOIN offers o ON o.interaction_id = f.id
), followed AS MATERIALIZED (
  SELECT c.*,
         coalesce(c."enrolledBillShock", CASE WHEN c."previousTotal" > 0 AND c."latestTotal" * 10 >= c."previousTotal" * 12 THEN 1 ELSE 0 END) AS "billShock",
         (SELECT min(x.occurred_on) FROM customer_outcomes x
           WHERE x.customer_id = c.customer_id AND x.kind = 'cancellation' AND x.occurred_on >= c.day AND x.occurred_on <= $3) AS "cancelledOn"
    FROM calls c
)
SELECT "agentId", mask, disposition, "highRisk", "newCustomer", "billShock", "notGood",
       CASE WHEN $3::date - day::date >= 180 THEN 180
            WHEN $3::date - day::date >= 90 THEN 90
            WHEN $3::date - day::date >= 30 THEN 30 ELSE 0 END AS reach,
       coalesce("cancelledOn", $3)::date - day::date AS "time",
       ("cancelledOn" IS NOT NULL)::int AS status,
       count(*)::int AS n
  FROM followed
 GROUP BY "agentId", mask, disposition, "highRisk", "newCustomer", "billShock", "notGood", reach, "time", status
 ORDER BY "agentId" COLLATE "C" NULLS FIRST, disposition COLLATE "C" NULLS FIRST, "time", reach, status, "notGood", "billShock", "newCustomer", "highRisk", mask`;

/** The practices' risk-set rows of the customers whose first verified, wrapped-up call fell in the period, across every desk. */
export async function hubPracticeRiskRows(sql: Sql, period: HubPracticePeriod): Promise<PracticeRiskRow[]> {
  return sql.query<PracticeRiskRow>(RISK_SETS, [period.from, period.to, period.today, period.deskId ?? null]);
}

/**
 * The practices' figures across every desk for the period, optionally for one agent: the same
 * pure code as the desk's view (core/insights/practice-figures.ts) on the hub's rows.
 */
export async function hubPracticeFigures(sql: Sql, period: HubPracticePeriod, locale: Locale, agentId: string | null = null): Promise<PracticeFigures> {
  const rows = await hubPracticeRiskRows(sql, period);
  return practiceFigures(agentId === null ? rows : rows.filter((r) => r.agentId === agentId), locale);
}

// The approval requests of the period with their waits: the desk's query (main/store/practices.ts),
// the seconds from the instants' difference. COLLATE "C" orders as SQLite's binary text does.
const WAITS = `
SELECT r.id, r.interaction_id AS "interactionId", r.requested_by AS "requestedBy", r.requested_at AS "requestedAt",
       r.decided_by AS "decidedBy", u.display_name AS "decidedByName", r.decided_at AS "decidedAt", r.status,
       i.ended_at AS "callEndedAt",
       CASE WHEN r.decided_at IS NULL THEN NULL
            ELSE round(extract(epoch FROM (r.decided_at::timestamptz - r.requested_at::timestamptz)))::int END AS "waitSeconds"
  FROM approval_requests r
  JOIN interactions i ON i.id = r.interaction_id
  LEFT JOIN users u ON u.id = r.decided_by
 WHERE r.requested_at >= $1 AND r.requested_at < to_char($2::date + 1, 'YYYY-MM-DD')
   AND ${AT_DESK('i.id', '$3')}
 ORDER BY r.requested_at COLLATE "C", r.id COLLATE "C"`;

/** Every approval request made in the period across every desk, with its wait and its call's end, oldest first. */
export async function hubWaitRows(sql: Sql, period: Pick<HubPracticePeriod, 'from' | 'to' | 'deskId'>): Promise<WaitRow[]> {
  return sql.query<WaitRow>(WAITS, [period.from, period.to, period.deskId ?? null]);
}

/** Staff names by id, ordered as the desk orders them. */
export async function hubStaffNames(sql: Sql): Promise<Array<{ id: string; name: string }>> {
  return sql.query<{ id: string; name: string }>(`SELECT id, display_name AS name FROM users ORDER BY display_name COLLATE "C", id COLLATE "C"`);
}

/** A period's rows across every desk: what the practices overview is sliced from. */
export async function hubPracticePeriodRows(sql: Sql, period: HubPracticePeriod): Promise<PracticePeriodRows> {
  return { rows: await hubPracticeRiskRows(sql, period), waits: await hubWaitRows(sql, period), staff: await hubStaffNames(sql), desks: await hubDesks(sql) };
}

/** The practices overview across every desk — the desk's overview (practices and waiting), on the hub's rows. */
export async function hubPracticesOverview(sql: Sql, today: string, filter: PracticesFilter, locale: Locale): Promise<PracticesOverview> {
  return practicesOverview(today, filter, await hubPracticePeriodRows(sql, { from: filter.from, to: filter.to, today, deskId: filter.deskId ?? null }), locale);
}
