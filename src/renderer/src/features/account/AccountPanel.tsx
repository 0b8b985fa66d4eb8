import { STATUS_COLOR as INVOICE_STATUS_COLOR } from '../bills/BillsTab';
import { Alert, Badge, DataList, Group, Loader, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, type ReactElement } from 'react';
import type { AccountDetails, AccountView } from '../../../../core/api';
import { useT, type Translator } from '../../i18n/use-t';
import { useAccount, useCallScope } from '../../store';
import { IconAlert } from '../../ui/icons';
import { displayCallerNumber } from '../screenpop/phone-format';
import { calendarDate, safeAmount } from './format';
import { EmptyLine, ErrorAlert } from '../../ui/load-state';
import { TimelinePanel } from '../history/TimelinePanel';
import { DataTable } from '../../ui/data-table';

const STATUS_COLOR = { active: 'teal', suspended: 'orange', closed: 'gray' } as const;
const CHURN_COLOR = { low: 'gray', medium: 'orange', high: 'red' } as const;

/** The verified caller's full account: who they are, where they live, what they owe, what they have. */
export function AccountPanel(): ReactElement {
  const t = useT();
  const { account: store } = useCallScope();
  const { status, value: details, error } = useAccount((s) => s.details);

  useEffect(() => {
    store.getState().open();
  }, [store]);

  if (!details) {
    if (status === 'error' && error) {
      return (
        <ErrorAlert
          error={error}
          lead={t('account.loadFailed')}
          testId="account-error"
          retry={{ label: t('account.retry'), onRetry: () => void store.getState().reload() }}
        />
      );
    }
    return (
      <Group gap="xs" p="md" role="status" data-testid="account-loading">
        <Loader size="sm" />
        <Text c="dimmed">{t('account.loading')}</Text>
      </Group>
    );
  }

  return (
    <div className="ard-account" data-testid="account-view" data-customer-id={details.customerId}>
      {details.fraudFlag && (
        <Alert color="red" variant="filled" icon={<IconAlert />} title={t('account.fraud.title')} data-testid="account-fraud">
          {t('account.fraud.body')}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="sm">
        <Identity details={details} t={t} />
        <Contact details={details} t={t} />
        <Address details={details} t={t} />
      </SimpleGrid>
      {details.accounts.map((account) => (
        <Account key={account.accountId} account={account} t={t} />
      ))}
      <TimelinePanel />
    </div>
  );
}

function Section(props: { title: string; children: React.ReactNode; testId?: string; right?: React.ReactNode }): ReactElement {
  return (
    <Paper withBorder p="sm" component="section" data-testid={props.testId}>
      <Group justify="space-between" mb={6} wrap="nowrap">
        <Title order={3} fz="sm" tt="none" c="dimmed" fw={650}>
          {props.title}
        </Title>
        {props.right}
      </Group>
      {props.children}
    </Paper>
  );
}

function Identity({ details, t }: { details: AccountDetails; t: Translator }): ReactElement {
  return (
    <Section title={t('account.customer')} testId="account-identity">
      <Stack gap={6}>
        <Text fw={650} fz="lg" data-testid="account-name">
          {details.givenName} {details.familyName}
        </Text>
        <Group gap={6}>
          <Badge variant="light" color="gray">
            {t(`account.category.${details.category}`)}
          </Badge>
          <Badge variant="light" color={CHURN_COLOR[details.churnRisk]} data-testid="account-churn" data-level={details.churnRisk}>
            {t('account.churn', { level: t(`account.churn.${details.churnRisk}`) })}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {t('account.language', { name: languageName(t, details.locale) })}
        </Text>
      </Stack>
    </Section>
  );
}

function languageName(t: Translator, locale: string): string {
  if (locale.startsWith('fr')) return t('locale.fr.name');
  if (locale.startsWith('en')) return t('locale.en.name');
  return locale;
}

function Contact({ details, t }: { details: AccountDetails; t: Translator }): ReactElement {
  const none = t('account.noneOnFile');
  return (
    <Section title={t('account.contact')} testId="account-contact">
      <DataList size="sm" labelWidth="90px">
        <DataList.Item>
          <DataList.ItemLabel>{t('account.phones')}</DataList.ItemLabel>
          <DataList.ItemValue>
            {details.phones.length === 0
              ? none
              : details.phones.map((p) => (
                  <div key={p.e164}>
                    <span className="ard-mono">{displayCallerNumber({ from: p.e164, e164: p.e164 })}</span>{' '}
                    <Text span size="xs" c="dimmed">
                      {t(`account.phone.${p.kind}`)}
                      {p.isPrimary ? ` · ${t('account.primary')}` : ''}
                    </Text>
                  </div>
                ))}
          </DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>{t('account.emails')}</DataList.ItemLabel>
          <DataList.ItemValue style={{ overflowWrap: 'anywhere' }}>
            {details.emails.length === 0
              ? none
              : details.emails.map((e) => (
                  <div key={e.email}>
                    {e.email}
                    {e.isPrimary && details.emails.length > 1 ? (
                      <Text span size="xs" c="dimmed">
                        {' '}
                        · {t('account.primary')}
                      </Text>
                    ) : null}
                  </div>
                ))}
          </DataList.ItemValue>
        </DataList.Item>
      </DataList>
    </Section>
  );
}

function Address({ details, t }: { details: AccountDetails; t: Translator }): ReactElement {
  const a = details.billingAddress;
  return (
    <Section title={t('account.address')} testId="account-address">
      {a ? (
        <address style={{ fontStyle: 'normal' }}>
          <Text size="sm">{a.line1}</Text>
          {a.line2 && <Text size="sm">{a.line2}</Text>}
          <Text size="sm">
            <span className="ard-mono">{a.postcode}</span> {a.city}
          </Text>
          <Text size="sm" c="dimmed">
            {a.country}
          </Text>
        </address>
      ) : (
        <Text size="sm" c="dimmed">
          {t('account.noAddress')}
        </Text>
      )}
    </Section>
  );
}

function Account({ account, t }: { account: AccountView; t: Translator }): ReactElement {
  const { balance } = account;
  const money = (minor: number) => safeAmount(t.locale, minor, balance.currency);
  const owes = balance.balance > 0;
  const credit = balance.balance < 0;
  const current = account.subscriptions.filter((s) => s.endedOn === null);

  return (
    <Paper withBorder p="sm" component="section" data-testid="account-account" data-account-number={account.number}>
      <Group justify="space-between" mb="xs" wrap="wrap" gap="xs">
        <Group gap="sm">
          <Title order={3} fz="md" className="ard-mono" data-testid="account-number">
            {t('account.account', { number: account.number })}
          </Title>
          <Badge color={STATUS_COLOR[account.status]} variant="light" data-testid="account-status" data-status={account.status}>
            {t(`account.status.${account.status}`)}
          </Badge>
        </Group>
        <Group gap="lg">
          <Text size="xs" c="dimmed">
            {t('account.openedOn')} {calendarDate(t.locale, account.openedOn)}
          </Text>
          <Text size="xs" c="dimmed">
            {t('account.paymentTerms')} {t('account.paymentTerms.days', { count: account.paymentTermsDays })}
          </Text>
          <Text size="xs" c="dimmed">
            {t(account.paperBill ? 'account.bill.paper' : 'account.bill.online')}
          </Text>
        </Group>
      </Group>

      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="sm">
        <Paper p="sm" bg={balance.overdue ? 'red.0' : 'gray.0'} radius="sm" data-testid="account-balance" data-balance={balance.balance}>
          <Text size="xs" c="dimmed" fw={600}>
            {t('account.balance')}
          </Text>
          <Group gap="xs" align="baseline">
            <Text fz={24} fw={700} className="ard-mono" c={balance.overdue ? 'red.8' : credit ? 'teal.8' : undefined}>
              {money(Math.abs(balance.balance))}
            </Text>
            <Text size="sm" fw={600}>
              {owes ? t('account.balance.owes') : credit ? t('account.balance.credit') : t('account.balance.settled')}
            </Text>
            {balance.overdue && (
              <Badge color="red" variant="filled" size="sm">
                {t('account.balance.overdue')}
              </Badge>
            )}
          </Group>
          {owes && balance.dueOn && <Text size="sm">{t('account.balance.due', { date: calendarDate(t.locale, balance.dueOn) })}</Text>}
          <Text size="xs" c="dimmed" mt={4}>
            {t('account.balance.detail', {
              due: money(balance.latestAmountDue),
              payments: money(balance.paymentsSince),
              credits: money(balance.creditsSince),
            })}
          </Text>
        </Paper>

        <div style={{ gridColumn: 'span 2' }} data-testid="account-plan">
          <Text size="xs" c="dimmed" fw={600} mb={4}>
            {t('account.plan')}
          </Text>
          {current.length === 0 && <EmptyLine>{t('account.plan.none')}</EmptyLine>}
          {current.map((sub) => (
            <Stack key={sub.subscriptionId} gap={4} mb={6}>
              <Group gap="xs">
                <Text fw={650}>{sub.plan.name}</Text>
                <Text size="xs" c="dimmed">
                  {t('account.plan.since', { date: calendarDate(t.locale, sub.startedOn) })}
                </Text>
              </Group>
              <Group gap={6}>
                {sub.options.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    {t('account.plan.noOptions')}
                  </Text>
                ) : (
                  sub.options.map((o) => (
                    <Badge key={o.code} variant="outline" color="gray" size="sm">
                      {o.name}
                    </Badge>
                  ))
                )}
              </Group>
            </Stack>
          ))}
        </div>
      </SimpleGrid>

      <Text size="xs" c="dimmed" fw={600} mt="sm" mb={4}>
        {t('account.invoices')}
      </Text>
      {account.invoices.length === 0 ? (
        <EmptyLine>{t('account.invoices.none')}</EmptyLine>
      ) : (
        <DataTable
          striped={false}
          highlightOnHover
          withRowBorders
          verticalSpacing={4}
          fz="sm"
          testId="account-invoices"
          columns={[
            t('account.invoice.number'),
            t('account.invoice.period'),
            t('account.invoice.issued'),
            { label: t('account.invoice.total'), ta: 'right' },
            { label: t('account.invoice.due'), ta: 'right' },
            t('account.invoice.state'),
          ]}
        >
          {account.invoices.map((inv) => (
            <Table.Tr key={inv.invoiceId} data-testid="account-invoice">
              <Table.Td className="ard-mono">{inv.number}</Table.Td>
              <Table.Td>
                {t('account.invoice.periodRange', { start: calendarDate(t.locale, inv.cycleStart), end: calendarDate(t.locale, inv.cycleEnd) })}
              </Table.Td>
              <Table.Td>{calendarDate(t.locale, inv.issuedOn)}</Table.Td>
              <Table.Td ta="right" className="ard-mono">
                {safeAmount(t.locale, inv.total, inv.currency)}
              </Table.Td>
              <Table.Td ta="right" className="ard-mono">
                {safeAmount(t.locale, inv.amountDue, inv.currency)}
              </Table.Td>
              <Table.Td>
                {/* The one status (core/billing/standing.ts), said as on the bills tab. */}
                <Badge size="sm" variant="light" color={INVOICE_STATUS_COLOR[inv.status]}>
                  {t(`bills.status.${inv.status}`)}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
    </Paper>
  );
}
