/**
 * Keyboard handling of the lookup screen, as pure functions over the key pressed and a little
 * context, so the bindings are unit-tested and the components only dispatch the result.
 *
 * In the search box:  ↑/↓ move the highlighted result · Enter opens it · Esc clears the search
 *                     (or, when the box is already empty, closes the open caller).
 * Anywhere:           Ctrl+K / ⌘K focuses the search · "/" too, when not typing in a field ·
 *                     Esc closes the open caller when not typing in a field.
 */

export interface KeyInput {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  readonly shiftKey: boolean;
  /** An IME composition is in progress: Enter/arrows belong to it. */
  readonly isComposing?: boolean;
}

export type SearchKeyAction = 'moveUp' | 'moveDown' | 'first' | 'last' | 'open' | 'clear' | 'closeCaller';
export type GlobalKeyAction = 'focusSearch' | 'closeCaller';

function noModifier(e: KeyInput): boolean {
  return !e.ctrlKey && !e.metaKey && !e.altKey;
}

export function searchKeyAction(
  e: KeyInput,
  ctx: { readonly hasQuery: boolean; readonly resultCount: number; readonly callerOpen: boolean },
): SearchKeyAction | null {
  if (e.isComposing) return null;
  if (!noModifier(e)) return null;
  switch (e.key) {
    case 'ArrowDown':
      return ctx.resultCount > 0 ? 'moveDown' : null;
    case 'ArrowUp':
      return ctx.resultCount > 0 ? 'moveUp' : null;
    case 'PageDown':
      return ctx.resultCount > 0 ? 'last' : null;
    case 'PageUp':
      return ctx.resultCount > 0 ? 'first' : null;
    case 'Enter':
      return ctx.hasQuery ? 'open' : null;
    case 'Escape':
      return ctx.hasQuery ? 'clear' : ctx.callerOpen ? 'closeCaller' : null;
    default:
      return null;
  }
}

export function globalKeyAction(e: KeyInput, ctx: { readonly inEditable: boolean; readonly callerOpen: boolean }): GlobalKeyAction | null {
  if (e.isComposing) return null;
  if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k') return 'focusSearch';
  if (e.key === '/' && noModifier(e) && !ctx.inEditable) return 'focusSearch';
  if (e.key === 'Escape' && noModifier(e) && !ctx.inEditable && ctx.callerOpen) return 'closeCaller';
  return null;
}

/** The next highlighted row: clamped (no wrap-around — a jump from last to first misleads). */
export function moveActive(index: number, count: number, action: 'moveUp' | 'moveDown' | 'first' | 'last'): number {
  if (count <= 0) return -1;
  switch (action) {
    case 'first':
      return 0;
    case 'last':
      return count - 1;
    case 'moveDown':
      return index < 0 ? 0 : Math.min(index + 1, count - 1);
    case 'moveUp':
      return index < 0 ? 0 : Math.max(index - 1, 0);
  }
}
