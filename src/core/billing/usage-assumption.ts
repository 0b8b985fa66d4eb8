/**
 * THE USAGE ASSUMPTION of a quote and of the best-plan ranking — one rule, stated on screen, used
 * for every figure there (the next bill, the monthly bill after, the twelve months, the ranking):
 *
 *   monthly usage   = the mean of the complete months recorded among the `months` before the
 *                     current cycle (default 3), per kind, rounded once (money.ts's rule: nearest,
 *                     halves away from zero). No month recorded: no usage assumed.
 *   the current cycle = what is already recorded for it (usage is recorded through the day of the
 *                     call), plus the monthly usage for the days left after that day, by days
 *                     (monthly × days left / days in the cycle, rounded once). Nothing recorded yet
 *                     for it: the whole monthly usage.
 *   every later cycle = the monthly usage.
 *
 * In words for the agent: "usage assumed: 2,300 MB, 120 minutes and 40 SMS a month (the average of
 * January to March); this month, what is recorded up to 10 April and the same pace after".
 */
import { divRound, mulDiv } from '../money/money';
import { addDays, cycleContaining, daysInclusive, daysInCycle, previousCycle } from './dates';
import { BillingError } from './errors';
import type { AccountBillingContext, BillingCycle, IsoDate, UsageKind, UsageRecord } from './types';

export type UsageAmounts = Readonly<Record<UsageKind, number>>;

export interface UsageAssumption {
  /** The complete months whose records were averaged, oldest first (empty: none recorded). */
  readonly basisCycles: readonly BillingCycle[];
  /** Assumed for every whole month from the current cycle on. */
  readonly monthly: UsageAmounts;
  /** The cycle of the call. */
  readonly current: {
    readonly cycle: BillingCycle;
    /** Null: nothing recorded for this cycle yet (the whole month is assumed). */
    readonly recordedThrough: IsoDate | null;
    readonly recorded: UsageAmounts;
    /** Days of the cycle after recordedThrough (the whole cycle when nothing is recorded). */
    readonly daysLeft: number;
    /** monthly × daysLeft / days in the cycle, rounded once per kind. */
    readonly rest: UsageAmounts;
    /** recorded + rest: what the cycle is billed on. */
    readonly total: UsageAmounts;
  };
}

export interface UsageAssumptionOptions {
  /** How many complete months back to average, 1 to 12. Default 3. */
  readonly months?: number;
  /** The usage of the current cycle is recorded through this day. Default: the day of the call. */
  readonly recordedThrough?: IsoDate;
  /** Overrides the monthly usage (a caller who says "I will use more from now on"). */
  readonly monthly?: UsageAmounts;
}

const NONE: UsageAmounts = { dataMb: 0, voiceMinutes: 0, sms: 0 };

function amounts(f: (kind: UsageKind) => number): UsageAmounts {
  return { dataMb: f('dataMb'), voiceMinutes: f('voiceMinutes'), sms: f('sms') };
}

export function assumeUsage(account: Pick<AccountBillingContext, 'usage'>, date: IsoDate, options: UsageAssumptionOptions = {}): UsageAssumption {
  const months = options.months ?? 3;
  if (!Number.isSafeInteger(months) || months < 1 || months > 12) {
    throw new BillingError('invalid-input', `months must be 1 to 12, got ${months}`, { field: 'months' });
  }
  const cycle = cycleContaining(date);
  const window: BillingCycle[] = [];
  for (let c = previousCycle(cycle); window.length < months; c = previousCycle(c)) window.unshift(c);
  const recordOf = (c: BillingCycle): UsageRecord | undefined => account.usage.find((u) => u.cycleStart === c.start);
  const basis = window.filter((c) => recordOf(c) !== undefined);
  const monthly =
    options.monthly ??
    (basis.length === 0
      ? NONE
      : amounts((k) =>
          divRound(
            basis.reduce((s, c) => s + recordOf(c)![k], 0),
            basis.length,
          ),
        ));

  const record = recordOf(cycle);
  const through = options.recordedThrough ?? date;
  const recordedThrough = record ? (through < cycle.start ? addDays(cycle.start, -1) : through > cycle.end ? cycle.end : through) : null;
  const daysLeft = recordedThrough === null ? daysInCycle(cycle) : daysInclusive(recordedThrough, cycle.end) - 1;
  const recorded = record ? amounts((k) => record[k]) : NONE;
  const rest = amounts((k) => mulDiv(monthly[k], daysLeft, daysInCycle(cycle)));
  return {
    basisCycles: basis,
    monthly,
    current: { cycle, recordedThrough, recorded, daysLeft, rest, total: amounts((k) => recorded[k] + rest[k]) },
  };
}

/** The usage record a cycle is billed on under the assumption (the current cycle or a later one). */
export function assumedRecord(assumption: UsageAssumption, cycle: BillingCycle): UsageRecord {
  const u = cycle.start === assumption.current.cycle.start ? assumption.current.total : assumption.monthly;
  return { cycleStart: cycle.start, ...amounts((k) => u[k]) };
}

/** The account's usage with the current and later cycles' records replaced by the assumption. */
export function withAssumedUsage<A extends Pick<AccountBillingContext, 'usage'>>(account: A, assumed: readonly UsageRecord[]): A {
  const replaced = new Set(assumed.map((u) => u.cycleStart));
  return { ...account, usage: [...account.usage.filter((u) => !replaced.has(u.cycleStart)), ...assumed] };
}
