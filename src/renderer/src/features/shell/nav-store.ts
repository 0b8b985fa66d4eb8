/**
 * Which screen of the shell is shown. Agents have one (calls); senior agents also have the
 * approvals inbox (the requests routed to a senior agent); supervisors the inbox, the locked
 * verifications, the audit view and the retention insights; managers have the insights only.
 * A call in progress keeps running whatever is shown (its timer is on main's clock).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { hasAtLeast, type StaffRole } from '../../../../core/api';

export const VIEWS = ['calls', 'approvals', 'lockouts', 'audit', 'insights'] as const;
export type View = (typeof VIEWS)[number];

/** The screens a role can open, in navigation order; the first is where the role lands. */
export function viewsFor(role: StaffRole): readonly View[] {
  if (role === 'manager') return ['insights'];
  if (hasAtLeast(role, 'supervisor')) return VIEWS;
  return hasAtLeast(role, 'senior_agent') ? ['calls', 'approvals'] : ['calls'];
}

export interface NavState {
  readonly view: View;
  go(view: View): void;
  reset(): void;
}

export type NavStore = StoreApi<NavState>;

export function createNavStore(): NavStore {
  return createStore<NavState>()((set) => ({
    view: 'calls',
    go(view) {
      set({ view });
    },
    reset() {
      set({ view: 'calls' });
    },
  }));
}
