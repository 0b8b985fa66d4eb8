import './audit.css';
import { Alert, Badge, Button, Group, Loader, Paper, Stack, Table, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { useEffect, useState, type FormEvent, type ReactElement } from 'react';
import type { AuditChainProblem, AuditEntryView, AuditVerifyReport, InteractionAudit, InteractionSummary } from '../../../../core/api';
import { formatDateTime, formatTime, hasMessage } from '../../../../core/i18n';
import { useT, type Translator } from '../../i18n/use-t';
import { auditStore, useAudit } from '../../store';
import { IconAlert } from '../../ui/icons';
import { IconRefresh, IconShieldCheck } from '../../ui/icons';
import { formatHandleTime } from '../call/timer';
import { dispositionLabel } from '../wrapup/dispositions';
import { parseInteractionId } from './audit-store';
import { compactDiff, shortSubject } from './diff';
import { DataTable } from '../../ui/data-table';
import { EmptyLine, ErrorAlert } from '../../ui/load-state';
import { RefreshButton } from '../../ui/refresh-button';
import { InlineForm } from '../../ui/inline-form';

/**
 * Supervisors: pick a call (recent list, or paste its id) and read its audit trail — who did
 * what, when, and what changed — with the hash chain's status ("chain intact" or its problems).
 */
export function AuditScreen(): ReactElement {
  const t = useT();
  const selectedId = useAudit((s) => s.selectedId);

  useEffect(() => {
    void auditStore.getState().loadRecent();
  }, []);

  return (
    <div className="ard-audit" data-testid="audit-screen">
      <Paper withBorder p="sm" className="ard-column" component="aside" aria-labelledby="audit-recent-title">
        <IdForm />
        <RecentCalls selectedId={selectedId} />
      </Paper>
      <Paper withBorder p="md" className="ard-scroll" component="section" aria-labelledby="audit-trail-title">
        {selectedId ? (
          <Trail />
        ) : (
          <Stack gap="xs" p="md">
            <Title order={2} fz="h3" id="audit-trail-title">
              {t('audit.title')}
            </Title>
            <Text c="dimmed">{t('audit.pick')}</Text>
          </Stack>
        )}
      </Paper>
    </div>
  );
}

function IdForm(): ReactElement {
  const t = useT();
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState(false);

  function onSubmit(event: FormEvent): void {
    event.preventDefault();
    const id = parseInteractionId(text);
    if (!id) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    void auditStore.getState().select(id);
  }

  return (
    <InlineForm onSubmit={onSubmit} testId="audit-id-form">
      <TextInput
        size="xs"
        label={t('audit.byId')}
        placeholder={t('audit.byId.placeholder')}
        value={text}
        onChange={(e) => {
          setText(e.currentTarget.value);
          setInvalid(false);
        }}
        error={invalid ? t('audit.byId.invalid') : undefined}
        classNames={{ input: 'ard-mono' }}
        style={{ flex: 1 }}
        spellCheck={false}
        autoComplete="off"
        data-testid="audit-id-input"
      />
      <Button type="submit" size="xs" variant="light" data-testid="audit-id-open">
        {t('audit.byId.open')}
      </Button>
    </InlineForm>
  );
}

function RecentCalls({ selectedId }: { selectedId: string | null }): ReactElement {
  const t = useT();
  const recent = useAudit((s) => s.recent);
  const items = recent.value ?? [];
  return (
    <>
      <Group justify="space-between" mt="sm">
        <Title order={2} fz="sm" id="audit-recent-title">
          {t('audit.recent')}
        </Title>
        <Tooltip label={t('audit.refresh')}>
          <Button
            size="compact-xs"
            variant="subtle"
            color="gray"
            aria-label={t('audit.refresh')}
            loading={recent.status === 'loading'}
            onClick={() => void auditStore.getState().loadRecent()}
          >
            <IconRefresh size={14} />
          </Button>
        </Tooltip>
      </Group>
      {recent.error && (
        <Text size="xs" c="red.8" role="alert">
          {t('audit.recent.loadFailed')} {t.error(recent.error)}
        </Text>
      )}
      {recent.status === 'ready' && items.length === 0 && <EmptyLine>{t('audit.recent.empty')}</EmptyLine>}
      <div className="ard-results" role="listbox" aria-labelledby="audit-recent-title" data-testid="audit-recent">
        {items.map((call) => (
          <RecentRow key={call.interactionId} call={call} selected={call.interactionId === selectedId} t={t} />
        ))}
      </div>
    </>
  );
}

function RecentRow({ call, selected, t }: { call: InteractionSummary; selected: boolean; t: Translator }): ReactElement {
  return (
    <div
      role="option"
      aria-selected={selected}
      tabIndex={0}
      className="ard-result"
      data-testid="audit-recent-row"
      data-interaction-id={call.interactionId}
      onClick={() => void auditStore.getState().select(call.interactionId)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          void auditStore.getState().select(call.interactionId);
        }
      }}
    >
      <div className="ard-result-line">
        <span className="ard-result-name">{call.callerName ?? t('call.open.unknownCaller')}</span>
        <span className="ard-push ard-mono" style={{ fontSize: 12, whiteSpace: 'nowrap' }} title={formatDateTime(t.locale, call.startedAt)}>
          {sameDay(call.startedAt) ? formatTime(t.locale, call.startedAt) : formatDateTime(t.locale, call.startedAt)}
        </span>
      </div>
      <div className="ard-result-details">
        <span>{call.agentName}</span>
        {call.handleSeconds !== null && <span className="ard-mono">{formatHandleTime(call.handleSeconds)}</span>}
        <span>{call.verifiedAt ? t('audit.call.verified') : t('audit.call.notVerified')}</span>
        {call.endedAt === null ? (
          <Badge size="xs" color="orange" variant="light">
            {t('audit.call.stillOpen')}
          </Badge>
        ) : call.disposition ? (
          <Badge size="xs" color="gray" variant="light" style={{ maxWidth: '100%' }}>
            {dispositionLabel(t, call.disposition)}
          </Badge>
        ) : null}
      </div>
    </div>
  );
}

function sameDay(iso: string): boolean {
  return new Date(iso).toDateString() === new Date().toDateString();
}

function Trail(): ReactElement {
  const t = useT();
  const trail = useAudit((s) => s.trail);
  const chain = useAudit((s) => s.chain);
  const data = trail.value;

  if (!data) {
    if (trail.status === 'error' && trail.error) {
      return <ErrorAlert error={trail.error} lead={t('audit.loadFailed')} testId="audit-error" />;
    }
    return (
      <Group gap="xs" role="status">
        <Loader size="sm" />
      </Group>
    );
  }

  return (
    <Stack gap="md" data-testid="audit-trail" data-interaction-id={data.interaction.interactionId}>
      <CallSummary audit={data} t={t} />
      <ChainStatus report={chain.value ?? data.chain} checking={chain.status === 'loading'} thisCall={data.problemsInThisInteraction} t={t} />
      <Stack gap={4}>
        <Title order={3} fz="sm">
          {t('audit.entries')}
        </Title>
        {data.entries.length === 0 ? (
          <EmptyLine>{t('audit.entries.none')}</EmptyLine>
        ) : (
          <DataTable
            verticalSpacing={4}
            fz="sm"
            withRowBorders
            highlightOnHover
            testId="audit-entries"
            columns={[{ label: t('audit.col.time'), w: 70 }, t('audit.col.who'), t('audit.col.action'), t('audit.col.subject'), t('audit.col.change')]}
          >
            {data.entries.map((entry) => (
              <EntryRow key={entry.entryId} entry={entry} flagged={data.problemsInThisInteraction.some((p) => p.seq === entry.seq)} t={t} />
            ))}
          </DataTable>
        )}
      </Stack>
    </Stack>
  );
}

function CallSummary({ audit, t }: { audit: InteractionAudit; t: Translator }): ReactElement {
  const call = audit.interaction;
  const item = (label: string, value: string, testId?: string) => (
    <Stack gap={0} data-testid={testId}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={600}>
        {value}
      </Text>
    </Stack>
  );
  return (
    <Stack gap="xs">
      <Group justify="space-between" align="flex-start">
        <Stack gap={0}>
          <Title order={2} fz="h3" id="audit-trail-title">
            {t('audit.call.title', { name: call.callerName ?? t('audit.call.unknownCaller') })}
          </Title>
          <Text size="xs" c="dimmed" className="ard-mono" data-testid="audit-interaction-id">
            {call.interactionId}
          </Text>
        </Stack>
      </Group>
      <Group gap="xl" wrap="wrap">
        {item(t('audit.call.agent'), call.agentName)}
        {item(t('audit.call.started'), formatDateTime(t.locale, call.startedAt))}
        {item(t('audit.call.verified'), call.verifiedAt ? formatTime(t.locale, call.verifiedAt) : t('audit.call.notVerified'))}
        {item(t('audit.call.ended'), call.endedAt ? formatTime(t.locale, call.endedAt) : t('audit.call.stillOpen'))}
        {call.disposition && item(t('audit.call.disposition'), dispositionLabel(t, call.disposition), 'audit-disposition')}
        {call.handleSeconds !== null && item(t('audit.call.handle'), formatHandleTime(call.handleSeconds))}
      </Group>
    </Stack>
  );
}

function problemText(t: Translator, p: AuditChainProblem): string {
  const key = p.kind === 'ledger' && !p.ledgerEntryId ? 'audit.problem.ledger_baseline' : `audit.problem.${p.kind}`;
  return hasMessage(key) ? t(key, { seq: p.seq, ledgerEntryId: p.ledgerEntryId ?? '' }) : p.message;
}

function ChainStatus(props: { report: AuditVerifyReport; checking: boolean; thisCall: readonly AuditChainProblem[]; t: Translator }): ReactElement {
  const { report, checking, thisCall, t } = props;
  const recheck = (
    <RefreshButton label={t('audit.chain.recheck')} loading={checking} onClick={() => void auditStore.getState().verifyChain()} testId="audit-chain-recheck" />
  );
  if (report.ok) {
    return (
      <Group gap="sm" data-testid="audit-chain" data-ok="true">
        <Badge color="teal" variant="light" size="lg" leftSection={<IconShieldCheck size={14} />}>
          {t('audit.chain.ok')}
        </Badge>
        <Text size="xs" c="dimmed">
          {t('audit.chain.okDetail', { count: report.entriesChecked, time: formatTime(t.locale, report.checkedAt) })}
        </Text>
        {recheck}
      </Group>
    );
  }
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlert />}
      title={t.plural('audit.chain.broken', report.problems.length)}
      data-testid="audit-chain"
      data-ok="false"
    >
      <Stack gap="xs" align="flex-start">
        {thisCall.length > 0 ? (
          <>
            <Text size="sm" fw={600}>
              {t('audit.chain.thisCall')}
            </Text>
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {thisCall.map((p) => (
                <li key={`${p.kind}-${p.seq}`}>
                  <Text size="sm">{problemText(t, p)}</Text>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <Text size="sm">{t('audit.chain.elsewhere')}</Text>
        )}
        <Text size="xs" c="dimmed">
          {report.problems
            .slice(0, 5)
            .map((p) => problemText(t, p))
            .join(' · ')}
        </Text>
        {recheck}
      </Stack>
    </Alert>
  );
}

function actionLabel(t: Translator, action: string): string {
  const key = `audit.action.${action}`;
  return hasMessage(key) ? t(key) : action.replace(/_/g, ' ');
}

function EntryRow({ entry, flagged, t }: { entry: AuditEntryView; flagged: boolean; t: Translator }): ReactElement {
  const changes = compactDiff(entry.before, entry.after);
  return (
    <Table.Tr data-testid="audit-entry" data-action={entry.action} data-seq={entry.seq} bg={flagged ? 'red.0' : undefined}>
      <Table.Td className="ard-mono" title={formatDateTime(t.locale, entry.at)}>
        {formatTime(t.locale, entry.at)}
      </Table.Td>
      <Table.Td>{entry.actorName ?? t('audit.system')}</Table.Td>
      <Table.Td fw={600}>{actionLabel(t, entry.action)}</Table.Td>
      <Table.Td className="ard-mono" style={{ fontSize: 12, whiteSpace: 'nowrap' }} title={entry.subject ?? undefined}>
        {entry.subject ? shortSubject(entry.subject).text : t('audit.change.none')}
      </Table.Td>
      <Table.Td style={{ fontSize: 12 }}>
        {changes.length === 0 ? (
          <Text span c="dimmed" size="xs">
            {t('audit.change.none')}
          </Text>
        ) : (
          <ul className="ard-diff">
            {changes.slice(0, 6).map((c) => (
              <li key={c.path || '_'}>
                {c.path && <span className="ard-diff-key">{c.path}</span>}
                {c.before !== null && <del>{c.before}</del>}
                {c.before !== null && c.after !== null && <span aria-hidden="true"> → </span>}
                {c.after !== null && <ins>{c.after}</ins>}
              </li>
            ))}
            {changes.length > 6 && <li>…</li>}
          </ul>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
