/**
 * The credit/discount decision (src/core/policy) against json-rules-engine 7 running the SAME
 * rules, built from the same policy document, on the same facts.
 *
 * The baseline is written the way a team would use json-rules-engine: one engine per reason
 * (so rules of other reasons are never evaluated — its best case), an "eligible" rule holding
 * the eligibility and cap conditions, and one "within limits" rule per role; dynamic facts for
 * what rules cannot compute (the request's value with the same money rounding, the rolling
 * 12-month window, the share-of-bill limits). The application reads the events: no eligible
 * event → refused; the actor's role within limits → allowed; else the lowest higher role within
 * limits → needs_approval; else refused.
 *
 * A second baseline is synchronous and compiled: json-logic-engine 5 with the same rules, each
 * built once into a function (LogicEngine.build) and called directly — awaiting
 * json-rules-engine's run() measures much promise overhead, this one does not. Its facts are the
 * same derived figures (computed in plain code per request, as json-rules-engine's dynamic facts
 * compute them; the money rounding through the same percentOf/mulDiv, added as methods).
 *
 * Targets against it: ours ≥ 0.5× its throughput and p99 ≤ 2× its p99 — decide() returns the
 * whole explained decision (every rule's figures, maxAllowedNow), the compiled rules only the
 * verdict, so ours may spend up to twice as long and still be the better buy.
 *
 * Every case's outcome and approver role must be equal on all three sides, or the run throws.
 * Throughput is measured in interleaved chunks, rotating which side goes first: the rules
 * engine's run() is async and awaited; decide() and the compiled json-logic functions are
 * synchronous and called the way the desktop calls decide().
 *
 * BENCH_POLICY_CASES (default 20,000), BENCH_SEED (42).
 */
import { LogicEngine } from 'json-logic-engine';
import { Engine, type NestedCondition, type TopLevelCondition } from 'json-rules-engine';
import { mulDiv, percentOf } from '../src/core/money/money';
import {
  CHURN_RISKS,
  REASON_CODES,
  ROLES,
  SAMPLE_POLICY,
  compilePolicy,
  decide,
  effectiveLimits,
  type Actor,
  type CustomerFacts,
  type DiscountRequest,
  type PolicyDocument,
  type PriorCredit,
  type ReasonCode,
  type Role,
} from '../src/core/policy';
import { latencyCase, throughputCase, writeReport, type CaseResult } from './lib';

interface Case {
  actor: Actor;
  facts: CustomerFacts;
  request: DiscountRequest;
  now: string;
}

interface Verdict {
  outcome: 'allowed' | 'needs_approval' | 'refused';
  approverRole?: Role;
}

// ---------------------------------------------------------------------------------------------
// Seeded cases

/** mulberry32: small, fast, and the same sequence on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateCases(count: number, seed: number): Case[] {
  const rnd = prng(seed);
  const int = (min: number, max: number) => min + Math.floor(rnd() * (max - min + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const chance = (p: number) => rnd() < p;
  const day = (offset: number) => new Date(Date.UTC(2026, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
  // Amounts around the limits (€10–€80) more often than far beyond them.
  const amount = () => (chance(0.6) ? int(1, 2_500) : chance(0.7) ? int(1, 12_000) : int(1, 150_000));

  const cases: Case[] = [];
  for (let i = 0; i < count; i++) {
    const nowOffset = chance(0.02) ? -int(1, 30) : int(0, 700);
    const now = day(nowOffset);
    const history: PriorCredit[] = [];
    for (let h = int(0, 6); h > 0; h--) {
      const reason = pick(REASON_CODES);
      history.push({
        at: day(nowOffset - int(0, 420)),
        amount: int(100, 6_000),
        reason,
        kind: reason === 'retention_offer' ? 'recurring_discount' : reason === 'late_fee_waiver' ? 'fee_waiver' : 'one_off_credit',
      });
    }
    const facts: CustomerFacts = {
      customerId: `cus-${i}`,
      accountCurrency: 'EUR',
      tenureMonths: chance(0.8) ? int(6, 120) : int(0, 8),
      standing: chance(0.8) ? 'good' : pick(['late', 'collections'] as const),
      fraudFlag: chance(0.05),
      churnRisk: pick(CHURN_RISKS),
      invoiceTotal: int(1_000, 60_000),
      monthlyBill: int(1_000, 20_000),
      history,
      actorGrantedToday: chance(0.5) ? 0 : int(0, 40_000),
    };
    if (chance(0.8)) facts.disputedAmount = int(0, 30_000);
    if (chance(0.8)) facts.lateFeeAmount = int(0, 2_500);
    if (chance(0.8)) facts.outageDays = int(0, 30);

    const roll = rnd();
    let request: DiscountRequest;
    if (roll < 0.5)
      request = {
        kind: 'one_off_credit',
        reason: pick(['billing_error', 'goodwill', 'service_outage'] as const),
        target: pick(['invoice', 'account'] as const),
        amount: amount(),
      };
    else if (roll < 0.65) request = { kind: 'recurring_discount', reason: 'retention_offer', form: 'percent', percentBp: int(100, 3_000), cycles: int(1, 8) };
    else if (roll < 0.8)
      request = { kind: 'recurring_discount', reason: 'retention_offer', form: 'amount', amountPerCycle: int(100, 4_000), cycles: int(1, 8) };
    else if (roll < 0.95) request = { kind: 'fee_waiver', reason: 'late_fee_waiver', fee: 'late_fee', amount: int(1, 3_000) };
    else request = { kind: 'one_off_credit', reason: pick(REASON_CODES), target: 'invoice', amount: amount() };

    cases.push({ actor: { userId: `agent-${int(1, 50)}`, role: pick(ROLES) }, facts, request, now });
  }
  return cases;
}

/**
 * Random amounts rarely land exactly on a limit, and limits are where two engines disagree. So a
 * third of the cases are moved onto a boundary: exactly the most the actor may grant now (or one
 * cent more), or exactly a role's per-credit limit (or one cent more). Only the inputs are
 * chosen this way; both engines then decide them independently.
 */
function sharpen(cases: Case[], doc: PolicyDocument): void {
  const policy = compilePolicy(doc);
  cases.forEach((c, i) => {
    const r = c.request;
    if (r.kind === 'recurring_discount' || i % 3 !== 0) return;
    const over = (i / 3) % 2 === 1 ? 1 : 0;
    if (i % 2 === 0) {
      const max = decide(policy, c.actor, c.facts, r, c.now).maxAllowedNow;
      if (max > 0) c.request = { ...r, amount: max + over };
    } else {
      const role = ROLES[i % ROLES.length]!;
      c.request = { ...r, amount: effectiveLimits(doc, r.reason, role).perActionMax + over };
    }
  });
}

// ---------------------------------------------------------------------------------------------
// The same policy in json-rules-engine

/** Days since the epoch, the ordinary Date way. */
const epochDay = (iso: string) => Math.floor(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / 86_400_000);

/** The rolling 12 months end on `now` and start after the same date a year earlier. */
function yearBefore(now: string): number {
  const d = new Date(`${now.slice(0, 10)}T00:00:00Z`);
  const y = d.getUTCFullYear() - 1;
  const m = d.getUTCMonth();
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(y, m, Math.min(d.getUTCDate(), last)) / 86_400_000;
}

type Facts = Record<string, unknown>;
type Almanac = { factValue<T>(id: string, params?: Record<string, unknown>): Promise<T> };

export function buildEngines(doc: PolicyDocument): Map<ReasonCode, Engine> {
  const engines = new Map<ReasonCode, Engine>();
  const counts = new Set(REASON_CODES.filter((r) => doc.reasons[r].countsTowardCustomerCap));
  const effectiveFromDay = epochDay(doc.effectiveFrom);

  for (const reason of REASON_CODES) {
    const rules = doc.reasons[reason];
    const engine = new Engine([], { allowUndefinedFacts: false });

    // --- dynamic facts: what json conditions cannot compute ---------------------------------
    const num = <T = number>(a: Almanac, id: string) => a.factValue<T>(id);
    engine.addFact('today', async (_p, a) => epochDay(await num<string>(a as Almanac, 'now')));
    engine.addFact('perCycle', async (_p, a) => {
      const al = a as Almanac;
      if ((await num<string>(al, 'kind')) !== 'recurring_discount') return 0;
      return (await num<string>(al, 'form')) === 'percent' ? percentOf(await num(al, 'monthlyBill'), await num(al, 'percentBp')) : num(al, 'amountPerCycle');
    });
    engine.addFact('amount', async (_p, a) => {
      const al = a as Almanac;
      return (await num<string>(al, 'kind')) === 'recurring_discount' ? (await num(al, 'perCycle')) * (await num(al, 'cycles')) : num(al, 'requestAmount');
    });
    engine.addFact('requestBp', async (_p, a) => {
      const al = a as Almanac;
      return (await num<string>(al, 'kind')) === 'recurring_discount' && (await num<string>(al, 'form')) === 'percent' ? num(al, 'percentBp') : -1;
    });
    // Share of the bill: the invoice for invoice credits and waivers, the monthly bill otherwise.
    engine.addFact('shareBase', async (_p, a) => {
      const al = a as Almanac;
      const kind = await num<string>(al, 'kind');
      return kind === 'recurring_discount' || (kind === 'one_off_credit' && (await num<string>(al, 'target')) === 'account')
        ? num(al, 'monthlyBill')
        : num(al, 'invoiceTotal');
    });
    engine.addFact('shareAmount', async (_p, a) => {
      const al = a as Almanac;
      return (await num<string>(al, 'kind')) === 'recurring_discount' ? num(al, 'perCycle') : num(al, 'amount');
    });
    engine.addFact('shareLimit', async (p, a) => percentOf(await num(a as Almanac, 'shareBase'), p.bp as number));
    engine.addFact('percentOfMonthly', async (p, a) => percentOf(await num(a as Almanac, 'monthlyBill'), p.bp as number));
    engine.addFact('dayTotal', async (_p, a) => (await num(a as Almanac, 'actorGrantedToday')) + (await num(a as Almanac, 'amount')));
    engine.addFact('basisMax', async (p, a) => {
      const al = a as Almanac;
      if (p.kind === 'disputed_amount') return num(al, 'disputedAmount');
      if (p.kind === 'late_fee') return num(al, 'lateFeeAmount');
      return mulDiv(await num(al, 'monthlyBill'), Math.min(await num(al, 'outageDays'), p.monthDays as number), p.monthDays as number);
    });
    engine.addFact('window', async (_p, a) => {
      const al = a as Almanac;
      const start = yearBefore(await num<string>(al, 'now'));
      const history = await num<PriorCredit[]>(al, 'history');
      const w = { reasonCount: 0, reasonAmount: 0, customerCount: 0, customerAmount: 0 };
      for (const h of history) {
        if (epochDay(h.at) <= start) continue;
        if (h.reason === reason) {
          w.reasonCount++;
          w.reasonAmount += h.amount;
        }
        if (counts.has(h.reason)) {
          w.customerCount++;
          w.customerAmount += h.amount;
        }
      }
      return w;
    });
    type Window = { reasonCount: number; reasonAmount: number; customerCount: number; customerAmount: number };
    const win = (a: unknown) => (a as Almanac).factValue<Window>('window');
    engine.addFact('reasonCount', async (_p, a) => (await win(a)).reasonCount);
    engine.addFact('reasonAmountAfter', async (_p, a) => (await win(a)).reasonAmount + (await num(a as Almanac, 'amount')));
    engine.addFact('customerCount', async (_p, a) => (await win(a)).customerCount);
    engine.addFact('customerAmountAfter', async (_p, a) => (await win(a)).customerAmount + (await num(a as Almanac, 'amount')));

    // --- eligibility and caps: one rule -------------------------------------------------------
    const shapes: string[] = [];
    for (const t of rules.kinds.one_off_credit?.targets ?? []) shapes.push(`one_off_credit/${t}`);
    for (const f of rules.kinds.recurring_discount?.forms ?? []) shapes.push(`recurring_discount/${f}`);
    if (rules.kinds.fee_waiver) shapes.push('fee_waiver/late_fee');
    const all: NestedCondition[] = [
      { fact: 'today', operator: 'greaterThanInclusive', value: effectiveFromDay },
      { fact: 'shape', operator: 'in', value: shapes },
      { fact: 'standing', operator: 'in', value: [...rules.eligibility.standings] },
      { fact: 'amount', operator: 'greaterThan', value: 0 },
    ];
    if (rules.eligibility.noFraudFlag) all.push({ fact: 'fraudFlag', operator: 'equal', value: false });
    if (rules.eligibility.minTenureMonths > 0) all.push({ fact: 'tenureMonths', operator: 'greaterThanInclusive', value: rules.eligibility.minTenureMonths });
    if (rules.eligibility.churnRiskAtLeast)
      all.push({ fact: 'churnRisk', operator: 'in', value: CHURN_RISKS.slice(CHURN_RISKS.indexOf(rules.eligibility.churnRiskAtLeast)) });
    const basis = rules.basis;
    if (basis?.kind === 'disputed_amount') all.push({ fact: 'disputedAmount', operator: 'greaterThan', value: 0 });
    if (basis?.kind === 'late_fee') all.push({ fact: 'lateFeeAmount', operator: 'greaterThan', value: 0 });
    if (basis?.kind === 'outage_pro_rata') all.push({ fact: 'outageDays', operator: 'greaterThanInclusive', value: basis.minDays });
    if (basis) all.push({ fact: 'amount', operator: 'lessThanInclusive', value: { fact: 'basisMax', params: { ...basis } } });
    const rec = rules.kinds.recurring_discount;
    if (rec) {
      all.push({
        any: [
          { fact: 'kind', operator: 'notEqual', value: 'recurring_discount' },
          {
            all: [
              { fact: 'cycles', operator: 'lessThanInclusive', value: rec.maxCycles },
              {
                any: [
                  {
                    all: [
                      { fact: 'form', operator: 'equal', value: 'percent' },
                      { fact: 'percentBp', operator: 'lessThanInclusive', value: rec.maxPercentBp },
                    ],
                  },
                  {
                    all: [
                      { fact: 'form', operator: 'equal', value: 'amount' },
                      { fact: 'perCycle', operator: 'lessThanInclusive', value: { fact: 'percentOfMonthly', params: { bp: rec.maxPercentBp } } },
                    ],
                  },
                ],
              },
            ],
          },
        ],
      });
    }
    const cap = rules.caps?.rolling12Months;
    if (cap) {
      all.push({ fact: 'reasonCount', operator: 'lessThan', value: cap.maxCount });
      all.push({ fact: 'reasonAmountAfter', operator: 'lessThanInclusive', value: cap.maxAmount });
    }
    if (rules.countsTowardCustomerCap) {
      all.push({ fact: 'customerCount', operator: 'lessThan', value: doc.customerCaps.rolling12Months.maxCount });
      all.push({ fact: 'customerAmountAfter', operator: 'lessThanInclusive', value: doc.customerCaps.rolling12Months.maxAmount });
    }
    engine.addRule({ name: `${reason}: eligible`, conditions: { all } as TopLevelCondition, event: { type: 'eligible' } });

    // --- limits: one rule per role -----------------------------------------------------------
    ROLES.forEach((role, rank) => {
      const l = effectiveLimits(doc, reason, role);
      engine.addRule({
        name: `${reason}: within ${role} limits`,
        conditions: {
          all: [
            { fact: 'amount', operator: 'lessThanInclusive', value: l.perActionMax },
            {
              any: [
                {
                  all: [
                    { fact: 'requestBp', operator: 'greaterThanInclusive', value: 0 },
                    { fact: 'requestBp', operator: 'lessThanInclusive', value: l.perActionMaxPercentOfInvoice },
                  ],
                },
                {
                  all: [
                    { fact: 'requestBp', operator: 'lessThan', value: 0 },
                    { fact: 'shareAmount', operator: 'lessThanInclusive', value: { fact: 'shareLimit', params: { bp: l.perActionMaxPercentOfInvoice } } },
                  ],
                },
              ],
            },
            { fact: 'dayTotal', operator: 'lessThanInclusive', value: l.perDayMax },
          ],
        },
        event: { type: 'within', params: { rank } },
      });
    });
    engines.set(reason, engine);
  }
  return engines;
}

const RANK: Record<Role, number> = { agent: 0, senior_agent: 1, supervisor: 2 };

async function decideWithEngine(engines: Map<ReasonCode, Engine>, c: Case): Promise<Verdict> {
  const r = c.request;
  const f = c.facts;
  const facts: Facts = {
    now: c.now,
    role: c.actor.role,
    tenureMonths: f.tenureMonths,
    standing: f.standing,
    fraudFlag: f.fraudFlag,
    churnRisk: f.churnRisk,
    invoiceTotal: f.invoiceTotal,
    monthlyBill: f.monthlyBill,
    disputedAmount: f.disputedAmount ?? 0,
    lateFeeAmount: f.lateFeeAmount ?? 0,
    outageDays: f.outageDays ?? 0,
    history: f.history,
    actorGrantedToday: f.actorGrantedToday,
    kind: r.kind,
    target: r.kind === 'one_off_credit' ? r.target : '',
    form: r.kind === 'recurring_discount' ? r.form : '',
    shape: `${r.kind}/${r.kind === 'one_off_credit' ? r.target : r.kind === 'recurring_discount' ? r.form : r.fee}`,
    requestAmount: r.kind === 'recurring_discount' ? 0 : r.amount,
    amountPerCycle: r.kind === 'recurring_discount' && r.form === 'amount' ? r.amountPerCycle : 0,
    percentBp: r.kind === 'recurring_discount' && r.form === 'percent' ? r.percentBp : 0,
    cycles: r.kind === 'recurring_discount' ? r.cycles : 1,
  };
  const { events } = await engines.get(r.reason)!.run(facts);
  let eligible = false;
  let lowest = 99;
  let actorWithin = false;
  const actorRank = RANK[c.actor.role];
  for (const e of events) {
    if (e.type === 'eligible') eligible = true;
    else if (e.type === 'within') {
      const rank = e.params!.rank as number;
      if (rank === actorRank) actorWithin = true;
      else if (rank > actorRank && rank < lowest) lowest = rank;
    }
  }
  if (!eligible) return { outcome: 'refused' };
  if (actorWithin) return { outcome: 'allowed' };
  if (lowest < 99) return { outcome: 'needs_approval', approverRole: ROLES[lowest]! };
  return { outcome: 'refused' };
}

// ---------------------------------------------------------------------------------------------
// The same policy in json-logic-engine, compiled once, evaluated synchronously

type Logic = Record<string, unknown>;
type LogicFn = (data: Facts) => unknown;
interface CompiledReasonLogic {
  readonly eligible: LogicFn;
  /** Indexed by role rank. */
  readonly within: readonly LogicFn[];
  /** Reasons whose credits count toward the customer's caps. */
  readonly counts: ReadonlySet<ReasonCode>;
}

const v = (name: string): Logic => ({ var: name });

export function buildLogic(doc: PolicyDocument): Map<ReasonCode, CompiledReasonLogic> {
  const engine = new LogicEngine();
  engine.addMethod('percentOf', (args: unknown) => percentOf(...(args as [number, number])), { deterministic: true });
  engine.addMethod('mulDiv', (args: unknown) => mulDiv(...(args as [number, number, number])), { deterministic: true });
  const build = (logic: Logic): LogicFn => engine.build(logic) as LogicFn;
  const counts = new Set(REASON_CODES.filter((r) => doc.reasons[r].countsTowardCustomerCap));
  const effectiveFromDay = epochDay(doc.effectiveFrom);
  const compiled = new Map<ReasonCode, CompiledReasonLogic>();

  for (const reason of REASON_CODES) {
    const rules = doc.reasons[reason];
    const shapes: string[] = [];
    for (const t of rules.kinds.one_off_credit?.targets ?? []) shapes.push(`one_off_credit/${t}`);
    for (const f of rules.kinds.recurring_discount?.forms ?? []) shapes.push(`recurring_discount/${f}`);
    if (rules.kinds.fee_waiver) shapes.push('fee_waiver/late_fee');
    const all: Logic[] = [
      { '>=': [v('today'), effectiveFromDay] },
      { in: [v('shape'), shapes] },
      { in: [v('standing'), [...rules.eligibility.standings]] },
      { '>': [v('amount'), 0] },
    ];
    if (rules.eligibility.noFraudFlag) all.push({ '!': [v('fraudFlag')] });
    if (rules.eligibility.minTenureMonths > 0) all.push({ '>=': [v('tenureMonths'), rules.eligibility.minTenureMonths] });
    if (rules.eligibility.churnRiskAtLeast) all.push({ in: [v('churnRisk'), CHURN_RISKS.slice(CHURN_RISKS.indexOf(rules.eligibility.churnRiskAtLeast))] });
    const basis = rules.basis;
    if (basis?.kind === 'disputed_amount') all.push({ '>': [v('disputedAmount'), 0] }, { '<=': [v('amount'), v('disputedAmount')] });
    if (basis?.kind === 'late_fee') all.push({ '>': [v('lateFeeAmount'), 0] }, { '<=': [v('amount'), v('lateFeeAmount')] });
    if (basis?.kind === 'outage_pro_rata') {
      all.push(
        { '>=': [v('outageDays'), basis.minDays] },
        { '<=': [v('amount'), { mulDiv: [v('monthlyBill'), { min: [v('outageDays'), basis.monthDays] }, basis.monthDays] }] },
      );
    }
    const rec = rules.kinds.recurring_discount;
    if (rec) {
      all.push({
        or: [
          { '!==': [v('kind'), 'recurring_discount'] },
          {
            and: [
              { '<=': [v('cycles'), rec.maxCycles] },
              {
                or: [
                  { and: [{ '===': [v('form'), 'percent'] }, { '<=': [v('percentBp'), rec.maxPercentBp] }] },
                  { and: [{ '===': [v('form'), 'amount'] }, { '<=': [v('perCycle'), { percentOf: [v('monthlyBill'), rec.maxPercentBp] }] }] },
                ],
              },
            ],
          },
        ],
      });
    }
    const cap = rules.caps?.rolling12Months;
    if (cap) all.push({ '<': [v('reasonCount'), cap.maxCount] }, { '<=': [{ '+': [v('reasonAmount'), v('amount')] }, cap.maxAmount] });
    if (rules.countsTowardCustomerCap) {
      const c = doc.customerCaps.rolling12Months;
      all.push({ '<': [v('customerCount'), c.maxCount] }, { '<=': [{ '+': [v('customerAmount'), v('amount')] }, c.maxAmount] });
    }
    const within = ROLES.map((role) => {
      const l = effectiveLimits(doc, reason, role);
      return build({
        and: [
          { '<=': [v('amount'), l.perActionMax] },
          {
            or: [
              { and: [{ '>=': [v('requestBp'), 0] }, { '<=': [v('requestBp'), l.perActionMaxPercentOfInvoice] }] },
              { and: [{ '<': [v('requestBp'), 0] }, { '<=': [v('shareAmount'), { percentOf: [v('shareBase'), l.perActionMaxPercentOfInvoice] }] }] },
            ],
          },
          { '<=': [{ '+': [v('actorGrantedToday'), v('amount')] }, l.perDayMax] },
        ],
      });
    });
    compiled.set(reason, { eligible: build({ and: all }), within, counts });
  }
  return compiled;
}

/** The request's facts for the compiled rules: the same derived figures json-rules-engine's dynamic facts compute. */
function logicFacts(c: Case, counts: ReadonlySet<ReasonCode>): Facts {
  const r = c.request;
  const f = c.facts;
  const recurring = r.kind === 'recurring_discount';
  const perCycle = recurring ? (r.form === 'percent' ? percentOf(f.monthlyBill, r.percentBp) : r.amountPerCycle) : 0;
  const amount = recurring ? perCycle * r.cycles : r.amount;
  const start = yearBefore(c.now);
  let reasonCount = 0;
  let reasonAmount = 0;
  let customerCount = 0;
  let customerAmount = 0;
  for (const h of f.history) {
    if (epochDay(h.at) <= start) continue;
    if (h.reason === r.reason) {
      reasonCount++;
      reasonAmount += h.amount;
    }
    if (counts.has(h.reason)) {
      customerCount++;
      customerAmount += h.amount;
    }
  }
  return {
    today: epochDay(c.now),
    tenureMonths: f.tenureMonths,
    standing: f.standing,
    fraudFlag: f.fraudFlag,
    churnRisk: f.churnRisk,
    monthlyBill: f.monthlyBill,
    disputedAmount: f.disputedAmount ?? 0,
    lateFeeAmount: f.lateFeeAmount ?? 0,
    outageDays: f.outageDays ?? 0,
    actorGrantedToday: f.actorGrantedToday,
    kind: r.kind,
    form: recurring ? r.form : '',
    shape: `${r.kind}/${r.kind === 'one_off_credit' ? r.target : recurring ? r.form : r.fee}`,
    percentBp: recurring && r.form === 'percent' ? r.percentBp : 0,
    cycles: recurring ? r.cycles : 1,
    perCycle,
    amount,
    requestBp: recurring && r.form === 'percent' ? r.percentBp : -1,
    shareBase: recurring || (r.kind === 'one_off_credit' && r.target === 'account') ? f.monthlyBill : f.invoiceTotal,
    shareAmount: recurring ? perCycle : amount,
    reasonCount,
    reasonAmount,
    customerCount,
    customerAmount,
  };
}

function decideWithLogic(compiled: Map<ReasonCode, CompiledReasonLogic>, c: Case): Verdict {
  const rules = compiled.get(c.request.reason)!;
  const data = logicFacts(c, rules.counts);
  if (!rules.eligible(data)) return { outcome: 'refused' };
  const actorRank = RANK[c.actor.role];
  if (rules.within[actorRank]!(data)) return { outcome: 'allowed' };
  for (let rank = actorRank + 1; rank < ROLES.length; rank++) if (rules.within[rank]!(data)) return { outcome: 'needs_approval', approverRole: ROLES[rank]! };
  return { outcome: 'refused' };
}

// ---------------------------------------------------------------------------------------------

export async function run(): Promise<void> {
  const count = Number(process.env.BENCH_POLICY_CASES ?? 20_000);
  const seed = Number(process.env.BENCH_SEED ?? 42);
  const cases = generateCases(count, seed);
  sharpen(cases, SAMPLE_POLICY);
  const policy = compilePolicy(SAMPLE_POLICY);
  const engines = buildEngines(SAMPLE_POLICY);
  const logic = buildLogic(SAMPLE_POLICY);
  const ours = (c: Case) => decide(policy, c.actor, c.facts, c.request, c.now);

  // 1. Equal outputs for every case (this is also the warm-up of both sides).
  const tally: Record<string, number> = {};
  for (let i = 0; i < cases.length; i++) {
    const c = cases[i]!;
    const a = ours(c);
    const b = await decideWithEngine(engines, c);
    if (a.outcome !== b.outcome || a.approverRole !== b.approverRole) {
      throw new Error(
        `case ${i} differs: ours ${a.outcome}/${a.approverRole ?? '-'} vs json-rules-engine ${b.outcome}/${b.approverRole ?? '-'}\n${JSON.stringify(c)}`,
      );
    }
    const l = decideWithLogic(logic, c);
    if (a.outcome !== l.outcome || a.approverRole !== l.approverRole) {
      throw new Error(
        `case ${i} differs: ours ${a.outcome}/${a.approverRole ?? '-'} vs json-logic-engine ${l.outcome}/${l.approverRole ?? '-'}\n${JSON.stringify(c)}`,
      );
    }
    const key = a.outcome === 'needs_approval' ? `needs_approval(${a.approverRole})` : a.outcome;
    tally[key] = (tally[key] ?? 0) + 1;
  }
  console.log(`policy: ${cases.length} cases, outputs equal on every one —`, tally);

  // 2. Throughput, interleaved in chunks, rotating which side goes first.
  const CHUNK = 500;
  const ROUNDS = Number(process.env.BENCH_POLICY_ROUNDS ?? 3);
  let sink = 0;
  const sides = {
    ours: { ns: 0n, done: 0, one: (c: Case) => ours(c).maxAllowedNow },
    rules: { ns: 0n, done: 0 },
    logic: { ns: 0n, done: 0, one: (c: Case) => decideWithLogic(logic, c).outcome.length },
  };
  const timeSync = (side: typeof sides.ours, from: number, to: number) => {
    const t0 = process.hrtime.bigint();
    for (let i = from; i < to; i++) sink += side.one(cases[i]!);
    side.ns += process.hrtime.bigint() - t0;
    side.done += to - from;
  };
  const timeRules = async (from: number, to: number) => {
    const t0 = process.hrtime.bigint();
    for (let i = from; i < to; i++) sink += (await decideWithEngine(engines, cases[i]!)).outcome.length;
    sides.rules.ns += process.hrtime.bigint() - t0;
    sides.rules.done += to - from;
  };
  for (let round = 0; round < ROUNDS; round++) {
    for (let from = 0, k = 0; from < cases.length; from += CHUNK, k++) {
      const to = Math.min(cases.length, from + CHUNK);
      const order = [() => timeSync(sides.ours, from, to), () => timeRules(from, to), () => timeSync(sides.logic, from, to)];
      const first = (k + round) % 3;
      for (let j = 0; j < 3; j++) await order[(first + j) % 3]!();
    }
  }
  const rate = (side: { ns: bigint; done: number }) => side.done / (Number(side.ns) / 1e9);

  // 3. Latency per decision, interleaved one by one, rotating which side goes first (the rules engine's run awaited).
  const lat = { ours: [] as number[], rules: [] as number[], logic: [] as number[] };
  for (let i = 0; i < cases.length; i++) {
    const c = cases[i]!;
    const timeOne = (into: number[], fn: (c: Case) => number) => {
      const t0 = process.hrtime.bigint();
      sink += fn(c);
      into.push(Number(process.hrtime.bigint() - t0) / 1e6);
    };
    const order = [
      async () => timeOne(lat.ours, sides.ours.one),
      async () => {
        const t0 = process.hrtime.bigint();
        sink += (await decideWithEngine(engines, c)).outcome.length;
        lat.rules.push(Number(process.hrtime.bigint() - t0) / 1e6);
      },
      async () => timeOne(lat.logic, sides.logic.one),
    ];
    for (let j = 0; j < 3; j++) await order[(i + j) % 3]!();
  }
  for (const xs of Object.values(lat)) xs.sort((x, y) => x - y);
  if (sink === -1) console.log(sink); // keeps the results alive

  const cases_: CaseResult[] = [
    throughputCase('decisions per second', 'decisions/s', rate(sides.ours), rate(sides.rules), 'json-rules-engine 7, same rules and facts', '>= 50'),
    throughputCase(
      'decisions per second (vs a compiled synchronous engine)',
      'decisions/s',
      rate(sides.ours),
      rate(sides.logic),
      'json-logic-engine 5, same rules compiled once (build), same derived facts, called synchronously; gives the verdict only',
      '>= 0.5',
    ),
    latencyCase('latency per decision', { ours: lat.ours, baseline: lat.rules }, 'json-rules-engine 7 (run awaited), same rules and facts', 'p99 <= 0.05 ms'),
    latencyCase(
      'latency per decision (vs a compiled synchronous engine)',
      { ours: lat.ours, baseline: lat.logic },
      'json-logic-engine 5, same rules compiled once, called synchronously',
      '<= 2',
    ),
  ];
  writeReport({ name: 'policy', dataset: `${cases.length.toLocaleString('en-GB')} seeded random requests, seed ${seed}`, cases: cases_ });
}
