/**
 * ALLOWANCE RULE: allowances are not prorated. The usage of the whole cycle is measured against
 * the allowance of the plan (plus its options' extra allowances) in force on the last day of
 * service in the cycle. One sentence an agent can say: "your allowance is the one of the plan you
 * have at the end of the month". Each unit above it costs that plan's overage rate.
 */
import { assertMinor } from '../money/money';
import { findOption, findPlan } from './catalog';
import { BillingError } from './errors';
import type { InvoiceLine, OverageExplanation } from './invoice-types';
import { itemRef } from './recurring';
import { lastServiceDay, stateOn, type SubscriptionState } from './subscription';
import { taxedLine } from './tax';
import {
  USAGE_KINDS,
  type Allowance,
  type BasisPoints,
  type BillingCycle,
  type Catalog,
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

export function overageLines(
  catalog: Catalog,
  sorted: readonly SubscriptionChange[],
  usage: UsageRecord | undefined,
  cycle: BillingCycle,
  taxRateBp: BasisPoints,
): InvoiceLine[] {
  if (!usage || USAGE_KINDS.every((k) => usage[k] === 0)) return [];
  const lastDay = lastServiceDay(sorted, cycle);
  if (lastDay === null) {
    throw new BillingError('usage-without-plan', `usage recorded in ${cycle.start} without any plan`, { cycleStart: cycle.start });
  }
  const state = stateOn(sorted, lastDay);
  const plan = findPlan(catalog, state.planId ?? '');
  const allowances = allowancesOf(catalog, state);
  const lines: InvoiceLine[] = [];
  for (const kind of USAGE_KINDS) {
    const allowance = allowances[kind];
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
    };
    const amount = assertMinor(over * unitPrice, 'overage');
    lines.push(taxedLine(`overage:${kind}`, catalog.currency, explanation, amount, true, taxRateBp));
  }
  return lines;
}
