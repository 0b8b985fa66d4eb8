/**
 * On the payments tab, per account: the open disputes (what they hold out of late fees and
 * reminders) with a form to open one on a line of the latest bills, and the payment plans with
 * each instalment's status and the missed-instalment flag, with a form that decides live
 * (allowed / needs approval / refused) as the agent types. Everything reachable by keyboard:
 * native selects and inputs, one submit button per form.
 */
import { Alert, Badge, Button, Group, List, NativeSelect, Paper, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent, type ReactElement } from 'react';
import { useStore } from 'zustand';
import type { AccountDisputesView, AccountPaymentPlansView } from '../../../../core/api';
import { formatAmount } from '../../../../core/i18n';
import { parseAmount } from '../../../../core/money';
import { DISPUTE_REASONS, type DisputeReason } from '../../../../core/receivables';
import { useT } from '../../i18n/use-t';
import { useCallScope } from '../../store';
import { calendarDate } from '../account/format';

const DISPUTE_COLOR = { open: 'yellow', credited: 'teal', rejected: 'gray' } as const;
const INSTALMENT_COLOR = { due: 'blue', paid: 'teal', missed: 'red' } as const;
const PLAN_COLOR = { agreed: 'blue', broken: 'red', completed: 'teal' } as const;

export function AccountDisputes({ account: a }: { account: AccountDisputesView }): ReactElement {
  const t = useT();
  return (
    <Stack gap="xs" data-testid="disputes" data-account-id={a.accountId}>
      <Title order={4} size="h6">
        {t('disputes.title')}
      </Title>
      {a.held > 0 && (
        <Text size="sm" data-testid="disputes-held">
          {t('disputes.held', { amount: formatAmount(t.locale, a.held, a.currency) })}
        </Text>
      )}
      {a.disputes.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('disputes.none')}
        </Text>
      ) : (
        <List spacing={4} data-testid="disputes-list">
          {a.disputes.map((d) => (
            <List.Item key={d.id} data-testid="dispute-item" data-status={d.status}>
              <Group gap="xs" wrap="nowrap">
                <Badge color={DISPUTE_COLOR[d.status]} variant="light">
                  {d.statusLabel}
                </Badge>
                <Text size="sm">{d.sentence}</Text>
              </Group>
            </List.Item>
          ))}
        </List>
      )}
      <DisputeForm account={a} />
    </Stack>
  );
}

function DisputeForm({ account: a }: { account: AccountDisputesView }): ReactElement {
  const t = useT();
  const { payments } = useCallScope();
  const send = useStore(payments, (s) => s.disputeSend);
  const lines = a.lines.filter((l) => l.disputable > 0);
  const [lineId, setLineId] = useState(lines[0]?.lineId ?? '');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState<DisputeReason>('wrong_amount');
  const [said, setSaid] = useState('');
  if (lines.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('disputes.form.noLine')}
      </Text>
    );
  const line = lines.find((l) => l.lineId === lineId) ?? lines[0]!;
  const minor = parseAmount(amount, a.currency);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (minor === null) return;
    const opened = await payments.getState().openDispute({ lineId: line.lineId, amount: minor, reason, customerSaid: said });
    if (opened) {
      setAmount('');
      setSaid('');
    }
  };
  return (
    <Paper withBorder p="sm" component="form" onSubmit={(e: FormEvent) => void submit(e)} data-testid="dispute-form" aria-label={t('disputes.form.title')}>
      <Stack gap="xs">
        <Text fw={600} size="sm">
          {t('disputes.form.title')}
        </Text>
        <NativeSelect
          label={t('disputes.form.line')}
          value={line.lineId}
          onChange={(e) => setLineId(e.currentTarget.value)}
          data-testid="dispute-line"
          data={lines.map((l) => ({
            value: l.lineId,
            label: t('disputes.form.lineOption', { number: l.invoiceNumber, label: l.label, disputable: formatAmount(t.locale, l.disputable, a.currency) }),
          }))}
        />
        <Group grow align="start">
          <TextInput
            label={t('disputes.form.amount')}
            value={amount}
            onChange={(e) => setAmount(e.currentTarget.value)}
            data-testid="dispute-amount"
            required
          />
          <NativeSelect
            label={t('disputes.form.reason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value as DisputeReason)}
            data-testid="dispute-reason"
            data={DISPUTE_REASONS.map((r) => ({ value: r, label: t(`dispute.reason.${r}`) }))}
          />
        </Group>
        <Textarea
          label={t('disputes.form.said')}
          value={said}
          onChange={(e) => setSaid(e.currentTarget.value)}
          maxLength={500}
          autosize
          minRows={2}
          data-testid="dispute-said"
          required
        />
        <Group>
          <Button type="submit" data-testid="dispute-submit" disabled={minor === null || said.trim() === ''} loading={send.status === 'sending'}>
            {t('disputes.form.submit')}
          </Button>
          {send.status === 'done' && (
            <Text size="sm" role="status" data-testid="dispute-opened">
              {t('disputes.form.opened')}
            </Text>
          )}
        </Group>
        {send.status === 'error' && send.error && (
          <Alert color="red" data-testid="dispute-error">
            <Text size="sm">{t.error(send.error)}</Text>
            {send.error.issues && (
              <List size="sm">
                {send.error.issues.map((i) => (
                  <List.Item key={i.path}>{i.message}</List.Item>
                ))}
              </List>
            )}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

export function AccountPlans({ account: a, today }: { account: AccountPaymentPlansView; today: string }): ReactElement {
  const t = useT();
  const active = a.plans.some((p) => p.status === 'agreed');
  return (
    <Stack gap="xs" data-testid="plans" data-account-id={a.accountId}>
      <Title order={4} size="h6">
        {t('plans.title')}
      </Title>
      <Text size="sm" data-testid="plans-overdue">
        {t('plans.overdue', { amount: formatAmount(t.locale, a.overdueBalance, a.currency) })}
      </Text>
      {a.plans.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('plans.none')}
        </Text>
      )}
      {a.plans.map((p) => (
        <Paper key={p.id} withBorder p="xs" data-testid="plan" data-status={p.status} data-missed={p.missed}>
          <Group gap="xs">
            <Badge color={PLAN_COLOR[p.status]} variant="light">
              {p.statusLabel}
            </Badge>
            {p.missed && (
              <Badge color="red" variant="filled" data-testid="plan-missed">
                {t('plans.missedFlag')}
              </Badge>
            )}
            <Text size="sm">{t('plans.agreedOn', { date: calendarDate(t.locale, p.agreedOn), amount: formatAmount(t.locale, p.balance, p.currency) })}</Text>
          </Group>
          <Text size="sm">{p.scheduleSentence}</Text>
          <Table data-testid="plan-instalments">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('plans.col.seq')}</Table.Th>
                <Table.Th>{t('plans.col.due')}</Table.Th>
                <Table.Th>{t('plans.col.amount')}</Table.Th>
                <Table.Th>{t('plans.col.paid')}</Table.Th>
                <Table.Th>{t('plans.col.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {p.instalments.map((i) => (
                <Table.Tr key={i.seq} data-testid="plan-instalment" data-status={i.status}>
                  <Table.Td>{i.seq}</Table.Td>
                  <Table.Td>{calendarDate(t.locale, i.dueOn)}</Table.Td>
                  <Table.Td>{formatAmount(t.locale, i.amount, p.currency)}</Table.Td>
                  <Table.Td>{formatAmount(t.locale, i.paid, p.currency)}</Table.Td>
                  <Table.Td>
                    <Badge color={INSTALMENT_COLOR[i.status]} variant="light">
                      {i.statusLabel}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      ))}
      {!active && a.overdueBalance > 0 && <PlanForm account={a} today={today} />}
    </Stack>
  );
}

function PlanForm({ account: a, today }: { account: AccountPaymentPlansView; today: string }): ReactElement {
  const t = useT();
  const { payments } = useCallScope();
  const decision = useStore(payments, (s) => s.planDecision);
  const send = useStore(payments, (s) => s.planSend);
  const [count, setCount] = useState('');
  const [firstDueOn, setFirstDueOn] = useState(today);
  const request = (n: string, first: string) => {
    const instalments = Number(n);
    return Number.isInteger(instalments) && instalments >= 2 && instalments <= 60 && /^\d{4}-\d{2}-\d{2}$/.test(first)
      ? { accountId: a.accountId, instalments, firstDueOn: first }
      : null;
  };
  const current = request(count, firstDueOn);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (current && decision?.outcome === 'allowed' && (await payments.getState().agreePlan(current))) setCount('');
  };
  return (
    <Paper withBorder p="sm" component="form" onSubmit={(e: FormEvent) => void submit(e)} data-testid="plan-form" aria-label={t('plans.form.title')}>
      <Stack gap="xs">
        <Text fw={600} size="sm">
          {t('plans.form.title')}
        </Text>
        <Group grow align="start">
          <TextInput
            label={t('plans.form.instalments')}
            inputMode="numeric"
            value={count}
            data-testid="plan-count"
            onChange={(e) => {
              setCount(e.currentTarget.value);
              void payments.getState().evaluatePlan(request(e.currentTarget.value, firstDueOn));
            }}
          />
          <TextInput
            label={t('plans.form.firstDue')}
            type="date"
            value={firstDueOn}
            data-testid="plan-first-due"
            onChange={(e) => {
              setFirstDueOn(e.currentTarget.value);
              void payments.getState().evaluatePlan(request(count, e.currentTarget.value));
            }}
          />
        </Group>
        {decision && (
          <Alert
            color={decision.outcome === 'allowed' ? 'teal' : decision.outcome === 'needs_approval' ? 'yellow' : 'red'}
            data-testid="plan-decision"
            data-outcome={decision.outcome}
          >
            <Text fw={600}>{decision.headline}</Text>
            {decision.outcome !== 'refused' && <Text size="sm">{decision.scheduleSentence}</Text>}
            <List size="sm">
              {decision.rules.map((r) => (
                <List.Item key={r.rule}>{r.text}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        <Group>
          <Button type="submit" data-testid="plan-submit" disabled={!current || decision?.outcome !== 'allowed'} loading={send.status === 'sending'}>
            {t('plans.form.submit')}
          </Button>
          {send.status === 'done' && (
            <Text size="sm" role="status" data-testid="plan-agreed">
              {t('plans.form.agreed')}
            </Text>
          )}
        </Group>
        {send.status === 'error' && send.error && (
          <Alert color="red" data-testid="plan-error">
            <Text size="sm">{t.error(send.error)}</Text>
            {send.error.issues && (
              <List size="sm">
                {send.error.issues.map((i) => (
                  <List.Item key={i.path}>{i.message}</List.Item>
                ))}
              </List>
            )}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
