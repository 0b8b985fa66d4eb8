/**
 * Where the money is: per account, the balance in one sentence, each invoice with what settled
 * it, each payment with its method (a card: four digits), status and where it went, and — when
 * the customer is in credit — a refund, decided live (allowed / needs approval / refused).
 */
import { Alert, Badge, Button, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState, type ReactElement } from 'react';
import type { AccountReceivablesView } from '../../../../core/api';
import { formatAmount } from '../../../../core/i18n';
import { parseAmount } from '../../../../core/money';
import { useT } from '../../i18n/use-t';
import { useCallScope } from '../../store';
import { Amount } from '../../ui/amount';
import { TabFrame } from '../../ui/tab-frame';
import { DataTable } from '../../ui/data-table';
import { STATUS_COLOR as INVOICE_STATUS_COLOR } from '../bills/BillsTab';
import { calendarDate } from '../account/format';
import { useStore } from 'zustand';
import { DecisionAlert } from './DecisionAlert';
import { StatusList } from './status-list';
import { AccountDisputes, AccountPlans } from './DisputesAndPlans';

const PAYMENT_COLOR = { received: 'teal', failed: 'red', returned: 'orange', refund: 'blue' } as const;
/** The invoice table's columns (payments.col.*), and the amounts between its due date and its status. */
const INVOICE_COLUMNS = ['invoice', 'due', 'forward', 'total', 'settled', 'left', 'status'] as const;
const INVOICE_AMOUNTS = ['balanceForward', 'total', 'settled', 'left'] as const;

export function PaymentsTab(): ReactElement {
  const t = useT();
  const { payments } = useCallScope();
  return (
    <TabFrame store={payments} select={(s) => s.view} testId="payments-tab" errorTestId="payments-error" loadingLabel={t('payments.loading')}>
      {(view) => (
        <Stack gap="md">
          {view.accounts.map((a) => (
            <AccountMoney key={a.accountId} account={a} />
          ))}
        </Stack>
      )}
    </TabFrame>
  );
}

function AccountMoney({ account: a }: { account: AccountReceivablesView }): ReactElement {
  const t = useT();
  return (
    <Paper withBorder p="sm" data-testid="payments-account" data-account-id={a.accountId}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h5">
            {t('payments.account', { number: a.accountNumber })}
          </Title>
          <Text fw={600} data-testid="payments-summary">
            {a.summary}
          </Text>
        </Group>
        <Group gap="lg">
          <Text size="sm">
            {t('payments.owed')} <Amount value={a.owed} currency={a.currency} testId="payments-owed" />
          </Text>
          <Text size="sm">
            {t('payments.creditBalance')} <Amount value={a.creditBalance} currency={a.currency} testId="payments-credit" />
          </Text>
          {a.openingBalance !== 0 && (
            <Text size="sm">
              {t('payments.openingBalance')} <Amount value={a.openingBalance} currency={a.currency} />
            </Text>
          )}
        </Group>
        <DataTable striped testId="payments-invoices" columns={INVOICE_COLUMNS.map((col) => t(`payments.col.${col}`))}>
          {[...a.invoices].reverse().map((i) => (
            <Table.Tr key={i.invoiceId} data-testid="payments-invoice">
              <Table.Td>{i.number}</Table.Td>
              <Table.Td>{calendarDate(t.locale, i.dueOn)}</Table.Td>
              {INVOICE_AMOUNTS.map((field) => (
                <Table.Td key={field}>
                  <Amount value={i[field]} currency={a.currency} />
                </Table.Td>
              ))}
              <Table.Td>
                <Badge color={INVOICE_STATUS_COLOR[i.standing]} variant="light">
                  {t(`bills.status.${i.standing}`)}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
        <Title order={4} size="h6">
          {t('payments.history')}
        </Title>
        {a.payments.length === 0 ? (
          <Text c="dimmed">{t('payments.none')}</Text>
        ) : (
          <StatusList items={a.payments} colors={PAYMENT_COLOR} testId="payments-list" itemTestId="payment-item" />
        )}
        {a.refunds.length > 0 && (
          <Stack gap={2} data-testid="payments-refunds">
            {a.refunds.map((r) => (
              <Text size="sm" key={r.approvalId}>
                {t(`payments.refund.status.${r.status}`, { amount: formatAmount(t.locale, r.amount, a.currency) })}
              </Text>
            ))}
          </Stack>
        )}
        {a.creditBalance > 0 && <RefundForm account={a} />}
        <Arrangements accountId={a.accountId} />
      </Stack>
    </Paper>
  );
}

/** The account's disputes and payment plans, once their lists have answered. */
function Arrangements({ accountId }: { accountId: string }): ReactElement | null {
  const { payments } = useCallScope();
  const disputes = useStore(payments, (s) => s.disputes?.accounts.find((x) => x.accountId === accountId));
  const plans = useStore(payments, (s) => s.plans?.accounts.find((x) => x.accountId === accountId));
  const today = useStore(payments, (s) => s.plans?.today ?? '');
  return (
    <>
      {disputes && <AccountDisputes key={disputes.lines.map((l) => l.lineId).join()} account={disputes} />}
      {plans && <AccountPlans account={plans} today={today} />}
    </>
  );
}

function RefundForm({ account: a }: { account: AccountReceivablesView }): ReactElement {
  const t = useT();
  const { payments } = useCallScope();
  const refund = useStore(payments, (s) => s.refund);
  const [text, setText] = useState('');
  const mine = refund.accountId === a.accountId;
  const decision = mine ? refund.decision : null;
  return (
    <Paper withBorder p="sm" data-testid="refund-form">
      <Stack gap="xs">
        <Text size="sm">{t('payments.refund.lead', { max: formatAmount(t.locale, a.refundableNow, a.currency) })}</Text>
        <Group align="end">
          <TextInput
            label={t('payments.refund.amount')}
            value={text}
            data-testid="refund-amount"
            onChange={(e) => {
              setText(e.currentTarget.value);
              void payments.getState().setRefundAmount(a.accountId, parseAmount(e.currentTarget.value, a.currency));
            }}
          />
          <Button
            data-testid="refund-send"
            disabled={!decision || decision.outcome === 'refused' || refund.status === 'sending'}
            loading={mine && refund.status === 'sending'}
            onClick={() => void payments.getState().sendRefund()}
          >
            {decision?.outcome === 'needs_approval' ? t('payments.refund.ask') : t('payments.refund.send')}
          </Button>
        </Group>
        {decision && <DecisionAlert decision={decision} testId="refund-decision" />}
        {mine && refund.status === 'done' && refund.result && (
          <Text size="sm" data-testid="refund-result" data-status={refund.result.status}>
            {refund.result.status === 'refunded' ? t('payments.refund.done') : t('payments.refund.pending')}
          </Text>
        )}
        {mine && refund.status === 'error' && refund.error && (
          <Alert color="red" data-testid="refund-error">
            {t.error(refund.error)}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
