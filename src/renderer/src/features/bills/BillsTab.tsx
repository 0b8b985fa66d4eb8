import { Badge, Group, NativeSelect, Paper, Stack, Text, Title } from '@mantine/core';
import type { KeyboardEvent, ReactElement } from 'react';
import { useStore } from 'zustand';
import type { InvoiceList, InvoiceStatus } from '../../../../core/api';
import { useT } from '../../i18n/use-t';
import { dayLabel, monthLabel } from '../../lib/calendar';
import { useCallScope } from '../../store';
import { Amount } from '../../ui/amount';
import { Listbox } from '../../ui/listbox';
import { TabFrame } from '../../ui/tab-frame';
import { changeFromPrevious, type BillsStore } from './bills-store';
import { InvoicePanel } from './InvoicePanel';

type InvoiceSummary = InvoiceList['invoices'][number];

export const STATUS_COLOR: Record<InvoiceStatus, string> = { paid: 'teal', 'partly-paid': 'orange', due: 'gray', overdue: 'red' };

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

  function onOtherKey(event: KeyboardEvent<HTMLDivElement>): void {
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
      <Listbox
        keys={{ move: t('bills.keys.move'), more: [[['←', '→'], t('bills.keys.view')]] }}
        items={invoices}
        idOf={(invoice) => invoice.id}
        rowIdPrefix="invoice-"
        selectedId={selectedId}
        onMove={(delta) => store.getState().move(delta)}
        onPick={(id) => store.getState().open(id)}
        onOtherKey={onOtherKey}
        landing
        labelledBy="bills-list-title"
        style={{ maxHeight: 'min(62vh, 640px)' }}
        testId="bills-list"
        rowTestId="bills-row"
        rowAttributes={(invoice) => ({ 'data-invoice-id': invoice.id })}
      >
        {(invoice, index) => {
          const change = changeFromPrevious(invoices, index);
          if (invoice.kind === 'credit-note') return <CreditNoteRow note={invoice} />;
          return (
            <>
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
            </>
          );
        }}
      </Listbox>
    </Stack>
  );
}

/**
 * A credit note in the list: named as one (its number, the invoice it corrects), with the amount
 * the customer is owed shown as such — never as a negative bill to pay, nor with a due date.
 */
function CreditNoteRow({ note }: { note: InvoiceSummary }): ReactElement {
  const t = useT();
  return (
    <>
      <span className="ard-row-main" data-testid="bills-row-credit-note">
        {monthLabel(t.locale, note.cycle.start)}
      </span>
      <Amount value={-note.total} currency={note.currency} className="ard-row-main" />
      <span className="ard-row-sub">
        <Badge size="xs" variant="light" color="teal" mr={6} data-testid="bills-row-status">
          {t('bills.creditNote.kind')}
        </Badge>
        <span className="ard-mono">{note.number}</span>
        {note.corrects && <> · {t('bills.creditNote.corrects', { number: note.corrects.number })}</>}
      </span>
      <span className="ard-row-sub" style={{ textAlign: 'right' }}>
        {t('bills.creditNote.owedShort')}
      </span>
    </>
  );
}
