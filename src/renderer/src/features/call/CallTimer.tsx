import { Group, Text } from '@mantine/core';
import { useEffect, useState, type ReactElement } from 'react';
import { useT } from '../../i18n/use-t';
import { IconClock } from '../../ui/icons';
import { elapsedSince, formatHandleTime, handleTimeLevel } from './timer';

const LEVEL_COLOR = { normal: undefined, long: 'orange.8', veryLong: 'red.8' } as const;

/** Seconds since the start, ticking; re-renders only itself. */
export function useElapsed(startedAtMs: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (startedAtMs === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [startedAtMs]);
  return startedAtMs === null ? 0 : elapsedSince(startedAtMs, now);
}

/** The running handle time of the active call. */
/** `startedAt`: when the call started, in words ("Started at 09:00"), shown on hover and read with the timer. */
export function CallTimer({ startedAtMs, startedAt }: { startedAtMs: number | null; startedAt?: string }): ReactElement {
  const t = useT();
  const seconds = useElapsed(startedAtMs);
  const level = handleTimeLevel(seconds);
  return (
    <Group gap={6} wrap="nowrap" align="center" title={startedAt ?? t('call.timer.label')} data-testid="call-started-at" data-started={startedAt}>
      <Group gap={6} wrap="nowrap" c={LEVEL_COLOR[level]}>
        <IconClock size={16} />
        <Text
          className="ard-mono"
          fz={20}
          fw={650}
          lh={1.1}
          data-testid="call-timer"
          data-seconds={seconds}
          role="timer"
          aria-label={`${t('call.timer.label')} ${formatHandleTime(seconds)}`}
        >
          {formatHandleTime(seconds)}
        </Text>
      </Group>
      <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }} className="ard-wide-only">
        {t('call.timer.label')}
      </Text>
    </Group>
  );
}
