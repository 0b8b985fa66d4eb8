/** Small pieces shared by the bills, plans, credit and approvals screens. */
import { Alert, Button, Group, Kbd, Loader, Text } from '@mantine/core';
import type { ReactElement, ReactNode } from 'react';
import type { ApiErrorBody } from '../../../../core/api';
import { formatAmount } from '../../../../core/i18n';
import type { Minor } from '../../../../core/money';
import { useT } from '../../i18n/use-t';
import { IconAlert, IconSpeak } from '../../ui/icons';
import './bills.css';

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
    <span
      className={props.className ? `ard-amount ${props.className}` : 'ard-amount'}
      data-tone={tone}
      data-testid={props.testId}
      data-minor={props.value}
    >
      {formatAmount(t.locale, props.value, props.currency, props.signed ? { signed: true } : {})}
    </span>
  );
}

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

export function Loading(props: { label: string; testId?: string }): ReactElement {
  return (
    <Group gap="xs" p="sm" data-testid={props.testId} aria-busy="true">
      <Loader size="xs" />
      <Text size="sm" c="dimmed" role="status">
        {props.label}
      </Text>
    </Group>
  );
}

export function LoadError(props: { error: ApiErrorBody; onRetry?: () => void; testId?: string }): ReactElement {
  const t = useT();
  return (
    <Alert color="red" variant="light" icon={<IconAlert />} data-testid={props.testId} role="alert" py="xs">
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="sm">{t.error(props.error)}</Text>
        {props.onRetry && (
          <Button size="compact-xs" variant="white" color="red" onClick={props.onRetry}>
            {t('bills.retry')}
          </Button>
        )}
      </Group>
    </Alert>
  );
}

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

export function Figure(props: { label: string; children: ReactNode; testId?: string }): ReactElement {
  return (
    <div className="ard-figure" data-testid={props.testId}>
      <span className="ard-figure-label">{props.label}</span>
      <span className="ard-figure-value">{props.children}</span>
    </div>
  );
}

/** One line of a bill or a quote: the sentence read out and its amount excluding VAT. */
export interface SentenceLine {
  readonly id: string;
  readonly kind: string;
  readonly sentence: string;
  readonly amount: Minor;
}

/** Lines as the agent reads them out, each sentence beside its amount (excl. VAT), then `footer` rows. */
export function LinesTable(props: {
  lines: readonly SentenceLine[];
  currency: string;
  testId: string;
  rowTestId: string;
  cellTestIds?: { sentence: string; amount: string };
  ariaLabel?: string;
  footer: ReactNode;
}): ReactElement {
  const t = useT();
  return (
    <table className="ard-lines" data-testid={props.testId} aria-label={props.ariaLabel}>
      <thead>
        <tr>
          <td />
          <td>
            <Text span size="xs" c="dimmed">
              {t('bills.exclVat')}
            </Text>
          </td>
        </tr>
      </thead>
      <tbody>
        {props.lines.map((line) => (
          <tr key={line.id} data-kind={line.kind} data-testid={props.rowTestId}>
            <td>
              <Text size="sm" data-testid={props.cellTestIds?.sentence}>
                {line.sentence}
              </Text>
            </td>
            <td>
              <Amount value={line.amount} currency={props.currency} {...(props.cellTestIds ? { testId: props.cellTestIds.amount } : {})} />
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>{props.footer}</tfoot>
    </table>
  );
}

/** Arrow keys in a listbox: the delta to move by, or null for other keys. */
export function listKeyDelta(event: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean }, length: number): number | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  switch (event.key) {
    case 'ArrowDown':
      return 1;
    case 'ArrowUp':
      return -1;
    case 'PageDown':
    case 'End':
      return length;
    case 'PageUp':
    case 'Home':
      return -length;
    default:
      return null;
  }
}
