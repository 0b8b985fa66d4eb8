/**
 * Keyboard of the call workspace, as a pure function (unit-tested).
 *   Alt+1 … Alt+8     open a section (Verify, Account, Bills, Plan, Credit, Notes, Wrap-up, Payments)
 * The physical key (event.code) is read, so the shortcut works on AZERTY keyboards (where the
 * digits need Shift) and on macOS (where Option+digit types a symbol).
 */
import { tabForDigit, type CallTab } from './tabs';

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

export function callKeyAction(e: CallKeyInput): CallKeyAction | null {
  if (e.isComposing) return null;
  if (!e.altKey || e.ctrlKey || e.metaKey) return null;
  const m = /^(?:Digit|Numpad)([1-9])$/.exec(e.code) ?? /^([1-9])$/.exec(e.key);
  if (!m) return null;
  const tab = tabForDigit(Number(m[1]));
  return tab ? { kind: 'tab', tab } : null;
}
