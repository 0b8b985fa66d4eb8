/**
 * Bill comparison: why `current` differs from `previous`, cause by cause, adding up EXACTLY.
 *
 * Why it is exact, with no residual:
 * 1. VAT goes with the line it is charged on (VAT is per line, see tax.ts), so a cause's amount is
 *    the change in its lines' totals, VAT included.
 * 2. If the VAT rate itself changed, the 'tax' cause takes current.total − (current lines re-taxed
 *    at the previous rate); every other cause is measured at the previous rate.
 * 3. Each line belongs to exactly one component (the plan, an option, a promotion, a usage kind,
 *    a one-off fee, the late fee, credits). A plan or option component is split in two steps that
 *    telescope: price (current lines at a fee the previous bill never charged, minus the same
 *    days at the fee in force at the end of the previous bill), then the rest = change − price.
 *    So Σ causes = Σ components = current.total − previous.total, by construction.
 * A promotion's change is named after what happened to the fee it reduces (a promotion lost by
 * changing plan is part of the plan change) unless it started or ended by its own dates.
 * Causes with the same key are merged; zero causes are dropped (they add nothing).
 */
import { percentOf, sumMinor, type Minor } from '../money/money';
import type { ComparisonCause, InvoiceComparison, PlanChangeCause, PriceChangeCause, ProrationCause } from './comparison-types';
import { addDays, daysInCycle } from './dates';
import { BillingError } from './errors';
import type { Invoice, InvoiceLine, LineExplanation, PromotionExplanation, RecurringFeeExplanation } from './invoice-types';
import { prorate } from './recurring';
import { totalAtRate } from './tax';
import type { BasisPoints } from './types';

/** Causes keyed by identity; two steps with the same key add up into one cause. */
class CauseBook {
  private readonly causes = new Map<string, ComparisonCause>();

  add(cause: ComparisonCause): void {
    if (cause.amount === 0) return;
    const existing = this.causes.get(cause.key);
    this.causes.set(cause.key, existing ? { ...existing, amount: existing.amount + cause.amount } : cause);
  }

  sorted(): ComparisonCause[] {
    return [...this.causes.values()]
      .filter((c) => c.amount !== 0)
      .sort((a, b) => Math.abs(b.amount) - Math.abs(a.amount) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
}

function componentOf(e: LineExplanation): string {
  switch (e.code) {
    case 'recurring-fee':
      return e.item.kind === 'plan' ? 'plan' : `option:${e.item.id}`;
    case 'promotion':
      return `promotion:${e.promotion.id}:${e.promotion.startDate}`;
    case 'overage':
      return `overage:${e.usage}`;
    case 'one-off-fee':
      return `one-off:${e.fee.id}`;
    case 'late-fee':
      return 'late-fee';
    case 'credit':
      return 'credit';
  }
}

interface Component {
  readonly prev: InvoiceLine[];
  readonly curr: InvoiceLine[];
}

interface Context {
  readonly previous: Invoice;
  readonly current: Invoice;
  /** The previous invoice's VAT rate: every cause but 'tax' is measured at it. */
  readonly rate: BasisPoints;
  readonly book: CauseBook;
  /** What happened to each recurring component (even if it netted to zero), for its promotions to follow. */
  readonly recurringCauses: Map<string, RecurringOutcome>;
}

const prevValue = (line: InvoiceLine): Minor => line.total;

function delta(ctx: Context, component: Component): Minor {
  return sumMinor(component.curr.map((l) => totalAtRate(l, ctx.rate))) - sumMinor(component.prev.map(prevValue));
}

function fees(lines: readonly InvoiceLine[]): RecurringFeeExplanation[] {
  return lines.flatMap((l) => (l.explanation.code === 'recurring-fee' ? [l.explanation] : []));
}

function promos(lines: readonly InvoiceLine[]): PromotionExplanation[] {
  return lines.flatMap((l) => (l.explanation.code === 'promotion' ? [l.explanation] : []));
}

function byDate<T extends { from: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}

function sameSet<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

function totalDays(explanations: readonly { days: number }[]): number {
  return explanations.reduce((sum, e) => sum + e.days, 0);
}

// ---------------------------------------------------------------- recurring fees

/** From which plan to which, and when: the last switch between two plans across both bills. */
function planChange(prev: RecurringFeeExplanation[], curr: RecurringFeeExplanation[], amount: Minor): PlanChangeCause {
  const base = { code: 'plan-change', key: 'plan-change', amount } as const;
  const timeline = [...byDate(prev), ...byDate(curr)];
  for (let i = timeline.length - 1; i > 0; i--) {
    const before = timeline[i - 1];
    const after = timeline[i];
    if (before && after && before.item.id !== after.item.id) {
      return { ...base, fromPlan: before.item.name, toPlan: after.item.name, changedOn: after.from };
    }
  }
  // No switch between two plans: one started (nothing before) or ended (nothing after).
  const first = timeline[0];
  const last = timeline.at(-1);
  if (prev.length === 0) return { ...base, fromPlan: null, toPlan: first?.item.name ?? null, changedOn: first?.from ?? null };
  return { ...base, fromPlan: last?.item.name ?? null, toPlan: null, changedOn: last ? addDays(last.to, 1) : null };
}

function proration(
  ctx: Context,
  subject: ProrationCause['subject'],
  key: string,
  prev: readonly { days: number }[],
  curr: readonly { days: number }[],
  amount: Minor,
): ProrationCause {
  return {
    code: 'proration',
    key,
    amount,
    subject,
    previousDays: totalDays(prev),
    previousDaysInCycle: daysInCycle(ctx.previous.cycle),
    currentDays: totalDays(curr),
    currentDaysInCycle: daysInCycle(ctx.current.cycle),
  };
}

function priceChange(
  prev: RecurringFeeExplanation[],
  curr: RecurringFeeExplanation[],
  itemId: string,
  previousMonthlyFee: Minor,
  amount: Minor,
): PriceChangeCause {
  const ofItem = (es: RecurringFeeExplanation[]) => byDate(es.filter((e) => e.item.id === itemId));
  const last = ofItem(curr).at(-1) ?? ofItem(prev).at(-1);
  if (!last) throw new BillingError('invalid-input', `no fee line for ${itemId}`);
  return {
    code: 'price-change',
    key: `price-change:${last.item.kind}:${itemId}`,
    amount,
    item: last.item,
    previousMonthlyFee,
    newMonthlyFee: last.monthlyFee,
    effectiveFrom: last.priceChange?.effectiveFrom ?? null,
  };
}

function coverageDiffers(ctx: Context, prev: RecurringFeeExplanation[], curr: RecurringFeeExplanation[]): boolean {
  return totalDays(prev) * daysInCycle(ctx.current.cycle) !== totalDays(curr) * daysInCycle(ctx.previous.cycle);
}

interface RecurringOutcome {
  readonly causes: ComparisonCause[];
  /** How the non-price change of the component is named, with whatever amount it had (maybe 0). */
  readonly rest: ComparisonCause;
}

function recurringComponent(ctx: Context, name: string, component: Component): RecurringOutcome {
  const prev = fees(component.prev);
  const curr = fees(component.curr);
  const causes: ComparisonCause[] = [];
  const prevIds = new Set(prev.map((e) => e.item.id));
  const currIds = new Set(curr.map((e) => e.item.id));
  const inBoth = [...currIds].filter((id) => prevIds.has(id));

  // Step 1 — price: current lines at a fee the previous bill never charged for that item, against
  // the same days at the fee in force at the end of the previous bill. (A fee both bills charged
  // is no price change, so a bill compared with itself has no cause.)
  let priceTotal = 0;
  for (const id of inBoth) {
    const before = byDate(prev.filter((e) => e.item.id === id));
    const chargedBefore = new Set(before.map((e) => e.monthlyFee));
    const reference = before.at(-1)?.monthlyFee ?? 0;
    let effect = 0;
    for (const line of component.curr) {
      const e = line.explanation;
      if (e.code !== 'recurring-fee' || e.item.id !== id || chargedBefore.has(e.monthlyFee)) continue;
      const atReference = prorate(reference, e.days, e.daysInCycle);
      effect += totalAtRate(line, ctx.rate) - (atReference + percentOf(atReference, ctx.rate));
    }
    if (effect !== 0) causes.push(priceChange(prev, curr, id, reference, effect));
    priceTotal += effect;
  }

  // Step 2 — everything else in this component, named by what changed.
  const rest = restCause(ctx, name, prev, curr, inBoth, delta(ctx, component) - priceTotal);
  if (rest.amount !== 0) causes.push(rest);
  return { causes, rest };
}

/** Names the change of a plan or option component that is not a price change. */
function restCause(
  ctx: Context,
  name: string,
  prev: RecurringFeeExplanation[],
  curr: RecurringFeeExplanation[],
  inBoth: readonly string[],
  amount: Minor,
): ComparisonCause {
  const lastCurr = byDate(curr).at(-1);
  const lastPrev = byDate(prev).at(-1);
  const item = (lastCurr ?? lastPrev)?.item;
  if (!item) throw new BillingError('invalid-input', `empty component ${name}`);

  if (item.kind === 'plan') {
    if (!sameSet(new Set(prev.map((e) => e.item.id)), new Set(curr.map((e) => e.item.id)))) return planChange(prev, curr, amount);
  } else {
    if (prev.length === 0) {
      return { code: 'option-added', key: `option-added:${item.id}`, amount, item, from: byDate(curr)[0]?.from ?? ctx.current.cycle.start };
    }
    const stoppedOn = !lastCurr ? lastPrev?.to : lastCurr.to < ctx.current.cycle.end && coverageDiffers(ctx, prev, curr) ? lastCurr.to : undefined;
    if (stoppedOn !== undefined) return { code: 'option-removed', key: `option-removed:${item.id}`, amount, item, lastDay: stoppedOn };
  }

  const byDays = () => proration(ctx, { kind: item.kind, name: item.name }, `proration:${name}`, prev, curr, amount);
  if (coverageDiffers(ctx, prev, curr)) return byDays();
  // Same share of the month billed: what is left comes from a price that changed (often the
  // rounding of a line split by a mid-cycle price change), so it belongs to that price change.
  for (const id of inBoth) {
    const before = byDate(prev.filter((e) => e.item.id === id));
    const after = curr.filter((e) => e.item.id === id);
    if (!sameSet(new Set(before.map((e) => e.monthlyFee)), new Set(after.map((e) => e.monthlyFee)))) {
      return priceChange(prev, curr, id, before[0]?.monthlyFee ?? 0, amount);
    }
  }
  return byDays();
}

// ---------------------------------------------------------------- promotions

/**
 * The promotion follows what happened to the fee it reduces: its largest cause, else the way its
 * change was named even if it netted to zero (a same-price plan switch that loses the promotion is
 * a plan change). A mere proration is not followed: the promotion has its own days.
 */
function followTarget(ctx: Context, promo: PromotionExplanation, amount: Minor): ComparisonCause | null {
  const target = promo.item.kind === 'plan' ? 'plan' : `option:${promo.item.id}`;
  const outcome = ctx.recurringCauses.get(target);
  if (!outcome) return null;
  const main = [...outcome.causes].sort((a, b) => Math.abs(b.amount) - Math.abs(a.amount))[0] ?? outcome.rest;
  return main.code === 'proration' ? null : { ...main, amount };
}

function promotionComponent(ctx: Context, name: string, component: Component): ComparisonCause | null {
  const amount = delta(ctx, component);
  if (amount === 0) return null;
  const prev = promos(component.prev);
  const curr = promos(component.curr);
  const any = curr[0] ?? prev[0];
  if (!any) return null;
  const ref = any.promotion;
  const ownDays = proration(ctx, { kind: 'promotion', name: ref.name }, `proration:${name}`, prev, curr, amount);
  if (curr.length === 0 && ref.endDate < ctx.current.cycle.start) {
    return { code: 'promotion-ended', key: `promotion-ended:${name}`, amount, promotion: ref };
  }
  if (curr.length > 0 && prev.length > 0 && ref.endDate < ctx.current.cycle.end) {
    return { code: 'promotion-ended', key: `promotion-ended:${name}`, amount, promotion: ref };
  }
  if (prev.length === 0 && ref.startDate > ctx.previous.cycle.end) {
    return { code: 'promotion-started', key: `promotion-started:${name}`, amount, promotion: ref };
  }
  return followTarget(ctx, any, amount) ?? ownDays;
}

// ---------------------------------------------------------------- everything else

function otherComponent(ctx: Context, name: string, component: Component): ComparisonCause | null {
  const amount = delta(ctx, component);
  const first = (component.curr[0] ?? component.prev[0])?.explanation;
  if (amount === 0 || !first) return null;
  const prev = component.prev.map((l) => l.explanation);
  const curr = component.curr.map((l) => l.explanation);
  switch (first.code) {
    case 'overage': {
      const over = (es: LineExplanation[]): number =>
        es.reduce((s, e) => s + (e.code === 'overage' ? (e.share ? Math.round((e.over * e.share.days) / e.share.serviceDays) : e.over) : 0), 0);
      return { code: 'usage-overage', key: `usage-overage:${first.usage}`, amount, usage: first.usage, previousOver: over(prev), currentOver: over(curr) };
    }
    case 'one-off-fee':
      return { code: 'one-off-fee', key: `one-off-fee:${first.fee.id}`, amount, fee: first.fee, previousCount: prev.length, currentCount: curr.length };
    case 'late-fee':
      return { code: 'late-fee', key: 'late-fee', amount, charged: curr.length > 0 ? 'now' : 'before', dueDate: first.dueDate };
    case 'credit': {
      const given = (es: LineExplanation[]): Minor => sumMinor(es.map((e) => (e.code === 'credit' ? e.amount : 0)));
      return { code: 'credit', key: 'credit', amount, previousCredits: given(prev), currentCredits: given(curr) };
    }
    default:
      throw new BillingError('invalid-input', `unexpected line ${first.code} in ${name}`);
  }
}

export function compareInvoices(previous: Invoice, current: Invoice): InvoiceComparison {
  if (previous.currency !== current.currency) {
    throw new BillingError('currency-mismatch', `cannot compare ${previous.currency} with ${current.currency}`);
  }
  const ctx: Context = { previous, current, rate: previous.taxRateBp, book: new CauseBook(), recurringCauses: new Map() };

  const taxEffect = current.total - sumMinor(current.lines.map((l) => totalAtRate(l, ctx.rate)));
  ctx.book.add({ code: 'tax', key: 'tax', amount: taxEffect, previousRateBp: previous.taxRateBp, currentRateBp: current.taxRateBp });

  const components = new Map<string, Component>();
  const put = (line: InvoiceLine, side: 'prev' | 'curr'): void => {
    const name = componentOf(line.explanation);
    const component = components.get(name) ?? { prev: [], curr: [] };
    component[side].push(line);
    components.set(name, component);
  };
  for (const line of previous.lines) put(line, 'prev');
  for (const line of current.lines) put(line, 'curr');

  // Recurring fees first: promotions may follow the cause of the fee they reduce.
  for (const [name, component] of components) {
    if (name !== 'plan' && !name.startsWith('option:')) continue;
    const outcome = recurringComponent(ctx, name, component);
    ctx.recurringCauses.set(name, outcome);
    for (const cause of outcome.causes) ctx.book.add(cause);
  }
  for (const [name, component] of components) {
    if (name === 'plan' || name.startsWith('option:')) continue;
    const cause = name.startsWith('promotion:') ? promotionComponent(ctx, name, component) : otherComponent(ctx, name, component);
    if (cause) ctx.book.add(cause);
  }

  return {
    currency: current.currency,
    previous: { id: previous.id, cycle: previous.cycle, total: previous.total },
    current: { id: current.id, cycle: current.cycle, total: current.total },
    difference: current.total - previous.total,
    causes: ctx.book.sorted(),
  };
}
