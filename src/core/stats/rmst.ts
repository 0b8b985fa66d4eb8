/**
 * Restricted mean survival time (RMST) up to a horizon τ — the area under the Kaplan–Meier
 * curve on [0, τ], i.e. the expected number of days (out of τ) a customer stays — with the
 * standard error R prints for `print(survfit(...), rmean = τ)` (survival:::survmean):
 *
 *   RMST(τ) = Σ rectangles under the step function from 0 to τ
 *   Var = Σ_{tᵢ ≤ τ} A(tᵢ)² · dᵢ / (nᵢ (nᵢ − dᵢ)),   A(tᵢ) = area under S from tᵢ to τ
 *         (terms with nᵢ = dᵢ count 0, as in R)
 *
 * Why RMST: unlike the median it always exists (most customers never churn in the window), and a
 * difference in RMST between a discount arm and the holdout reads directly as "days of
 * retention gained". The 95% interval `lower`/`upper` is RMST ∓ z·SE (not printed by R; plain
 * normal interval).
 */
import { assertFinite, StatsInputError } from './errors';
import type { KaplanMeierResult } from './kaplan-meier';
import { zTwoSided } from './distributions';

export interface RestrictedMean {
  readonly tau: number;
  readonly rmean: number;
  readonly stdErr: number;
  readonly lower: number;
  readonly upper: number;
}

export function restrictedMean(km: KaplanMeierResult, tau: number): RestrictedMean {
  assertFinite(tau, 'tau');
  if (!(tau > 0)) throw new StatsInputError('BAD_ARGUMENT', `tau must be > 0, got ${tau}`);
  const time = km.time;
  let m = 0; // number of distinct times ≤ tau
  while (m < time.length && time[m]! <= tau) m++;
  let rmean: number;
  let variance = 0;
  if (m === 0) {
    rmean = tau;
  } else {
    rmean = time[0]!; // from 0 to the first time, S = 1
    let tail = 0;
    for (let i = m - 1; i >= 0; i--) {
      const next = i + 1 < m ? time[i + 1]! : tau;
      const rect = (next - time[i]!) * km.surv[i]!;
      rmean += rect;
      tail += rect;
      const n = km.nRisk[i]!;
      const d = km.nEvent[i]!;
      if (d > 0 && n - d > 0) variance += (tail * tail * d) / (n * (n - d));
    }
  }
  const stdErr = Math.sqrt(variance);
  const z = zTwoSided(km.confLevel);
  return { tau, rmean, stdErr, lower: rmean - z * stdErr, upper: rmean + z * stdErr };
}
