import { Alert, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState, type KeyboardEvent, type ReactElement, type RefObject } from 'react';
import { useStore } from 'zustand';
import type { ApprovalDetail, ApprovalSummary } from '../../../../core/api';
import { formatAmount, formatTime } from '../../../../core/i18n';
import { useT, type Translator } from '../../i18n/use-t';
import { inboxStore } from '../../store';
import { Amount } from '../../ui/amount';
import { isEditable } from '../../ui/dom';
import { IconCheck, IconClock, IconX } from '../../ui/icons';
import { Listbox } from '../../ui/listbox';
import { LoadError, Loading } from '../../ui/load-state';
import { describeRequest, failedFirst, roleInSentence } from '../discount/describe';
import { ApprovalsSoundSwitch } from './ApprovalsAwareness';
import { DecisionForm, type DecisionFormHandle } from './DecisionForm';
import { waitingMinutes, type InboxStore } from './inbox-store';

/** "just now", "4 min", "1 h 05" — how long the caller has been waiting. */
export function waitingLabel(t: Translator, minutes: number): string {
  if (minutes < 1) return t('approvals.waiting.now');
  if (minutes < 60) return t('approvals.waiting.minutes', { minutes });
  return t('approvals.waiting.hours', { hours: Math.floor(minutes / 60), minutes: String(minutes % 60).padStart(2, '0') });
}

function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/**
 * The approver's inbox (a supervisor: every request; a senior agent: those routed to a senior
 * agent): pending requests, the longest-waiting first, live. Select one to see
 * why the engine sent it here and whether the supervisor may approve it as asked; approve (as
 * asked or lower) or refuse with a comment. Keyboard: ↑/↓ move, A approve, R refuse, Enter sends.
 */
export function ApprovalsInbox(): ReactElement {
  const t = useT();
  const store = inboxStore;
  const { status, value, error } = useStore(store, (s) => s.requests);
  const items = value ?? [];
  const lastDecision = useStore(store, (s) => s.lastDecision);
  const form = useRef<DecisionFormHandle>(null);

  useEffect(() => store.getState().watch(), [store]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isEditable(event.target)) return;
    const key = event.key.toLowerCase();
    if ((key === 'a' || key === 'r') && form.current) {
      event.preventDefault();
      form.current.choose(key === 'a' ? 'approve' : 'refuse');
    }
  }

  return (
    <div className="ard-tab" data-testid="approvals-inbox" onKeyDown={onKeyDown}>
      <Group justify="space-between" gap="xs">
        <Title order={2} fz="lg">
          {t('approvals.inbox.title')}
        </Title>
        <Group gap="md">
          <ApprovalsSoundSwitch />
          <Badge size="lg" variant={items.length > 0 ? 'filled' : 'light'} color={items.length > 0 ? 'orange' : 'gray'} data-testid="approvals-count">
            {t.plural('approvals.inbox.count', items.length)}
          </Badge>
        </Group>
      </Group>
      {lastDecision && (
        <Alert color={lastDecision.result.status === 'applied' ? 'teal' : 'red'} variant="light" py={6} role="status" data-testid="approvals-last">
          {lastDecision.result.status === 'applied'
            ? t('approvals.inbox.applied', {
                customer: lastDecision.summary.customerName,
                amount: formatAmount(t.locale, lastDecision.result.approvedAmount ?? lastDecision.summary.amount, lastDecision.summary.currency),
              })
            : t('approvals.inbox.refused', { customer: lastDecision.summary.customerName })}
        </Alert>
      )}
      {status === 'error' && error && <LoadError error={error} onRetry={() => void store.getState().refresh()} testId="approvals-error" />}
      {status === 'idle' || status === 'loading' ? (
        <Loading label={t('approvals.loading')} />
      ) : items.length === 0 ? (
        <Paper withBorder p="lg" data-testid="approvals-empty">
          <Text c="dimmed" ta="center">
            {t('approvals.inbox.empty')}
          </Text>
        </Paper>
      ) : (
        <div className="ard-split ard-split-wide">
          <InboxList store={store} items={items} />
          <InboxDetail store={store} form={form} />
        </div>
      )}
    </div>
  );
}

function InboxList({ store, items }: { store: InboxStore; items: readonly ApprovalSummary[] }): ReactElement {
  const t = useT();
  const selectedId = useStore(store, (s) => s.selectedId);
  const arrived = useStore(store, (s) => s.arrived);
  const now = useNow(15_000);

  return (
    <Stack gap={6} miw={0}>
      {/* The list takes the focus when it first appears, so the keys work at once. */}
      <Listbox
        keys={{
          move: t('approvals.keys.move'),
          more: [
            [['A'], t('approvals.keys.approve')],
            [['R'], t('approvals.keys.refuse')],
            [['↵'], t('approvals.keys.send')],
          ],
        }}
        items={items}
        idOf={(item) => item.approvalId}
        rowIdPrefix="approval-"
        selectedId={selectedId}
        onMove={(delta) => store.getState().move(delta)}
        onPick={(id) => store.getState().select(id)}
        focusOnMount
        label={t('approvals.inbox.title')}
        style={{ maxHeight: 'min(66vh, 680px)' }}
        testId="approvals-list"
        rowTestId="approvals-row"
        rowAttributes={(item) => ({ 'data-approval-id': item.approvalId, 'data-fresh': arrived.includes(item.approvalId) || undefined })}
      >
        {(item) => {
          const minutes = waitingMinutes(item.requestedAt, now);
          return (
            <>
              <span className="ard-row-main">{item.customerName}</span>
              <Amount value={item.amount} currency={item.currency} className="ard-row-main" />
              <span className="ard-row-sub">
                {item.reasonLabel} · {t('approvals.by', { name: item.requestedBy.name })}
              </span>
              <span className="ard-row-sub" style={{ textAlign: 'right' }}>
                <Text span size="xs" c={minutes >= 5 ? 'red.8' : 'dimmed'} fw={minutes >= 5 ? 600 : 400} data-testid="approvals-waiting">
                  <IconClock size={11} /> {waitingLabel(t, minutes)}
                </Text>
              </span>
            </>
          );
        }}
      </Listbox>
    </Stack>
  );
}

function InboxDetail({ store, form }: { store: InboxStore; form: RefObject<DecisionFormHandle | null> }): ReactElement | null {
  const t = useT();
  const detail = useStore(store, (s) => s.detail);
  const deciding = useStore(store, (s) => s.deciding);
  const selectedId = useStore(store, (s) => s.selectedId);

  if (detail.status === 'error' && detail.error) {
    return <LoadError error={detail.error} onRetry={() => selectedId && store.getState().select(selectedId)} testId="approvals-detail-error" />;
  }
  if (!detail.value || detail.value.approvalId !== selectedId) return <Loading label={t('approvals.detail.loading')} />;
  const d = detail.value;

  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="approval-title" data-testid="approvals-detail" miw={0}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <Stack gap={0} miw={0}>
            <Title order={3} fz="md" id="approval-title">
              {d.customerName}{' '}
              <Text span size="xs" c="dimmed" className="ard-mono">
                {d.accountNumber}
              </Text>
            </Title>
            <Text size="xs" c="dimmed">
              {t('approvals.detail.asked', {
                name: d.requestedBy.name,
                time: formatTime(t.locale, d.requestedAt),
                role: roleInSentence(t, d.approverRole),
              })}
            </Text>
          </Stack>
          <Text fz={22} fw={750}>
            <Amount value={d.amount} currency={d.currency} testId="approvals-detail-amount" />
          </Text>
        </Group>
        <Text size="sm" fw={600} data-testid="approvals-detail-request">
          {describeRequest(t, d.request, d.currency)} · {d.reasonLabel}
        </Text>
        {d.scheduleSentence && (
          <Text size="sm" data-testid="approvals-detail-schedule">
            {d.scheduleSentence}
          </Text>
        )}

        <Explanation detail={d} />

        <DecisionForm
          key={d.approvalId}
          approval={d}
          busy={deciding.status === 'deciding'}
          error={deciding.error}
          testIdPrefix="approvals"
          handle={form}
          onSubmit={(payload) => void store.getState().decide({ ...payload, approvalId: d.approvalId })}
        />
      </Stack>
    </Paper>
  );
}

/** Why the engine sent it here (as asked), and what this supervisor may approve now. */
function Explanation({ detail }: { detail: ApprovalDetail }): ReactElement {
  const t = useT();
  const fmt = (v: number) => formatAmount(t.locale, v, detail.currency);
  const mine = detail.forApprover;
  return (
    <Stack gap={6}>
      <div className="ard-decision" data-outcome={detail.explanation.outcome} data-testid="approvals-explanation">
        <Text size="sm" fw={600} mb={4}>
          {detail.explanation.headline}
        </Text>
        <Stack gap={3}>
          {failedFirst(detail.explanation.rules).map((rule) => (
            <div key={rule.rule} className="ard-rule" data-passed={rule.passed}>
              {rule.passed ? <IconCheck size={14} /> : <IconX size={14} />}
              <span>{rule.text}</span>
            </div>
          ))}
        </Stack>
      </div>
      <Text size="sm" c={mine.outcome === 'allowed' ? 'teal.8' : 'red.8'} fw={600} data-testid="approvals-for-me" data-outcome={mine.outcome}>
        {mine.outcome === 'allowed'
          ? t('approvals.forMe.allowed')
          : mine.maxAllowedNow > 0
            ? t('approvals.forMe.lower', { max: fmt(mine.maxAllowedNow) })
            : t('approvals.forMe.refused', { headline: mine.headline })}
      </Text>
    </Stack>
  );
}
