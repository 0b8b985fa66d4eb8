/**
 * What a Cox fit of the insights adjusts for (an experiment's offer, or a practice): the same
 * customer risk columns in both, with the words a fit's note names them by.
 */
export const COVARIATES = [
  ['highRisk', 'churn risk high'],
  ['newCustomer', 'tenure under 12 months'],
  ['billShock', 'bill shock'],
  ['notGood', 'standing not good'],
] as const;
