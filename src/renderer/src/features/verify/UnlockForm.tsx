import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactElement } from 'react';
import { useT } from '../../i18n/use-t';
import { useCallScope, useVerify } from '../../store';
import { IconUnlock } from '../../ui/icons';
import { UnlockReasonField, useUnlockReason } from './unlock-reason';
import { ErrorAlert } from '../../ui/load-state';

/**
 * A supervisor lifts the lock on the caller of this call, with a reason for the record
 * ('verification.unlock'). Main checks the role; this form is only shown to supervisors.
 */
export function UnlockForm(): ReactElement {
  const t = useT();
  const { verify } = useCallScope();
  const unlock = useVerify((s) => s.unlock);
  const reason = useUnlockReason((r) => verify.getState().unlockNow(r));

  return (
    <Paper withBorder p="sm" bg="gray.0">
      <form onSubmit={(e) => void reason.submit(e)} data-testid="verify-unlock-form" noValidate>
        <Stack gap="xs">
          <Title order={4} fz="sm">
            {t('verify.unlock.title')}
          </Title>
          <UnlockReasonField field={reason} testId="verify-unlock-reason" />
          <Group>
            <Button
              type="submit"
              color="red"
              variant="light"
              leftSection={<IconUnlock size={16} />}
              loading={unlock.status === 'saving'}
              data-testid="verify-unlock-submit"
            >
              {t('verify.unlock.submit')}
            </Button>
          </Group>
          {unlock.status === 'error' && unlock.error && <ErrorAlert error={unlock.error} lead={t('verify.unlock.failed')} testId="verify-unlock-error" />}
          {unlock.status === 'done' && (
            <Text size="sm" c="teal.8" role="status" data-testid="verify-unlock-done">
              {t('verify.unlock.done')}
            </Text>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
