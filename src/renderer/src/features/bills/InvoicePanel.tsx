import { STATUS_COLOR } from './BillsTab';
import { Badge, Group, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import type { ReactElement, ReactNode } from 'react';
import type { InvoiceDetail } from '../../../../core/api';
import { useStore } from 'zustand';
import { useT } from '../../i18n/use-t';
import { dayLabel, monthLabel } from '../../lib/calendar';
import { Amount } from '../../ui/amount';
import { Labelled } from '../../ui/figure';
import { LinesTable } from '../../ui/lines-table';
import { LoadError, Loading } from '../../ui/load-state';
import type { BillsStore, InvoiceView } from './bills-store';
import { FairnessCheck } from './FairnessCheck';
import { WhyDifferent } from './WhyDifferent';
import { InvoiceDocumentButton, InvoiceDocumentModal } from './InvoiceDocument';
import { amountDueRow, billHeadline, billTitle } from './labels';

/** The open invoice: its header, then either its lines or why it differs from the bill before. */
export function InvoicePanel(props: { store: BillsStore }): ReactElement {
  const t = useT();
  const { store } = props;
  const detail = useStore(store, (s) => s.detail);
  const compare = useStore(store, (s) => s.compare);
  const view = useStore(store, (s) => s.view);
  const selectedId = useStore(store, (s) => s.selectedId);

  if (detail.status === 'error') {
    return <LoadError error={detail.error!} onRetry={() => selectedId && store.getState().open(selectedId)} testId="invoice-error" />;
  }
  if (!detail.value) return <Loading label={t('bills.invoice.loading')} testId="invoice-loading" />;

  const invoice = detail.value;
  const hasPrevious = invoice.previousInvoiceId !== null;
  const difference = compare.value?.difference;
  const creditNote = invoice.kind === 'credit-note';
  const headline = billHeadline(t, invoice);

  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="invoice-title" data-testid="invoice-panel" miw={0}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
          <Stack gap={2} miw={0}>
            <Title order={3} fz="lg" id="invoice-title" data-testid="invoice-title" data-kind={invoice.kind}>
              {billTitle(t, invoice, monthLabel(t.locale, invoice.cycle.start))}
            </Title>
            <Text size="xs" c="dimmed">
              <span className="ard-mono" data-testid="invoice-number">
                {invoice.number}
              </span>
              {' · '}
              {t('bills.invoice.period', { from: dayLabel(t.locale, invoice.cycle.start), to: dayLabel(t.locale, invoice.cycle.end) })}
              {' · '}
              {t('bills.dueOn', { date: dayLabel(t.locale, invoice.dueOn) })}
            </Text>
          </Stack>
          <Labelled label={headline.label}>
            <Text fz={22} fw={750} lh={1.1}>
              <Amount value={headline.amount} currency={invoice.currency} testId="invoice-total" />
            </Text>
            {creditNote ? (
              <Badge size="sm" variant="light" color="teal" mt={4} data-testid="invoice-kind">
                {t('bills.creditNote.kind')}
              </Badge>
            ) : (
              <Badge size="sm" variant="light" color={STATUS_COLOR[invoice.status]} mt={4}>
                {t(`bills.status.${invoice.status}`)}
              </Badge>
            )}
          </Labelled>
        </Group>
        <Group gap="xs">
          <InvoiceDocumentButton invoiceId={invoice.id} />
        </Group>
        <InvoiceDocumentModal />

        <FairnessCheck invoiceId={invoice.id} />

        <SegmentedControl
          value={view}
          onChange={(v) => store.getState().setView(v as InvoiceView)}
          data={[
            { value: 'lines', label: t('bills.view.lines', { count: invoice.lines.length }) },
            {
              value: 'why',
              disabled: !hasPrevious,
              label:
                difference !== undefined ? (
                  <span>
                    {t('bills.view.why')} <Amount value={difference} currency={invoice.currency} signed tone />
                  </span>
                ) : (
                  t('bills.view.why')
                ),
            },
          ]}
          data-testid="invoice-view"
          aria-label={t('bills.view.label')}
        />

        {view === 'lines' || !hasPrevious ? (
          <InvoiceLines invoice={invoice} />
        ) : (
          <WhyDifferent compare={compare} onRetry={() => selectedId && store.getState().open(selectedId)} />
        )}
      </Stack>
    </Paper>
  );
}

function InvoiceLines({ invoice }: { invoice: InvoiceDetail }): ReactElement {
  const t = useT();
  const c = invoice.currency;
  const due = amountDueRow(t, invoice, dayLabel(t.locale, invoice.dueOn));
  return (
    <LinesTable
      lines={invoice.lines}
      currency={c}
      testId="invoice-lines"
      rowTestId="invoice-line"
      cellTestIds={{ sentence: 'invoice-line-sentence', amount: 'invoice-line-amount' }}
      ariaLabel={t('bills.lines.label')}
      footer={
        <>
          <FooterRow label={t('bills.invoice.subtotal')} dimAmount>
            <Amount value={invoice.subtotal} currency={c} testId="invoice-subtotal" />
          </FooterRow>
          <FooterRow label={invoice.vat.sentence} dimAmount>
            <Amount value={invoice.tax} currency={c} testId="invoice-tax" />
          </FooterRow>
          <tr className="ard-total">
            <td>{t('bills.invoice.totalWithVat')}</td>
            <td>
              <Amount value={invoice.total} currency={c} />
            </td>
          </tr>
          {(invoice.previousBalance !== 0 || invoice.paymentsReceived !== 0) && (
            <>
              <FooterRow label={t('bills.invoice.previousBalance')}>
                <Amount value={invoice.previousBalance} currency={c} />
              </FooterRow>
              <FooterRow label={t('bills.invoice.paymentsReceived')}>
                <Amount value={-invoice.paymentsReceived} currency={c} signed />
              </FooterRow>
            </>
          )}
          <tr>
            <td>
              <Text size="sm" fw={600}>
                {due.label}
              </Text>
            </td>
            <td>
              <Text size="sm" fw={600} component="span">
                <Amount value={due.amount} currency={c} testId="invoice-amount-due" />
              </Text>
            </td>
          </tr>
        </>
      }
    />
  );
}

/** A row under the lines: a dimmed label and its amount (dimmed too for the VAT breakdown). */
function FooterRow(props: { label: ReactNode; dimAmount?: boolean; children: ReactNode }): ReactElement {
  return (
    <tr>
      <td>
        <Text size="sm" c="dimmed">
          {props.label}
        </Text>
      </td>
      <td>
        {props.dimAmount ? (
          <Text size="sm" c="dimmed" component="span">
            {props.children}
          </Text>
        ) : (
          props.children
        )}
      </td>
    </tr>
  );
}
