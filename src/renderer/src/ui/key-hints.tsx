import { Kbd } from '@mantine/core';
import type { ReactElement } from 'react';
import './ui.css';

/** A line of keyboard hints: [["↑", "↓"], "move"], … */
/** Keys and what they do: `[['↑', '↓'], 'Move']`. */
export type KeyHint = readonly [readonly string[], string];

export function KeyHints(props: { hints: readonly KeyHint[] }): ReactElement {
  return (
    <div className="ard-kbd-hints" aria-hidden="true">
      {props.hints.map(([keys, label]) => (
        <span key={label}>
          {keys.map((k) => (
            <Kbd key={k} size="xs" mr={2}>
              {k}
            </Kbd>
          ))}{' '}
          {label}
        </span>
      ))}
    </div>
  );
}
