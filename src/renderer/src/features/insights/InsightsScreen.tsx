import '@mantine/charts/styles.css';
import { LineChart } from '@mantine/charts';
import { Alert, Badge, Button, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { Amount } from '../../ui/amount';
import { DataTable } from '../../ui/data-table';
import { useDeferredValue, useEffect, useMemo, type ReactElement } from 'react';
import { useStore } from 'zustand';
import type { ExperimentInsight, ExperimentStatus, HorizonResult, RevenueFigures, SegmentFigures } from '../../../../core/api';
import { formatDate, formatNumber, intlLocale } from '../../../../core/i18n';
import { useT, type Translator } from '../../i18n/use-t';
import { ExportCsv } from './ExportCsv';
import { FilterBar } from './FilterBar';
import { pct } from './insights-store';
import { PracticesSection } from './PracticesSection';
import { ScopeNote } from './ScopeNote';
import { experiments as store, filter } from './stores';

const STATUS_COLOUR: Record<ExperimentStatus, string> = { collecting: 'gray', needs_more: 'yellow', result: 'teal', blocked_srm: 'red' };
/** The columns of the horizons table after its first, unlabelled one (insights.horizon.*), of the segments and of the revenue tables. */
const HORIZON_COLUMNS = ['n', 'offer', 'holdout', 'difference'] as const;
const SEGMENT_COLUMNS = ['segment', 'customers', 'difference', 'p', 'verdict'] as const;
const REVENUE_COLUMNS = ['arm', 'customers', 'paid', 'cost', 'net', 'per100'] as const;

/**
 * Supervisors and managers: each experiment of the discount policy — its status, the arms, the
 * retention curves per arm, and the effect in words, all as main computed them. What the data
 * cannot show is not drawn: main sends no figures below the minimum sample or under an SRM block.
 */
export function InsightsScreen(): ReactElement {
  const t = useT();
  const overview = useStore(store.store, (s) => s.value);
  // Sentences are worded by main: both sections are asked again, with the filter as it is, when the language changes.
  useEffect(() => filter.getState().reload(), [t.locale]);
  // The cards render the last answer at low priority, so a re-slice never holds up the filter bar.
  const shown = useDeferredValue(overview.value);

  return (
    <div className="ard-scroll" data-testid="insights-screen">
      <Stack gap="md" p="md" maw={1100}>
        <div>
          <Group justify="space-between" wrap="nowrap">
            <Title order={2} fz="h3">
              {t('insights.title')}
            </Title>
            <ExportCsv experiments={overview.value} />
          </Group>
          <Text size="sm" c="dimmed">
            {t('insights.subtitle')}
          </Text>
          {overview.value && (
            <Group gap="xs">
              <Text size="xs" c="dimmed" data-testid="insights-as-of">
                {t('insights.asOf', { day: formatDate(t.locale, overview.value.today) })}
              </Text>
              <ScopeNote scope={overview.value} testId="insights-scope" />
            </Group>
          )}
        </div>
        {overview.status === 'loading' && !overview.value && (
          <Group gap="xs">
            <Loader size="sm" />
            <Text size="sm">{t('insights.loading')}</Text>
          </Group>
        )}
        {overview.error && (
          <Alert color="red" variant="light" data-testid="insights-error">
            <Group justify="space-between">
              <Text size="sm">{t.error(overview.error)}</Text>
              <Button size="xs" variant="light" onClick={() => filter.getState().reload()}>
                {t('insights.retry')}
              </Button>
            </Group>
          </Alert>
        )}
        <FilterBar />
        {shown && shown.experiments.length === 0 && <Text data-testid="insights-none">{t('insights.none')}</Text>}
        {shown?.experiments.map((e) => (
          <ExperimentCard key={e.experimentId} e={e} />
        ))}
        <PracticesSection />
      </Stack>
    </div>
  );
}

function ExperimentCard({ e }: { e: ExperimentInsight }): ReactElement {
  const t = useT();
  const n = (x: number, digits = 0) => formatNumber(t.locale, x, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return (
    <Paper withBorder p="md" component="section" data-testid={`experiment-${e.experimentId}`} data-status={e.status} aria-label={e.title}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Title order={3} fz="h4">
            {e.title}
          </Title>
          <Badge color={STATUS_COLOUR[e.status]} variant="light" data-testid="experiment-status">
            {e.statusText}
          </Badge>
        </Group>
        <Text
          fw={600}
          data-testid="experiment-sentence"
          role={e.status === 'blocked_srm' ? 'alert' : undefined}
          c={e.status === 'blocked_srm' ? 'red' : undefined}
        >
          {e.sentence}
        </Text>
        <Group gap="xl">
          {e.arms.map((a) => (
            <Text key={a.arm} size="sm" data-testid={`arm-${a.arm}`} data-customers={a.customers}>
              {t(`insights.arm.${a.arm}`)} : <b>{n(a.customers)}</b> ({n(a.cancelled)} {t('insights.cancelled')})
            </Text>
          ))}
        </Group>
        {e.srm && !e.srm.blocked && (
          <Text size="xs" c="dimmed">
            {t('insights.srm.ok', { p: n(e.srm.pValue, 3) })}
          </Text>
        )}
        <Text size="xs" c="dimmed" data-testid="experiment-design">
          {t('insights.design', {
            total: n(e.design.totalNeeded),
            days: e.design.horizonDays,
            mdd: n(e.design.minimumDetectableDifference * 100),
            have: n(e.design.withFollowUp),
          })}
        </Text>
        {e.figures && <Figures e={e} t={t} />}
        {e.revenue && <Revenue r={e.revenue} t={t} />}
      </Stack>
    </Paper>
  );
}

function Figures({ e, t }: { e: ExperimentInsight; t: Translator }): ReactElement {
  const f = e.figures!;
  const n = (x: number, digits = 0) => formatNumber(t.locale, x, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const data = useMemo(
    () =>
      f.curve.map((p) => ({
        day: p.day,
        offer: p.offer === null ? null : p.offer * 100,
        offerLower: p.offerLower === null ? null : p.offerLower * 100,
        offerUpper: p.offerUpper === null ? null : p.offerUpper * 100,
        holdout: p.holdout === null ? null : p.holdout * 100,
        holdoutLower: p.holdoutLower === null ? null : p.holdoutLower * 100,
        holdoutUpper: p.holdoutUpper === null ? null : p.holdoutUpper * 100,
      })),
    [f.curve],
  );
  const median = (d: number | null) => (d === null ? t('insights.median.notReached') : n(d));
  return (
    <Stack gap="sm">
      <Title order={4} fz="sm">
        {t('insights.curve.title')}
      </Title>
      <div data-testid="insights-curve">
        <LineChart
          h={260}
          data={data}
          dataKey="day"
          withDots={false}
          curveType="stepAfter"
          yAxisProps={{ domain: ['auto', 100], width: 64 }}
          // A no-break space: the axis wraps its labels at spaces ("100,0" over "%").
          valueFormatter={(v) => `${n(v, 1)}\u00a0%`}
          connectNulls={false}
          series={[
            { name: 'offer', label: t('insights.arm.offer'), color: 'teal.7' },
            { name: 'offerLower', label: '95 %', color: 'teal.3', strokeDasharray: '4 4' },
            { name: 'offerUpper', label: '95 %', color: 'teal.3', strokeDasharray: '4 4' },
            { name: 'holdout', label: t('insights.arm.holdout'), color: 'orange.7' },
            { name: 'holdoutLower', label: '95 %', color: 'orange.3', strokeDasharray: '4 4' },
            { name: 'holdoutUpper', label: '95 %', color: 'orange.3', strokeDasharray: '4 4' },
          ]}
        />
      </div>
      <Badge variant="outline" color="gray" w="fit-content" data-testid="descriptive-bands">
        {t('insights.curve.bands')}
      </Badge>
      <Horizons horizons={f.horizons} t={t} />
      {f.segments && <Segments segments={f.segments} t={t} />}
      {f.cox && (
        <Text size="sm" data-testid="insights-cox">
          {f.cox.sentence}
        </Text>
      )}
      <Text size="sm" data-testid="insights-rmst">
        {t('insights.rmst', {
          tau: f.rmst.tau,
          offer: n(f.rmst.offer, 1),
          holdout: n(f.rmst.holdout, 1),
          diff: n(f.rmst.difference.estimate, 1),
          lo: n(f.rmst.difference.lower, 1),
          hi: n(f.rmst.difference.upper, 1),
        })}
      </Text>
      <Text size="sm">{t('insights.median', { offer: median(f.medianDays.offer), holdout: median(f.medianDays.holdout) })}</Text>
      <Text size="xs" c="dimmed">
        {t('insights.logrank', { chi: n(f.logRank.chiSquare, 2), p: n(f.logRank.pValue, 3) })}
      </Text>
      {f.descriptive && (
        <Alert color="gray" variant="light" title={t('insights.descriptive.title')} data-testid="insights-descriptive">
          {f.descriptive.offered && f.descriptive.notOffered
            ? t('insights.descriptive.body', {
                days: f.descriptive.days,
                offered: pct(f.descriptive.offered.estimate, intlLocale(t.locale)),
                notOffered: pct(f.descriptive.notOffered.estimate, intlLocale(t.locale)),
              })
            : t('insights.descriptive.hidden')}
        </Alert>
      )}
    </Stack>
  );
}

function Horizons({ horizons, t }: { horizons: readonly HorizonResult[]; t: Translator }): ReactElement {
  const loc = intlLocale(t.locale);
  const cell = (x: { estimate: number; lower: number; upper: number } | null) =>
    x ? `${pct(x.estimate, loc)} (${pct(x.lower, loc)}–${pct(x.upper, loc)})` : t('insights.horizon.hidden');
  return (
    <Stack gap={4}>
      <DataTable withTableBorder striped testId="insights-horizons" columns={['', ...HORIZON_COLUMNS.map((c) => t(`insights.horizon.${c}`))]}>
        {horizons.map((h) => (
          <Table.Tr key={h.days} data-testid={`horizon-${h.days}`}>
            <Table.Td>{t('insights.horizon', { days: h.days })}</Table.Td>
            <Table.Td>
              {h.offerCustomers} / {h.holdoutCustomers}
            </Table.Td>
            <Table.Td>{cell(h.offer)}</Table.Td>
            <Table.Td>{cell(h.holdout)}</Table.Td>
            <Table.Td data-testid={`horizon-${h.days}-difference`}>{cell(h.difference)}</Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      {horizons.map((h) => (
        <Text key={h.days} size="sm" data-testid={`horizon-${h.days}-sentence`}>
          {h.sentence}
        </Text>
      ))}
    </Stack>
  );
}

/** Uplift by pre-registered segment: the verdicts follow the Holm-adjusted p-values core computed. */
function Segments({ segments, t }: { segments: SegmentFigures; t: Translator }): ReactElement {
  const n = (x: number, digits = 0) => formatNumber(t.locale, x, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const signed = (x: number) => n(x * 100, 1);
  return (
    <Stack gap={4} data-testid="insights-segments">
      <Title order={4} fz="sm">
        {t('insights.segments.title')}
      </Title>
      <Text size="xs" c="dimmed" data-testid="insights-segments-note">
        {segments.note}
      </Text>
      <DataTable withTableBorder striped columns={SEGMENT_COLUMNS.map((c) => t(`insights.segments.col.${c}`))}>
        {segments.rows.map((r) => (
          <Table.Tr
            key={`${r.segment}-${r.inSegment ? 'in' : 'out'}`}
            data-testid={`segment-${r.segment}-${r.inSegment ? 'in' : 'out'}`}
            data-distinguishable={r.distinguishable === null ? undefined : String(r.distinguishable)}
          >
            <Table.Td>{r.label}</Table.Td>
            <Table.Td>
              {n(r.offerCustomers)} / {n(r.holdoutCustomers)}
            </Table.Td>
            <Table.Td>
              {r.difference
                ? `${signed(r.difference.estimate)} (${signed(r.difference.lower)} ${t('insights.segments.to')} ${signed(r.difference.upper)})`
                : t('insights.horizon.hidden')}
            </Table.Td>
            <Table.Td>{r.adjustedPValue === null ? '—' : r.adjustedPValue < 0.001 ? `< ${n(0.001, 3)}` : n(r.adjustedPValue, 3)}</Table.Td>
            <Table.Td data-testid={`segment-${r.segment}-${r.inSegment ? 'in' : 'out'}-verdict`}>{r.verdict}</Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
    </Stack>
  );
}

/** Net paid revenue per 100 customers by arm, offer cost included: what main counted, and how (its definition, in words). */
function Revenue({ r, t }: { r: RevenueFigures; t: Translator }): ReactElement {
  const n = (x: number) => formatNumber(t.locale, x);
  const money = (x: number | null, testId?: string, signed = false) =>
    x === null ? t('insights.horizon.hidden') : <Amount value={x} currency={r.currency} signed={signed} {...(testId ? { testId } : {})} />;
  const d = r.difference;
  return (
    <Stack gap={4} data-testid="insights-revenue" data-distinguishable={r.distinguishable === null ? undefined : String(r.distinguishable)}>
      <Title order={4} fz="sm">
        {t('insights.revenue.title')}
      </Title>
      <DataTable withTableBorder striped columns={REVENUE_COLUMNS.map((c) => t(`insights.revenue.col.${c}`))}>
        {r.arms.map((a) => (
          <Table.Tr key={a.arm} data-testid={`revenue-${a.arm}`}>
            <Table.Td>{t(`insights.arm.${a.arm}`)}</Table.Td>
            <Table.Td>{n(a.customers)}</Table.Td>
            <Table.Td>{money(a.paid)}</Table.Td>
            <Table.Td>{money(a.offerCost)}</Table.Td>
            <Table.Td>{money(a.net)}</Table.Td>
            <Table.Td>{money(a.netPer100, `revenue-${a.arm}-per100`)}</Table.Td>
          </Table.Tr>
        ))}
        {d && (
          <Table.Tr data-testid="revenue-difference">
            <Table.Td colSpan={5}>{t('insights.revenue.col.difference')}</Table.Td>
            <Table.Td>
              {money(d.estimate, undefined, true)} ({money(d.lower, undefined, true)} {t('insights.segments.to')} {money(d.upper, undefined, true)})
            </Table.Td>
          </Table.Tr>
        )}
      </DataTable>
      <Text size="sm" data-testid="insights-revenue-sentence">
        {r.sentence}
      </Text>
      <Text size="xs" c="dimmed" data-testid="insights-revenue-definition">
        {r.definition}
      </Text>
    </Stack>
  );
}
