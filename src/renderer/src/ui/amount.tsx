import type { ReactElement } from 'react';
import { formatAmount } from '../../../core/i18n';
import type { Minor } from '../../../core/money';
import { useT } from '../i18n/use-t';
import './ui.css';

/** An amount in the agent's locale. `signed`: "+€2.40" / "−€1.00", coloured up (costs more) / down. */
export function Amount(props: {
  value: Minor;
  currency: string;
  signed?: boolean;
  /** Colour a signed amount: a rise in red, a fall in green (from the customer's point of view). */
  tone?: boolean;
  testId?: string;
  className?: string;
}): ReactElement {
  const t = useT();
  const tone = props.tone && props.value !== 0 ? (props.value > 0 ? 'up' : 'down') : undefined;
  return (
    <span className={props.className ? `ard-amount ${props.className}` : 'ard-amount'} data-tone={tone} data-testid={props.testId} data-minor={props.value}>
      {formatAmount(t.locale, props.value, props.currency, props.signed ? { signed: true } : {})}
    </span>
  );
}
