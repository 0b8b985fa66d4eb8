/** The plan tab's stores, one per call, wired to the real api (kept out of unit tests). */
import { api } from '../../api';
import { localeStore } from '../../store';
import { perCall } from '../bills/per-call';
import { createPlansStore, type PlansStore } from './plans-store';

export const plansStoreFor = perCall<PlansStore>((interactionId) =>
  createPlansStore({ api, interactionId, locale: localeStore.getState().locale }),
);
