import { Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import type { ReactElement } from 'react';
import { useT } from '../../i18n/use-t';
import { useCallScope, useVerify } from '../../store';
import { IconUnlock } from '../../ui/icons';
import { UNLOCK_REASON_MAX } from './lockouts-store';
import { useUnlockReason } from './unlock-reason';
import { ErrorAlert } from '../../ui/load-state';

/**
 * A supervisor lifts the lock on the caller of this call, with a reason for the record
 * ('verification.unlock'). Main checks the role; this form is only shown to supervisors.
 */
export function UnlockForm(): ReactElement {
  const t = useT();
  const { verify } = useCallScope();
  const unlock = useVerify((s) => s.unlock);
  const { reason, setReason, invalid, submit: onSubmit } = useUnlockReason((r) => verify.getState().unlockNow(r));

  return (
    <Paper withBorder p="sm" bg="gray.0">
      <form onSubmit={(e) => void onSubmit(e)} data-testid="verify-unlock-form" noValidate>
        <Stack gap="xs">
          <Title order={4} fz="sm">
            {t('verify.unlock.title')}
          </Title>
          <Textarea
            label={t('verify.unlock.reason')}
            description={t('verify.unlock.reason.hint')}
            placeholder={t('verify.unlock.reason.placeholder')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            maxLength={UNLOCK_REASON_MAX}
            autosize
            minRows={2}
            required
            error={invalid ? t('verify.unlock.reason.hint') : undefined}
            data-testid="verify-unlock-reason"
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                void onSubmit(e);
              }
            }}
          />
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
          {unlock.status === 'error' && unlock.error && (
            <ErrorAlert error={unlock.error} lead={t('verify.unlock.failed')} testId="verify-unlock-error" />
          )}
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
