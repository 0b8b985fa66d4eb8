import { Button } from '@mantine/core';
import type { ReactElement } from 'react';
import { useT } from '../../i18n/use-t';
import { navStore, useCall, useNav } from '../../store';
import { useElapsed } from './CallTimer';
import { IconPhone } from '../../ui/icons';
import { formatHandleTime } from './timer';

/** In the header while a call runs and another screen is shown: its time, and the way back. */
export function ActiveCallChip(): ReactElement | null {
  const t = useT();
  const active = useCall((s) => s.phase === 'active');
  const startedAtMs = useCall((s) => s.startedAtMs);
  const view = useNav((s) => s.view);
  const seconds = useElapsed(active ? startedAtMs : null);
  if (!active || view === 'calls') return null;
  return (
    <Button
      size="xs"
      color="teal"
      variant="light"
      leftSection={<IconPhone size={14} />}
      onClick={() => navStore.getState().go('calls')}
      title={t('call.back')}
      data-testid="active-call-chip"
    >
      <span className="ard-mono">{t('call.inProgress', { time: formatHandleTime(seconds) })}</span>
    </Button>
  );
}
