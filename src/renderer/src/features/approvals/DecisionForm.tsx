import { Button, Group, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useImperativeHandle, useRef, useState, type FormEvent, type ReactElement, type ReactNode, type Ref } from 'react';
import { flushSync } from 'react-dom';
import type { ApiErrorBody, ApprovalRequestInput } from '../../../../core/api';
import { useT } from '../../i18n/use-t';
import { askedOf, buildDecision, initialDecisionValues, type DecisionFormValues, type DecisionPayload, type DecisionProblem } from './decision-form';

/**
 * Approve (as asked, or lower) or refuse with a comment. Enter submits; the first field is the
 * amount, prefilled with what was asked, so "approve as is" is a single key.
 */
export interface DecisionFormHandle {
  /**
   * Switches the decision and moves the focus where the next keystroke belongs (the amount to
   * approve, the comment to refuse) before this call returns: keys typed right after the
   * shortcut land in that field, never in the list behind it.
   */
  choose(what: 'approve' | 'refuse'): void;
}

export function DecisionForm(props: {
  /** The request being decided as main described it; its hash is sent back as `shown.requestHash`. */
  approval: { readonly request: ApprovalRequestInput; readonly requestHash: string; readonly currency: string };
  busy: boolean;
  error: ApiErrorBody | null;
  onSubmit: (payload: DecisionPayload) => void;
  /** Fields shown above the decision (the supervisor's credentials on the agent's desk). */
  before?: ReactNode;
  testIdPrefix: string;
  /** For keyboard shortcuts: `choose('refuse')` switches to refusing and focuses the comment at once. */
  handle?: Ref<DecisionFormHandle>;
  autoFocus?: boolean;
}): ReactElement {
  const t = useT();
  const { request, requestHash, currency } = props.approval;
  const p = props.testIdPrefix;
  // One form state, changed only by functional updates, with a ref that always holds the latest:
  // a keystroke or a click handled before React re-renders can never write back a stale copy
  // (which once turned a refusal into an approval), and submit reads exactly what is shown.
  const [values, setValuesState] = useState<DecisionFormValues>(() => initialDecisionValues(request, currency, t.locale));
  const latest = useRef(values);
  const update = (change: Partial<DecisionFormValues>): void => {
    latest.current = { ...latest.current, ...change };
    setValuesState(latest.current);
  };
  const [showProblems, setShowProblems] = useState(false);
  const asked = askedOf(request);
  const built = buildDecision(values, request, currency, requestHash);
  const problems = built.ok || !showProblems ? {} : built.problems;
  const amountRef = useRef<HTMLInputElement>(null);
  const commentRef = useRef<HTMLInputElement>(null);

  useImperativeHandle(
    props.handle,
    () => ({
      choose(what) {
        flushSync(() => update({ decision: what }));
        const field = (what === 'approve' ? amountRef.current : null) ?? commentRef.current;
        field?.focus();
        field?.select();
      },
    }),
    // update and the refs only touch refs and the state setter: nothing to re-create.
    [],
  );

  function problem(x: DecisionProblem | undefined): string | undefined {
    return x ? t(`approvals.invalid.${x}`) : undefined;
  }

  function onSubmit(event: FormEvent): void {
    event.preventDefault();
    event.stopPropagation();
    setShowProblems(true);
    const decided = buildDecision(latest.current, request, currency, requestHash);
    if (decided.ok && !props.busy) props.onSubmit(decided.payload);
  }

  const approving = values.decision === 'approve';
  // What an approval may lower, in the request's own units.
  const loweringFields = (
    [
      { key: 'amount', asked: asked.amount, label: asked.cycles !== undefined ? t('approvals.amountPerBill') : t('approvals.amount') },
      { key: 'percent', asked: asked.percentBp, label: t('approvals.percent') },
      { key: 'cycles', asked: asked.cycles, label: t('approvals.cycles') },
    ] as const
  ).filter((f) => f.asked !== undefined);

  return (
    <form onSubmit={onSubmit} noValidate data-testid={`${p}-form`}>
      <Stack gap="xs">
        {props.before}
        <SegmentedControl
          size="xs"
          value={values.decision}
          onChange={(v) => update({ decision: v as 'approve' | 'refuse' })}
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
            {loweringFields.map((f) => (
              <TextInput
                key={f.key}
                // The first field of the amount (the amount, or the percentage) takes the focus.
                ref={f.key === 'cycles' ? undefined : amountRef}
                size="xs"
                label={f.label}
                description={f.key === 'cycles' ? undefined : t('approvals.lowerHint')}
                value={values[f.key]}
                onChange={(e) => update({ [f.key]: e.currentTarget.value } as Partial<DecisionFormValues>)}
                inputMode={f.key === 'cycles' ? 'numeric' : 'decimal'}
                autoComplete="off"
                rightSection={f.key === 'percent' ? '%' : undefined}
                error={problem(problems[f.key])}
                autoFocus={f.key === 'cycles' ? undefined : props.autoFocus}
                data-testid={`${p}-${f.key}`}
              />
            ))}
          </Group>
        )}
        <TextInput
          ref={commentRef}
          size="xs"
          label={approving ? t('approvals.commentOptional') : t('approvals.commentRequired')}
          placeholder={approving ? '' : t('approvals.comment.placeholder')}
          value={values.comment}
          onChange={(e) => update({ comment: e.currentTarget.value })}
          maxLength={500}
          autoComplete="off"
          error={problem(problems.comment)}
          data-testid={`${p}-comment`}
        />
        {props.error && (
          <Text size="sm" c="red.8" role="alert" data-testid={`${p}-error`}>
            {t.error(props.error)}
            {/* Why a decision could not be made as shown (a plan whose balance moved, a rule of the policy), in the approver's words. */}
            {(props.error.code === 'POLICY_REFUSED' || props.error.messageKey === 'error.conflict') && props.error.issues?.map((i) => ` ${i.message}`).join('')}
          </Text>
        )}
        <Group justify="flex-end">
          <Button type="submit" size="sm" color={approving ? 'teal' : 'red'} loading={props.busy} data-testid={`${p}-submit`}>
            {approving ? (built.ok && built.lowered ? t('approvals.approveLower') : t('approvals.approveAsked')) : t('approvals.refuseSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
