import { describe, expect, it } from 'vitest';
import { globalKeyAction, moveActive, searchKeyAction, type KeyInput } from '../../../src/renderer/src/features/lookup/keyboard';

const key = (k: string, mods: Partial<KeyInput> = {}): KeyInput => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('search box keys', () => {
  const ctx = { hasQuery: true, resultCount: 3, callerOpen: false };

  it('moves with the arrows and jumps with Page Up/Down, only when there are results', () => {
    expect(searchKeyAction(key('ArrowDown'), ctx)).toBe('moveDown');
    expect(searchKeyAction(key('ArrowUp'), ctx)).toBe('moveUp');
    expect(searchKeyAction(key('PageDown'), ctx)).toBe('last');
    expect(searchKeyAction(key('PageUp'), ctx)).toBe('first');
    expect(searchKeyAction(key('ArrowDown'), { ...ctx, resultCount: 0 })).toBeNull();
  });

  it('opens with Enter when there is a query', () => {
    expect(searchKeyAction(key('Enter'), ctx)).toBe('open');
    expect(searchKeyAction(key('Enter'), { ...ctx, hasQuery: false })).toBeNull();
  });

  it('clears with Esc, then closes the caller when the box is already empty', () => {
    expect(searchKeyAction(key('Escape'), ctx)).toBe('clear');
    expect(searchKeyAction(key('Escape'), { ...ctx, hasQuery: false, callerOpen: true })).toBe('closeCaller');
    expect(searchKeyAction(key('Escape'), { ...ctx, hasQuery: false, callerOpen: false })).toBeNull();
  });

  it('leaves modified keys, typing and IME composition alone', () => {
    expect(searchKeyAction(key('ArrowDown', { ctrlKey: true }), ctx)).toBeNull();
    expect(searchKeyAction(key('Enter', { isComposing: true }), ctx)).toBeNull();
    expect(searchKeyAction(key('a'), ctx)).toBeNull();
    expect(searchKeyAction(key('Home'), ctx)).toBeNull(); // caret movement stays with the input
  });
});

describe('global keys', () => {
  it('focuses the search with Ctrl+K or Cmd+K from anywhere, even while typing', () => {
    expect(globalKeyAction(key('k', { ctrlKey: true }), { inEditable: true, callerOpen: false })).toBe('focusSearch');
    expect(globalKeyAction(key('K', { metaKey: true }), { inEditable: false, callerOpen: false })).toBe('focusSearch');
    expect(globalKeyAction(key('k', { ctrlKey: true, altKey: true }), { inEditable: false, callerOpen: false })).toBeNull();
  });

  it('focuses the search with "/" only outside text fields', () => {
    expect(globalKeyAction(key('/'), { inEditable: false, callerOpen: false })).toBe('focusSearch');
    expect(globalKeyAction(key('/'), { inEditable: true, callerOpen: false })).toBeNull();
  });

  it('closes the caller with Esc outside text fields', () => {
    expect(globalKeyAction(key('Escape'), { inEditable: false, callerOpen: true })).toBe('closeCaller');
    expect(globalKeyAction(key('Escape'), { inEditable: true, callerOpen: true })).toBeNull();
    expect(globalKeyAction(key('Escape'), { inEditable: false, callerOpen: false })).toBeNull();
  });
});

describe('moveActive', () => {
  it('clamps at both ends (no wrap-around)', () => {
    expect(moveActive(0, 3, 'moveDown')).toBe(1);
    expect(moveActive(2, 3, 'moveDown')).toBe(2);
    expect(moveActive(0, 3, 'moveUp')).toBe(0);
    expect(moveActive(-1, 3, 'moveDown')).toBe(0);
    expect(moveActive(-1, 3, 'moveUp')).toBe(0);
    expect(moveActive(1, 3, 'first')).toBe(0);
    expect(moveActive(1, 3, 'last')).toBe(2);
  });

  it('has nothing to highlight in an empty list', () => {
    expect(moveActive(0, 0, 'moveDown')).toBe(-1);
    expect(moveActive(-1, 0, 'last')).toBe(-1);
  });
});
