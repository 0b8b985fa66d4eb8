import { Badge, Button, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { useEffect, type ReactElement } from 'react';
import type { LockedCustomer } from '../../../../core/api';
import { formatTime } from '../../../../core/i18n';
import { useT } from '../../i18n/use-t';
import { lockoutsStore, useLockouts } from '../../store';
import { IconLock, IconUnlock } from '../../ui/icons';
import { UnlockReasonField, useUnlockReason } from './unlock-reason';
import { ErrorAlert } from '../../ui/load-state';
import { RefreshButton } from '../../ui/refresh-button';
import { InlineForm } from '../../ui/inline-form';
import { Heading } from '../../ui/heading';

const REFRESH_MS = 30_000;

/** Supervisors: customers whose verification is locked now, each with an Unlock and a reason. */
export function LockedCustomers(): ReactElement {
  const t = useT();
  const { status, value, error } = useLockouts((s) => s.list);
  const items = value ?? [];

  useEffect(() => {
    void lockoutsStore.getState().refresh();
    const timer = setInterval(() => void lockoutsStore.getState().refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, []);

  return (
    <Paper withBorder p="md" className="ard-scroll" component="section" aria-labelledby="lockouts-title" data-testid="lockouts">
      <Stack gap="md" maw={900}>
        <Group justify="space-between">
          <Stack gap={2}>
            <Heading order={2} id="lockouts-title" title={t('lockouts.title')} subtitle={t('lockouts.body')} />
          </Stack>
          <RefreshButton
            label={t('lockouts.refresh')}
            loading={status === 'loading'}
            onClick={() => void lockoutsStore.getState().refresh()}
            testId="lockouts-refresh"
          />
        </Group>
        {status === 'loading' && items.length === 0 && <Loader size="sm" />}
        {error && <ErrorAlert error={error} lead={t('lockouts.loadFailed')} />}
        {status === 'ready' && items.length === 0 && (
          <Text c="dimmed" data-testid="lockouts-empty">
            {t('lockouts.empty')}
          </Text>
        )}
        {items.map((item) => (
          <LockedRow key={item.customerId} item={item} />
        ))}
      </Stack>
    </Paper>
  );
}

function LockedRow({ item }: { item: LockedCustomer }): ReactElement {
  const t = useT();
  const saving = useLockouts((s) => s.saving[item.customerId] ?? false);
  const error = useLockouts((s) => s.unlockErrors[item.customerId] ?? null);
  const unlocked = useLockouts((s) => s.unlocked.includes(item.customerId));
  const reason = useUnlockReason((r) => lockoutsStore.getState().unlock(item.customerId, r));

  return (
    <Paper withBorder p="sm" data-testid="lockout-row" data-customer-id={item.customerId} data-unlocked={unlocked}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Group gap="xs">
            <Text fw={650}>{item.caller.displayName}</Text>
            <Text size="sm" c="dimmed" className="ard-mono">
              {item.caller.accountNumberMasked}
            </Text>
            {unlocked ? (
              <Badge color="teal" variant="light" leftSection={<IconUnlock size={12} />}>
                {t('lockouts.unlocked')}
              </Badge>
            ) : (
              <Badge color="red" variant="light" leftSection={<IconLock size={12} />}>
                {item.lockout.lockedUntil ? t('lockouts.until', { time: formatTime(t.locale, item.lockout.lockedUntil) }) : t('verify.locked.title')}
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            {t.plural('lockouts.failures', item.lockout.consecutiveFailures)} · {t('lockouts.lastFailure', { time: formatTime(t.locale, item.lastFailureAt) })}
            {item.caller.town ? ` · ${item.caller.town}` : ''}
          </Text>
        </Stack>
        {!unlocked && (
          <InlineForm onSubmit={(e) => void reason.submit(e)} style={{ flex: '0 1 420px' }} problem={error && `${t('verify.unlock.failed')} ${t.error(error)}`}>
            <UnlockReasonField field={reason} compact testId="lockout-reason" />
            <Button type="submit" size="xs" color="red" variant="light" loading={saving} leftSection={<IconUnlock size={14} />} data-testid="lockout-unlock">
              {t('verify.unlock.submit')}
            </Button>
          </InlineForm>
        )}
      </Group>
    </Paper>
  );
}
