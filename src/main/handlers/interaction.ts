import type { interactionMethods } from '../../core/api';
import type { AppDeps, FeatureHandlers } from './types';

export function createInteractionHandlers(_deps: AppDeps): FeatureHandlers<typeof interactionMethods> {
  return {};
}

/** First-start set-up of this feature (idempotent); nothing to do yet. */
export function ensureInteractionSetup(_deps: AppDeps): void {}
