/**
 * Multiple-comparison adjusted p-values, exactly R's `p.adjust(p, method)` (n = length(p)):
 *
 *   "holm": sort ascending p₍₁₎ ≤ … ≤ p₍ₙ₎;  p̃₍ᵢ₎ = min(1, max_{j ≤ i} (n − j + 1)·p₍ⱼ₎)
 *           controls the family-wise error rate (any false "this discount works").
 *   "BH":   Benjamini–Hochberg; sort descending;  p̃₍ᵢ₎ = min(1, min_{j ≥ i} n/j · p₍ⱼ₎)
 *           controls the false discovery rate — the right tool when screening many discounts.
 *
 * Results are in the input order. Holm ≥ BH elementwise, and both are ≥ the raw p and ≤ 1.
 * Why: with ten discounts tested against one holdout, one will look "significant" at 5% by
 * chance alone about 40% of the time; insights reports adjusted p-values only.
 */
import { StatsInputError } from './errors';

export type PAdjustMethod = 'holm' | 'BH';

export function pAdjust(p: readonly number[], method: PAdjustMethod): readonly number[] {
  if (!Array.isArray(p)) throw new StatsInputError('BAD_ARGUMENT', 'p must be an array');
  if (method !== 'holm' && method !== 'BH') throw new StatsInputError('BAD_ARGUMENT', `method must be "holm" or "BH", got ${String(method)}`);
  const n = p.length;
  for (let i = 0; i < n; i++) {
    const v = p[i];
    if (typeof v !== 'number' || Number.isNaN(v)) throw new StatsInputError('NOT_FINITE', `p[${i}] must be a number, got ${String(v)}`);
    if (!(v >= 0 && v <= 1)) throw new StatsInputError('BAD_PROBABILITY', `p[${i}] must be in [0, 1], got ${v}`);
  }
  const out = [...p]; // every entry is overwritten below
  if (n === 0) return out;
  const idx = Array.from({ length: n }, (_, i) => i);
  if (method === 'holm') {
    idx.sort((a, b) => p[a]! - p[b]! || a - b);
    let running = 0;
    for (let i = 0; i < n; i++) {
      const j = idx[i]!;
      running = Math.max(running, (n - i) * p[j]!);
      out[j] = Math.min(1, running);
    }
  } else {
    idx.sort((a, b) => p[b]! - p[a]! || a - b);
    let running = Infinity;
    for (let i = 0; i < n; i++) {
      const j = idx[i]!;
      const rank = n - i; // i-th largest has rank n − i among ascending
      running = Math.min(running, (n / rank) * p[j]!);
      out[j] = Math.min(1, running);
    }
  }
  return out;
}

export function holm(p: readonly number[]): readonly number[] {
  return pAdjust(p, 'holm');
}

export function benjaminiHochberg(p: readonly number[]): readonly number[] {
  return pAdjust(p, 'BH');
}
