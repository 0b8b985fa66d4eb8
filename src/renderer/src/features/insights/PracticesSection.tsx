import { Alert, Badge, Group, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useDeferredValue, type ReactElement } from 'react';
import { useStore } from 'zustand';
import type { IntervalEstimate, PracticesOverview, WaitFigure } from '../../../../core/api';
import { formatDateTime, formatNumber, hasMessage, intlLocale, type MessageKey } from '../../../../core/i18n';
import { formatDuration } from '../../../../core/i18n/duration';
import { useT, type Translator } from '../../i18n/use-t';
import { DataTable } from '../../ui/data-table';
import { AgentFunnel } from './AgentFunnel';
import { pct } from './insights-store';
import { ScopeNote } from './ScopeNote';
import { practices } from './stores';

/** The practices table's columns (practices.col.*), and the waiting tables' after their first. */
const PRACTICE_COLUMNS = ['practice', 'with', 'without', 'hr'] as const;
const WAIT_COLUMNS = ['requests', 'p50', 'p90'] as const;

/**
 * What agents did on calls and how customers fared — DESCRIPTIVE ONLY, labelled so on the
 * section — and the wait for a supervisor's decision. Every figure is main's; a side below the
 * minimum sample comes without one.
 */
export function PracticesSection(): ReactElement {
  const t = useT();
  const state = useStore(practices.store, (s) => s.value);
  // The figures of the last answer, rendered at low priority: a re-slice never holds up the filter bar.
  const o = useDeferredValue(state.value);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="practices-title" data-testid="insights-practices">
      <Stack gap="sm">
        {/* Wraps: the scope and "descriptive only" are read in full, never cut off. */}
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={3} fz="h4" id="practices-title">
            {t('practices.title')}
          </Title>
          <Group gap="xs" wrap="wrap">
            {o && <ScopeNote scope={o} testId="practices-scope" />}
            <Badge color="gray" variant="outline" data-testid="practices-descriptive">
              {t('practices.badge')}
            </Badge>
          </Group>
        </Group>
        <Alert color="gray" variant="light" data-testid="practices-caveat">
          {t('practices.descriptive')}
        </Alert>
        {state.error && (
          <Alert color="red" variant="light" data-testid="practices-error">
            {t.error(state.error)}
          </Alert>
        )}
        {o && <Figures o={o} t={t} />}
      </Stack>
    </Paper>
  );
}

function Figures({ o, t }: { o: PracticesOverview; t: Translator }): ReactElement {
  const loc = intlLocale(t.locale);
  const n = (x: number, digits = 0) => formatNumber(t.locale, x, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const kept = (x: IntervalEstimate | null) => (x ? `${pct(x.estimate, loc)} % (${pct(x.lower, loc)}–${pct(x.upper, loc)})` : t('insights.horizon.hidden'));
  return (
    <Stack gap="sm">
      <Text size="xs" c="dimmed">
        {t('practices.subtitle', { days: o.days })} {t('practices.customers', { n: n(o.customers) })}
      </Text>
      <DataTable withTableBorder striped testId="practices-table" columns={PRACTICE_COLUMNS.map((c) => t(`practices.col.${c}`, { days: o.days }))}>
        {o.practices.map((p) => (
          <Table.Tr key={p.practice} data-testid={`practice-${p.practice}`} data-shown={p.hazardRatio ? 'yes' : 'no'}>
            <Table.Td>{p.label}</Table.Td>
            <Table.Td>
              {n(p.withPractice.customers)} · {kept(p.withPractice.retention)}
            </Table.Td>
            <Table.Td>
              {n(p.without.customers)} · {kept(p.without.retention)}
            </Table.Td>
            <Table.Td>
              {p.hazardRatio ? `${n(p.hazardRatio.estimate, 2)} (${n(p.hazardRatio.lower, 2)}–${n(p.hazardRatio.upper, 2)})` : t('insights.horizon.hidden')}
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      {o.practices.map((p) => (
        <Text key={p.practice} size="sm" data-testid={`practice-${p.practice}-sentence`}>
          {p.sentence}
        </Text>
      ))}
      <Title order={4} fz="sm">
        {t('practices.next.title')}
      </Title>
      <List size="sm" data-testid="practices-next">
        {o.nextExperiments.map((s) => (
          <List.Item key={s}>{s}</List.Item>
        ))}
      </List>
      <Title order={4} fz="sm">
        {t('practices.dispositions')}
      </Title>
      <DataTable
        withTableBorder
        striped
        testId="practices-dispositions"
        columns={[t('practices.col.practice'), t('insights.horizon.n'), t('insights.horizon', { days: o.days })]}
      >
        {o.dispositions.map((d) => (
          <Table.Tr key={d.disposition}>
            <Table.Td>{hasMessage(`disposition.${d.disposition}`) ? t(`disposition.${d.disposition}` as MessageKey) : d.disposition}</Table.Td>
            <Table.Td>{n(d.customers)}</Table.Td>
            <Table.Td>{kept(d.retention)}</Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      <AgentFunnel f={o.funnel} t={t} selected={o.filter.agentId} />
      <Waiting o={o} t={t} />
    </Stack>
  );
}

function Waiting({ o, t }: { o: PracticesOverview; t: Translator }): ReactElement {
  const w = o.waiting;
  const d = (s: number | null) => (s === null ? t('waiting.hidden') : formatDuration(t.locale, s));
  const row = (key: string, label: string, f: WaitFigure) => (
    <Table.Tr key={key}>
      <Table.Td>{label}</Table.Td>
      <Table.Td>{f.requests}</Table.Td>
      <Table.Td>{d(f.p50)}</Table.Td>
      <Table.Td>{d(f.p90)}</Table.Td>
    </Table.Tr>
  );
  const cols = (first: string) => [first, ...WAIT_COLUMNS.map((c) => t(`waiting.col.${c}`))];
  return (
    <Stack gap="xs" data-testid="insights-waiting">
      <Title order={4} fz="sm">
        {t('waiting.title')}
      </Title>
      <Text size="sm" fw={600} data-testid="waiting-sentence">
        {w.sentence}
      </Text>
      <Group align="flex-start" grow>
        <DataTable withTableBorder striped testId="waiting-by-supervisor" caption={t('waiting.bySupervisor')} columns={cols(t('waiting.col.who'))}>
          {w.bySupervisor.map((s) => row(s.supervisorId, s.name, s))}
        </DataTable>
        <DataTable withTableBorder striped testId="waiting-by-hour" caption={t('waiting.byHour')} columns={cols(t('waiting.col.hour'))}>
          {w.byHour.map((h) => row(String(h.hour), `${String(h.hour).padStart(2, '0')}:00`, h))}
        </DataTable>
      </Group>
      <Title order={5} fz="sm">
        {t('waiting.pending.title')}
      </Title>
      {w.endedWhilePendingCalls.length === 0 ? (
        <Text size="sm">{t('waiting.pending.none')}</Text>
      ) : (
        <List size="sm" data-testid="waiting-pending">
          {w.endedWhilePendingCalls.map((c) => (
            <List.Item key={c.interactionId}>
              {formatDateTime(t.locale, c.callEndedAt, 'UTC')} —{' '}
              {t('waiting.pending.row', {
                agent: c.agentName ?? '—',
                waited: formatDuration(t.locale, c.waitedSeconds),
                decided:
                  c.decidedSecondsAfterEnd === null
                    ? t('waiting.pending.still')
                    : t('waiting.pending.decidedAfter', { after: formatDuration(t.locale, c.decidedSecondsAfterEnd) }),
              })}
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}
