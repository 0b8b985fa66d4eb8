/**
 * The credit and discount decision: a pure function of (policy, actor, customer facts, request,
 * now). The desktop calls it while the caller is on the line (offline too); the hub calls the
 * same code when the command arrives and its answer is the one that counts.
 *
 * THE RULES, in three families — and only the last can be lifted by an approval:
 *
 *   eligibility  policy in force, account billed in the policy's currency, kind allowed for the
 *                reason, no fraud flag, tenure, account
 *                standing, churn risk, and the fact that justifies the reason (a documented
 *                error, a confirmed outage, a late fee actually charged). A failure refuses the
 *                request outright and maxAllowedNow is 0: no supervisor makes a fraud-flagged
 *                account eligible from a phone call.
 *   caps         the amount the facts justify (the documented error, the outage pro rata, the
 *                fee), the recurring shape (cycles, depth), and the customer's rolling-12-month
 *                caps — overall and per reason — across all agents. A failure refuses: the caps
 *                exist so that escalating from agent to agent cannot get more, so an approval
 *                cannot lift them either. maxAllowedNow still says what fits under them.
 *   limits       the actor's per-credit amount, share of the bill, and daily total. Over them but
 *                within a higher role's → needs_approval by the LOWEST such role; over every
 *                role's → refused.
 *
 * An approver's role is judged on the requesting agent's day: the daily total checked against
 * the approver's daily limit is the requester's granted-today plus this credit, because that is
 * the day the credit is recorded on. When the approval comes back, main records it; the hub
 * re-runs decide with the approver's role to confirm.
 *
 * Amounts measured against a share of a bill (percent_limit):
 *   one-off credit on an invoice, fee waiver   → the invoice total
 *   one-off credit on the account              → the monthly bill (there is no invoice it sits on)
 *   recurring discount                          → each cycle against the monthly bill
 * A recurring discount's value (for caps, per-credit and daily limits) is its total over all
 * cycles: per cycle rounded once by the money rule (percentOf), times the cycles.
 *
 * "Rolling 12 months" is calendar, not 365 days: on day D a prior credit counts if it was given
 * after the same date one year earlier (29 February → 28 February). A late fee waived on
 * 10 March can be waived again from 10 March next year, whether or not February had 29 days.
 * A history row whose date cannot be read counts (the safe side).
 *
 * Speed: compilePolicy() turns the document into flat per-reason arrays once; decide() then does
 * one pass over the history and allocates only the decision it returns.
 */
import { ROLES, type Role } from '../api/roles';
import { dayNumber, daysFromCivil, daysInMonth, digitAt as digit } from '../calendar';
import { mulDiv, percentOf, type CurrencyCode, type Minor } from '../money/money';
import {
  CHURN_RISKS,
  PolicyError,
  REASON_CODES,
  STANDINGS,
  effectiveLimits,
  parsePolicy,
  type Actor,
  type BasisPoints,
  type CreditKind,
  type CustomerFacts,
  type DiscountRequest,
  type PolicyDocument,
  type ReasonCode,
  type RoleLimits,
  type RollingCap,
} from './schema';

// ---------------------------------------------------------------------------------------------
// Results

export const ELIGIBILITY_RULES = [
  'policy_in_force',
  'currency_matches',
  'kind_allowed',
  'no_fraud_flag',
  'min_tenure',
  'account_standing',
  'churn_risk',
  'error_documented',
  'outage_documented',
  'late_fee_present',
] as const;
export const CAP_RULES = [
  'amount_positive',
  'recurring_cycles',
  'recurring_depth',
  'within_disputed_amount',
  'within_outage_pro_rata',
  'within_late_fee',
  'reason_count_cap',
  'reason_amount_cap',
  'customer_count_cap',
  'customer_amount_cap',
] as const;
export const LIMIT_RULES = ['per_action_limit', 'percent_limit', 'daily_limit'] as const;

export type EligibilityRule = (typeof ELIGIBILITY_RULES)[number];
export type CapRule = (typeof CAP_RULES)[number];
export type LimitRule = (typeof LIMIT_RULES)[number];
export type RuleCode = EligibilityRule | CapRule | LimitRule;
export type RuleFamily = 'eligibility' | 'cap' | 'limit';

export const RULE_CODES: readonly RuleCode[] = [...ELIGIBILITY_RULES, ...CAP_RULES, ...LIMIT_RULES];

export const RULE_FAMILY: Readonly<Record<RuleCode, RuleFamily>> = Object.fromEntries([
  ...ELIGIBILITY_RULES.map((r) => [r, 'eligibility'] as const),
  ...CAP_RULES.map((r) => [r, 'cap'] as const),
  ...LIMIT_RULES.map((r) => [r, 'limit'] as const),
]) as Record<RuleCode, RuleFamily>;

/** Only amount limits can be lifted by someone with more authority; eligibility and caps cannot. */
export function approvalCanOverride(rule: RuleCode): boolean {
  return RULE_FAMILY[rule] === 'limit';
}

/**
 * One rule's outcome as data; explain.ts turns it into a sentence in English or French. A
 * refund's and a payment plan's decisions (core/receivables) report their own rules this way.
 */
export interface RuleResult<Rule extends string = RuleCode> {
  readonly rule: Rule;
  readonly passed: boolean;
  /** Amounts in minor units (with `currency`), rates in basis points, codes as strings. */
  readonly params: Readonly<Record<string, number | string>>;
}

export type Outcome = 'allowed' | 'needs_approval' | 'refused';

export interface Decision {
  readonly outcome: Outcome;
  /** needs_approval only: the lowest role whose limits allow this credit. */
  readonly approverRole?: Role;
  /** Every rule that applies to this reason and kind, in the order they were checked. */
  readonly rules: readonly RuleResult[];
  /**
   * The largest value this actor could grant right now for this reason and kind (recurring: for
   * the cycles asked, capped at the policy's maximum) without approval. 0 when not eligible.
   */
  readonly maxAllowedNow: Minor;
  /** recurring_discount: the largest amount per cycle within maxAllowedNow. */
  readonly maxPerCycleNow?: Minor;
  /** recurring_discount in percent: the deepest percentage the actor could grant now (0: none). */
  readonly maxPercentNow?: BasisPoints;
  /** What the request is worth: a one-off's amount, a recurring discount's total over all cycles. */
  readonly effectiveAmount: Minor;
  /** recurring_discount: the amount off each cycle (percent: rounded once by the money rule). */
  readonly perCycleAmount?: Minor;
  /** recurring_discount: the cycles asked for. */
  readonly cycles?: number;
  readonly reason: ReasonCode;
  readonly kind: CreditKind;
  readonly currency: CurrencyCode;
  readonly policyVersion: number;
}

// ---------------------------------------------------------------------------------------------
// Compiled policy

const COMPILED = Symbol('ardoise.policy.compiled');

const BASIS_NONE = 0;
const BASIS_DISPUTED = 1;
const BASIS_OUTAGE = 2;
const BASIS_LATE_FEE = 3;

interface CompiledReason {
  readonly code: ReasonCode;
  readonly targetInvoice: boolean;
  readonly targetAccount: boolean;
  readonly recurring: boolean;
  readonly formAmount: boolean;
  readonly formPercent: boolean;
  readonly maxCycles: number;
  readonly maxPercentBp: number;
  readonly feeWaiver: boolean;
  readonly noFraudFlag: boolean;
  readonly minTenureMonths: number;
  /** Indexed by STANDINGS order; null when every standing is allowed (no rule to show). */
  readonly standingAllowed: readonly boolean[] | null;
  readonly standingsList: string;
  /** Index in CHURN_RISKS, -1 when the reason does not look at churn risk. */
  readonly churnMin: number;
  readonly basis: number;
  readonly outageMinDays: number;
  readonly outageMonthDays: number;
  /** The reason's own rolling-12-month cap; null when it has none. */
  readonly reasonCap: RollingCap | null;
  readonly countsTowardCustomerCap: boolean;
  /** Indexed by role rank: each role's limits for this reason (effectiveLimits). */
  readonly roleLimits: readonly RoleLimits[];
}

export interface CompiledPolicy {
  readonly [COMPILED]: true;
  readonly document: PolicyDocument;
  readonly version: number;
  readonly currency: CurrencyCode;
  readonly effectiveFrom: string;
  readonly effectiveFromDay: number;
  readonly customerCapCount: number;
  readonly customerCapAmount: number;
  readonly reasons: Readonly<Record<ReasonCode, CompiledReason>>;
}

const ROLE_INDEX: Readonly<Record<string, number>> = { agent: 0, senior_agent: 1, supervisor: 2 };
const STANDING_INDEX: Readonly<Record<string, number>> = { good: 0, late: 1, collections: 2 };
const CHURN_INDEX: Readonly<Record<string, number>> = { low: 0, medium: 1, high: 2 };

/**
 * Validates the document (throws PolicyError 'invalid-policy') and flattens it for decide().
 * Do this once per policy version, not per decision.
 */
export function compilePolicy(input: PolicyDocument | unknown): CompiledPolicy {
  const doc = parsePolicy(input);
  const reasons = {} as Record<ReasonCode, CompiledReason>;
  for (const code of REASON_CODES) {
    const r = doc.reasons[code];
    const limits = ROLES.map((role) => effectiveLimits(doc, code, role));
    const allStandings = STANDINGS.every((s) => r.eligibility.standings.includes(s));
    const basis = r.basis;
    reasons[code] = {
      code,
      targetInvoice: r.kinds.one_off_credit?.targets.includes('invoice') ?? false,
      targetAccount: r.kinds.one_off_credit?.targets.includes('account') ?? false,
      recurring: r.kinds.recurring_discount !== undefined,
      formAmount: r.kinds.recurring_discount?.forms.includes('amount') ?? false,
      formPercent: r.kinds.recurring_discount?.forms.includes('percent') ?? false,
      maxCycles: r.kinds.recurring_discount?.maxCycles ?? 0,
      maxPercentBp: r.kinds.recurring_discount?.maxPercentBp ?? 0,
      feeWaiver: r.kinds.fee_waiver?.fees.includes('late_fee') ?? false,
      noFraudFlag: r.eligibility.noFraudFlag,
      minTenureMonths: r.eligibility.minTenureMonths,
      standingAllowed: allStandings ? null : STANDINGS.map((s) => r.eligibility.standings.includes(s)),
      standingsList: STANDINGS.filter((s) => r.eligibility.standings.includes(s)).join(','),
      churnMin: r.eligibility.churnRiskAtLeast === undefined ? -1 : CHURN_RISKS.indexOf(r.eligibility.churnRiskAtLeast),
      basis:
        basis === undefined ? BASIS_NONE : basis.kind === 'disputed_amount' ? BASIS_DISPUTED : basis.kind === 'outage_pro_rata' ? BASIS_OUTAGE : BASIS_LATE_FEE,
      outageMinDays: basis?.kind === 'outage_pro_rata' ? basis.minDays : 0,
      outageMonthDays: basis?.kind === 'outage_pro_rata' ? basis.monthDays : 30,
      reasonCap: r.caps?.rolling12Months ?? null,
      countsTowardCustomerCap: r.countsTowardCustomerCap,
      roleLimits: limits,
    };
  }
  return Object.freeze({
    [COMPILED]: true as const,
    document: doc,
    version: doc.version,
    currency: doc.currency,
    effectiveFrom: doc.effectiveFrom,
    effectiveFromDay: dayNumber(doc.effectiveFrom),
    customerCapCount: doc.customerCaps.rolling12Months.maxCount,
    customerCapAmount: doc.customerCaps.rolling12Months.maxAmount,
    reasons,
  });
}

export function isCompiledPolicy(value: unknown): value is CompiledPolicy {
  return typeof value === 'object' && value !== null && (value as { [COMPILED]?: boolean })[COMPILED] === true;
}

/** A raw document passed to decide() is compiled once and remembered for as long as it lives. */
const compiledCache = new WeakMap<object, CompiledPolicy>();

function compiledOf(policy: CompiledPolicy | PolicyDocument): CompiledPolicy {
  if (isCompiledPolicy(policy)) return policy;
  let compiled = compiledCache.get(policy);
  if (!compiled) compiledCache.set(policy, (compiled = compilePolicy(policy)));
  return compiled;
}

// ---------------------------------------------------------------------------------------------
// Calendar days without Date objects (hot path)

/** The last day NOT in the rolling 12 months ending on `now`: the same date a year earlier. */
function windowStartDay(now: string): number {
  const y = digit(now, 0) * 1000 + digit(now, 1) * 100 + digit(now, 2) * 10 + digit(now, 3) - 1;
  const m = digit(now, 5) * 10 + digit(now, 6);
  const d = digit(now, 8) * 10 + digit(now, 9);
  return daysFromCivil(y, m, Math.min(d, daysInMonth(y, m)));
}

// ---------------------------------------------------------------------------------------------
// The decision

/** What the request is worth, and what a share-of-bill limit measures it against (see the header). */
interface Worth {
  readonly kind: CreditKind;
  /** recurring_discount: the cycles asked for; else 1. */
  readonly cycles: number;
  /** recurring_discount: the amount off each cycle; else 0. */
  readonly perCycle: number;
  /** A one-off's amount, a recurring discount's total over all cycles. */
  readonly total: number;
  /** A recurring discount in percent: its rate; else -1. */
  readonly requestBp: number;
  readonly onMonthlyBill: boolean;
  readonly shareBase: number;
  readonly shareAmount: number;
}

function worthOf(request: DiscountRequest, facts: CustomerFacts): Worth {
  const kind = request.kind;
  let cycles = 1;
  let perCycle = 0;
  let total: number;
  let requestBp = -1;
  if (request.kind === 'recurring_discount') {
    cycles = request.cycles;
    if (request.form === 'percent') {
      requestBp = request.percentBp;
      perCycle = percentOf(facts.monthlyBill, requestBp);
    } else {
      perCycle = request.amountPerCycle;
    }
    total = perCycle * cycles;
  } else {
    total = request.amount;
  }
  const onMonthlyBill = kind === 'recurring_discount' || (request.kind === 'one_off_credit' && request.target === 'account');
  return {
    kind,
    cycles,
    perCycle,
    total,
    requestBp,
    onMonthlyBill,
    shareBase: onMonthlyBill ? facts.monthlyBill : facts.invoiceTotal,
    shareAmount: kind === 'recurring_discount' ? perCycle : total,
  };
}

/** The eligibility family's findings (appended to `rules`), and the most the reason's fact justifies. */
interface Eligibility {
  readonly eligible: boolean;
  /** The most the fact behind the reason justifies (MAX_SAFE_INTEGER when the reason needs none). */
  readonly basisMax: number;
  /** Whether the fact is on file, so the amount is measured against it. */
  readonly basisShown: boolean;
}

function checkEligibility(
  p: CompiledPolicy,
  c: CompiledReason,
  facts: CustomerFacts,
  request: DiscountRequest,
  nowDay: number,
  rules: RuleResult[],
): Eligibility {
  const cur = p.currency;
  const inForce = nowDay >= p.effectiveFromDay;
  rules.push({ rule: 'policy_in_force', passed: inForce, params: { version: p.version, effectiveFrom: p.effectiveFrom } });
  let eligible = inForce;
  // Amounts in another currency than the policy's are never compared with its limits.
  const sameCurrency = facts.accountCurrency === cur;
  rules.push({ rule: 'currency_matches', passed: sameCurrency, params: { account: facts.accountCurrency, policy: cur } });
  if (!sameCurrency) eligible = false;

  const kind = request.kind;
  let kindOk: boolean;
  let shape: string;
  if (kind === 'one_off_credit') {
    shape = request.target;
    kindOk = request.target === 'invoice' ? c.targetInvoice : request.target === 'account' && c.targetAccount;
  } else if (kind === 'recurring_discount') {
    shape = request.form;
    kindOk = c.recurring && (request.form === 'amount' ? c.formAmount : request.form === 'percent' && c.formPercent);
  } else {
    shape = 'late_fee';
    kindOk = c.feeWaiver;
  }
  rules.push({ rule: 'kind_allowed', passed: kindOk, params: { reason: c.code, kind, shape } });
  if (!kindOk) eligible = false;

  if (c.noFraudFlag) {
    rules.push({ rule: 'no_fraud_flag', passed: !facts.fraudFlag, params: {} });
    if (facts.fraudFlag) eligible = false;
  }
  if (c.minTenureMonths > 0) {
    const ok = facts.tenureMonths >= c.minTenureMonths;
    rules.push({ rule: 'min_tenure', passed: ok, params: { required: c.minTenureMonths, actual: facts.tenureMonths } });
    if (!ok) eligible = false;
  }
  if (c.standingAllowed !== null) {
    const ok = c.standingAllowed[STANDING_INDEX[facts.standing] ?? -1] === true;
    rules.push({ rule: 'account_standing', passed: ok, params: { standing: facts.standing, allowed: c.standingsList } });
    if (!ok) eligible = false;
  }
  if (c.churnMin >= 0) {
    const ok = (CHURN_INDEX[facts.churnRisk] ?? -1) >= c.churnMin;
    rules.push({ rule: 'churn_risk', passed: ok, params: { required: CHURN_RISKS[c.churnMin]!, actual: facts.churnRisk } });
    if (!ok) eligible = false;
  }

  // The fact that justifies the reason, and the most it justifies.
  let basisMax = Number.MAX_SAFE_INTEGER;
  let basisShown = false;
  if (c.basis === BASIS_DISPUTED || c.basis === BASIS_LATE_FEE) {
    // An amount on file justifies the reason and bounds it: the disputed amount, the late fee.
    const disputed = c.basis === BASIS_DISPUTED;
    const amount = (disputed ? facts.disputedAmount : facts.lateFeeAmount) ?? 0;
    const ok = amount > 0;
    rules.push({ rule: disputed ? 'error_documented' : 'late_fee_present', passed: ok, params: { currency: cur, amount } });
    if (!ok) eligible = false;
    basisShown = ok;
    basisMax = amount;
  } else if (c.basis === BASIS_OUTAGE) {
    const days = facts.outageDays ?? 0;
    const ok = days >= c.outageMinDays;
    rules.push({ rule: 'outage_documented', passed: ok, params: { days, minDays: c.outageMinDays } });
    if (!ok) eligible = false;
    basisShown = ok;
    basisMax = ok ? mulDiv(facts.monthlyBill, Math.min(days, c.outageMonthDays), c.outageMonthDays) : 0;
  }
  return { eligible, basisMax, basisShown };
}

/** The cap family's findings (appended to `rules`), and the room the rolling caps leave. */
interface Caps {
  readonly withinCaps: boolean;
  /** What the rolling-12-month caps leave (MAX_SAFE_INTEGER when none applies; 0 when a count cap is reached). */
  readonly capRoom: number;
}

function checkCaps(p: CompiledPolicy, c: CompiledReason, facts: CustomerFacts, w: Worth, basis: Eligibility, now: string, rules: RuleResult[]): Caps {
  const cur = p.currency;
  const { total, perCycle, requestBp, cycles } = w;
  let withinCaps = true;
  if (!(total > 0)) {
    rules.push({ rule: 'amount_positive', passed: false, params: { currency: cur, amount: total } });
    withinCaps = false;
  }
  if (w.kind === 'recurring_discount' && c.recurring) {
    const ok = cycles >= 1 && cycles <= c.maxCycles;
    rules.push({ rule: 'recurring_cycles', passed: ok, params: { cycles, maxCycles: c.maxCycles } });
    if (!ok) withinCaps = false;
    const depthOk = requestBp >= 0 ? requestBp <= c.maxPercentBp : perCycle <= percentOf(facts.monthlyBill, c.maxPercentBp);
    rules.push({
      rule: 'recurring_depth',
      passed: depthOk,
      params:
        requestBp >= 0
          ? { percentBp: requestBp, maxPercentBp: c.maxPercentBp }
          : { currency: cur, amount: perCycle, maxPercentBp: c.maxPercentBp, max: percentOf(facts.monthlyBill, c.maxPercentBp) },
    });
    if (!depthOk) withinCaps = false;
  }
  // Only once the fact is there: "over the documented error of €0.00" would say nothing.
  if (basis.basisShown) {
    const basisMax = basis.basisMax;
    const ok = total <= basisMax;
    const rule = c.basis === BASIS_DISPUTED ? 'within_disputed_amount' : c.basis === BASIS_OUTAGE ? 'within_outage_pro_rata' : 'within_late_fee';
    rules.push({
      rule,
      passed: ok,
      params:
        c.basis === BASIS_OUTAGE
          ? { currency: cur, amount: total, max: basisMax, days: facts.outageDays ?? 0, monthDays: c.outageMonthDays }
          : { currency: cur, amount: total, max: basisMax },
    });
    if (!ok) withinCaps = false;
  }

  const used = rollingUse(p, c, facts, now);
  let capRoom = Number.MAX_SAFE_INTEGER;
  if (c.reasonCap !== null) {
    const { maxCount, maxAmount } = c.reasonCap;
    const countOk = used.reasonCount < maxCount;
    rules.push({ rule: 'reason_count_cap', passed: countOk, params: { reason: c.code, count: used.reasonCount, maxCount } });
    const amountOk = used.reasonAmount + total <= maxAmount;
    rules.push({
      rule: 'reason_amount_cap',
      passed: amountOk,
      params: { currency: cur, amount: total, reason: c.code, used: used.reasonAmount, max: maxAmount },
    });
    if (!countOk || !amountOk) withinCaps = false;
    capRoom = countOk ? maxAmount - used.reasonAmount : 0;
  }
  if (c.countsTowardCustomerCap) {
    const countOk = used.customerCount < p.customerCapCount;
    rules.push({ rule: 'customer_count_cap', passed: countOk, params: { count: used.customerCount, maxCount: p.customerCapCount } });
    const amountOk = used.customerAmount + total <= p.customerCapAmount;
    rules.push({
      rule: 'customer_amount_cap',
      passed: amountOk,
      params: { currency: cur, amount: total, used: used.customerAmount, max: p.customerCapAmount },
    });
    if (!countOk || !amountOk) withinCaps = false;
    capRoom = Math.min(capRoom, countOk ? p.customerCapAmount - used.customerAmount : 0);
  }
  return { withinCaps, capRoom };
}

/** One pass over the customer's last 12 months, all agents: what this reason and every capped reason used. */
function rollingUse(
  p: CompiledPolicy,
  c: CompiledReason,
  facts: CustomerFacts,
  now: string,
): { reasonCount: number; reasonAmount: number; customerCount: number; customerAmount: number } {
  const startDay = windowStartDay(now);
  const code = c.code;
  let reasonCount = 0;
  let reasonAmount = 0;
  let customerCount = 0;
  let customerAmount = 0;
  const history = facts.history;
  const reasons = p.reasons;
  for (let i = 0; i < history.length; i++) {
    const h = history[i]!;
    // `<=` is false for NaN, so an unreadable date counts: the cautious side.
    if (dayNumber(h.at) <= startDay) continue;
    if (h.reason === code) {
      reasonCount++;
      reasonAmount += h.amount;
    }
    // A reason this policy does not know counts: the cautious side.
    if (reasons[h.reason]?.countsTowardCustomerCap !== false) {
      customerCount++;
      customerAmount += h.amount;
    }
  }
  return { reasonCount, reasonAmount, customerCount, customerAmount };
}

/** The limit family's findings (appended to `rules`) and the outcome they lead to. */
interface Limits {
  readonly outcome: Outcome;
  /** needs_approval: the rank of the lowest role whose limits allow the credit; else -1. */
  readonly approver: number;
  /** The actor's share-of-bill limit: its rate and the amount it allows. */
  readonly bp: number;
  readonly shareLimit: number;
}

function checkLimits(c: CompiledReason, ri: number, cur: CurrencyCode, w: Worth, today: number, eligibleWithinCaps: boolean, rules: RuleResult[]): Limits {
  const { total, requestBp, shareAmount, shareBase } = w;
  const top = ROLES.length - 1;
  const own = c.roleLimits[ri]!;
  const topLimits = c.roleLimits[top]!;
  const actionOk = total <= own.perActionMax;
  const bp = own.perActionMaxPercentOfInvoice;
  const shareLimit = percentOf(shareBase, bp);
  const shareOk = requestBp >= 0 ? requestBp <= bp : shareAmount <= shareLimit;
  const dayOk = today + total <= own.perDayMax;

  let outcome: Outcome;
  let approver = -1;
  if (actionOk && shareOk && dayOk) {
    outcome = eligibleWithinCaps ? 'allowed' : 'refused';
  } else {
    for (let r = ri + 1; r <= top; r++) {
      if (withinRole(c, r, total, requestBp, shareAmount, shareBase, today)) {
        approver = r;
        break;
      }
    }
    outcome = eligibleWithinCaps && approver >= 0 ? 'needs_approval' : 'refused';
  }
  // A failing limit names who can approve when approval is the way forward, or says it is over
  // the highest limit there is (limits grow with rank, so checking the top role is enough).
  const a = outcome === 'needs_approval' ? approver : -1;

  if (actionOk) {
    rules.push({ rule: 'per_action_limit', passed: true, params: { currency: cur, amount: total, limit: own.perActionMax } });
  } else if (a >= 0) {
    rules.push({
      rule: 'per_action_limit',
      passed: false,
      params: { currency: cur, amount: total, limit: own.perActionMax, approverRole: ROLES[a]!, approverLimit: c.roleLimits[a]!.perActionMax },
    });
  } else {
    rules.push({
      rule: 'per_action_limit',
      passed: false,
      params: { currency: cur, amount: total, limit: own.perActionMax, highest: total > topLimits.perActionMax ? 1 : 0 },
    });
  }

  const shareParams: Record<string, number | string> = {
    currency: cur,
    amount: shareAmount,
    limit: shareLimit,
    limitBp: bp,
    base: shareBase,
    measure: w.onMonthlyBill ? 'monthly_bill' : 'invoice',
    perCycle: w.kind === 'recurring_discount' ? 1 : 0,
  };
  if (requestBp >= 0) shareParams.percentBp = requestBp;
  if (!shareOk) {
    if (a >= 0) {
      shareParams.approverRole = ROLES[a]!;
      shareParams.approverLimitBp = c.roleLimits[a]!.perActionMaxPercentOfInvoice;
      shareParams.approverLimit = percentOf(shareBase, c.roleLimits[a]!.perActionMaxPercentOfInvoice);
    } else {
      const topBp = topLimits.perActionMaxPercentOfInvoice;
      shareParams.highest = (requestBp >= 0 ? requestBp > topBp : shareAmount > percentOf(shareBase, topBp)) ? 1 : 0;
    }
  }
  rules.push({ rule: 'percent_limit', passed: shareOk, params: shareParams });

  if (dayOk) {
    rules.push({ rule: 'daily_limit', passed: true, params: { currency: cur, amount: total, today, limit: own.perDayMax } });
  } else if (a >= 0) {
    rules.push({
      rule: 'daily_limit',
      passed: false,
      params: { currency: cur, amount: total, today, limit: own.perDayMax, approverRole: ROLES[a]!, approverLimit: c.roleLimits[a]!.perDayMax },
    });
  } else {
    rules.push({
      rule: 'daily_limit',
      passed: false,
      params: { currency: cur, amount: total, today, limit: own.perDayMax, highest: today + total > topLimits.perDayMax ? 1 : 0 },
    });
  }
  return { outcome, approver, bp, shareLimit };
}

/** The most this actor could grant now, alone (only asked of an eligible request). */
function maxNow(
  c: CompiledReason,
  ri: number,
  facts: CustomerFacts,
  w: Worth,
  basisMax: number,
  caps: Caps,
  limits: Limits,
): { maxAllowedNow: number; maxPerCycleNow?: number; maxPercentNow?: number } {
  const own = c.roleLimits[ri]!;
  let room = Math.min(own.perActionMax, own.perDayMax - facts.actorGrantedToday, caps.capRoom, basisMax);
  if (room < 0) room = 0;
  if (w.kind !== 'recurring_discount') return { maxAllowedNow: Math.min(room, limits.shareLimit) };
  const n = Math.min(Math.max(w.cycles, 1), c.maxCycles);
  const depthBp = Math.min(limits.bp, c.maxPercentBp);
  const perCycleRoom = Math.min(Math.floor(room / n), percentOf(facts.monthlyBill, depthBp));
  if (w.requestBp < 0) return { maxAllowedNow: perCycleRoom * n, maxPerCycleNow: perCycleRoom };
  // The deepest whole basis point whose rounded amount still fits: amounts grow with the rate.
  let lo = 0;
  let hi = depthBp;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (percentOf(facts.monthlyBill, mid) <= perCycleRoom) lo = mid;
    else hi = mid - 1;
  }
  const amount = percentOf(facts.monthlyBill, lo);
  const maxPerCycleNow = amount > 0 ? amount : 0;
  return { maxAllowedNow: maxPerCycleNow * n, maxPerCycleNow, maxPercentNow: amount > 0 ? lo : 0 };
}

/**
 * Decides one credit or discount request. `now` is the UTC day ('YYYY-MM-DD') or instant of the
 * decision — passed in, never read from a clock, so the hub can replay it.
 * Throws PolicyError only for input no caller should send (unknown role or reason, unreadable
 * date); everything about the customer or the amount is an outcome, never an exception.
 *
 * The three families are checked in order, each appending its rules' results: eligibility, caps
 * (after what the request is worth), then the actor's limits, which settle the outcome.
 */
export function decide(policy: CompiledPolicy | PolicyDocument, actor: Actor, facts: CustomerFacts, request: DiscountRequest, now: string): Decision {
  const p = compiledOf(policy);
  const c = p.reasons[request.reason];
  if (c === undefined) throw new PolicyError('invalid-request', [{ path: 'reason', message: `unknown reason ${String(request.reason)}` }]);
  const ri = ROLE_INDEX[actor.role];
  if (ri === undefined) throw new PolicyError('invalid-actor', [{ path: 'role', message: `unknown role ${String(actor.role)}` }]);
  const nowDay = dayNumber(now);
  if (Number.isNaN(nowDay)) throw new PolicyError('invalid-date', [{ path: 'now', message: `not a day: ${String(now)}` }]);

  const rules: RuleResult[] = [];
  const eligibility = checkEligibility(p, c, facts, request, nowDay, rules);
  const worth = worthOf(request, facts);
  const caps = checkCaps(p, c, facts, worth, eligibility, now, rules);
  const limits = checkLimits(c, ri, p.currency, worth, facts.actorGrantedToday, eligibility.eligible && caps.withinCaps, rules);
  const most = eligibility.eligible ? maxNow(c, ri, facts, worth, eligibility.basisMax, caps, limits) : { maxAllowedNow: 0 };

  const decision: {
    -readonly [K in keyof Decision]: Decision[K];
  } = {
    outcome: limits.outcome,
    rules,
    maxAllowedNow: most.maxAllowedNow,
    effectiveAmount: worth.total,
    reason: c.code,
    kind: worth.kind,
    currency: p.currency,
    policyVersion: p.version,
  };
  if (limits.outcome === 'needs_approval') decision.approverRole = ROLES[limits.approver]!;
  if (worth.kind === 'recurring_discount') {
    decision.perCycleAmount = worth.perCycle;
    decision.cycles = worth.cycles;
    decision.maxPerCycleNow = most.maxPerCycleNow ?? 0;
    if (worth.requestBp >= 0) decision.maxPercentNow = most.maxPercentNow ?? 0;
  }
  return decision;
}

/** Whether role `r` may grant this credit alone: per-credit amount, share of the bill, daily total. */
function withinRole(c: CompiledReason, r: number, total: number, requestBp: number, shareAmount: number, shareBase: number, today: number): boolean {
  const l = c.roleLimits[r]!;
  return (
    total <= l.perActionMax &&
    (requestBp >= 0 ? requestBp <= l.perActionMaxPercentOfInvoice : shareAmount <= percentOf(shareBase, l.perActionMaxPercentOfInvoice)) &&
    today + total <= l.perDayMax
  );
}

/** The failing rules of a decision, for logs, receipts and tests. */
export function failedRules(decision: Decision): RuleCode[] {
  const out: RuleCode[] = [];
  for (const r of decision.rules) if (!r.passed) out.push(r.rule);
  return out;
}
