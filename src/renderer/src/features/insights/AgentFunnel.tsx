import { Alert, Badge, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo, type ReactElement } from 'react';
import { CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, Scatter, Tooltip, XAxis, YAxis } from 'recharts';
import type { AgentFunnel as Funnel } from '../../../../core/api';
import { formatNumber, intlLocale } from '../../../../core/i18n';
import type { Translator } from '../../i18n/use-t';
import { DataTable } from '../../ui/data-table';
import { pct } from './insights-store';

const LIMIT95 = 'var(--mantine-color-blue-5)';
const LIMIT998 = 'var(--mantine-color-red-6)';
/** The funnel's four limit lines: 95 % dashed, 99.8 % solid, each above and below the centre. */
const LIMIT_LINES = [
  { key: 'upper95', series: 'funnel.series.limit95', stroke: LIMIT95, dashed: true },
  { key: 'lower95', series: 'funnel.series.limit95', stroke: LIMIT95, dashed: true },
  { key: 'upper998', series: 'funnel.series.limit998', stroke: LIMIT998, dashed: false },
  { key: 'lower998', series: 'funnel.series.limit998', stroke: LIMIT998, dashed: false },
] as const;
const AGENT = 'var(--mantine-color-teal-7)';
const SELECTED = 'var(--mantine-color-orange-7)';
/** The table's columns (funnel.col.*). */
const COLUMNS = ['agent', 'volume', 'rate', 'class'] as const;

/**
 * Agents on a funnel plot, as main computed it: each agent's retention against their volume, the
 * overall rate as the centre line, the 95 % and 99.8 % limits by volume. The table beside it gives
 * the same points by name — never by rate: this is not a ranking. Descriptive only.
 */
export function AgentFunnel({ f, t, selected = null }: { f: Funnel; t: Translator; selected?: string | null }): ReactElement {
  const loc = intlLocale(t.locale);
  const n = (x: number) => formatNumber(t.locale, x);
  const curve = useMemo(
    () => f.curve.map((l) => ({ n: l.n, lower95: l.lower95 * 100, upper95: l.upper95 * 100, lower998: l.lower998 * 100, upper998: l.upper998 * 100 })),
    [f.curve],
  );
  const points = useMemo(
    () => f.agents.filter((a) => a.rate !== null).map((a) => ({ n: a.customers, rate: a.rate! * 100, name: a.name, agentId: a.agentId })),
    [f.agents],
  );
  // The agent of the filter stands out (the funnel still shows every agent of the period, to compare with).
  const others = useMemo(() => points.filter((p) => p.agentId !== selected), [points, selected]);
  const chosen = useMemo(() => points.filter((p) => p.agentId === selected), [points, selected]);
  const chosenName = f.agents.find((a) => a.agentId === selected)?.name ?? null;
  const fmt = (v: number) => `${formatNumber(t.locale, v, { maximumFractionDigits: 1 })}\u00a0%`;
  return (
    <Stack gap="xs" data-testid="agent-funnel">
      <Group justify="space-between" wrap="nowrap">
        <Title order={4} fz="sm" id="agent-funnel-title">
          {t('funnel.title')}
        </Title>
        <Badge color="gray" variant="outline" data-testid="agent-funnel-descriptive">
          {t('funnel.badge')}
        </Badge>
      </Group>
      <Alert color="gray" variant="light">
        {t('funnel.descriptive')}
      </Alert>
      <Text size="sm" fw={600} data-testid="agent-funnel-sentence">
        {f.sentence}
      </Text>
      {points.length > 0 && (
        <div
          data-testid="agent-funnel-chart"
          data-selected={chosen.length > 0 ? selected! : undefined}
          role="img"
          aria-label={`${t('funnel.title')}. ${f.sentence}${chosenName ? ` ${t('funnel.highlighted', { name: chosenName })}` : ''}`}
        >
          <ResponsiveContainer width="100%" height={300}>
            <ComposedChart margin={{ top: 8, right: 16, bottom: 24, left: 8 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="var(--mantine-color-gray-3)" />
              <XAxis
                type="number"
                dataKey="n"
                domain={[0, 'dataMax']}
                tickFormatter={n}
                label={{ value: t('funnel.axis.volume', { days: f.days }), position: 'insideBottom', offset: -12 }}
              />
              <YAxis type="number" domain={['auto', 100]} width={64} tickFormatter={fmt} />
              <Tooltip formatter={(v) => (typeof v === 'number' ? fmt(v) : String(v))} labelFormatter={(v) => n(Number(v))} />
              <Legend verticalAlign="top" />
              {f.overall !== null && <ReferenceLine y={f.overall * 100} stroke="var(--mantine-color-gray-7)" label={t('funnel.series.overall')} />}
              {LIMIT_LINES.map((line) => (
                <Line
                  key={line.key}
                  data={curve}
                  dataKey={line.key}
                  name={t(line.series)}
                  stroke={line.stroke}
                  dot={false}
                  isAnimationActive={false}
                  {...(line.dashed ? { strokeDasharray: '6 4' } : {})}
                  // One legend entry per pair of limits.
                  {...(line.key.startsWith('lower') ? { legendType: 'none' as const } : {})}
                />
              ))}
              <Scatter data={others} dataKey="rate" name={t('funnel.series.agents')} fill={AGENT} isAnimationActive={false} />
              {chosen.length > 0 && (
                <Scatter data={chosen} dataKey="rate" name={chosenName ?? ''} fill={SELECTED} shape="diamond" legendType="diamond" isAnimationActive={false} />
              )}
            </ComposedChart>
          </ResponsiveContainer>
        </div>
      )}
      <DataTable
        withTableBorder
        striped
        testId="agent-funnel-table"
        caption={t('funnel.tableCaption')}
        columns={COLUMNS.map((c) => t(`funnel.col.${c}`, { days: f.days }))}
      >
        {f.agents.map((a) => (
          <Table.Tr
            key={a.agentId}
            data-testid={`agent-funnel-${a.agentId}`}
            data-class={a.classification}
            data-selected={a.agentId === selected ? 'yes' : undefined}
            aria-current={a.agentId === selected ? 'true' : undefined}
            fw={a.agentId === selected ? 700 : undefined}
          >
            <Table.Td>{a.name}</Table.Td>
            <Table.Td>{n(a.customers)}</Table.Td>
            <Table.Td>{a.rate === null ? '—' : `${pct(a.rate, loc)} %`}</Table.Td>
            <Table.Td>{a.classText}</Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
    </Stack>
  );
}
