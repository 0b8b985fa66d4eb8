/**
 * Where the focus goes in a call: after a section shortcut, after verification, and whenever it
 * would otherwise fall to the page body (a button that disables itself while it works, a panel
 * hidden under the focus), it lands where the agent's next keystroke belongs — the first field,
 * option group or list of the open section, or the section itself when it has none.
 */
import { createStore } from 'zustand/vanilla';

export const callFocusStore = createStore<{ readonly request: number }>()(() => ({ request: 0 }));

/** Asks the workspace to put the focus in the open section (once it has loaded). */
export function requestCallFocus(): void {
  callFocusStore.setState((s) => ({ request: s.request + 1 }));
}

const CANDIDATES = [
  'input:not([type="hidden"]):not([disabled])',
  'textarea:not([disabled])',
  'select:not([disabled])',
  '[role="listbox"][tabindex]',
  '[role="radiogroup"][tabindex]',
].join(', ');

function shown(el: Element): boolean {
  const withCheck = el as Element & { checkVisibility?: () => boolean };
  return withCheck.checkVisibility ? withCheck.checkVisibility() : (el as HTMLElement).offsetParent !== null;
}

/**
 * The element of a section that takes the next keystroke: one marked `data-call-focus`, else the
 * first field, list or option group (for options, the chosen one), else null.
 */
export function landingTarget(panel: ParentNode): HTMLElement | null {
  const marked = panel.querySelector<HTMLElement>('[data-call-focus]');
  if (marked && shown(marked)) return marked;
  for (const el of Array.from(panel.querySelectorAll<HTMLElement>(CANDIDATES))) {
    if (!shown(el)) continue;
    if (el instanceof HTMLInputElement && el.type === 'radio' && el.name) {
      const group = Array.from(panel.querySelectorAll<HTMLInputElement>(`input[type="radio"][name="${CSS.escape(el.name)}"]`));
      return group.find((r) => r.checked) ?? el;
    }
    return el;
  }
  return null;
}

/** Is the section still loading what it shows first? */
export function isBusy(panel: Element): boolean {
  return panel.querySelector('[aria-busy="true"]') !== null;
}
