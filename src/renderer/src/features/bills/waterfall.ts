/**
 * "Why is this bill different?" as a waterfall: last bill's total, then one step per cause
 * (largest impact first), landing on this bill's total. Pure: the chart component only maps
 * these bars to colours and labels.
 *
 * The contract promises Σ causes = difference exactly; `checkWaterfall` verifies it on the
 * figures received, so a screen never draws a chart that does not land on the bill's total.
 */
import type { Minor } from '../../../../core/money';

export interface CauseLike {
  readonly key: string;
  readonly amount: Minor;
}

export type BarKind = 'previous' | 'increase' | 'decrease' | 'current';

export interface WaterfallBar {
  readonly key: string;
  readonly kind: BarKind;
  /** The step itself (signed) for a cause; the total for the two ends. */
  readonly amount: Minor;
  /** Running total before and after this bar (for a total: 0 → total). */
  readonly from: Minor;
  readonly to: Minor;
}

/**
 * Largest impact first (by absolute amount); on a tie, increases before decreases, then by key,
 * so the order never depends on how the server happened to list them.
 */
export function sortCausesByImpact<T extends CauseLike>(causes: readonly T[]): T[] {
  return [...causes].sort((a, b) => {
    const byImpact = Math.abs(b.amount) - Math.abs(a.amount);
    if (byImpact !== 0) return byImpact;
    if (a.amount !== b.amount) return b.amount - a.amount;
    return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
  });
}

/** The bars from the previous total through each cause (sorted by impact) to the current total. */
export function waterfallBars(previousTotal: Minor, currentTotal: Minor, causes: readonly CauseLike[]): WaterfallBar[] {
  const bars: WaterfallBar[] = [{ key: 'previous', kind: 'previous', amount: previousTotal, from: 0, to: previousTotal }];
  let running = previousTotal;
  for (const cause of sortCausesByImpact(causes)) {
    if (cause.amount === 0) continue;
    const next = running + cause.amount;
    bars.push({ key: cause.key, kind: cause.amount > 0 ? 'increase' : 'decrease', amount: cause.amount, from: running, to: next });
    running = next;
  }
  bars.push({ key: 'current', kind: 'current', amount: currentTotal, from: 0, to: currentTotal });
  return bars;
}

export interface WaterfallCheck {
  /** Σ causes. */
  readonly explained: Minor;
  /** current − previous. */
  readonly difference: Minor;
  /** explained = difference (the chart lands exactly on the current total). */
  readonly balanced: boolean;
}

export function checkWaterfall(previousTotal: Minor, currentTotal: Minor, causes: readonly CauseLike[]): WaterfallCheck {
  const explained = causes.reduce((sum, c) => sum + c.amount, 0);
  const difference = currentTotal - previousTotal;
  return { explained, difference, balanced: explained === difference };
}

/**
 * Rows for @mantine/charts BarChart type="waterfall". The chart keeps a running total from 0:
 * each row is drawn from it and added to it, except a `standalone` row, drawn from 0 and not
 * added. So the previous total is an ordinary row (0 → previous, which starts the running
 * total there), each cause a step from it, and the current total the one standalone row.
 * Fresh objects on every call: the chart rewrites the rows it is given in place.
 */
export interface WaterfallRow {
  readonly label: string;
  amount: Minor | [Minor, Minor];
  readonly color: string;
  readonly standalone?: boolean;
  readonly [extra: string]: unknown;
}

export function waterfallRows(bars: readonly WaterfallBar[], labelOf: (bar: WaterfallBar) => string, colorOf: (kind: BarKind) => string): WaterfallRow[] {
  return bars.map((bar) => {
    return {
      label: labelOf(bar),
      amount: bar.amount,
      color: colorOf(bar.kind),
      ...(bar.kind === 'current' ? { standalone: true } : {}),
    };
  });
}
