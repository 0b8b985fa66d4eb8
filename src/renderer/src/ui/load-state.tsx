/** What a screen shows while its request is on its way, and when it failed (with a retry). */
import { Alert, Button, Group, Loader, Stack, Text } from '@mantine/core';
import type { ReactElement, ReactNode } from 'react';
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

/**
 * A request that failed, said in a screen's own words: `lead` ("Could not load the notes.") then
 * the typed error; with `retry`, a button under the sentence. Its code is in data-code.
 */
export function ErrorAlert(props: {
  error: ApiErrorBody;
  lead?: string;
  testId?: string;
  retry?: { readonly label: string; onRetry(): void };
  onClose?: () => void;
}): ReactElement {
  const t = useT();
  const sentence = props.lead === undefined ? t.error(props.error) : `${props.lead} ${t.error(props.error)}`;
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlert />}
      role="alert"
      data-testid={props.testId}
      data-code={props.error.code}
      {...(props.onClose ? { withCloseButton: true, closeButtonLabel: t('call.dismiss'), onClose: props.onClose } : {})}
    >
      {props.retry ? (
        <Stack gap="xs" align="flex-start">
          <Text size="sm">{sentence}</Text>
          <Button size="xs" variant="light" onClick={props.retry.onRetry}>
            {props.retry.label}
          </Button>
        </Stack>
      ) : (
        sentence
      )}
    </Alert>
  );
}

/** What a section says when it has nothing to list ("No bill yet"). */
export function EmptyLine(props: { children: ReactNode; testId?: string }): ReactElement {
  return (
    <Text size="sm" c="dimmed" data-testid={props.testId}>
      {props.children}
    </Text>
  );
}
