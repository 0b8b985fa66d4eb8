import { Alert, Button, Group, NativeSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useId, type ReactElement } from 'react';
import { useStore } from 'zustand';
import { addDays } from '../../../../core/billing/dates';
import { formatDate } from '../../../../core/i18n';
import { CANCELLATION_MAX_DAYS_AHEAD, CANCELLATION_REASONS, type CancellationReason } from '../../../../core/outcomes';
import { useT } from '../../i18n/use-t';
import { useCall, useCallScope } from '../../store';
import type { CancellationDays } from './cancellation-store';

/**
 * "Caller is cancelling", under the credit tab's retention offers: a reason from the fixed list,
 * the day it takes effect (today unless the agent picks a later one), then a confirmation — the
 * cancellation is a customer outcome the insights count, so it is never one click away.
 *
 * "Today" is main's: the UTC day of the call's start by main's clock (the day main and the hub
 * count the notice period from), never this window's clock. A day outside today … 90 days later
 * is said on the field before the question is asked (and again if main refuses it). Days are
 * written out in words ("1 November 2026"): the date field shows the browser's own order.
 */
export function CancellationAction(): ReactElement {
  const t = useT();
  const store = useCallScope().cancellation;
  const s = useStore(store);
  const id = useId();
  const reasonText = (r: CancellationReason | null) => (r ? t(`cancel.reason.${r}`).toLowerCase() : '');
  const day = (d: string) => formatDate(t.locale, `${d}T12:00:00Z`, 'longDate', 'UTC');
  const startedAt = useCall((c) => c.interaction?.startedAt ?? null);
  const callDay = startedAt ? startedAt.slice(0, 10) : null;
  const days: CancellationDays | null = callDay ? { from: callDay, to: addDays(callDay, CANCELLATION_MAX_DAYS_AHEAD) } : null;
  const dayError = s.dayRefused ? (days ? t('cancel.invalidDay', { from: day(days.from), to: day(days.to) }) : t('cancel.occurredOn.hint')) : undefined;

  if (s.step === 'closed') {
    return (
      <Stack gap="xs" mt="md">
        {s.result && (
          <Alert color="gray" variant="light" py="xs" data-testid="cancel-result">
            {t(s.result.alreadyRecorded ? 'cancel.already' : 'cancel.done', { day: day(s.result.occurredOn), reason: reasonText(s.result.reason) })}
          </Alert>
        )}
        <Group>
          <Button variant="default" color="red" onClick={() => store.getState().open()} data-testid="cancel-open">
            {t('cancel.open')}
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <Paper withBorder p="sm" mt="md" data-testid="cancel-panel" aria-labelledby={`${id}-title`} component="section">
      <Stack gap="sm">
        <Title order={3} fz="md" id={`${id}-title`}>
          {t('cancel.title')}
        </Title>
        {s.step === 'done' && s.result ? (
          <>
            <Alert color={s.result.alreadyRecorded ? 'yellow' : 'green'} variant="light" role="status" data-testid="cancel-result">
              {t(s.result.alreadyRecorded ? 'cancel.already' : 'cancel.done', { day: day(s.result.occurredOn), reason: reasonText(s.result.reason) })}
            </Alert>
            <Group>
              <Button variant="default" onClick={() => store.getState().close()} data-testid="cancel-close">
                {t('cancel.dismiss')}
              </Button>
            </Group>
          </>
        ) : (
          <>
            <Text size="sm" c="dimmed">
              {t('cancel.hint')}
            </Text>
            <NativeSelect
              label={t('cancel.reason')}
              value={s.reason ?? ''}
              disabled={s.step !== 'choosing'}
              onChange={(e) => store.getState().setReason(e.currentTarget.value as CancellationReason)}
              data={[{ value: '', label: '—', disabled: true }, ...CANCELLATION_REASONS.map((r) => ({ value: r, label: t(`cancel.reason.${r}`) }))]}
              data-testid="cancel-reason"
            />
            <TextInput
              type="date"
              label={t('cancel.occurredOn')}
              description={t('cancel.occurredOn.hint')}
              value={s.occurredOn}
              disabled={s.step !== 'choosing'}
              onChange={(e) => store.getState().setOccurredOn(e.currentTarget.value)}
              {...(days ? { min: days.from, max: days.to } : {})}
              error={dayError}
              errorProps={{ 'data-testid': 'cancel-day-error', role: 'alert' }}
              data-testid="cancel-day"
            />
            {s.step === 'choosing' ? (
              <Group>
                <Button color="red" disabled={s.reason === null} onClick={() => store.getState().review(days)} data-testid="cancel-review">
                  {t('cancel.review')}
                </Button>
                <Button variant="default" onClick={() => store.getState().close()} data-testid="cancel-close">
                  {t('cancel.dismiss')}
                </Button>
              </Group>
            ) : (
              <Alert color="red" variant="light" role="alertdialog" aria-live="polite" data-testid="cancel-confirm">
                <Stack gap="xs">
                  <Text size="sm">
                    {t('cancel.confirm.question', {
                      reason: reasonText(s.reason),
                      day: day(s.occurredOn || callDay || new Date().toISOString().slice(0, 10)),
                    })}
                  </Text>
                  {s.error && (
                    <Text size="sm" c="red" role="alert" data-testid="cancel-error" data-code={s.error.code}>
                      {t('cancel.failed')} {t.error(s.error)}
                    </Text>
                  )}
                  <Group>
                    <Button color="red" loading={s.step === 'saving'} onClick={() => void store.getState().confirm()} data-testid="cancel-confirm-yes">
                      {s.step === 'saving' ? t('cancel.saving') : t('cancel.confirm.yes')}
                    </Button>
                    <Button variant="default" disabled={s.step === 'saving'} onClick={() => store.getState().back()} data-testid="cancel-confirm-back">
                      {t('cancel.confirm.back')}
                    </Button>
                  </Group>
                </Stack>
              </Alert>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}
