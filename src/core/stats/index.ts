/**
 * Insights statistics — which discounts keep customers, measured against a randomised holdout.
 * Pure TypeScript (no I/O, no clock); distribution functions come from stdlib. Every function
 * takes plain data, returns plain readonly objects, and throws StatsInputError (with a `code`)
 * on bad input; values R reports as NA are null, never NaN. Golden fixtures from R 4.2.2 /
 * survival 3.5-3 are in tests/fixtures/stats (scripts/stats/golden.R regenerates them); the tests
 * match them to 1e-6 (absolute below 1, relative above).
 *
 * | function                       | what                                              | matches R                                            |
 * |--------------------------------|---------------------------------------------------|------------------------------------------------------|
 * | kaplanMeier                    | KM retention curve, Greenwood SE, pointwise CI    | survfit(Surv(t, s) ~ 1), conf.type log/log-log/plain |
 * | kaplanMeierByGroup             | one KM curve per arm                              | survfit(Surv(t, s) ~ group)                          |
 * | medianSurvival                 | median time to churn with CI                      | print(fit) / summary(fit)$table                      |
 * | survivalAt                     | retention at horizons t with CI                   | summary(fit, times = t, extend = TRUE)               |
 * | restrictedMean                 | RMST up to τ with SE (+ normal CI)                | print(fit, rmean = τ)                                |
 * | logRank                        | k-group log-rank test, optional strata            | survdiff(Surv(t, s) ~ group [+ strata(s)])           |
 * | coxPH                          | Cox PH, Efron/Breslow ties, HR + CI, LR/Wald/score | coxph(Surv(t, s) ~ x [+ strata(s)])  (†)            |
 * | wilsonInterval                 | one proportion, Wilson score CI                   | prop.test(x, n, correct = FALSE)$conf.int            |
 * | twoProportions                 | p₁ − p₂: Wald and Newcombe (method 10) CIs, χ²    | prop.test(c(x1, x2), c(n1, n2), correct = FALSE)     |
 * | welchFromSums                  | mean₁ − mean₂ from exact Σx, Σx²: Welch t CI, p   | t.test(x, y, var.equal = FALSE)                      |
 * | sampleSizePerArm               | n per arm for a minimum detectable difference     | power.prop.test(p1, p2, sig.level, power)$n          |
 * | pAdjust, holm, benjaminiHochberg | adjusted p-values                               | p.adjust(p, "holm" / "BH")                           |
 * | sampleRatioMismatch            | SRM χ² check of arm sizes; blocked at p < 0.001   | chisq.test(x, p = shares, rescale.p = TRUE)          |
 * | funnelLimits, classifyFunnel   | 95% / 99.8% funnel limits (exact binomial with    | Spiegelhalter (2005), computed in R with             |
 * |                                | Spiegelhalter's interpolation, or normal approx.) | qbinom / pbinom / qnorm                              |
 *
 * Case weights are integer counts everywhere (a row stands for w identical customers), so rows
 * aggregated by (time, status, group/covariates) give exactly the answer of the expanded rows.
 * (†) For Cox with tied event times that is R on the expanded rows: coxph(weights =) under Efron
 * treats a weighted row as a single death and would differ.
 *
 * Cost: times are ranked once (O(n) for day-valued times, O(n log n) otherwise); KM and log-rank
 * are then linear, a Cox Newton iteration is O(n·p²). One million customers as raw rows take
 * about a second each; as aggregated rows, milliseconds.
 */
export { StatsInputError, type StatsErrorCode } from './errors';
export type { Label, Status, SurvivalRow } from './survival-data';
export type { ConfType } from './km-confidence';
export { kaplanMeier, kaplanMeierByGroup, type GroupedSurvivalRow, type KaplanMeierOptions, type KaplanMeierResult } from './kaplan-meier';
export { medianSurvival, type MedianSurvival } from './km-median';
export { survivalAt, type SurvivalAtTime } from './km-at-times';
export { restrictedMean, type RestrictedMean } from './rmst';
export { logRank, type LogRankResult, type LogRankRow } from './logrank';
export { coxPH, coxPHCells, type ChiSquareTest, type CoxCells, type CoxCoefficient, type CoxOptions, type CoxResult, type CoxRow } from './cox';
export { twoProportions, wilsonInterval, type Count, type Interval, type ProportionEstimate, type TwoProportionsResult } from './proportions';
export { varianceOfSums, welchFromSums, type GroupSums, type WelchResult } from './welch';
export { sampleSizePerArm, type SampleSize, type SampleSizeInput } from './sample-size';
export { benjaminiHochberg, holm, pAdjust, type PAdjustMethod } from './p-adjust';
export { SRM_THRESHOLD, sampleRatioMismatch, type SrmResult } from './srm';
export {
  classifyFunnel,
  funnelLimits,
  type FunnelLimits,
  type FunnelMethod,
  type FunnelOptions,
  type FunnelPoint,
  type FunnelPosition,
  type FunnelResult,
} from './funnel';
