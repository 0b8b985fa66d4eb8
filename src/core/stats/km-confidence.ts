/**
 * Pointwise confidence intervals for a survival probability, exactly as R's survival package
 * computes them (survfit_confint with logse = TRUE, conf.lower = "usual"):
 *
 *   se = SE of log S (Greenwood), z = qnorm(1 − (1 − level)/2)
 *   "log" (R's default):  exp(log S ∓ z·se), upper capped at 1;           NA where S = 0
 *   "log-log":            exp(−exp(log(−log S) ∓ z·se/log S));            NA where S = 0 or S = 1
 *   "plain":              S ∓ z·se·S, clipped to [0, 1];                   NaN in R where S = 0
 *
 * Where R reports NA/NaN this returns null, so a caller never meets a silent NaN. "log" is the
 * default because it is R's: it keeps bounds inside (0, 1] and behaves well in the tails.
 */
export type ConfType = 'log' | 'log-log' | 'plain';

export const CONF_TYPES: readonly ConfType[] = ['log', 'log-log', 'plain'];

/** Writes the bounds for (surv, seLog) into lower[i], upper[i]. seLog is ignored where S = 0. */
export function writeBand(surv: number, seLog: number, type: ConfType, z: number, lower: (number | null)[], upper: (number | null)[], i: number): void {
  if (surv === 0) {
    lower[i] = null;
    upper[i] = null;
    return;
  }
  if (type === 'log') {
    const w = z * seLog;
    const l = Math.log(surv);
    lower[i] = Math.exp(l - w);
    upper[i] = Math.min(Math.exp(l + w), 1);
  } else if (type === 'log-log') {
    if (surv === 1) {
      lower[i] = null;
      upper[i] = null;
      return;
    }
    const l = Math.log(surv);
    const w = (z * seLog) / l;
    const ll = Math.log(-l);
    lower[i] = Math.exp(-Math.exp(ll - w));
    upper[i] = Math.exp(-Math.exp(ll + w));
  } else {
    const w = seLog * surv * z;
    lower[i] = Math.max(surv - w, 0);
    upper[i] = Math.min(surv + w, 1);
  }
}
