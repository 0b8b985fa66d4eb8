/**
 * What a customer did that the retention insights count as an outcome (customer_outcomes): a
 * cancellation, with the day it takes effect and one reason from a fixed list (the agent picks
 * it on the call; the demo generator draws the same codes), and a downgrade — a plan change that
 * lowers the plan's monthly price.
 */
export const CANCELLATION_REASONS = ['price', 'competitor', 'moving', 'service', 'other'] as const;
export type CancellationReason = (typeof CANCELLATION_REASONS)[number];

/** A cancellation takes effect today or up to this many days later (a notice period), never in the past. */
export const CANCELLATION_MAX_DAYS_AHEAD = 90;

/** True when a plan change from `before` to `after` (monthly fees in minor units) is a downgrade. */
export function isDowngrade(beforeMonthlyFee: number, afterMonthlyFee: number): boolean {
  return afterMonthlyFee < beforeMonthlyFee;
}
