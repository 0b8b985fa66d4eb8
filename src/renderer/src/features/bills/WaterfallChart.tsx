/** The waterfall of a bill comparison: previous total, each cause, current total (loaded on first use). */
import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import type { ReactElement } from 'react';
import type { BillComparison, ComparisonCauseView } from '../../../../core/api';
import { formatAmount } from '../../../../core/i18n';
import { useT } from '../../i18n/use-t';
import { causeLabel } from './labels';
import { waterfallBars, waterfallRows, type BarKind } from './waterfall';

const BAR_COLOR: Record<BarKind, string> = {
  previous: 'gray.5',
  current: 'ardoise.7',
  increase: 'red.6',
  decrease: 'teal.6',
};

export function Waterfall(props: {
  comparison: BillComparison;
  causes: readonly ComparisonCauseView[];
  previousMonth: string;
  currentMonth: string;
}): ReactElement {
  const t = useT();
  const { comparison, causes } = props;
  const c = comparison.currency;
  const byKey = new Map(causes.map((x) => [x.key, x]));
  const bars = waterfallBars(comparison.previous.total, comparison.current.total, causes);
  // Fresh rows on every render: the chart rewrites the rows it is given.
  const rows = waterfallRows(
    bars,
    (bar) =>
      bar.kind === 'previous'
        ? props.previousMonth
        : bar.kind === 'current'
          ? props.currentMonth
          : (() => {
              const cause = byKey.get(bar.key);
              return cause ? causeLabel(t, cause.cause) : bar.key;
            })(),
    (kind) => BAR_COLOR[kind],
  );
  const height = Math.min(60 + rows.length * 34, 380);
  const longest = Math.max(...rows.map((r) => r.label.length));

  return (
    <figure style={{ margin: 0 }} data-testid="why-chart" aria-label={t('bills.why.chart', { from: props.previousMonth, to: props.currentMonth })}>
      <BarChart
        h={height}
        data={rows}
        dataKey="label"
        type="waterfall"
        orientation="vertical"
        series={[{ name: 'amount', label: t('bills.why.amount') }]}
        valueFormatter={(v: number) => formatAmount(t.locale, v, c)}
        yAxisProps={{ width: Math.min(Math.max(90, longest * 7), 220), interval: 0 }}
        xAxisProps={{ tickCount: 4 }}
        gridAxis="x"
        withTooltip
        tooltipAnimationDuration={0}
        barProps={{ isAnimationActive: false }}
        maxBarWidth={22}
        minBarSize={2}
      />
    </figure>
  );
}
