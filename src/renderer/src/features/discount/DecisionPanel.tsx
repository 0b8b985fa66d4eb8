import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import type { ReactElement } from 'react';
import { useStore } from 'zustand';
import { formatAmount, formatNumber } from '../../../../core/i18n';
import { useT } from '../../i18n/use-t';
import { IconCheck, IconX } from '../../ui/icons';
import { LoadError } from '../../ui/load-state';
import './credit.css';
import { decisionIsCurrent, type CreditStore } from './credit-store';
import { failedFirst } from './describe';

const OUTCOME_COLOR = { allowed: 'teal', needs_approval: 'orange', refused: 'red' } as const;

/**
 * The policy's answer to what is typed, live: allowed / needs approval (by whom) / refused, each
 * rule as a sentence, and the most the agent may grant now with a one-click "use max".
 */
export function DecisionPanel({ store, currency }: { store: CreditStore; currency: string }): ReactElement {
  const t = useT();
  const decision = useStore(store, (s) => s.decision);
  const current = useStore(store, decisionIsCurrent);
  const built = useStore(store, (s) => s.built);
  const values = useStore(store, (s) => s.values);
  const fmt = (v: number) => formatAmount(t.locale, v, currency);

  if (decision.status === 'error' && decision.error) {
    return <LoadError error={decision.error} testId="credit-decision-error" />;
  }

  const d = decision.value;
  if (!d) {
    return (
      <div className="ard-decision" data-testid="credit-decision" data-outcome="none" aria-live="polite">
        <Text size="sm" c="dimmed">
          {decision.status === 'pending' ? t('credit.decision.checking') : built.ok ? t('credit.decision.checking') : t('credit.decision.idle')}
        </Text>
      </div>
    );
  }

  const stale = !current;
  const percentForm = values.kind === 'recurring_discount' && values.form === 'percent';
  const perCycle = values.kind === 'recurring_discount' && !percentForm;
  const maxNow = percentForm ? d.maxPercentNow : perCycle ? d.maxPerCycleNow : d.maxAllowedNow;
  const maxText =
    maxNow === undefined ? null : percentForm ? formatNumber(t.locale, maxNow / 10_000, { style: 'percent', maximumFractionDigits: 2 }) : fmt(maxNow);

  return (
    <div className="ard-decision" data-outcome={d.outcome} data-stale={stale || undefined} data-testid="credit-decision" aria-live="polite" aria-busy={stale}>
      <Stack gap={8}>
        <Group gap={8} wrap="nowrap" align="flex-start">
          <Badge color={OUTCOME_COLOR[d.outcome]} variant="filled" size="md" data-testid="credit-outcome" data-outcome={d.outcome} style={{ flex: 'none' }}>
            {t(`credit.outcome.${d.outcome}`)}
          </Badge>
          <Text size="sm" fw={600} data-testid="credit-headline">
            {d.headline}
          </Text>
        </Group>

        {d.kind === 'recurring_discount' && d.perCycleAmount !== undefined && d.cycles !== undefined && (
          <Text size="xs" c="dimmed">
            {t('credit.decision.recurringTotal', { perCycle: fmt(d.perCycleAmount), cycles: d.cycles, total: fmt(d.effectiveAmount) })}
          </Text>
        )}

        <Stack gap={4} data-testid="credit-rules">
          {failedFirst(d.rules).map((rule) => (
            <div key={rule.rule} className="ard-rule" data-passed={rule.passed} data-testid="credit-rule" data-rule={rule.rule}>
              {rule.passed ? <IconCheck size={14} /> : <IconX size={14} />}
              <span>{rule.text}</span>
            </div>
          ))}
        </Stack>

        {maxText !== null && (
          <Group justify="space-between" gap="xs" wrap="nowrap" pt={4} style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
            <Text size="sm" data-testid="credit-max">
              {maxNow === 0 ? t('credit.max.none') : perCycle ? t('credit.max.perBill', { amount: maxText }) : t('credit.max', { amount: maxText })}
            </Text>
            {maxNow !== undefined && maxNow > 0 && d.outcome !== 'allowed' && (
              <Button size="compact-sm" variant="white" onClick={() => store.getState().useMax(t.locale)} data-testid="credit-use-max">
                {t('credit.useMax')}
              </Button>
            )}
          </Group>
        )}
      </Stack>
    </div>
  );
}
