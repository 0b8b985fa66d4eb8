/** What a screen shows while its request is on its way, and when it failed (with a retry). */
import { Alert, Button, Group, Loader, Text } from '@mantine/core';
import type { ReactElement } from 'react';
import type { ApiErrorBody } from '../../../core/api';
import { useT } from '../i18n/use-t';
import { IconAlert } from './icons';

/** A request on its way. */
export function Loading(props: { label: string; testId?: string }): ReactElement {
  return (
    <Group gap="xs" p="sm" data-testid={props.testId} aria-busy="true">
      <Loader size="xs" />
      <Text size="sm" c="dimmed" role="status">
        {props.label}
      </Text>
    </Group>
  );
}

/** A request that failed: the typed error in words, and a retry when there is one. */
export function LoadError(props: { error: ApiErrorBody; onRetry?: () => void; testId?: string }): ReactElement {
  const t = useT();
  return (
    <Alert color="red" variant="light" icon={<IconAlert />} data-testid={props.testId} role="alert" py="xs">
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="sm">{t.error(props.error)}</Text>
        {props.onRetry && (
          <Button size="compact-xs" variant="white" color="red" onClick={props.onRetry}>
            {t('bills.retry')}
          </Button>
        )}
      </Group>
    </Alert>
  );
}
