/**
 * The one registry of keyboard shortcuts. A screen declares its shortcuts here (useShortcuts)
 * and the shortcut overlay ("?" or F1) lists what is registered, so the overlay cannot drift
 * from what the keys do:
 *
 * - a shortcut with `run` is dispatched by this registry itself (one window listener): the
 *   chords shown are the chords matched;
 * - a shortcut without `run` is handled by the component that declares it (keys inside a list or
 *   a field: ↑/↓, Enter) and is listed only while that component is on screen (`visibleIn`).
 *
 * Key names are shown in the agent's language ("Entrée", "Échap", "Maj").
 */
import { useEffect, useRef } from 'react';
import { createStore } from 'zustand/vanilla';
import type { Locale, MessageKey } from '../../../core/i18n';
import { isEditable } from './dom';

/** One key with its modifiers. `code` (physical key) wins over `key` when given (Alt+digit on AZERTY). */
export interface Chord {
  readonly key: string;
  readonly code?: string;
  readonly alt?: boolean;
  /** Ctrl, or ⌘ on macOS. */
  readonly mod?: boolean;
  readonly shift?: boolean;
}

export type ShortcutGroup = 'app' | 'lookup' | 'call' | 'list' | 'approvals' | 'notes';

export interface Shortcut {
  readonly id: string;
  readonly group: ShortcutGroup;
  /** Alternatives: any of them does it ("?" or F1). */
  readonly chords: readonly Chord[];
  readonly label?: MessageKey;
  /** What it does, already in the agent's language (a screen's own hint), when there is no key. */
  readonly text?: string;
  /** Also when the agent is typing in a field (Alt+digit, Ctrl+K, F1); "?" and "/" never are. */
  readonly whileTyping?: boolean;
  /** Dispatched by the registry. Returning false lets the key through (nothing to do now). */
  readonly run?: (event: KeyboardEvent) => boolean | void;
  /** A component-handled shortcut is listed only while this element is visible. */
  readonly visibleIn?: () => Element | null;
}

export interface KeyEventLike {
  readonly key: string;
  readonly code?: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  readonly shiftKey: boolean;
  readonly isComposing?: boolean;
}

/** Printable keys whose Shift is part of the character ("?" is Shift+, on AZERTY, Shift+/ on QWERTY). */
function shiftIsPartOfKey(key: string): boolean {
  return key.length === 1 && !/[a-z0-9]/i.test(key);
}

export function chordMatches(chord: Chord, e: KeyEventLike): boolean {
  if (e.isComposing) return false;
  const mod = e.ctrlKey || e.metaKey;
  if (Boolean(chord.mod) !== mod || Boolean(chord.alt) !== e.altKey) return false;
  // A physical key (code) is matched with or without Shift: AZERTY digits need it.
  if (!chord.code && !shiftIsPartOfKey(chord.key) && Boolean(chord.shift) !== e.shiftKey) return false;
  if (chord.code && e.code) {
    if (chord.code === e.code) return true;
    // The same digit on the numeric keypad.
    const digit = /^Digit(\d)$/.exec(chord.code);
    if (digit && e.code === `Numpad${digit[1]}`) return true;
    return false;
  }
  return e.key.length === 1 && chord.key.length === 1 ? e.key.toLowerCase() === chord.key.toLowerCase() : e.key === chord.key;
}

/** The registered shortcut a key press triggers, if any (the last registered wins: the innermost screen). */
export function shortcutFor(shortcuts: readonly Shortcut[], e: KeyEventLike, ctx: { readonly inEditable: boolean }): Shortcut | null {
  for (let i = shortcuts.length - 1; i >= 0; i--) {
    const s = shortcuts[i]!;
    if (!s.run) continue;
    if (ctx.inEditable && !s.whileTyping) continue;
    if (s.chords.some((c) => chordMatches(c, e))) return s;
  }
  return null;
}

const KEY_NAMES: Readonly<Record<Locale, Readonly<Record<string, string>>>> = {
  en: {
    Enter: 'Enter',
    Escape: 'Esc',
    ' ': 'Space',
    Tab: 'Tab',
    ArrowUp: '↑',
    ArrowDown: '↓',
    ArrowLeft: '←',
    ArrowRight: '→',
    PageUp: 'Page Up',
    PageDown: 'Page Down',
    Home: 'Home',
    End: 'End',
    Alt: 'Alt',
    Shift: 'Shift',
  },
  fr: {
    Enter: 'Entrée',
    Escape: 'Échap',
    ' ': 'Espace',
    Tab: 'Tab',
    ArrowUp: '↑',
    ArrowDown: '↓',
    ArrowLeft: '←',
    ArrowRight: '→',
    PageUp: 'Page préc.',
    PageDown: 'Page suiv.',
    Home: 'Début',
    End: 'Fin',
    Alt: 'Alt',
    Shift: 'Maj',
  },
};

const SYMBOL_KEYS: Readonly<Record<string, string>> = { '←': 'ArrowLeft', '→': 'ArrowRight', '↑': 'ArrowUp', '↓': 'ArrowDown', '↵': 'Enter' };

/** A key as a screen's hint writes it ("←", "↵", "A") → the key it stands for. */
export function chordOfHint(hint: string): Chord {
  return { key: SYMBOL_KEYS[hint] ?? (hint.length === 1 ? hint.toLowerCase() : hint) };
}

/** "Entrée" / "Enter", "Échap" / "Esc", "Maj" / "Shift"… as printed on the agent's keyboard. */
export function keyName(locale: Locale, key: string): string {
  return KEY_NAMES[locale][key] ?? (key.length === 1 ? key.toUpperCase() : key);
}

/** The keys of a chord, in order, as they are shown: ["Ctrl", "Entrée"]. */
export function chordKeys(locale: Locale, chord: Chord, modLabel: string): string[] {
  const keys: string[] = [];
  if (chord.mod) keys.push(modLabel);
  if (chord.alt) keys.push(keyName(locale, 'Alt'));
  if (chord.shift) keys.push(keyName(locale, 'Shift'));
  keys.push(keyName(locale, chord.key));
  return keys;
}

interface Registration {
  readonly token: number;
  readonly shortcuts: readonly Shortcut[];
}

export const shortcutRegistry = createStore<{ readonly registrations: readonly Registration[]; readonly overlayOpen: boolean }>()(() => ({
  registrations: [],
  overlayOpen: false,
}));

let nextToken = 1;

/** Registers shortcuts; returns the function that removes them. */
export function registerShortcuts(shortcuts: readonly Shortcut[]): () => void {
  const token = nextToken++;
  shortcutRegistry.setState((s) => ({ registrations: [...s.registrations, { token, shortcuts }] }));
  return () => shortcutRegistry.setState((s) => ({ registrations: s.registrations.filter((r) => r.token !== token) }));
}

export function registeredShortcuts(): Shortcut[] {
  return shortcutRegistry.getState().registrations.flatMap((r) => r.shortcuts);
}

/**
 * Declares a screen's shortcuts for as long as it is mounted. `shortcuts` may change between
 * renders (labels, handlers); the registration follows the latest without re-registering.
 */
export function useShortcuts(shortcuts: readonly Shortcut[]): void {
  const latest = useRef(shortcuts);
  useEffect(() => {
    latest.current = shortcuts;
  });
  const ids = shortcuts.map((s) => s.id).join('|');
  useEffect(() => {
    const proxies: Shortcut[] = latest.current.map((s, i) => ({
      ...s,
      get chords() {
        return latest.current[i]?.chords ?? s.chords;
      },
      get label() {
        return latest.current[i]?.label ?? s.label;
      },
      get text() {
        return latest.current[i]?.text ?? s.text;
      },
      run: s.run ? (e: KeyboardEvent) => latest.current[i]?.run?.(e) : undefined,
      visibleIn: s.visibleIn ? () => latest.current[i]?.visibleIn?.() ?? null : undefined,
    }));
    return registerShortcuts(proxies);
  }, [ids]);
}

/** Is the element on screen (not in a hidden tab panel)? */
function isShown(el: Element | null): boolean {
  if (!el) return false;
  const withCheck = el as Element & { checkVisibility?: () => boolean };
  return withCheck.checkVisibility ? withCheck.checkVisibility() : (el as HTMLElement).offsetParent !== null;
}

/** What the overlay lists: every dispatched shortcut, and the component keys of what is on screen. */
export function shortcutsOnScreen(): Shortcut[] {
  const seen = new Set<string>();
  const out: Shortcut[] = [];
  for (const s of registeredShortcuts()) {
    if (s.visibleIn && !isShown(s.visibleIn())) continue;
    const key = `${s.group}|${s.label ?? s.text ?? s.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(s);
  }
  return out;
}

/** The one window listener that runs registered shortcuts. Installed once by the app. */
export function installShortcutDispatcher(): () => void {
  function onKeyDown(event: KeyboardEvent): void {
    if (event.defaultPrevented) return;
    const shortcut = shortcutFor(registeredShortcuts(), event, { inEditable: isEditable(event.target) });
    if (!shortcut?.run) return;
    if (shortcut.run(event) === false) return;
    event.preventDefault();
  }
  window.addEventListener('keydown', onKeyDown);
  return () => window.removeEventListener('keydown', onKeyDown);
}
