/**
 * call_practices, the per-call practice bits the insights read instead of every audit entry of a
 * call: the trigger keeps them equal to what the audit entries say (same transaction, any order
 * of writes), the migration's backfill gives the same rows from the entries alone, and the
 * practices figures computed from the aggregated risk sets are those of one row per customer
 * read straight from audit_log (the path the table replaced), Cox hazard ratios included.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentProfile } from '../../../src/core/api';
import { coxPH, wilsonInterval } from '../../../src/core/stats';
import { loadDemoData } from '../../../src/main/demo/load';
import { AuditTrail } from '../../../src/main/services/audit-trail';
import { MIN_PER_GROUP, PracticesService } from '../../../src/main/services/insights/practices';
import { LONG_CALL_SECONDS, PRACTICE_BIT, PRACTICES } from '../../../src/main/store/practices';
import { tempStore } from '../demo/helpers';

const TODAY = '2026-11-30';
const FROM = '2025-12-01';
const viewer = { userId: 'm', locale: 'en' } as AgentProfile;
let store: ReturnType<typeof tempStore>;
let audit: AuditTrail;

/** The bits straight from the audit entries (what the insights read before the table). */
const FROM_AUDIT = `
SELECT interaction_id AS interactionId,
       max(action = 'bill_viewed') | (max(action = 'bills_compared') << 1) | (max(action = 'plan_quoted') << 2)
       | (max(action = 'plan_changed') << 3) | (max(action = 'credit_granted') << 4) | (max(action = 'approval_requested') << 5) AS flags
  FROM audit_log WHERE interaction_id IS NOT NULL GROUP BY interaction_id HAVING flags <> 0 ORDER BY interaction_id`;

beforeAll(() => {
  store = tempStore();
  audit = new AuditTrail(store.db.$client, { key: randomBytes(32), anchorFile: null });
  loadDemoData(store.db, { customers: 1200, seed: 11, months: 14, today: TODAY, passwordCost: { N: 1024, r: 8, p: 1 }, audit: (e) => void audit.append(e) });
}, 120_000);
afterAll(() => store.cleanup());

const tableRows = () => store.db.$client.prepare('SELECT interaction_id AS interactionId, flags FROM call_practices ORDER BY interaction_id').all();

describe('call_practices', () => {
  it('the trigger keeps one row per call with the bits its audit entries give', () => {
    const expected = store.db.$client.prepare(FROM_AUDIT).all();
    expect(expected.length).toBeGreaterThan(200);
    expect(tableRows()).toEqual(expected);
  });

  it('the migration’s backfill gives the same rows from the audit entries alone', () => {
    const c = store.db.$client;
    const before = tableRows();
    const sql = readFileSync(join(__dirname, '../../../drizzle/desktop/0012_call_practices.sql'), 'utf8');
    const backfill = sql.split('--> statement-breakpoint').find((s) => s.includes('INSERT INTO `call_practices`') && s.includes('GROUP BY'))!;
    c.transaction(() => {
      c.prepare('DELETE FROM call_practices').run();
      c.exec(backfill);
    })();
    expect(tableRows()).toEqual(before);
  });

  it('a new entry ORs its bit into its call, in the same transaction; other actions and calls are untouched', () => {
    const c = store.db.$client;
    const call = c
      .prepare(`SELECT i.id, i.agent_id AS agentId FROM interactions i WHERE NOT EXISTS (SELECT 1 FROM call_practices p WHERE p.interaction_id = i.id) LIMIT 1`)
      .get() as {
      id: string;
      agentId: string;
    };
    const flags = () => c.prepare('SELECT flags FROM call_practices WHERE interaction_id = ?').pluck().get(call.id) as number | undefined;
    const count = () => c.prepare('SELECT count(*) FROM call_practices').pluck().get() as number;
    const n = count();
    audit.append({ at: `${TODAY}T09:00:00.000Z`, actorId: call.agentId, interactionId: call.id, action: 'interaction_wrapped_up', subject: null });
    expect(flags()).toBeUndefined();
    audit.append({ at: `${TODAY}T09:00:01.000Z`, actorId: call.agentId, interactionId: call.id, action: 'plan_quoted', subject: null });
    audit.append({ at: `${TODAY}T09:00:02.000Z`, actorId: call.agentId, interactionId: call.id, action: 'bill_viewed', subject: null });
    audit.append({ at: `${TODAY}T09:00:03.000Z`, actorId: call.agentId, interactionId: call.id, action: 'plan_quoted', subject: null });
    expect(flags()).toBe(PRACTICE_BIT.quoted | PRACTICE_BIT.explained);
    expect(count()).toBe(n + 1);
    // An entry rolled back takes its bit with it.
    expect(() =>
      c.transaction(() => {
        audit.append({ at: `${TODAY}T09:00:04.000Z`, actorId: call.agentId, interactionId: call.id, action: 'bills_compared', subject: null });
        throw new Error('rolled back');
      })(),
    ).toThrow('rolled back');
    expect(flags()).toBe(PRACTICE_BIT.quoted | PRACTICE_BIT.explained);
    expect(tableRows()).toEqual(c.prepare(FROM_AUDIT).all());
    expect(audit.verify().ok).toBe(true);
  });

  it('the practices figures from aggregated risk sets are those of one row per customer read from audit_log', async () => {
    const c = store.db.$client;
    const o = await new PracticesService(c, () => TODAY).overview(viewer, { from: FROM, to: TODAY });
    // One row per customer (first verified, wrapped-up call of the period), the mask from the audit
    // entries, the covariates as the store defines them (store/practices.ts).
    const perCustomer = c
      .prepare(
        `WITH firsts AS (
           SELECT id, customer_id, agent_id, substr(startedAt, 1, 10) AS day, handle_seconds FROM (
             SELECT i.id, i.customer_id, i.agent_id, min(i.started_at) AS startedAt, i.handle_seconds FROM interactions i
              WHERE i.customer_id IS NOT NULL AND i.verified_at IS NOT NULL AND i.ended_at IS NOT NULL AND i.started_at >= @from AND i.started_at < date(@to, '+1 day')
              GROUP BY i.customer_id))
         SELECT f.id, f.day, f.handle_seconds AS handle,
                (SELECT group_concat(action) FROM audit_log l WHERE l.interaction_id = f.id) AS actions,
                EXISTS (SELECT 1 FROM experiment_exposures x WHERE x.interaction_id = f.id AND x.offer_made = 1) AS offered,
                EXISTS (SELECT 1 FROM approval_requests r WHERE r.interaction_id = f.id) AS escalated,
                (SELECT count(*) FROM verification_attempts v WHERE v.interaction_id = f.id AND v.customer_id = f.customer_id) AS attempts,
                (cu.churn_risk = 'high') AS highRisk,
                (a.opened_on > date(f.day, '-12 months')) AS newCustomer,
                coalesce((SELECT max(e.bill_shock) FROM experiment_assignments e WHERE e.interaction_id = f.id),
                         coalesce((SELECT p.total > 0 AND l.total * 10 >= p.total * 12
                                     FROM (SELECT total FROM invoices WHERE account_id = a.id AND issued_on <= f.day ORDER BY cycle_start DESC LIMIT 1) l,
                                          (SELECT total FROM invoices WHERE account_id = a.id AND issued_on <= f.day ORDER BY cycle_start DESC LIMIT 1 OFFSET 1) p), 0)) AS billShock,
                coalesce((SELECT max(e.standing <> 'good') FROM experiment_assignments e WHERE e.interaction_id = f.id), a.status <> 'active') AS notGood,
                (SELECT min(x.occurred_on) FROM customer_outcomes x WHERE x.customer_id = f.customer_id AND x.kind = 'cancellation' AND x.occurred_on >= f.day AND x.occurred_on <= @to) AS cancelledOn
           FROM firsts f JOIN customers cu ON cu.id = f.customer_id
           JOIN accounts a ON a.id = (SELECT id FROM accounts WHERE customer_id = f.customer_id ORDER BY opened_on, id LIMIT 1)`,
      )
      .all({ from: FROM, to: TODAY }) as Array<{
      day: string;
      handle: number;
      actions: string | null;
      offered: number;
      escalated: number;
      attempts: number;
      highRisk: number;
      newCustomer: number;
      billShock: number;
      notGood: number;
      cancelledOn: string | null;
    }>;
    const days = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
    const has: Record<(typeof PRACTICES)[number], (r: (typeof perCustomer)[number]) => boolean> = {
      explained: (r) => (r.actions ?? '').split(',').includes('bill_viewed'),
      compared: (r) => (r.actions ?? '').split(',').includes('bills_compared'),
      quoted: (r) => (r.actions ?? '').split(',').includes('plan_quoted'),
      planChanged: (r) => (r.actions ?? '').split(',').includes('plan_changed'),
      granted: (r) => (r.actions ?? '').split(',').includes('credit_granted') || r.offered === 1,
      escalated: (r) => (r.actions ?? '').split(',').includes('approval_requested') || r.escalated === 1,
      firstTimeVerified: (r) => r.attempts === 1,
      longCall: (r) => r.handle >= LONG_CALL_SECONDS,
    };
    const rows = perCustomer.map((r) => ({
      ...r,
      time: days(r.day, r.cancelledOn ?? TODAY),
      status: (r.cancelledOn === null ? 0 : 1) as 0 | 1,
      followed: days(r.day, TODAY),
    }));
    expect(o.customers).toBe(rows.length);
    const covariates = ['highRisk', 'newCustomer', 'billShock', 'notGood'] as const;
    let fitted = 0;
    for (const practice of PRACTICES) {
      const figure = o.practices.find((p) => p.practice === practice)!;
      const side = (yes: boolean) => rows.filter((r) => has[practice](r) === yes);
      for (const [group, list] of [
        [figure.withPractice, side(true)],
        [figure.without, side(false)],
      ] as const) {
        expect(group.customers).toBe(list.length);
        const followed = list.filter((r) => r.followed >= 90);
        if (followed.length < MIN_PER_GROUP) {
          expect(group.retention).toBeNull();
          continue;
        }
        const kept = followed.filter((r) => !(r.status === 1 && r.time <= 90)).length;
        const w = wilsonInterval({ x: kept, n: followed.length });
        expect(group.retention).toEqual({ estimate: w.estimate, lower: w.lower, upper: w.upper });
      }
      if (figure.hazardRatio === null) continue;
      // The same Cox model on one row per customer (weight 1).
      const events = rows.filter((r) => r.status === 1);
      const used = covariates.filter((k) => new Set(rows.map((r) => r[k])).size > 1 && new Set(events.map((r) => r[k])).size > 1);
      const fit = coxPH(rows.map((r) => ({ time: r.time, status: r.status, covariates: [has[practice](r) ? 1 : 0, ...used.map((k) => r[k])] })));
      const coef = fit.coefficients[0]!;
      expect(figure.hazardRatio.estimate).toBeCloseTo(coef.hazardRatio, 9);
      expect(figure.hazardRatio.lower).toBeCloseTo(coef.lower, 9);
      expect(figure.hazardRatio.upper).toBeCloseTo(coef.upper, 9);
      fitted++;
    }
    expect(fitted).toBeGreaterThanOrEqual(4);
  });
});
