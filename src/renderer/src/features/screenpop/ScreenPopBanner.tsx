import { CloseButton, Group, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import type { ReactElement } from 'react';
import { formatTime } from '../../../../core/i18n';
import { useT } from '../../i18n/use-t';
import { popStore, useCall, usePop } from '../../store';
import { IconPhoneIncoming } from '../../ui/icons';
import { displayCallerNumber } from './phone-format';

/**
 * The incoming call, shown above the lookup until dismissed. It is announced to screen readers
 * (role="alert"); the lookup screen has already been set up for it (see pop-store).
 */
export function ScreenPopBanner(): ReactElement | null {
  const t = useT();
  const current = usePop((s) => s.current);
  const activeCustomer = useCall((s) => (s.phase === 'active' ? (s.interaction?.customerId ?? null) : null));
  if (!current) return null;
  const { pop, outcome, receivedAt } = current;
  // Once the call it announced has started, the banner folds into the call header (which shows
  // the number it came from): it stays only for a call that rings while another is in progress.
  const isThisCall = activeCustomer !== null && pop.matches.length > 0 && pop.matches.every((m) => m.customerId === activeCustomer);
  if (isThisCall) return null;
  const first = pop.matches[0];

  const detail =
    outcome === 'one' && first ? t('pop.one', { name: first.displayName }) : outcome === 'many' ? t('pop.many', { count: pop.matches.length }) : t('pop.none');

  return (
    <Paper
      withBorder
      shadow="xs"
      px="md"
      py="sm"
      className="ard-pop"
      role="alert"
      data-testid="screen-pop"
      data-outcome={outcome}
      data-matches={pop.matches.length}
    >
      <Group wrap="nowrap" align="flex-start" gap="sm">
        <ThemeIcon size={34} radius="xl" variant="filled" aria-hidden="true">
          <IconPhoneIncoming size={18} />
        </ThemeIcon>
        <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
          <Group gap="sm" align="baseline" wrap="wrap">
            <Text fw={700} fz="lg">
              {t('pop.incoming', { number: displayCallerNumber(pop) })}
            </Text>
            <Text size="xs" c="dimmed">
              {t('pop.receivedAt', { time: formatTime(t.locale, receivedAt) })}
            </Text>
          </Group>
          <Text size="sm">{detail}</Text>
          {activeCustomer && !current.pop.matches.every((m) => m.customerId === activeCustomer) && (
            <Text size="sm" fw={600} c="orange.9" data-testid="screen-pop-busy">
              {t('call.busy.pop')}
            </Text>
          )}
        </Stack>
        <CloseButton aria-label={t('pop.dismiss')} title={t('pop.dismiss')} onClick={() => popStore.getState().dismiss()} />
      </Group>
    </Paper>
  );
}
