import { Alert, type AlertProps, Button, Group, Stack, Text } from '@mantine/core';
import type { ReactElement } from 'react';
import { formatTime } from '../../../../core/i18n';
import { useT } from '../../i18n/use-t';
import { callStore, useCall } from '../../store';
import { IconAlert } from '../../ui/icons';
import { dispositionLabel } from '../wrapup/dispositions';
import { IconCheck } from '../../ui/icons';
import { formatHandleTime } from './timer';

/**
 * Shown above the lookup between calls: the call that has just ended (with its handle time),
 * a call wrapped up in another window, and calls left open (after a reload) to resume.
 */
export function CallNotices(): ReactElement | null {
  const t = useT();
  const lastEnded = useCall((s) => s.lastEnded);
  const endedElsewhere = useCall((s) => s.endedElsewhere);
  const openCalls = useCall((s) => s.openCalls);
  const phase = useCall((s) => s.phase);

  if (!lastEnded && !endedElsewhere && openCalls.length === 0) return null;
  return (
    <Stack gap="xs">
      {lastEnded && (
        <EndedNotice
          color="teal"
          icon={<IconCheck />}
          title={t('call.ended.title')}
          role="status"
          data-testid="call-ended"
          data-handle-seconds={lastEnded.handleSeconds}
          data-disposition={lastEnded.disposition}
        >
          {t('call.ended.body', {
            disposition: dispositionLabel(t, lastEnded.disposition),
            time: formatHandleTime(lastEnded.handleSeconds),
          })}
        </EndedNotice>
      )}
      {endedElsewhere && (
        <EndedNotice color="gray" icon={<IconAlert />} data-testid="call-ended-elsewhere">
          {t('call.endedElsewhere')}
        </EndedNotice>
      )}
      {openCalls.length > 0 && (
        <Alert color="orange" variant="light" py={8} title={t('call.open.title')} data-testid="call-open-list">
          <Text size="sm" mb={4}>
            {t('call.open.body')}
          </Text>
          <Stack gap={4}>
            {openCalls.map((c) => (
              <Group key={c.interactionId} gap="sm" data-testid="call-open-item" data-interaction-id={c.interactionId}>
                <Text size="sm">{t('call.open.item', { name: c.callerName ?? t('call.open.unknownCaller'), time: formatTime(t.locale, c.startedAt) })}</Text>
                <Button
                  size="compact-xs"
                  variant="light"
                  color="orange"
                  disabled={phase !== 'idle'}
                  onClick={() => void callStore.getState().resume(c.interactionId)}
                >
                  {t('call.open.resume')}
                </Button>
              </Group>
            ))}
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}

/** A call that has ended, said until the agent dismisses it (or the next call starts). */
function EndedNotice(props: AlertProps & Record<`data-${string}`, string | number>): ReactElement {
  const t = useT();
  return <Alert variant="light" py={8} withCloseButton closeButtonLabel={t('call.dismiss')} onClose={() => callStore.getState().dismissEnded()} {...props} />;
}
