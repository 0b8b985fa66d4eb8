import type { ReactElement, ReactNode } from 'react';
import './ui.css';

/** A figure the agent reads at a glance: a small label above a large value. */
export function Figure(props: { label: string; children: ReactNode; testId?: string }): ReactElement {
  return (
    <div className="ard-figure" data-testid={props.testId}>
      <span className="ard-figure-label">{props.label}</span>
      <span className="ard-figure-value">{props.children}</span>
    </div>
  );
}
