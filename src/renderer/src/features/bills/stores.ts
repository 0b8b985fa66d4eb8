/** The bills tab's stores, one per call, wired to the real api (kept out of unit tests). */
import { useStore } from 'zustand';
import { api } from '../../api';
import { localeStore } from '../../store';
import { createBillsStore, type BillsState, type BillsStore } from './bills-store';
import { perCall } from './per-call';

export const billsStoreFor = perCall<BillsStore>((interactionId) =>
  createBillsStore({ api, interactionId, locale: localeStore.getState().locale }),
);

export function useBills<T>(store: BillsStore, selector: (s: BillsState) => T): T {
  return useStore(store, selector);
}
