import type { ReactElement, ReactNode } from 'react';
import { useT } from '../i18n/use-t';
import { IconSpeak } from './icons';
import './ui.css';

/** A sentence to say to the caller, set apart and larger than the rest of the screen. */
export function ReadOut(props: { children: ReactNode; label?: string; testId?: string }): ReactElement {
  const t = useT();
  return (
    <div className="ard-readout" data-testid={props.testId} role="note" aria-label={props.label ?? t('bills.readOut')}>
      <div className="ard-readout-label" aria-hidden="true">
        <IconSpeak size={14} />
        {props.label ?? t('bills.readOut')}
      </div>
      <div className="ard-readout-text">{props.children}</div>
    </div>
  );
}
