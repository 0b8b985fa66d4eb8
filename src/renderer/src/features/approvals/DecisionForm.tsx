import { Button, Group, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent, type ReactElement, type ReactNode, type RefObject } from 'react';
import type { ApiErrorBody, DiscountRequestInput } from '../../../../core/api';
import { useT } from '../../i18n/use-t';
import { askedOf, buildDecision, initialDecisionValues, type DecisionFormValues, type DecisionPayload, type DecisionProblem } from './decision-form';

/**
 * Approve (as asked, or lower) or refuse with a comment. Enter submits; the first field is the
 * amount, prefilled with what was asked, so "approve as is" is a single key.
 */
export function DecisionForm(props: {
  request: DiscountRequestInput;
  currency: string;
  busy: boolean;
  error: ApiErrorBody | null;
  onSubmit: (payload: DecisionPayload) => void;
  /** Fields shown above the decision (the supervisor's credentials on the agent's desk). */
  before?: ReactNode;
  testIdPrefix: string;
  /** Focus requests from the keyboard shortcuts: 'approve' focuses the amount, 'refuse' the comment. */
  focus?: { readonly what: 'approve' | 'refuse'; readonly n: number } | null;
  autoFocus?: boolean;
}): ReactElement {
  const t = useT();
  const { request, currency, testIdPrefix: p } = props;
  const [values, setValues] = useState<DecisionFormValues>(() => initialDecisionValues(request, currency, t.locale));
  const [showProblems, setShowProblems] = useState(false);
  const asked = askedOf(request);
  const built = buildDecision(values, request, currency);
  const problems = built.ok || !showProblems ? {} : built.problems;
  const amountRef = useRef<HTMLInputElement>(null);
  const commentRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!props.focus) return;
    setValues((v) => ({ ...v, decision: props.focus!.what }));
    const ref: RefObject<HTMLInputElement | null> = props.focus.what === 'refuse' ? commentRef : amountRef;
    requestAnimationFrame(() => {
      (ref.current ?? commentRef.current)?.focus();
      (ref.current ?? commentRef.current)?.select();
    });
  }, [props.focus]);

  function problem(x: DecisionProblem | undefined): string | undefined {
    return x ? t(`approvals.invalid.${x}`) : undefined;
  }

  function onSubmit(event: FormEvent): void {
    event.preventDefault();
    event.stopPropagation();
    setShowProblems(true);
    if (built.ok && !props.busy) props.onSubmit(built.payload);
  }

  const approving = values.decision === 'approve';
  return (
    <form onSubmit={onSubmit} noValidate data-testid={`${p}-form`}>
      <Stack gap="xs">
        {props.before}
        <SegmentedControl
          size="xs"
          value={values.decision}
          onChange={(v) => setValues({ ...values, decision: v as 'approve' | 'refuse' })}
          data={[
            { value: 'approve', label: t('approvals.approve') },
            { value: 'refuse', label: t('approvals.refuse') },
          ]}
          color={approving ? 'teal' : 'red'}
          aria-label={t('approvals.decision')}
          data-testid={`${p}-decision`}
        />
        {approving && (
          <Group gap="xs" grow align="flex-start">
            {asked.amount !== undefined && (
              <TextInput
                ref={amountRef}
                size="xs"
                label={asked.cycles !== undefined ? t('approvals.amountPerBill') : t('approvals.amount')}
                description={t('approvals.lowerHint')}
                value={values.amount}
                onChange={(e) => setValues({ ...values, amount: e.currentTarget.value })}
                inputMode="decimal"
                autoComplete="off"
                error={problem(problems.amount)}
                autoFocus={props.autoFocus}
                data-testid={`${p}-amount`}
              />
            )}
            {asked.percentBp !== undefined && (
              <TextInput
                ref={amountRef}
                size="xs"
                label={t('approvals.percent')}
                description={t('approvals.lowerHint')}
                value={values.percent}
                onChange={(e) => setValues({ ...values, percent: e.currentTarget.value })}
                inputMode="decimal"
                autoComplete="off"
                rightSection="%"
                error={problem(problems.percent)}
                autoFocus={props.autoFocus}
                data-testid={`${p}-percent`}
              />
            )}
            {asked.cycles !== undefined && (
              <TextInput
                size="xs"
                label={t('approvals.cycles')}
                value={values.cycles}
                onChange={(e) => setValues({ ...values, cycles: e.currentTarget.value })}
                inputMode="numeric"
                autoComplete="off"
                error={problem(problems.cycles)}
                data-testid={`${p}-cycles`}
              />
            )}
          </Group>
        )}
        <TextInput
          ref={commentRef}
          size="xs"
          label={approving ? t('approvals.commentOptional') : t('approvals.commentRequired')}
          placeholder={approving ? '' : t('approvals.comment.placeholder')}
          value={values.comment}
          onChange={(e) => setValues({ ...values, comment: e.currentTarget.value })}
          maxLength={500}
          autoComplete="off"
          error={problem(problems.comment)}
          data-testid={`${p}-comment`}
        />
        {props.error && (
          <Text size="sm" c="red.8" role="alert" data-testid={`${p}-error`}>
            {t.error(props.error)}
          </Text>
        )}
        <Group justify="flex-end">
          <Button
            type="submit"
            size="sm"
            color={approving ? 'teal' : 'red'}
            loading={props.busy}
            data-testid={`${p}-submit`}
          >
            {approving ? (built.ok && built.lowered ? t('approvals.approveLower') : t('approvals.approveAsked')) : t('approvals.refuseSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
