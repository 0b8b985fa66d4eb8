import type { discountMethods } from '../../core/api';
import type { AppDeps, FeatureHandlers } from './types';

export function createDiscountHandlers(_deps: AppDeps): FeatureHandlers<typeof discountMethods> {
  return {};
}

/** First-start set-up of this feature (idempotent); nothing to do yet. */
export function ensureDiscountSetup(_deps: AppDeps): void {}
