import { Badge, Button, Collapse, Group, Paper, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState, type ReactElement } from 'react';
import { useStore } from 'zustand';
import type { ApprovalStatus, CallApprovalStatus } from '../../../../core/api';
import { formatAmount, formatTime } from '../../../../core/i18n';
import { useT } from '../../i18n/use-t';
import { useCallScope } from '../../store';
import { IconClock } from '../../ui/icons';
import '../../ui/ui.css';
import { describeRequest, roleInSentence } from '../discount/describe';
import { DecisionForm } from './DecisionForm';
import type { CallApprovalsStore } from './call-approvals-store';

const NONE: readonly CallApprovalStatus[] = [];

const STATUS_COLOR: Record<ApprovalStatus, string> = {
  pending: 'orange',
  approved: 'teal',
  applied: 'teal',
  refused: 'red',
  cancelled: 'gray',
};

/**
 * This call's approval requests and their decisions, live: a request sent to a supervisor shows
 * as pending, then turns into the decision (the amount approved, possibly lower than asked, or
 * the refusal with its comment) the moment it is made — without reloading. A supervisor standing
 * at the agent's desk can decide right here with their own credentials.
 * Renders nothing while the call has no request.
 */
export function CallApprovals(): ReactElement | null {
  const t = useT();
  const store = useCallScope().approvals;
  const items = useStore(store, (s) => s.requests.value ?? NONE);
  const freshlyDecided = useStore(store, (s) => s.freshlyDecided);

  useEffect(() => store.getState().watch(), [store]);

  if (items.length === 0) return null;
  return (
    <Stack gap={6} data-testid="call-approvals" aria-live="polite" aria-label={t('approvals.call.title')}>
      {items.map((item) => (
        <ApprovalCard key={item.approvalId} store={store} item={item} fresh={freshlyDecided.includes(item.approvalId)} />
      ))}
    </Stack>
  );
}

function ApprovalCard(props: { store: CallApprovalsStore; item: CallApprovalStatus; fresh: boolean }): ReactElement {
  const t = useT();
  const { item, store } = props;
  const [here, setHere] = useState(false);
  const pending = item.status === 'pending';
  const fmt = (v: number) => formatAmount(t.locale, v, item.currency);
  const lowered = item.approvedAmount !== null && item.approvedAmount < item.amount;
  const color = STATUS_COLOR[item.status];

  return (
    <Paper
      withBorder
      p="xs"
      className="ard-approval"
      data-fresh={props.fresh || undefined}
      style={{ borderLeftColor: `var(--mantine-color-${color}-7)` }}
      data-testid="call-approval"
      data-approval-id={item.approvalId}
      data-status={item.status}
    >
      <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
        <Stack gap={2} miw={0}>
          <Group gap={6} wrap="wrap">
            <Badge color={color} variant={pending ? 'light' : 'filled'} size="sm" data-testid="call-approval-status">
              {t(`approvals.status.${item.status}`)}
            </Badge>
            <Text size="sm" fw={600}>
              {describeRequest(t, item.request, item.currency)}
            </Text>
            <Text size="xs" c="dimmed">
              · {item.reasonLabel}
            </Text>
          </Group>
          {pending && item.scheduleSentence && (
            <Text size="sm" data-testid="call-approval-schedule">
              {item.scheduleSentence}
            </Text>
          )}
          {pending ? (
            <Text size="xs" c="dimmed">
              <IconClock size={12} />{' '}
              {t('approvals.call.waiting', { role: roleInSentence(t, item.approverRole), time: formatTime(t.locale, item.requestedAt) })}
            </Text>
          ) : (
            <Text size="sm" data-testid="call-approval-summary">
              {item.summary}
            </Text>
          )}
          {lowered && (
            <Text size="sm" fw={600} c="orange.8" data-testid="call-approval-lowered">
              {t('approvals.call.lowered', { approved: fmt(item.approvedAmount!), asked: fmt(item.amount) })}
            </Text>
          )}
          {item.status === 'refused' && item.comment && !item.summary.includes(item.comment) && (
            <Text size="sm" fs="italic" data-testid="call-approval-comment">
              {t('approvals.call.comment', { comment: item.comment })}
            </Text>
          )}
        </Stack>
        {pending && (
          <Button size="compact-xs" variant={here ? 'light' : 'default'} onClick={() => setHere((v) => !v)} data-testid="call-approval-here">
            {t('approvals.here.open')}
          </Button>
        )}
      </Group>
      {pending && <Collapse expanded={here}>{here && <DecideHere store={store} item={item} onDone={() => setHere(false)} />}</Collapse>}
    </Paper>
  );
}

/** The supervisor types their own username and password; nothing of it is kept after the decision. */
function DecideHere(props: { store: CallApprovalsStore; item: CallApprovalStatus; onDone: () => void }): ReactElement {
  const t = useT();
  const { store, item } = props;
  const decideHere = useStore(store, (s) => s.here);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);

  useEffect(() => () => store.getState().clearDecideHereError(), [store]);

  return (
    <Stack gap="xs" mt="xs" pt="xs" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }} data-testid="call-approval-here-form">
      <Text size="xs" c="dimmed">
        {t('approvals.here.hint', { role: roleInSentence(t, item.approverRole) })}
      </Text>
      <DecisionForm
        approval={item}
        busy={decideHere.status === 'deciding'}
        error={decideHere.error}
        testIdPrefix="here"
        before={
          <Group gap="xs" grow align="flex-start">
            <TextInput
              size="xs"
              label={t('approvals.here.username')}
              value={username}
              onChange={(e) => setUsername(e.currentTarget.value)}
              autoComplete="off"
              autoFocus
              error={missing && !username.trim() ? t('signin.usernameRequired') : undefined}
              data-testid="here-username"
            />
            <PasswordInput
              size="xs"
              label={t('approvals.here.password')}
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              autoComplete="off"
              error={missing && !password ? t('signin.passwordRequired') : undefined}
              data-testid="here-password"
            />
          </Group>
        }
        onSubmit={(payload) => {
          if (!username.trim() || !password) {
            setMissing(true);
            return;
          }
          void store
            .getState()
            .decideHere({ approvalId: item.approvalId, username, password, ...payload })
            .then((result) => {
              setPassword('');
              if (result) props.onDone();
            });
        }}
      />
    </Stack>
  );
}
