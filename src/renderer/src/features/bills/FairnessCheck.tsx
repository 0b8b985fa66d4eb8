import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import type { ReactElement } from 'react';
import { useStore } from 'zustand';
import { useT } from '../../i18n/use-t';
import { useCallScope } from '../../store';
import { Amount } from '../../ui/amount';
import { LoadError, Loading } from '../../ui/load-state';
import { ReadOut } from '../../ui/read-out';
import { TitledSection } from '../../ui/section';

/**
 * "Check this bill": the open invoice recalculated from today's history, every difference as a
 * sentence to read out, what the customer is owed, and the one-click correcting credit.
 */
export function FairnessCheck(props: { invoiceId: string }): ReactElement {
  const t = useT();
  const store = useCallScope().fairness;
  const invoiceId = useStore(store, (s) => s.invoiceId);
  const check = useStore(store, (s) => s.check);
  const grant = useStore(store, (s) => s.grant);
  const open = invoiceId === props.invoiceId && check.status !== 'idle';

  if (!open) {
    return (
      <Group justify="flex-end">
        <Button size="xs" variant="light" onClick={() => void store.getState().run(props.invoiceId, t.locale)} data-testid="fairness-run">
          {t('bills.fairness.action')}
        </Button>
      </Group>
    );
  }

  const view = check.value;
  return (
    <TitledSection
      titleId="fairness-title"
      title={t('bills.fairness.title')}
      order={4}
      fz="sm"
      testId="fairness-panel"
      aside={
        <Button size="compact-xs" variant="subtle" onClick={() => store.getState().close()} data-testid="fairness-close">
          {t('bills.fairness.close')}
        </Button>
      }
    >
      {check.status === 'error' && !view ? (
        <LoadError error={check.error!} onRetry={() => void store.getState().run(props.invoiceId, t.locale)} testId="fairness-error" />
      ) : !view ? (
        <Loading label={t('bills.fairness.loading')} testId="fairness-loading" />
      ) : (
        <>
          <ReadOut testId="fairness-summary">{view.summary}</ReadOut>
          {view.differences.length > 0 && (
            <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} data-testid="fairness-differences">
              {view.differences.map((d) => (
                <Group key={d.lineId} component="li" justify="space-between" wrap="nowrap" gap="sm" data-testid="fairness-difference" data-cause={d.cause}>
                  <Text size="sm">{d.sentence}</Text>
                  <Text size="sm" fw={600} component="span">
                    <Amount value={d.difference} currency={view.currency} signed tone />
                  </Text>
                </Group>
              ))}
            </Stack>
          )}
          {view.customerOwed > 0 && (
            <Group justify="space-between" gap="sm">
              <Text size="sm" fw={600}>
                {t('bills.fairness.owed')} <Amount value={view.outstanding} currency={view.currency} testId="fairness-owed" />
              </Text>
              {view.correctingCredit && (
                <Button size="xs" loading={grant.status === 'granting'} onClick={() => void store.getState().correct()} data-testid="fairness-correct">
                  {t('bills.fairness.correct')} <Amount value={view.correctingCredit.amount} currency={view.currency} />
                </Button>
              )}
            </Group>
          )}
          {grant.status === 'granted' && (
            <Alert color="teal" variant="light" data-testid="fairness-granted">
              {t('bills.fairness.granted')}
            </Alert>
          )}
          {grant.status === 'pending_approval' && (
            <Alert color="orange" variant="light" data-testid="fairness-pending">
              {t('bills.fairness.pending')}
            </Alert>
          )}
          {grant.status === 'error' && grant.error && (
            <LoadError error={grant.error} onRetry={() => void store.getState().correct()} testId="fairness-grant-error" />
          )}
        </>
      )}
    </TitledSection>
  );
}
