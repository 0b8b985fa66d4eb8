/**
 * On the payments tab, per account: the open disputes (what they hold out of late fees and
 * reminders) with a form to open one on a line of the latest bills, and the payment plans with
 * each instalment's status and the missed-instalment flag, with a form that decides live
 * (allowed / needs approval / refused) as the agent types. An open dispute is resolved in place
 * (a billing-error credit through the ordinary credit path — over the agent's limit it is refused
 * with the policy's sentences — or a rejection with a reason); a resolved one says how. Everything
 * reachable by keyboard: native selects and inputs, one submit button per form.
 */
import { Alert, Badge, Button, Group, List, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent, type ReactElement, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { AccountDisputesView, AccountPaymentPlansView, ApiErrorBody, DisputeView } from '../../../../core/api';
import { formatAmount } from '../../../../core/i18n';
import { minorDigits, parseAmount } from '../../../../core/money';
import { DISPUTE_REASONS, type DisputeReason } from '../../../../core/receivables';
import { useT } from '../../i18n/use-t';
import { useCallScope } from '../../store';
import { DataTable } from '../../ui/data-table';
import { FreeText } from '../../ui/free-text';
import { DecisionAlert } from './DecisionAlert';
import { StatusList } from './status-list';
import type { SendState } from './payments-store';
import { calendarDate } from '../account/format';
import { roleInSentence } from '../discount/describe';

const DISPUTE_COLOR = { open: 'yellow', credited: 'teal', rejected: 'gray' } as const;
const INSTALMENT_COLOR = { due: 'blue', paid: 'teal', missed: 'red' } as const;
const PLAN_COLOR = { agreed: 'blue', broken: 'red', completed: 'teal' } as const;
/** The instalment table's columns (plans.col.*). */
const INSTALMENT_COLUMNS = ['seq', 'due', 'amount', 'paid', 'status'] as const;

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
        <StatusList items={a.disputes} colors={DISPUTE_COLOR} testId="disputes-list" itemTestId="dispute-item" more={(d) => <Resolution dispute={d} />} />
      )}
      <DisputeForm account={a} />
    </Stack>
  );
}

/** How a resolved dispute ended, in one sentence; for an open one, the control that resolves it. */
function Resolution({ dispute: d }: { dispute: DisputeView }): ReactElement | null {
  const t = useT();
  const [open, setOpen] = useState(false);
  if (d.status === 'credited' || d.status === 'rejected') {
    const date = d.resolvedAt ? calendarDate(t.locale, d.resolvedAt.slice(0, 10)) : '';
    return (
      <Text size="sm" c="dimmed" data-testid="dispute-resolution">
        {d.status === 'credited'
          ? t('disputes.resolution.credited', { amount: formatAmount(t.locale, d.creditedAmount ?? 0, d.currency), date })
          : t('disputes.resolution.rejected', { date, reason: d.rejectionReason ?? '' })}
      </Text>
    );
  }
  if (!open)
    return (
      <Button size="compact-sm" variant="subtle" onClick={() => setOpen(true)} aria-expanded={false} data-testid="dispute-resolve-open">
        {t('disputes.resolve.open')}
      </Button>
    );
  return <ResolveForm dispute={d} onClose={() => setOpen(false)} />;
}

function ResolveForm({ dispute: d, onClose }: { dispute: DisputeView; onClose: () => void }): ReactElement {
  const t = useT();
  const { payments } = useCallScope();
  const send = useStore(payments, (s) => s.resolveSend);
  const [kind, setKind] = useState<'credit' | 'reject'>('credit');
  // The whole disputed amount, as the agent would type it (the usual resolution of a dispute found right).
  const [amount, setAmount] = useState(() => typedAmount(d.amount, d.currency));
  const [reason, setReason] = useState('');
  const minor = parseAmount(amount, d.currency);
  const ready = kind === 'credit' ? minor !== null && minor > 0 : reason.trim() !== '';
  const mine = send.disputeId === d.id;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!ready) return;
    await payments.getState().resolveDispute(d.id, kind === 'credit' ? { kind, amount: minor! } : { kind, reason: reason.trim() });
  };
  return (
    <Paper
      withBorder
      p="xs"
      mt={4}
      component="form"
      onSubmit={(e: FormEvent) => void submit(e)}
      data-testid="dispute-resolve-form"
      aria-label={t('disputes.resolve.title')}
    >
      <Stack gap="xs">
        <NativeSelect
          label={t('disputes.resolve.kind')}
          value={kind}
          onChange={(e) => setKind(e.currentTarget.value as 'credit' | 'reject')}
          data-testid="dispute-resolve-kind"
          data={[
            { value: 'credit', label: t('disputes.resolve.credit') },
            { value: 'reject', label: t('disputes.resolve.reject') },
          ]}
          autoFocus
        />
        {kind === 'credit' ? (
          <TextInput
            label={t('disputes.resolve.amount', { max: formatAmount(t.locale, d.amount, d.currency) })}
            value={amount}
            onChange={(e) => setAmount(e.currentTarget.value)}
            data-testid="dispute-resolve-amount"
            required
          />
        ) : (
          <Sentence label={t('disputes.resolve.reason')} value={reason} onChange={setReason} testId="dispute-resolve-reason" />
        )}
        <Group>
          <Button type="submit" size="sm" data-testid="dispute-resolve-submit" disabled={!ready} loading={mine && send.status === 'sending'}>
            {t('disputes.resolve.submit')}
          </Button>
          <Button type="button" size="sm" variant="default" onClick={onClose} data-testid="dispute-resolve-cancel">
            {t('disputes.resolve.cancel')}
          </Button>
        </Group>
        {mine && send.status === 'error' && send.error && <Refusal error={send.error} testId="dispute-resolve-error" />}
      </Stack>
    </Paper>
  );
}

/**
 * What the agent writes down in words on a dispute (what the customer said, why it is rejected):
 * required, 500 characters at most.
 */
function Sentence(props: { label: string; value: string; onChange(value: string): void; testId: string }): ReactElement {
  return <FreeText label={props.label} value={props.value} onChange={props.onChange} maxLength={500} rows={[2]} testId={props.testId} required />;
}

/** `amount` minor units written as an amount input reads them ("12.50"), exactly. */
function typedAmount(amount: number, currency: string): string {
  const digits = minorDigits(currency);
  if (digits === 0) return String(amount);
  const unit = 10 ** digits;
  return `${Math.floor(amount / unit)}.${String(amount % unit).padStart(digits, '0')}`;
}

/** A typed error and each reason it gives (the policy's sentences for a credit over the agent's limit). */
function Refusal({ error, testId }: { error: ApiErrorBody; testId: string }): ReactElement {
  const t = useT();
  return (
    <Alert color="red" data-testid={testId} role="alert">
      <Text size="sm">{t.error(error)}</Text>
      {error.issues && (
        <List size="sm">
          {error.issues.map((i) => (
            <List.Item key={i.path}>{i.message}</List.Item>
          ))}
        </List>
      )}
    </Alert>
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
  const submit = async () => {
    if (minor === null) return;
    const opened = await payments.getState().openDispute({ lineId: line.lineId, amount: minor, reason, customerSaid: said });
    if (opened) {
      setAmount('');
      setSaid('');
    }
  };
  return (
    <SendForm
      name="dispute"
      title={t('disputes.form.title')}
      submitLabel={t('disputes.form.submit')}
      canSubmit={minor !== null && said.trim() !== ''}
      send={send}
      onSubmit={submit}
      status={
        send.status === 'done' && (
          <Text size="sm" role="status" data-testid="dispute-opened">
            {t('disputes.form.opened')}
          </Text>
        )
      }
    >
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
        <TextInput label={t('disputes.form.amount')} value={amount} onChange={(e) => setAmount(e.currentTarget.value)} data-testid="dispute-amount" required />
        <NativeSelect
          label={t('disputes.form.reason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value as DisputeReason)}
          data-testid="dispute-reason"
          data={DISPUTE_REASONS.map((r) => ({ value: r, label: t(`dispute.reason.${r}`) }))}
        />
      </Group>
      <Sentence label={t('disputes.form.said')} value={said} onChange={setSaid} testId="dispute-said" />
    </SendForm>
  );
}

/**
 * The frame the dispute and plan forms share: a bordered form under its title (`<name>-form`), the
 * fields, one submit button (`<name>-submit`) with what the last send said beside it, and the
 * refusal under it (`<name>-error`) when the send failed.
 */
function SendForm({
  name,
  title,
  submitLabel,
  canSubmit,
  send,
  onSubmit,
  status,
  children,
}: {
  name: string;
  title: string;
  submitLabel: string;
  canSubmit: boolean;
  send: SendState;
  onSubmit: () => Promise<void>;
  status: ReactNode;
  children: ReactNode;
}): ReactElement {
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void onSubmit();
  };
  return (
    <Paper withBorder p="sm" component="form" onSubmit={submit} data-testid={`${name}-form`} aria-label={title}>
      <Stack gap="xs">
        <Text fw={600} size="sm">
          {title}
        </Text>
        {children}
        <Group>
          <Button type="submit" data-testid={`${name}-submit`} disabled={!canSubmit} loading={send.status === 'sending'}>
            {submitLabel}
          </Button>
          {status}
        </Group>
        {send.status === 'error' && send.error && <Refusal error={send.error} testId={`${name}-error`} />}
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
        {t('paymentPlans.title')}
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
          <DataTable testId="plan-instalments" columns={INSTALMENT_COLUMNS.map((col) => t(`plans.col.${col}`))}>
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
          </DataTable>
        </Paper>
      ))}
      {!active && a.overdueBalance > 0 && <PlanForm account={a} today={today} />}
      <PlanSent accountId={a.accountId} />
    </Stack>
  );
}

/** The plan just sent for this account: agreed, or waiting for an approver. */
function PlanSent({ accountId }: { accountId: string }): ReactElement | null {
  const t = useT();
  const { payments } = useCallScope();
  const send = useStore(payments, (s) => s.planSend);
  if (send.status !== 'done' || send.accountId !== accountId) return null;
  return send.sentTo ? (
    <Text size="sm" role="status" data-testid="plan-sent">
      {t('plans.form.sent', { role: roleInSentence(t, send.sentTo) })}
    </Text>
  ) : (
    <Text size="sm" role="status" data-testid="plan-agreed">
      {t('plans.form.agreed')}
    </Text>
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
  // Each edit asks again what the policy says of the plan now typed.
  const edit = (n: string, first: string) => {
    setCount(n);
    setFirstDueOn(first);
    void payments.getState().evaluatePlan(request(n, first));
  };
  const current = request(count, firstDueOn);
  // Over the agent's limit the same button sends the plan to the approver the decision names.
  const sendable = current !== null && (decision?.outcome === 'allowed' || decision?.outcome === 'needs_approval');
  const submit = async () => {
    if (sendable && (await payments.getState().agreePlan(current))) setCount('');
  };
  return (
    <SendForm
      name="plan"
      title={t('plans.form.title')}
      submitLabel={decision?.outcome === 'needs_approval' ? t('plans.form.submitForApproval') : t('plans.form.submit')}
      canSubmit={sendable}
      send={send}
      onSubmit={submit}
      // What became of the plan shows beside the plans (AccountPlans): an agreed plan hides this form.
      status={null}
    >
      <Group grow align="start">
        <TextInput
          label={t('plans.form.instalments')}
          inputMode="numeric"
          value={count}
          data-testid="plan-count"
          onChange={(e) => edit(e.currentTarget.value, firstDueOn)}
        />
        <TextInput
          label={t('plans.form.firstDue')}
          type="date"
          value={firstDueOn}
          data-testid="plan-first-due"
          onChange={(e) => edit(count, e.currentTarget.value)}
        />
      </Group>
      {decision && (
        <DecisionAlert decision={decision} testId="plan-decision">
          {decision.outcome !== 'refused' && <Text size="sm">{decision.scheduleSentence}</Text>}
        </DecisionAlert>
      )}
    </SendForm>
  );
}
