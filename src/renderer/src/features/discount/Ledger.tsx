import { Badge, Button, Group, Table, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent, type ReactElement } from 'react';
import { useStore } from 'zustand';
import type { LedgerEntryView } from '../../../../core/api';
import { formatAmount, formatDate } from '../../../../core/i18n';
import { useT } from '../../i18n/use-t';
import { dayLabel } from '../../lib/calendar';
import { Amount } from '../../ui/amount';
import { LoadError, Loading } from '../../ui/load-state';
import { TitledSection } from '../../ui/section';
import { DataTable } from '../../ui/data-table';
import type { CreditStore } from './credit-store';

/** The customer's credits and discounts, newest first, with a reversal (reason required). */
export function Ledger({ store }: { store: CreditStore }): ReactElement {
  const t = useT();
  const ledger = useStore(store, (s) => s.ledger);
  const [reversing, setReversing] = useState<string | null>(null);

  return (
    <TitledSection
      titleId="ledger-title"
      title={t('ledger.title')}
      order={3}
      fz="md"
      testId="credit-ledger"
      aside={
        ledger.value && (
          <Text size="xs" c="dimmed" data-testid="ledger-total">
            {t('ledger.total12', { amount: formatAmount(t.locale, ledger.value.activeTotal12Months, ledger.value.currency) })}
          </Text>
        )
      }
    >
      {ledger.status === 'error' && ledger.error && (
        <LoadError error={ledger.error} onRetry={() => void store.getState().refreshLedger()} testId="ledger-error" />
      )}
      {!ledger.value ? (
        ledger.status !== 'error' && <Loading label={t('ledger.loading')} />
      ) : ledger.value.entries.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="ledger-empty">
          {t('ledger.empty')}
        </Text>
      ) : (
        <DataTable
          verticalSpacing={6}
          horizontalSpacing="xs"
          fz="sm"
          striped={false}
          highlightOnHover
          testId="ledger-table"
          columns={[t('ledger.date'), t('ledger.what'), t('ledger.by'), { label: t('ledger.amount'), ta: 'right' }, '']}
        >
          {ledger.value.entries.map((entry) => (
            <LedgerRow
              key={entry.id}
              store={store}
              entry={entry}
              open={reversing === entry.id}
              onOpen={() => setReversing(entry.id)}
              onClose={() => setReversing(null)}
            />
          ))}
        </DataTable>
      )}
    </TitledSection>
  );
}

function LedgerRow(props: { store: CreditStore; entry: LedgerEntryView; open: boolean; onOpen: () => void; onClose: () => void }): ReactElement {
  const t = useT();
  const { entry, store } = props;
  const reverse = useStore(store, (s) => s.reverse);
  const [reason, setReason] = useState('');
  const busy = reverse.status === 'reversing' && reverse.entryId === entry.id;
  const error = reverse.status === 'error' && reverse.entryId === entry.id ? reverse.error : null;
  const tooShort = reason.trim().length < 3;

  async function onSubmit(event: FormEvent): Promise<void> {
    event.preventDefault();
    event.stopPropagation();
    if (tooShort) return;
    if (await store.getState().reverseEntry(entry.id, reason)) {
      setReason('');
      props.onClose();
    }
  }

  return (
    <>
      <Table.Tr data-testid="ledger-row" data-entry-id={entry.id} data-reversed={entry.reversal ? true : undefined}>
        <Table.Td style={{ whiteSpace: 'nowrap' }}>{dayLabel(t.locale, entry.effectiveOn)}</Table.Td>
        <Table.Td>
          <Text size="sm" td={entry.reversal ? 'line-through' : undefined} data-testid="ledger-description">
            {entry.description}
          </Text>
          {entry.note && (
            <Text size="xs" c="dimmed">
              {entry.note}
            </Text>
          )}
          {entry.reversal && (
            <Text size="xs" c="red.8" data-testid="ledger-reversal">
              {t('ledger.reversed', {
                by: entry.reversal.by?.name ?? t('ledger.system'),
                date: formatDate(t.locale, entry.reversal.at),
                reason: entry.reversal.reason,
              })}
            </Text>
          )}
        </Table.Td>
        <Table.Td>
          <Text size="xs">{entry.grantedBy?.name ?? t('ledger.system')}</Text>
        </Table.Td>
        <Table.Td style={{ textAlign: 'right' }}>
          <Amount value={entry.amount} currency={entry.currency} />
        </Table.Td>
        <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
          {entry.reversal ? (
            <Badge size="xs" color="red" variant="light">
              {t('ledger.reversedBadge')}
            </Badge>
          ) : entry.canReverse && !props.open ? (
            <Button size="compact-xs" variant="subtle" color="red" onClick={props.onOpen} data-testid="ledger-reverse">
              {t('ledger.reverse')}
            </Button>
          ) : null}
        </Table.Td>
      </Table.Tr>
      {props.open && (
        <Table.Tr>
          <Table.Td colSpan={5}>
            <form onSubmit={(e) => void onSubmit(e)} data-testid="ledger-reverse-form">
              <Group gap="xs" align="flex-end" wrap="nowrap">
                <TextInput
                  size="xs"
                  style={{ flex: 1 }}
                  label={t('ledger.reverse.reason', { amount: formatAmount(t.locale, entry.amount, entry.currency) })}
                  placeholder={t('ledger.reverse.placeholder')}
                  value={reason}
                  onChange={(e) => setReason(e.currentTarget.value)}
                  onKeyDown={(e) => {
                    if (e.key === 'Escape') {
                      e.stopPropagation();
                      props.onClose();
                    }
                  }}
                  error={error ? t.error(error) : undefined}
                  maxLength={500}
                  data-autofocus
                  autoFocus
                  data-testid="ledger-reverse-reason"
                />
                <Button size="xs" variant="default" onClick={props.onClose}>
                  {t('bills.cancel')}
                </Button>
                <Button size="xs" color="red" type="submit" disabled={tooShort} loading={busy} data-testid="ledger-reverse-confirm">
                  {t('ledger.reverse.confirm')}
                </Button>
              </Group>
            </form>
          </Table.Td>
        </Table.Tr>
      )}
    </>
  );
}
