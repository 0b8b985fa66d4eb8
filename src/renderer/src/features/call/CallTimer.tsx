import { Group, Stack, Text } from '@mantine/core';
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
export function CallTimer({ startedAtMs }: { startedAtMs: number | null }): ReactElement {
  const t = useT();
  const seconds = useElapsed(startedAtMs);
  const level = handleTimeLevel(seconds);
  return (
    <Stack gap={0} align="flex-end">
      <Group gap={6} wrap="nowrap" c={LEVEL_COLOR[level]}>
        <IconClock size={16} />
        <Text
          className="ard-mono"
          fz={22}
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
      <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
        {t('call.timer.label')}
      </Text>
    </Stack>
  );
}
