import { Alert, Badge, Button, Group, List, NativeSelect, Paper, Radio, SegmentedControl, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useId, useRef, type ChangeEvent, type FormEvent, type ReactElement } from 'react';
import { useStore } from 'zustand';
import type { PolicyCurrent } from '../../../../core/api';
import { currencySymbol, formatAmount, formatNumber } from '../../../../core/i18n';
import type { CreditKind, CreditTarget, DiscountForm } from '../../../../core/policy/schema';
import { useT, type Translator } from '../../i18n/use-t';
import { monthLabel } from '../../lib/calendar';
import { useCallScope } from '../../store';
import { FreeText } from '../../ui/free-text';
import { TabFrame } from '../../ui/tab-frame';
import { capitalise, describeRequest, roleInSentence } from './describe';
import { allowedKinds, amountToInput, parseAmountField, parsePercentField, type FieldProblem, type FormField } from './credit-form';
import { decisionIsCurrent, reasonView, type CreditStore } from './credit-store';
import { DecisionPanel } from './DecisionPanel';
import { Ledger } from './Ledger';
import { ExperimentNotice } from './ExperimentNotice';
import { CancellationAction } from './CancellationAction';

/**
 * A credit or discount with live policy feedback as the agent types, and the customer's credits.
 * The whole tab is one form: Enter grants (or sends to a supervisor) once the policy has answered
 * for exactly what is typed.
 */
export function CreditTab(): ReactElement {
  const t = useT();
  const store = useCallScope().credit;
  return (
    <TabFrame store={store} select={(s) => s.policy} testId="credit-tab" errorTestId="credit-error" loadingLabel={t('credit.loading')}>
      {(policy) => (
        <>
          <ExperimentNotice />
          <CreditForm store={store} policy={policy} />
          <Ledger store={store} />
          <CancellationAction />
        </>
      )}
    </TabFrame>
  );
}

/** The fields the agent types into (the reason is picked). */
type TextField = Exclude<FormField, 'reason'>;

function problemText(t: Translator, problem: FieldProblem | undefined): string | undefined {
  return problem ? t(`credit.invalid.${problem}`) : undefined;
}

function CreditForm({ store, policy }: { store: CreditStore; policy: PolicyCurrent }): ReactElement {
  const t = useT();
  const values = useStore(store, (s) => s.values);
  const built = useStore(store, (s) => s.built);
  const note = useStore(store, (s) => s.note);
  const invoices = useStore(store, (s) => s.invoices);
  const grant = useStore(store, (s) => s.grant);
  const decision = useStore(store, (s) => s.decision);
  const current = useStore(store, decisionIsCurrent);
  const id = useId();
  const reason = reasonView(policy, values.reason);
  const kinds = allowedKinds(reason);
  const c = policy.currency;
  const problems = built.ok ? {} : built.problems;
  const set = store.getState().setValues;
  const amountRef = useRef<HTMLInputElement>(null);
  const percentRef = useRef<HTMLInputElement>(null);
  const focusAmount = (): void => (amountRef.current ?? percentRef.current)?.focus();
  /** A typed field of the form: its text, its edit, and what is wrong with it (in words). */
  const bind = (field: TextField) => ({
    value: values[field],
    onChange: (e: ChangeEvent<HTMLInputElement>) => set({ [field]: e.currentTarget.value }),
    error: problemText(t, problems[field]),
  });

  function onSubmit(event: FormEvent): void {
    event.preventDefault();
    store.getState().submit();
  }

  /** "= 12,40 €" under an amount field: what the typed text was read as. */
  function echo(text: string): string | undefined {
    const parsed = parseAmountField(text, c);
    return 'value' in parsed ? `= ${formatAmount(t.locale, parsed.value, c)}` : undefined;
  }
  const percentEcho = (() => {
    const parsed = parsePercentField(values.percent);
    return 'value' in parsed ? `= ${formatNumber(t.locale, parsed.value / 10_000, { style: 'percent', maximumFractionDigits: 2 })}` : undefined;
  })();

  const amountLabel =
    values.kind === 'recurring_discount' ? t('credit.amountPerBill') : values.kind === 'fee_waiver' ? t('credit.feeAmount') : t('credit.amount');
  const outcome = current ? decision.value?.outcome : undefined;

  return (
    <form onSubmit={onSubmit} noValidate data-testid="credit-form" aria-labelledby={`${id}-title`}>
      <div className="ard-split ard-split-wide">
        <Paper withBorder p="sm">
          <Stack gap="sm">
            <Group justify="space-between" gap="xs">
              <Title order={3} fz="md" id={`${id}-title`}>
                {t('credit.title')}
              </Title>
              <Text size="xs" c="dimmed" data-testid="credit-day-left">
                {t('credit.dayLeft', {
                  left: formatAmount(t.locale, policy.remainingToday, c),
                  max: formatAmount(t.locale, policy.limits.perDayMax, c),
                })}
              </Text>
            </Group>

            <Radio.Group
              label={t('credit.reason')}
              value={values.reason ?? ''}
              onChange={(v) => set({ reason: v as PolicyCurrent['reasons'][number]['reason'] })}
              data-testid="credit-reason"
            >
              {/* The reason chosen (a click, or Enter after the arrows), the amount is next. */}
              <SimpleGrid
                cols={2}
                spacing={6}
                verticalSpacing={6}
                mt={6}
                onMouseUp={() => requestAnimationFrame(focusAmount)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    focusAmount();
                  }
                }}
              >
                {policy.reasons.map((r) => (
                  <Radio key={r.reason} value={r.reason} label={capitalise(r.label)} data-testid={`credit-reason-${r.reason}`} />
                ))}
              </SimpleGrid>
            </Radio.Group>

            {reason && (
              <>
                {kinds.length > 1 ? (
                  <SegmentedControl
                    fullWidth
                    size="xs"
                    value={values.kind}
                    onChange={(v) => set({ kind: v as CreditKind })}
                    data={kinds.map((k) => ({ value: k, label: t(`credit.kind.${k}`) }))}
                    aria-label={t('credit.kind')}
                    data-testid="credit-kind"
                  />
                ) : (
                  <Text size="sm" fw={600} data-testid="credit-kind" data-kind={values.kind}>
                    {t(`credit.kind.${values.kind}`)}
                  </Text>
                )}

                {values.kind === 'one_off_credit' && reason.kinds.one_off_credit && (
                  <Choices
                    value={values.target}
                    options={CREDIT_TARGETS}
                    allowed={reason.kinds.one_off_credit.targets}
                    label={(k) => t(`credit.target.${k}`)}
                    onChange={(target) => set({ target })}
                    ariaLabel={t('credit.target')}
                    testId="credit-target"
                  />
                )}

                {values.kind === 'recurring_discount' && reason.kinds.recurring_discount && (
                  <Choices
                    value={values.form}
                    options={DISCOUNT_FORMS}
                    allowed={reason.kinds.recurring_discount.forms}
                    label={(k) => t(`credit.form.${k}`)}
                    onChange={(form) => set({ form })}
                    ariaLabel={t('credit.form')}
                    testId="credit-form-kind"
                  />
                )}

                {((values.kind === 'one_off_credit' && values.target === 'invoice') || values.kind === 'fee_waiver') && invoices.length > 0 && (
                  <NativeSelect
                    size="xs"
                    label={t('credit.invoice')}
                    value={values.invoiceId ?? ''}
                    onChange={(e) => set({ invoiceId: e.currentTarget.value || null })}
                    data={invoices.map((inv, i) => ({
                      value: i === 0 ? '' : inv.id,
                      label: `${monthLabel(t.locale, inv.cycle.start)} · ${inv.number} · ${formatAmount(t.locale, inv.total, inv.currency)}${i === 0 ? ` (${t('credit.invoice.latest')})` : ''}`,
                    }))}
                    data-testid="credit-invoice"
                  />
                )}

                <Group gap="sm" align="flex-start" grow>
                  {values.kind === 'recurring_discount' && values.form === 'percent' ? (
                    <TextInput
                      ref={percentRef}
                      label={t('credit.percent')}
                      placeholder="10"
                      {...bind('percent')}
                      inputMode="decimal"
                      autoComplete="off"
                      rightSection="%"
                      description={problems.percent ? undefined : percentEcho}
                      data-testid="credit-percent"
                    />
                  ) : (
                    <TextInput
                      ref={amountRef}
                      label={amountLabel}
                      placeholder={amountToInput(1240, c, t.locale)}
                      {...bind('amount')}
                      inputMode="decimal"
                      autoComplete="off"
                      rightSection={
                        <Text size="sm" c="dimmed">
                          {currencySymbol(t.locale, c)}
                        </Text>
                      }
                      description={problems.amount ? undefined : echo(values.amount)}
                      data-testid="credit-amount"
                    />
                  )}
                  {values.kind === 'recurring_discount' && (
                    <TextInput
                      label={t('credit.cycles', { max: reason.kinds.recurring_discount?.maxCycles ?? 12 })}
                      placeholder="3"
                      {...bind('cycles')}
                      inputMode="numeric"
                      autoComplete="off"
                      data-testid="credit-cycles"
                    />
                  )}
                </Group>

                {reason.needs === 'disputedAmount' && (
                  <TextInput
                    label={t('credit.disputedAmount')}
                    description={problems.disputedAmount ? undefined : (echo(values.disputedAmount) ?? t('credit.disputedAmount.hint'))}
                    placeholder={amountToInput(1240, c, t.locale)}
                    {...bind('disputedAmount')}
                    inputMode="decimal"
                    autoComplete="off"
                    data-testid="credit-disputed"
                  />
                )}
                {reason.needs === 'outageDays' && (
                  <TextInput
                    label={t('credit.outageDays')}
                    description={t('credit.outageDays.hint')}
                    placeholder="2"
                    {...bind('outageDays')}
                    inputMode="numeric"
                    autoComplete="off"
                    data-testid="credit-outage-days"
                  />
                )}
                {reason.needs === 'lateFee' && (
                  <Text size="xs" c="dimmed">
                    {t('credit.lateFee.hint')}
                  </Text>
                )}

                <FreeText
                  label={t('credit.note')}
                  placeholder={t('credit.note.placeholder')}
                  value={note}
                  onChange={(text) => store.getState().setNote(text)}
                  rows={[1, 3]}
                  maxLength={500}
                  testId="credit-note"
                />
              </>
            )}
          </Stack>
        </Paper>

        <Stack gap="sm" miw={0}>
          <DecisionPanel store={store} currency={c} />
          <Group justify="flex-end" gap="xs">
            <Button
              type="submit"
              color={outcome === 'needs_approval' ? 'orange' : outcome === 'allowed' ? 'teal' : undefined}
              disabled={!built.ok || outcome === 'refused' || (decision.status === 'error' && current)}
              loading={grant.status === 'granting' || grant.status === 'waiting'}
              data-testid="credit-submit"
              data-outcome={outcome}
            >
              {outcome === 'needs_approval'
                ? t('credit.sendToApprover', { role: roleInSentence(t, decision.value?.approverRole ?? 'supervisor') })
                : outcome === 'refused'
                  ? t('credit.refusedButton')
                  : t('credit.grant')}
            </Button>
          </Group>
          <GrantOutcome store={store} currency={c} />
        </Stack>
      </div>
    </form>
  );
}

function GrantOutcome({ store, currency }: { store: CreditStore; currency: string }): ReactElement | null {
  const t = useT();
  const { approvals } = useCallScope();
  const grant = useStore(store, (s) => s.grant);
  const approvalId = grant.result?.status === 'pending_approval' ? grant.result.approvalId : null;
  // The request sent from here, as the call's approvals see it live.
  const live = useStore(approvals, (s) => (approvalId ? s.requests.value?.find((i) => i.approvalId === approvalId) : undefined));
  // Every outcome of the grant is said in an alert the agent can close.
  const dismissable = {
    variant: 'light',
    withCloseButton: true,
    onClose: () => store.getState().dismissGrant(),
    closeButtonLabel: t('bills.dismiss'),
  } as const;
  if (grant.status === 'error' && grant.error) {
    const issues = grant.error.code === 'POLICY_REFUSED' ? (grant.error.issues ?? []) : [];
    return (
      <Alert color="red" role="alert" data-testid="credit-grant-error" {...dismissable}>
        <Text size="sm">{t.error(grant.error)}</Text>
        {issues.length > 0 && (
          <List size="sm" mt={4}>
            {issues.map((i) => (
              <List.Item key={i.path}>{i.message}</List.Item>
            ))}
          </List>
        )}
      </Alert>
    );
  }
  if (grant.status !== 'done' || !grant.result || !grant.request) return null;
  const what = describeRequest(t, grant.request, currency);
  if (grant.result.status === 'granted') {
    return (
      <Alert color="teal" role="status" data-testid="credit-granted" {...dismissable}>
        <Text size="sm" fw={600}>
          {t('credit.granted', { what })}
        </Text>
        <Text size="xs">{t('credit.granted.ledger')}</Text>
      </Alert>
    );
  }
  if (live && live.status !== 'pending') {
    const approved = live.status === 'approved' || live.status === 'applied';
    return (
      <Alert color={approved ? 'teal' : 'red'} role="status" data-testid="credit-decided" data-status={live.status} {...dismissable}>
        <Group gap={6}>
          <Badge color={approved ? 'teal' : 'red'} size="sm">
            {t(`approvals.status.${live.status}`)}
          </Badge>
          <Text size="sm" fw={600}>
            {live.summary}
          </Text>
        </Group>
      </Alert>
    );
  }
  return (
    <Alert color="orange" role="status" data-testid="credit-pending" {...dismissable}>
      <Group gap={6}>
        <Badge color="orange" size="sm">
          {t('approvals.status.pending')}
        </Badge>
        <Text size="sm" fw={600}>
          {t('credit.pending', { what, role: roleInSentence(t, grant.result.approverRole) })}
        </Text>
      </Group>
      <Text size="xs" mt={4}>
        {t('credit.pending.follow')}
      </Text>
    </Alert>
  );
}

const CREDIT_TARGETS: readonly CreditTarget[] = ['invoice', 'account'];
const DISCOUNT_FORMS: readonly DiscountForm[] = ['amount', 'percent'];

/** One of a few choices side by side; those the reason does not allow are shown disabled. */
function Choices<K extends string>(props: {
  value: K;
  options: readonly K[];
  allowed: readonly K[];
  label(option: K): string;
  onChange(option: K): void;
  ariaLabel: string;
  testId: string;
}): ReactElement {
  return (
    <SegmentedControl
      fullWidth
      size="xs"
      value={props.value}
      onChange={(v) => props.onChange(v as K)}
      data={props.options.map((k) => ({ value: k, label: props.label(k), disabled: !props.allowed.includes(k) }))}
      aria-label={props.ariaLabel}
      data-testid={props.testId}
    />
  );
}
