/**
 * Keyboard of the call workspace, as a pure function (unit-tested).
 *   Alt+1 … Alt+8     open a section (Verify, Account, Bills, Plan, Credit, Notes, Wrap-up, Payments)
 * The physical key (event.code) is read, so the shortcut works on AZERTY keyboards (where the
 * digits need Shift) and on macOS (where Option+digit types a symbol).
 */
import { chordMatches, type Chord } from '../../ui/shortcuts';
import { CALL_TABS, digitForTab, type CallTab } from './tabs';

export interface CallKeyInput {
  readonly key: string;
  readonly code: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  readonly shiftKey: boolean;
  readonly isComposing?: boolean;
}

export type CallKeyAction = { readonly kind: 'tab'; readonly tab: CallTab };

/** The section a key press opens: the same chords the shortcut registry dispatches. */
export function callKeyAction(e: CallKeyInput): CallKeyAction | null {
  const tab = CALL_TABS.find((which) => chordMatches(callTabChord(which), e));
  return tab ? { kind: 'tab', tab } : null;
}

/** The chord of a section's shortcut, for the shortcut registry: Alt + the section's digit. */
export function callTabChord(tab: CallTab): Chord {
  const digit = digitForTab(tab);
  return { key: String(digit), code: `Digit${digit}`, alt: true };
}
