/**
 * A list the agent works from the keyboard (invoices, plans, approval requests): ↑/↓, Page Up/Down
 * and Home/End move the selection, a click picks a row, and the selected row stays in view. The
 * list is one focusable listbox whose active row is announced (aria-activedescendant).
 */
import { useEffect, useRef, type CSSProperties, type KeyboardEvent, type ReactElement, type ReactNode } from 'react';
import { listKeyDelta } from '../lib/list-keys';
import { isEditable } from './dom';
import { KeyHints, type KeyHint } from './key-hints';
import { chordOfHint, useShortcuts } from './shortcuts';
import './ui.css';

/** Extra attributes of a row: data-* for tests and styles (`data-fresh` highlights a new row). */
export type RowAttributes = Readonly<Record<`data-${string}`, string | boolean | undefined>>;

export function Listbox<T>(props: {
  items: readonly T[];
  idOf: (item: T) => string;
  /** Prefix of a row's element id, e.g. `invoice-`. */
  rowIdPrefix: string;
  selectedId: string | null;
  onMove: (delta: number) => void;
  onPick: (id: string) => void;
  /** Keys the list does not use itself (e.g. ←/→ to switch what the detail shows). */
  onOtherKey?: (event: KeyboardEvent<HTMLDivElement>) => void;
  /** Where the focus lands when the agent opens the call section the list is in. */
  landing?: boolean;
  /** Takes the focus when it appears, unless the agent is typing somewhere. */
  focusOnMount?: boolean;
  labelledBy?: string;
  label?: string;
  style?: CSSProperties;
  testId: string;
  rowTestId: string;
  rowAttributes?: (item: T) => RowAttributes;
  children: (item: T, index: number) => ReactNode;
  /** The keys shown under the list: ↑/↓ to move (always), then the screen's own. */
  keys: { readonly move: string; readonly more?: KeyHint[] };
}): ReactElement {
  const { items, idOf, selectedId, rowIdPrefix, onMove, onOtherKey } = props;
  const ref = useRef<HTMLDivElement>(null);
  const focusOnMount = props.focusOnMount ?? false;

  // Keep the selected row in view as the agent moves with the keyboard.
  useEffect(() => {
    ref.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);
  useEffect(() => {
    if (focusOnMount && !isEditable(document.activeElement)) ref.current?.focus({ preventScroll: true });
  }, [focusOnMount]);

  // The list's own keys (handled below), listed by the "?" overlay while the list is on screen.
  useShortcuts([
    { id: 'list.move', group: 'list', chords: [{ key: 'ArrowUp' }, { key: 'ArrowDown' }], label: 'shortcuts.list.move', visibleIn: () => ref.current },
    { id: 'list.ends', group: 'list', chords: [{ key: 'Home' }, { key: 'End' }], label: 'shortcuts.list.ends', visibleIn: () => ref.current },
    ...(props.keys.more ?? []).map(([keys, text]) => ({
      id: `list.more.${keys.join('')}`,
      group: 'list' as const,
      chords: keys.map(chordOfHint),
      text,
      visibleIn: () => ref.current,
    })),
  ]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    const delta = listKeyDelta(event, items.length);
    if (delta === null) {
      onOtherKey?.(event);
      return;
    }
    event.preventDefault();
    onMove(delta);
  }

  return (
    <>
      <div
        ref={ref}
        className="ard-rows"
        role="listbox"
        tabIndex={0}
        aria-labelledby={props.labelledBy}
        aria-label={props.label}
        aria-activedescendant={selectedId ? `${rowIdPrefix}${selectedId}` : undefined}
        onKeyDown={onKeyDown}
        style={props.style}
        data-testid={props.testId}
        data-call-focus={props.landing || undefined}
      >
        {items.map((item, index) => {
          const id = idOf(item);
          return (
            <div
              key={id}
              id={`${rowIdPrefix}${id}`}
              role="option"
              aria-selected={id === selectedId}
              className="ard-row"
              onClick={() => props.onPick(id)}
              data-testid={props.rowTestId}
              {...props.rowAttributes?.(item)}
            >
              {props.children(item, index)}
            </div>
          );
        })}
      </div>
      <KeyHints hints={[[['↑', '↓'], props.keys.move], ...(props.keys.more ?? [])]} />
    </>
  );
}
