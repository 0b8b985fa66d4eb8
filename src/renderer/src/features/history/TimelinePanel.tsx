import { Badge, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, type ReactElement } from 'react';
import type { FollowUpView, TimelineCall } from '../../../../core/api';
import { formatDateTime, type MessageKey } from '../../../../core/i18n';
import { useT, type Translator } from '../../i18n/use-t';
import { useCallScope, useHistory } from '../../store';
import { EmptyLine, ErrorAlert } from '../../ui/load-state';
import { calendarDate, safeAmount } from '../account/format';
import { dispositionLabel } from '../wrapup/dispositions';

const REASONS = new Set(['billing_error', 'goodwill', 'service_outage', 'retention_offer', 'late_fee_waiver']);
const reasonLabel = (t: Translator, reason: string) => t((REASONS.has(reason) ? `recap.reason.${reason}` : 'recap.reason.other') as MessageKey);

/**
 * Earlier calls of the verified caller, newest first: when, who took it, the outcome, the wrap-up
 * note and notes, credits granted, plan changes and follow-ups — and the follow-ups still open,
 * which the agent can mark done on this call.
 */
export function TimelinePanel(): ReactElement {
  const t = useT();
  const { history } = useCallScope();
  const { status, value, error } = useHistory((s) => s.timeline);
  const marking = useHistory((s) => s.marking);
  const markError = useHistory((s) => s.markError);

  useEffect(() => {
    history.getState().open();
  }, [history]);

  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="timeline-title" data-testid="timeline">
      <Title order={3} fz="sm" c="dimmed" fw={650} id="timeline-title" mb={6}>
        {t('history.title')}
      </Title>
      {status === 'loading' && !value && <Loader size="sm" />}
      {error && (
        <ErrorAlert error={error} lead={t('history.loadFailed')} retry={{ label: t('account.retry'), onRetry: () => void history.getState().reload() }} />
      )}
      {markError && <ErrorAlert error={markError} testId="timeline-mark-error" />}
      {value && (
        <Stack gap="sm">
          {value.openFollowUps.length > 0 && (
            <Stack gap={4} data-testid="timeline-open-followups">
              <Text size="sm" fw={650}>
                {t('history.dueFollowUps')}
              </Text>
              {value.openFollowUps.map((f) => (
                <FollowUpLine key={f.followUpId} f={f} t={t} onDone={() => void history.getState().markDone(f.followUpId)} busy={marking === f.followUpId} />
              ))}
            </Stack>
          )}
          {value.calls.length === 0 ? (
            <EmptyLine testId="timeline-empty">{t('history.empty')}</EmptyLine>
          ) : (
            <ol className="ard-timeline" aria-label={t('history.title')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {value.calls.map((c) => (
                <CallEntry key={c.interactionId} c={c} t={t} />
              ))}
            </ol>
          )}
        </Stack>
      )}
    </Paper>
  );
}

function FollowUpLine({ f, t, onDone, busy }: { f: FollowUpView; t: Translator; onDone?: () => void; busy?: boolean }): ReactElement {
  return (
    <Group gap="xs" wrap="nowrap" data-testid="timeline-followup" data-done={f.doneAt !== null}>
      <Badge size="sm" variant="light" color={f.doneAt ? 'gray' : f.due ? 'orange' : 'blue'}>
        {t(f.kind === 'callback' ? 'followup.kind.callback' : 'followup.kind.promise')}
      </Badge>
      <Text size="sm">{f.text}</Text>
      <Text size="xs" c="dimmed">
        {f.doneAt ? t('followup.doneAt', { date: formatDateTime(t.locale, f.doneAt) }) : t('followup.dueAt', { date: formatDateTime(t.locale, f.dueAt) })}
      </Text>
      {f.due && !f.doneAt && (
        <Badge size="xs" color="orange">
          {t('followup.overdue')}
        </Badge>
      )}
      {onDone && !f.doneAt && (
        <Button size="compact-xs" variant="light" onClick={onDone} loading={busy} data-testid="timeline-followup-done">
          {t('followup.markDone')}
        </Button>
      )}
    </Group>
  );
}

function CallEntry({ c, t }: { c: TimelineCall; t: Translator }): ReactElement {
  return (
    <li data-testid="timeline-call" data-interaction-id={c.interactionId} style={{ borderTop: '1px solid var(--mantine-color-gray-3)', padding: '6px 0' }}>
      <Group gap="xs" wrap="wrap">
        <Text size="sm" fw={650}>
          {formatDateTime(t.locale, c.startedAt)}
        </Text>
        <Text size="sm">{t('history.by', { agent: c.agentName })}</Text>
        <Badge size="sm" variant="light" color={c.endedAt ? 'teal' : 'gray'}>
          {c.disposition ? dispositionLabel(t, c.disposition) : c.endedAt ? t('history.noDisposition') : t('history.open')}
        </Badge>
      </Group>
      {c.note && (
        <Text size="sm" style={{ whiteSpace: 'pre-line' }} data-testid="timeline-note">
          {c.note}
        </Text>
      )}
      {c.notes.map((n) => (
        <Text key={n.noteId} size="sm" c="dimmed">
          {n.authorName} — {n.text}
        </Text>
      ))}
      {c.credits.map((cr) => (
        <Text key={cr.ledgerEntryId} size="sm" data-testid="timeline-credit">
          {cr.kind === 'reversal'
            ? t('history.creditReversal', { amount: safeAmount(t.locale, Math.abs(cr.amount), cr.currency) })
            : t('history.credit', { amount: safeAmount(t.locale, cr.amount, cr.currency), reason: reasonLabel(t, cr.reason) })}
        </Text>
      ))}
      {c.planChanges.map((p, i) => (
        <Text key={`${p.planCode}-${i}`} size="sm">
          {t('history.planChange', { plan: p.planName, date: calendarDate(t.locale, p.effectiveOn, 'longDate') })}
        </Text>
      ))}
      {c.followUps.map((f) => (
        <FollowUpLine key={f.followUpId} f={f} t={t} />
      ))}
    </li>
  );
}
