/** Small pieces shared by the bills, plans, credit and approvals screens. */
import { Alert, Button, Group, Kbd, Loader, Text } from '@mantine/core';
import type { ReactElement, ReactNode } from 'react';
import type { ApiErrorBody } from '../../../../core/api';
import { formatAmount } from '../../../../core/i18n';
import type { Minor } from '../../../../core/money';
import { useT } from '../../i18n/use-t';
import { IconAlert } from '../../ui/icons';
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

function Svg({ size = 16, children }: { size?: number; children: ReactNode }): ReactElement {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      {children}
    </svg>
  );
}

export function IconSpeak({ size }: { size?: number }): ReactElement {
  return (
    <Svg size={size}>
      <path d="M11 5 6 9H2v6h4l5 4V5Z" />
      <path d="M15.5 8.5a5 5 0 0 1 0 7" />
      <path d="M19 5a10 10 0 0 1 0 14" />
    </Svg>
  );
}

export function IconCheck({ size }: { size?: number }): ReactElement {
  return (
    <Svg size={size}>
      <path d="M20 6 9 17l-5-5" />
    </Svg>
  );
}

export function IconCross({ size }: { size?: number }): ReactElement {
  return (
    <Svg size={size}>
      <path d="M18 6 6 18" />
      <path d="m6 6 12 12" />
    </Svg>
  );
}

export function IconClock({ size }: { size?: number }): ReactElement {
  return (
    <Svg size={size}>
      <circle cx="12" cy="12" r="9" />
      <path d="M12 7v5l3 2" />
    </Svg>
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
