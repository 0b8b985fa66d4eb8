import { Group, Stack, Text } from '@mantine/core';
import { Suspense, useMemo, type ReactElement } from 'react';
import type { BillComparison } from '../../../../core/api';
import { formatAmount } from '../../../../core/i18n';
import { useT } from '../../i18n/use-t';
import { monthLabel } from '../../lib/calendar';
import type { Loadable } from '../../lib/loadable';
import { Amount } from '../../ui/amount';
import { LoadError, Loading } from '../../ui/load-state';
import { ReadOut } from '../../ui/read-out';
import { lazyScreen } from '../../ui/lazy-screen';
import { checkWaterfall, sortCausesByImpact } from './waterfall';

// The chart library (recharts) is a chunk of its own, loaded with the first comparison shown.
const Waterfall = lazyScreen(() => import('./WaterfallChart'), 'Waterfall');

/** "Why is this bill different?": the sentence to read out, the waterfall, and each cause. */
export function WhyDifferent(props: { compare: Loadable<BillComparison>; onRetry: () => void }): ReactElement {
  const t = useT();
  const { compare } = props;
  if (compare.status === 'error') return <LoadError error={compare.error!} onRetry={props.onRetry} testId="why-error" />;
  if (!compare.value) return <Loading label={t('bills.why.loading')} testId="why-loading" />;
  return <Comparison comparison={compare.value} />;
}

function Comparison({ comparison }: { comparison: BillComparison }): ReactElement {
  const t = useT();
  const c = comparison.currency;
  const causes = useMemo(() => sortCausesByImpact(comparison.causes), [comparison]);
  const check = checkWaterfall(comparison.previous.total, comparison.current.total, comparison.causes);
  const previousMonth = monthLabel(t.locale, comparison.previous.cycle.start);
  const currentMonth = monthLabel(t.locale, comparison.current.cycle.start);

  return (
    <Stack gap="sm" data-testid="why-panel">
      <ReadOut testId="why-summary">{comparison.summary}</ReadOut>

      <Group gap="lg" wrap="wrap">
        <Text size="sm">
          {previousMonth} <Amount value={comparison.previous.total} currency={c} /> → {currentMonth} <Amount value={comparison.current.total} currency={c} />
        </Text>
        <Text size="sm" fw={700}>
          <Amount value={comparison.difference} currency={c} signed tone testId="why-difference" />
        </Text>
      </Group>

      {causes.length > 0 && check.balanced && (
        <Suspense fallback={<Loading label={t('bills.why.loading')} testId="why-chart-loading" />}>
          <Waterfall comparison={comparison} causes={causes} previousMonth={previousMonth} currentMonth={currentMonth} />
        </Suspense>
      )}

      {causes.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="why-no-causes">
          {t('bills.why.same')}
        </Text>
      ) : (
        <table className="ard-lines" data-testid="why-causes" aria-label={t('bills.why.causes')}>
          <tbody>
            {causes.map((cause) => (
              <tr key={cause.key} data-testid="why-cause" data-code={cause.code}>
                <td>
                  <Text size="sm">{cause.sentence}</Text>
                </td>
                <td>
                  <Amount value={cause.amount} currency={c} signed tone />
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="ard-total">
              <td>{t('bills.why.total')}</td>
              <td>
                <Amount value={comparison.difference} currency={c} signed tone />
              </td>
            </tr>
          </tfoot>
        </table>
      )}
      {!check.balanced && (
        // Never expected (main asserts it): say so rather than draw a chart that does not add up.
        <Text size="xs" c="red.8" data-testid="why-unbalanced">
          {t('bills.why.unbalanced', {
            explained: formatAmount(t.locale, check.explained, c, { signed: true }),
            difference: formatAmount(t.locale, check.difference, c, { signed: true }),
          })}
        </Text>
      )}
    </Stack>
  );
}
