import { Badge, Group, NativeSelect, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, type KeyboardEvent, type ReactElement } from 'react';
import { useStore } from 'zustand';
import type { InvoiceList, InvoiceStatus } from '../../../../core/api';
import { useT } from '../../i18n/use-t';
import { dayLabel, monthLabel } from '../../lib/calendar';
import { listKeyDelta } from '../../lib/list-keys';
import { useCallScope } from '../../store';
import { Amount } from '../../ui/amount';
import { KeyHints } from '../../ui/key-hints';
import { TabFrame } from '../../ui/tab-frame';
import { changeFromPrevious, type BillsStore } from './bills-store';
import { InvoicePanel } from './InvoicePanel';

type InvoiceSummary = InvoiceList['invoices'][number];

const STATUS_COLOR: Record<InvoiceStatus, string> = { paid: 'teal', unpaid: 'gray', late: 'red' };

/**
 * The caller's invoices (newest first, each with its change from the month before), the open
 * invoice's lines with their sentences, and why it differs from the bill before.
 * Keyboard: ↑/↓ in the list opens the invoice above/below; ←/→ switch lines / explanation.
 */
export function BillsTab(): ReactElement {
  const t = useT();
  const store = useCallScope().bills;
  return (
    <TabFrame store={store} select={(s) => s.list} testId="bills-tab" errorTestId="bills-error" loadingLabel={t('bills.loading')}>
      {(list) => <Bills store={store} list={list} />}
    </TabFrame>
  );
}

function Bills({ store, list }: { store: BillsStore; list: InvoiceList }): ReactElement {
  const t = useT();
  const { invoices, account, accounts } = list;
  return (
    <>
      {accounts.length > 1 && (
        <NativeSelect
          size="xs"
          w={260}
          label={t('bills.account')}
          value={account.id}
          onChange={(e) => void store.getState().load({ accountId: e.currentTarget.value })}
          data={accounts.map((a) => ({ value: a.id, label: a.number }))}
          data-testid="bills-account"
        />
      )}
      {invoices.length === 0 ? (
        <Paper withBorder p="md">
          <Text c="dimmed" data-testid="bills-empty">
            {t('bills.none', { account: account.number })}
          </Text>
        </Paper>
      ) : (
        <div className="ard-split">
          <InvoiceList store={store} invoices={invoices} accountNumber={account.number} />
          <InvoicePanel store={store} />
        </div>
      )}
    </>
  );
}

function InvoiceList(props: { store: BillsStore; invoices: readonly InvoiceSummary[]; accountNumber: string }): ReactElement {
  const t = useT();
  const { store, invoices } = props;
  const selectedId = useStore(store, (s) => s.selectedId);
  const listRef = useRef<HTMLDivElement>(null);

  // Keep the selected row in view as the agent moves with the keyboard.
  useEffect(() => {
    listRef.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    const delta = listKeyDelta(event, invoices.length);
    if (delta !== null) {
      event.preventDefault();
      store.getState().move(delta);
      return;
    }
    if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      event.preventDefault();
      store.getState().setView(event.key === 'ArrowRight' ? 'why' : 'lines');
    }
  }

  return (
    <Stack gap={6} miw={0}>
      <Group justify="space-between" gap="xs">
        <Title order={3} fz="sm" id="bills-list-title">
          {t('bills.list.title')}
        </Title>
        <Text size="xs" c="dimmed" className="ard-mono">
          {props.accountNumber}
        </Text>
      </Group>
      <div
        ref={listRef}
        className="ard-rows"
        role="listbox"
        tabIndex={0}
        aria-labelledby="bills-list-title"
        aria-activedescendant={selectedId ? `invoice-${selectedId}` : undefined}
        onKeyDown={onKeyDown}
        style={{ maxHeight: 'min(62vh, 640px)' }}
        data-testid="bills-list"
      >
        {invoices.map((invoice, index) => {
          const change = changeFromPrevious(invoices, index);
          return (
            <div
              key={invoice.id}
              id={`invoice-${invoice.id}`}
              role="option"
              aria-selected={invoice.id === selectedId}
              className="ard-row"
              onClick={() => store.getState().open(invoice.id)}
              data-testid="bills-row"
              data-invoice-id={invoice.id}
            >
              <span className="ard-row-main">{monthLabel(t.locale, invoice.cycle.start)}</span>
              <Amount value={invoice.total} currency={invoice.currency} className="ard-row-main" />
              <span className="ard-row-sub">
                <Badge size="xs" variant="light" color={STATUS_COLOR[invoice.status]} mr={6} data-testid="bills-row-status">
                  {t(`bills.status.${invoice.status}`)}
                </Badge>
                {t('bills.dueOn', { date: dayLabel(t.locale, invoice.dueOn) })}
              </span>
              <span className="ard-row-sub" style={{ textAlign: 'right' }}>
                {change !== null && change !== 0 ? (
                  <Amount value={change} currency={invoice.currency} signed tone />
                ) : change === 0 ? (
                  t('bills.sameAsBefore')
                ) : null}
              </span>
            </div>
          );
        })}
      </div>
      <KeyHints
        hints={[
          [['↑', '↓'], t('bills.keys.move')],
          [['←', '→'], t('bills.keys.view')],
        ]}
      />
    </Stack>
  );
}
