/**
 * USAGE RULE: usage is recorded per cycle, not per day, so it is taken as spread evenly over the
 * cycle's days of service. When the plan (or its options) changes mid-cycle, each steady period
 * of service gets its share of the usage AND its share of the allowance, by days (days of the
 * period / days of service in the cycle), and its share of the overage is priced at that period's
 * plan rates: amount = (used − allowance of that plan) × unit price × days / service days,
 * rounded once. One sentence an agent can say: "your usage and your allowance are shared between
 * your plans by the number of days you had each". A customer on one plan all cycle is billed as
 * before: the whole usage against the whole allowance (allowances are not cut for a partial month).
 * Why this rule: the charge of a month with a switch is then a day-weighted mix of what each plan
 * would have charged all month, so it can never fall below the cheaper nor rise above the dearer
 * (within rounding) — no one-day-switch loophole and no bill shock.
 */
import { assertMinor, mulDiv } from '../money/money';
import { findOption, findPlan } from './catalog';
import { BillingError } from './errors';
import type { InvoiceLine, OverageExplanation } from './invoice-types';
import { itemRef } from './recurring';
import { addDays, daysInclusive } from './dates';
import { stateOn, steadyPeriods, type SubscriptionState } from './subscription';
import { lineIdOf } from './line-id';
import { taxedLine } from './tax';
import {
  USAGE_KINDS,
  type Allowance,
  type BasisPoints,
  type BillingCycle,
  type Catalog,
  type IsoDate,
  type SubscriptionChange,
  type UsageKind,
  type UsageRecord,
} from './types';

export function allowancesOf(catalog: Catalog, state: SubscriptionState): Record<UsageKind, Allowance> {
  if (state.planId === null) throw new BillingError('no-active-plan', 'no plan, hence no allowance');
  const plan = findPlan(catalog, state.planId);
  const result = { ...plan.allowances };
  for (const optionId of state.optionIds) {
    const extra = findOption(catalog, optionId).extraAllowances ?? {};
    for (const kind of USAGE_KINDS) {
      const base = result[kind];
      const more = extra[kind] ?? 0;
      if (base !== 'unlimited') result[kind] = base + more;
    }
  }
  return result;
}

export function usageFor(usage: readonly UsageRecord[], cycle: BillingCycle): UsageRecord | undefined {
  return usage.find((u) => u.cycleStart === cycle.start);
}

interface ServicePeriod {
  readonly from: IsoDate;
  to: IsoDate;
  days: number;
  readonly state: SubscriptionState;
  readonly key: string;
}

/** Maximal runs of days in the cycle with the same plan and options (days without a plan left out). */
export function servicePeriods(sorted: readonly SubscriptionChange[], cycle: BillingCycle): ServicePeriod[] {
  const periods: ServicePeriod[] = [];
  for (const p of steadyPeriods(
    cycle,
    sorted.map((c) => c.from),
  )) {
    const state = stateOn(sorted, p.from);
    const last = periods[periods.length - 1];
    if (state.planId === null) continue;
    const key = `${state.planId}|${[...state.optionIds].sort().join(',')}`;
    const days = daysInclusive(p.from, p.to);
    if (last && last.key === key && addDays(last.to, 1) === p.from) {
      last.to = p.to;
      last.days += days;
    } else {
      periods.push({ from: p.from, to: p.to, days, state, key });
    }
  }
  return periods;
}

export function overageLines(
  catalog: Catalog,
  sorted: readonly SubscriptionChange[],
  usage: UsageRecord | undefined,
  cycle: BillingCycle,
  taxRateBp: BasisPoints,
): InvoiceLine[] {
  if (!usage || USAGE_KINDS.every((k) => usage[k] === 0)) return [];
  const periods = servicePeriods(sorted, cycle);
  if (periods.length === 0) {
    throw new BillingError('usage-without-plan', `usage recorded in ${cycle.start} without any plan`, { cycleStart: cycle.start });
  }
  const serviceDays = periods.reduce((s, p) => s + p.days, 0);
  const split = periods.length > 1;
  const lines: InvoiceLine[] = [];
  for (const kind of USAGE_KINDS) {
    for (const period of periods) {
      const plan = findPlan(catalog, period.state.planId ?? '');
      const allowance = allowancesOf(catalog, period.state)[kind];
      const used = usage[kind];
      if (allowance === 'unlimited' || used <= allowance) continue;
      const over = used - allowance;
      const unitPrice = plan.overageRates[kind];
      const explanation: OverageExplanation = {
        code: 'overage',
        rule: 'usage-above-allowance',
        usage: kind,
        plan: itemRef(catalog, { kind: 'plan', id: plan.id }),
        used,
        allowance,
        over,
        unitPrice,
        ...(split ? { share: { from: period.from, to: period.to, days: period.days, serviceDays } } : {}),
      };
      const whole = assertMinor(over * unitPrice, 'overage');
      const amount = split ? mulDiv(whole, period.days, serviceDays) : whole;
      if (split && amount === 0) continue;
      lines.push(taxedLine(lineIdOf(explanation), catalog.currency, explanation, amount, true, taxRateBp));
    }
  }
  return lines;
}
