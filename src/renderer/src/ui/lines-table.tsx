import { Text } from '@mantine/core';
import type { ReactElement, ReactNode } from 'react';
import type { Minor } from '../../../core/money';
import { useT } from '../i18n/use-t';
import { Amount } from './amount';
import './ui.css';

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
