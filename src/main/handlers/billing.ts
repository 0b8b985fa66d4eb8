import type { billingMethods } from '../../core/api';
import type { AppDeps, FeatureHandlers } from './types';

export function createBillingHandlers(_deps: AppDeps): FeatureHandlers<typeof billingMethods> {
  return {};
}

/** First-start set-up of this feature (idempotent); nothing to do yet. */
export function ensureBillingSetup(_deps: AppDeps): void {}
