/**
 * The insights service against the customer-level rows it aggregates: arm sizes, the SRM check,
 * KM curves, retention at 30/90/180 days on the customers with that follow-up, the Cox HR and the
 * sentence come out exactly as computed from one row per customer — and the screen is refused
 * what the data cannot show (SRM, minimum sample).
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SAMPLE_POLICY, parsePolicy, type PolicyDocument } from '../../../src/core/policy';
import { coxPH, kaplanMeier, sampleSizePerArm, survivalAt, twoProportions } from '../../../src/core/stats';
import { dayNumber } from '../../../src/main/demo/calendar';
import { enrolmentWindow, OUTCOME_SQL, outcomeRows, simulateOutcome } from '../../../src/main/demo/outcomes';
import { Rng, Weighted } from '../../../src/main/demo/random';
import { PolicyStore } from '../../../src/main/services/discounts/policy-store';
import { InsightsService } from '../../../src/main/services/insights/insights';
import { tempStore } from '../demo/helpers';

const TODAY = '2026-11-30';
const experiment = SAMPLE_POLICY.experiments![0]!;
const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

const RISK = new Weighted<'low' | 'medium' | 'high'>([
  ['low', 30],
  ['medium', 40],
  ['high', 30],
]);

/** A store with `n` customers who went through the demo's outcome simulator. */
function world(n: number, policy: PolicyDocument = SAMPLE_POLICY) {
  const store = tempStore();
  cleanups.push(store.cleanup);
  const c = store.db.$client;
  new PolicyStore(c).ensureSeeded(new Date(`${TODAY}T09:00:00Z`));
  if (policy !== SAMPLE_POLICY) c.prepare('UPDATE policies SET document = ?').run(JSON.stringify(parsePolicy(policy)));
  const insertCustomer = c.prepare(
    "INSERT INTO customers (id, given_name, family_name, date_of_birth, category, country, locale, churn_risk, created_at) VALUES (?, 'A', 'B', '1980-01-01', 'residential', 'FR', 'fr', ?, '2024-01-01T00:00:00Z')",
  );
  const stmts = { outcome: c.prepare(OUTCOME_SQL.outcome), assignment: c.prepare(OUTCOME_SQL.assignment), exposure: c.prepare(OUTCOME_SQL.exposure) };
  const rng = Rng.stream(5, 0, 98);
  const window = enrolmentWindow(experiment, dayNumber('2025-09-01'), dayNumber(TODAY));
  c.transaction(() => {
    for (let index = 0; index < n; index++) {
      const customer = {
        index,
        customerId: `019a0000-0000-7000-8000-${index.toString(16).padStart(12, '0')}`,
        churnRisk: RISK.pick(rng),
        fraudFlag: false,
        openedOn: dayNumber('2025-01-01') - rng.int(0, 700),
        suspended: false,
      };
      insertCustomer.run(customer.customerId, customer.churnRisk);
      const o = simulateOutcome(5, customer, experiment, SAMPLE_POLICY, window);
      const rows = outcomeRows(5, customer, o, experiment, 1, Date.parse('2025-01-01'));
      for (const r of rows.outcomes) stmts.outcome.run(r);
      if (rows.assignment) stmts.assignment.run(rows.assignment);
      if (rows.exposure) stmts.exposure.run(rows.exposure);
    }
  })();
  const service = new InsightsService(c, new PolicyStore(c), () => TODAY);
  /** One row per enrolled customer, straight from the tables. */
  const raw = c
    .prepare(
      `SELECT a.arm, a.assigned_on AS assignedOn, a.churn_risk AS churnRisk, a.tenure_months AS tenure, a.bill_shock AS billShock, a.standing,
              (SELECT min(occurred_on) FROM customer_outcomes o WHERE o.customer_id = a.customer_id AND o.kind = 'cancellation' AND o.occurred_on >= a.assigned_on AND o.occurred_on <= ?) AS cancelledOn
         FROM experiment_assignments a WHERE a.experiment_id = ?`,
    )
    .all(TODAY, experiment.id) as Array<{
    arm: 'offer' | 'holdout';
    assignedOn: string;
    churnRisk: string;
    tenure: number;
    billShock: number;
    standing: string;
    cancelledOn: string | null;
  }>;
  const perCustomer = raw.map((r) => ({
    ...r,
    time: dayNumber(r.cancelledOn ?? TODAY) - dayNumber(r.assignedOn),
    status: (r.cancelledOn ? 1 : 0) as 0 | 1,
    followed: dayNumber(TODAY) - dayNumber(r.assignedOn),
  }));
  return { c, service, perCustomer };
}

const viewer = { userId: 'u', username: 'nadia', displayName: 'Nadia', role: 'supervisor' as const, locale: 'en' as const };

describe('insights service', () => {
  it('computes every figure as the customer-level rows give it', async () => {
    const { service, perCustomer } = world(6000);
    const [x] = (await service.overview(viewer)).experiments;
    expect(x).toBeDefined();
    const insight = x!;
    const count = (arm: string) => perCustomer.filter((r) => r.arm === arm).length;
    expect(insight.arms.map((a) => a.customers)).toEqual([count('offer'), count('holdout')]);
    expect(insight.arms[1]!.customers).toBeGreaterThan(experiment.minimumPerArm);
    expect(insight.srm!.blocked).toBe(false);
    expect(['needs_more', 'result']).toContain(insight.status);
    const f = insight.figures!;

    // Curves: KM on one row per customer, at the days shown.
    for (const arm of ['offer', 'holdout'] as const) {
      const km = kaplanMeier(perCustomer.filter((r) => r.arm === arm).map((r) => ({ time: r.time, status: r.status })));
      const shown = f.curve.filter((p) => p[arm] !== null);
      const at = survivalAt(
        km,
        shown.map((p) => p.day),
      );
      shown.forEach((p, i) => {
        expect(p[arm]).toBeCloseTo(at[i]!.surv, 12);
        expect(p[`${arm}Lower`]).toBeCloseTo(at[i]!.lower!, 12);
      });
    }

    // Retention at 90 days: only customers enrolled at least 90 days ago, as proportions.
    const h90 = f.horizons.find((h) => h.days === 90)!;
    const cohort = perCustomer.filter((r) => r.followed >= 90);
    const kept = (arm: string) => cohort.filter((r) => r.arm === arm && !(r.status === 1 && r.time <= 90)).length;
    const n = (arm: string) => cohort.filter((r) => r.arm === arm).length;
    expect(h90.offerCustomers).toBe(n('offer'));
    expect(h90.holdoutCustomers).toBe(n('holdout'));
    const two = twoProportions({ x: kept('offer'), n: n('offer') }, { x: kept('holdout'), n: n('holdout') });
    expect(h90.difference!.estimate).toBeCloseTo(two.difference, 12);
    expect(h90.difference!.lower).toBeCloseTo(two.newcombe.lower, 12);
    const words = h90.distinguishable ? (two.difference > 0 ? 'more' : 'fewer') : 'not distinguishable';
    expect(h90.sentence).toContain(words);
    expect(h90.sentence).toContain(`${((h90.distinguishable ? Math.abs(two.difference) : two.difference) * 100).toFixed(1)}`);
    // 180 days: only customers with that follow-up, so fewer of them.
    const h180 = f.horizons.find((h) => h.days === 180)!;
    expect(h180.offerCustomers + h180.holdoutCustomers).toBe(perCustomer.filter((r) => r.followed >= 180).length);

    // Cox: the same fit on one row per customer (ties by Efron on expanded rows = weighted rows).
    // Every customer here has over a year of tenure, so that covariate is constant and left out.
    expect(perCustomer.every((r) => r.tenure >= 12)).toBe(true);
    const covs = (r: (typeof perCustomer)[number]) => [r.arm === 'offer' ? 1 : 0, r.churnRisk === 'high' ? 1 : 0, r.billShock];
    const fit = coxPH(perCustomer.map((r) => ({ time: r.time, status: r.status, covariates: covs(r) })));
    expect(f.cox!.estimate).toBeCloseTo(fit.coefficients[0]!.hazardRatio, 8);
    expect(f.cox!.covariates).toEqual(['churn risk high', 'bill shock']);
    expect(insight.sentence).toBe(h90.sentence);
  });

  it('blocks every figure when the arms are off their planned shares (SRM, p < 0.001)', async () => {
    const { c, service } = world(3000);
    // A broken assignment: some offer-arm customers recorded in the holdout.
    c.prepare(
      "UPDATE experiment_assignments SET arm = 'holdout' WHERE rowid IN (SELECT rowid FROM experiment_assignments WHERE arm = 'offer' LIMIT 150)",
    ).run();
    const [x] = (await service.overview({ ...viewer, locale: 'fr' })).experiments;
    expect(x!.status).toBe('blocked_srm');
    expect(x!.srm!.blocked).toBe(true);
    expect(x!.srm!.pValue).toBeLessThan(0.001);
    expect(x!.figures).toBeNull();
    expect(x!.sentence).toMatch(/aucun résultat/);
  });

  it('an enrolment whose arm was edited behind the app’s back to one the design does not have is left out, not guessed at — at the next ask', async () => {
    const { c, service } = world(1500);
    const before = (await service.overview(viewer)).experiments[0]!;
    const total = before.arms.reduce((s, a) => s + a.customers, 0);
    // Another connection (sqlite3 on the desk's file): an in-place update, no row added.
    const behind = new Database(c.name);
    try {
      behind
        .prepare("UPDATE experiment_assignments SET arm = 'Offer ' WHERE rowid IN (SELECT rowid FROM experiment_assignments WHERE arm = 'offer' LIMIT 3)")
        .run();
    } finally {
      behind.close();
    }
    const after = (await service.overview(viewer)).experiments[0]!;
    expect(after.arms.map((a) => a.arm)).toEqual(before.arms.map((a) => a.arm));
    expect(after.arms.reduce((s, a) => s + a.customers, 0)).toBe(total - 3);
    expect(after.arms.find((a) => a.arm === 'offer')!.customers).toBe(before.arms.find((a) => a.arm === 'offer')!.customers - 3);
  });

  it('shows no figure below the minimum sample, and says how many are missing', async () => {
    const policy = { ...SAMPLE_POLICY, experiments: [{ ...experiment, minimumPerArm: 100_000 }] };
    const { service } = world(1500, policy);
    const [x] = (await service.overview(viewer)).experiments;
    expect(x!.status).toBe('collecting');
    expect(x!.figures).toBeNull();
    expect(x!.sentence).toMatch(/Fewer than 100,000 customers in an arm/);
  });

  it('counts the customers the design still needs', async () => {
    const { service, perCustomer } = world(2000);
    const [x] = (await service.overview(viewer)).experiments;
    expect(x!.design.withFollowUp).toBe(perCustomer.filter((r) => r.followed >= experiment.design.horizonDays).length);
    expect(x!.design.moreNeeded).toBe(Math.max(0, x!.design.totalNeeded - x!.design.withFollowUp));
    // power.prop.test(p1 = .80, p2 = .85) gives n ≈ 905.1 per arm; with 1 held out for 9 offered,
    // n·(1 + k)²/(2k) = 5.56 n in all.
    const n = sampleSizePerArm({ baseline: 0.8, minimumDetectableDifference: 0.05 }).n;
    expect(n).toBeGreaterThan(900);
    expect(x!.design.totalNeeded).toBe(Math.ceil((n * 100) / 18));
  });
});
