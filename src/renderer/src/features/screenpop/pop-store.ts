/**
 * Screen pop: main reports an incoming call ('call.incoming') with the customers whose phone
 * matches. The agent sees it at once, and the lookup screen is set up for the next move:
 *   one match  → that caller's file is opened directly;
 *   several    → the candidates fill the result list, highlighted, ready for ↑/↓ + Enter;
 *   none       → the search box is prefilled with the number and focused.
 * With one match the call also starts by itself (`onOneMatch`, wired to the call store, which
 * refuses while another call is active: the banner shows, the current call stays).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { MaskedCaller, ScreenPop } from '../../../../core/api';
import type { LookupStore } from '../lookup/lookup-store';
import { displayCallerNumber } from './phone-format';

export type PopOutcome = 'one' | 'many' | 'none';

export interface ReceivedPop {
  readonly pop: ScreenPop;
  readonly receivedAt: number;
  readonly outcome: PopOutcome;
}

export interface PopState {
  readonly current: ReceivedPop | null;
  receive(pop: ScreenPop): void;
  dismiss(): void;
  reset(): void;
}

export type PopStore = StoreApi<PopState>;

/**
 * The same call can reach this window twice: as the answer to 'calls.incoming' (the simulate
 * control) and as the 'call.incoming' event main pushes to all of the agent's windows.
 */
export const DUPLICATE_WINDOW_MS = 5_000;

export function popOutcome(pop: ScreenPop): PopOutcome {
  return pop.matches.length === 0 ? 'none' : pop.matches.length === 1 ? 'one' : 'many';
}

function fingerprint(pop: ScreenPop): string {
  return [pop.from, pop.e164 ?? '', ...pop.matches.map((m) => m.customerId)].join('|');
}

export interface PopDeps {
  readonly lookup: LookupStore;
  readonly now?: () => number;
  /** One customer matched: start the call with them (source 'screen_pop'). */
  readonly onOneMatch?: (caller: MaskedCaller, pop: ScreenPop) => void;
}

export function createPopStore(deps: PopDeps): PopStore {
  const now = deps.now ?? (() => Date.now());

  return createStore<PopState>()((set, get) => ({
    current: null,

    receive(pop) {
      const at = now();
      const last = get().current;
      if (last && fingerprint(last.pop) === fingerprint(pop) && at - last.receivedAt < DUPLICATE_WINDOW_MS) return;

      const outcome = popOutcome(pop);
      set({ current: { pop, receivedAt: at, outcome } });

      const lookup = deps.lookup.getState();
      // The number as the banner shows it: easy to read back, and searchable as typed.
      const number = displayCallerNumber(pop);
      lookup.showCandidates(number, pop.matches, pop.e164 ? 'phone' : 'none');
      const only = pop.matches[0];
      if (outcome === 'one' && only) {
        lookup.openCaller(only);
        deps.onOneMatch?.(only, pop);
      } else {
        lookup.closeCaller();
        lookup.requestFocus();
      }
    },

    dismiss() {
      set({ current: null });
    },

    reset() {
      set({ current: null });
    },
  }));
}
