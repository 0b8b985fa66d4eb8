/**
 * What must hold for every policy, every sequence of requests and every day — checked with
 * fast-check rather than examples:
 *  - applying only 'allowed' decisions, no customer's rolling 12 months ever go over a cap
 *    (overall or per reason) and no agent's day goes over their daily limit;
 *  - maxAllowedNow is exact: asking for it is allowed, one cent more is not;
 *  - an approval is real: the approver, deciding the same request, is allowed to grant it;
 *  - more authority never gets a worse answer; decisions are deterministic and do not touch
 *    their inputs; every rule reads in English and French.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ROLES,
  RULE_CODES,
  SAMPLE_POLICY,
  compilePolicy,
  decide,
  describeDecision,
  describeRule,
  roleRank,
  type CustomerFacts,
  type DiscountRequest,
  type PolicyDocument,
  type PriorCredit,
  type Role,
  type RuleCode,
} from '../../../src/core/policy';
import { customerArb, eligibleCustomerArb, facts, policyArb, requestArb } from './arbitraries';

const RUNS = 10_000;
const sample = compilePolicy(SAMPLE_POLICY);
const anyPolicy = fc.oneof(fc.constant(SAMPLE_POLICY), policyArb);

// An independent reading of "the rolling 12 months ending on `now`" with Date, not the engine's
// day arithmetic: after the same date one year earlier (29 February → 28 February).
function inRollingYear(at: string, now: string): boolean {
  const n = new Date(`${now.slice(0, 10)}T00:00:00Z`);
  const y = n.getUTCFullYear() - 1;
  const m = n.getUTCMonth();
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.parse(`${at.slice(0, 10)}T00:00:00Z`) > Date.UTC(y, m, Math.min(n.getUTCDate(), lastDay));
}

const START = Date.UTC(2026, 0, 1);
const dayString = (offset: number) => new Date(START + offset * 86_400_000).toISOString().slice(0, 10);

describe('no sequence of allowed credits breaks a cap or a daily limit', () => {
  const stepArb = fc.record({
    gap: fc.oneof(
      { weight: 4, arbitrary: fc.constant(0) },
      { weight: 3, arbitrary: fc.integer({ min: 1, max: 5 }) },
      { weight: 1, arbitrary: fc.integer({ min: 20, max: 200 }) },
    ),
    actor: fc.nat({ max: 3 }),
    customer: fc.nat({ max: 1 }),
    facts: eligibleCustomerArb,
    request: requestArb,
  });

  it(`holds over random policies, agents, customers and days (${RUNS} runs)`, () => {
    let allowedSeen = 0;
    let capRefusals = 0;
    let dayRefusals = 0;
    fc.assert(
      fc.property(
        anyPolicy,
        fc.array(fc.constantFrom(...ROLES), { minLength: 4, maxLength: 4 }),
        fc.array(stepArb, { minLength: 1, maxLength: 40 }),
        (doc, roles, steps) => {
          const policy = compilePolicy(doc);
          const histories: PriorCredit[][] = [[], []];
          const dayTotals = new Map<string, number>();
          let day = 0;
          for (const step of steps) {
            day += step.gap;
            const now = dayString(day);
            const role = roles[step.actor]!;
            const key = `${step.actor}|${day}`;
            const history = histories[step.customer]!;
            const d = decide(policy, { userId: `u${step.actor}`, role }, facts(step.facts, history, dayTotals.get(key) ?? 0), step.request, now);
            if (d.outcome !== 'allowed') {
              if (d.rules.some((r) => !r.passed && r.rule.endsWith('_cap'))) capRefusals++;
              if (d.rules.some((r) => !r.passed && r.rule === 'daily_limit')) dayRefusals++;
              continue;
            }
            allowedSeen++;
            history.push({ at: now, amount: d.effectiveAmount, reason: step.request.reason, kind: step.request.kind });
            dayTotals.set(key, (dayTotals.get(key) ?? 0) + d.effectiveAmount);

            // The agent's day, all customers together.
            expect(dayTotals.get(key)!).toBeLessThanOrEqual(doc.roleLimits[role].perDayMax);
            // The customer's rolling 12 months ending today, overall and per reason.
            const window = history.filter((h) => inRollingYear(h.at, now));
            const counted = window.filter((h) => doc.reasons[h.reason].countsTowardCustomerCap);
            if (doc.reasons[step.request.reason].countsTowardCustomerCap) {
              expect(counted.length).toBeLessThanOrEqual(doc.customerCaps.rolling12Months.maxCount);
              expect(counted.reduce((s, h) => s + h.amount, 0)).toBeLessThanOrEqual(doc.customerCaps.rolling12Months.maxAmount);
            }
            const cap = doc.reasons[step.request.reason].caps?.rolling12Months;
            if (cap) {
              const same = window.filter((h) => h.reason === step.request.reason);
              expect(same.length).toBeLessThanOrEqual(cap.maxCount);
              expect(same.reduce((s, h) => s + h.amount, 0)).toBeLessThanOrEqual(cap.maxAmount);
            }
          }
        },
      ),
      { numRuns: RUNS },
    );
    // The property is only worth something if credits were granted and the caps and daily
    // limits were actually reached along the way.
    expect(allowedSeen).toBeGreaterThan(RUNS);
    expect(capRefusals).toBeGreaterThan(RUNS / 2);
    expect(dayRefusals).toBeGreaterThan(RUNS / 2);
    console.info(`simulation: ${allowedSeen} credits granted, ${capRefusals} stopped by a cap, ${dayRefusals} by a daily limit`);
  });
});

// A prior history drawn at random, inside and outside the window.
const historyArb = fc.array(
  fc.record({
    at: fc.integer({ min: -400, max: 0 }).map((d) => dayString(180 + d)),
    amount: fc.integer({ min: 0, max: 8_000 }),
    reason: fc.constantFrom('billing_error' as const, 'goodwill' as const, 'service_outage' as const, 'retention_offer' as const, 'late_fee_waiver' as const),
    kind: fc.constant('one_off_credit' as const),
  }),
  { maxLength: 6 },
);
const NOW = dayString(180);
const caseArb = fc.record({
  policy: anyPolicy,
  role: fc.constantFrom(...ROLES),
  customer: customerArb,
  history: historyArb,
  today: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 40_000 })),
  request: requestArb,
});
const build = (c: { customer: Parameters<typeof facts>[0]; history: PriorCredit[]; today: number }): CustomerFacts => facts(c.customer, c.history, c.today);

/** The same request with another amount in the unit maxAllowedNow speaks for that kind. */
function withAmount(request: DiscountRequest, amount: number): DiscountRequest {
  if (request.kind !== 'recurring_discount') return { ...request, amount };
  if (request.form === 'amount') return { ...request, amountPerCycle: amount };
  return { ...request, percentBp: amount };
}

describe('maxAllowedNow', () => {
  it(`asking for exactly maxAllowedNow is allowed, one more is not (${RUNS} runs)`, () => {
    let checked = 0;
    fc.assert(
      fc.property(caseArb, (c) => {
        // A raw document: decide() compiles it once and remembers it.
        const policy = c.policy;
        const actor = { userId: 'u', role: c.role };
        const f = build(c);
        const d = decide(policy, actor, f, c.request, NOW);
        const r = c.request;
        // One-off and waiver: in money. Recurring: per cycle (amount) or in basis points (percent),
        // for cycles the policy allows.
        const unit = r.kind !== 'recurring_discount' ? d.maxAllowedNow : r.form === 'amount' ? d.maxPerCycleNow! : d.maxPercentNow!;
        if (r.kind === 'recurring_discount') {
          const maxCycles = c.policy.reasons[r.reason].kinds.recurring_discount?.maxCycles ?? 0;
          if (r.cycles > maxCycles) return;
          expect(d.maxAllowedNow).toBe(d.maxPerCycleNow! * r.cycles);
        }
        if (d.outcome === 'allowed') {
          expect(d.effectiveAmount).toBeLessThanOrEqual(d.maxAllowedNow);
        }
        if (unit === 0) {
          expect(d.outcome).not.toBe('allowed');
          return;
        }
        checked++;
        expect(decide(policy, actor, f, withAmount(r, unit), NOW).outcome).toBe('allowed');
        if (r.kind === 'recurring_discount' && r.form === 'percent' && unit >= 10_000) return;
        expect(decide(policy, actor, f, withAmount(r, unit + 1), NOW).outcome).not.toBe('allowed');
      }),
      { numRuns: RUNS },
    );
    expect(checked).toBeGreaterThan(RUNS / 10);
  });

  it('is 0 whenever an eligibility rule fails', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const d = decide(c.policy, { userId: 'u', role: c.role }, build(c), c.request, NOW);
        const ineligible = d.rules.some(
          (r) =>
            !r.passed &&
            [
              'policy_in_force',
              'kind_allowed',
              'no_fraud_flag',
              'min_tenure',
              'account_standing',
              'churn_risk',
              'error_documented',
              'outage_documented',
              'late_fee_present',
            ].includes(r.rule),
        );
        if (ineligible) {
          expect(d.maxAllowedNow).toBe(0);
          expect(d.outcome).toBe('refused');
        }
      }),
      { numRuns: RUNS },
    );
  });
});

const RANK: Record<string, number> = { refused: 0, needs_approval: 1, allowed: 2 };

describe('approval', () => {
  it(`the named approver can grant it; a higher role never gets a worse answer (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const f = build(c);
        const results = new Map<Role, ReturnType<typeof decide>>();
        for (const role of ROLES) results.set(role, decide(c.policy, { userId: role, role }, f, c.request, NOW));
        for (let i = 1; i < ROLES.length; i++) {
          expect(RANK[results.get(ROLES[i]!)!.outcome]!).toBeGreaterThanOrEqual(RANK[results.get(ROLES[i - 1]!)!.outcome]!);
        }
        for (const role of ROLES) {
          const d = results.get(role)!;
          if (d.outcome === 'needs_approval') {
            expect(roleRank(d.approverRole!)).toBeGreaterThan(roleRank(role));
            expect(results.get(d.approverRole!)!.outcome).toBe('allowed');
            // …and it is the lowest such role.
            for (const between of ROLES.filter((r) => roleRank(r) > roleRank(role) && roleRank(r) < roleRank(d.approverRole!))) {
              expect(results.get(between)!.outcome).not.toBe('allowed');
            }
            // Only limits can be the cause.
            expect(d.rules.filter((r) => !r.passed).every((r) => ['per_action_limit', 'percent_limit', 'daily_limit'].includes(r.rule))).toBe(true);
          } else {
            expect(d.approverRole).toBeUndefined();
          }
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe('purity', () => {
  it('is deterministic and leaves its inputs alone', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const f = build(c);
        const frozen = structuredClone(f);
        deepFreeze(f);
        deepFreeze(c.request);
        const doc = c.policy as PolicyDocument;
        const a = decide(doc, { userId: 'u', role: c.role }, f, c.request, NOW);
        const b = decide(compilePolicy(structuredClone(doc)), { userId: 'u', role: c.role }, structuredClone(f), structuredClone(c.request), NOW);
        expect(b).toEqual(a);
        expect(f).toEqual(frozen);
      }),
      { numRuns: 2_000 },
    );
  });
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

describe('every rule reads in English and French', () => {
  it(`renders every rule outcome with no missing words (${RUNS} runs)`, () => {
    const seen = new Set<string>();
    const bad = /undefined|NaN|\{|\}|\[object/;
    fc.assert(
      // Before the policy's first day too, for policy_in_force:false.
      fc.property(caseArb, fc.constantFrom(NOW, NOW, NOW, '2025-06-01'), (c, now) => {
        const d = decide(sample, { userId: 'u', role: c.role }, build(c), c.request, now);
        // Plain checks, one expect per failure: 10,000 runs × every rule × two languages.
        for (const r of d.rules) {
          seen.add(`${r.rule}:${r.passed}`);
          const en = describeRule(r, 'en');
          const fr = describeRule(r, 'fr');
          if (bad.test(en) || bad.test(fr) || en.length < 10 || fr === en) expect({ rule: r, en, fr }).toBe('a sentence in each language');
        }
        for (const locale of ['en', 'fr'] as const) {
          const text = describeDecision(d, locale);
          if (bad.test(text)) expect(text).not.toMatch(bad);
        }
      }),
      { numRuns: RUNS },
    );
    // Every rule the engine can produce was produced, failing and (except the sanity check) passing.
    const missing = RULE_CODES.flatMap((code: RuleCode) => (code === 'amount_positive' ? [`${code}:false`] : [`${code}:true`, `${code}:false`])).filter(
      (k) => !seen.has(k),
    );
    expect(missing).toEqual([]);
  });
});
