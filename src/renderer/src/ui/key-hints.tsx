import { Kbd } from '@mantine/core';
import type { ReactElement } from 'react';
import './ui.css';

/** A line of keyboard hints: [["↑", "↓"], "move"], … */
export function KeyHints(props: { hints: readonly (readonly [readonly string[], string])[] }): ReactElement {
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
