import { Alert, Badge, List, Stack, Text, Tooltip } from '@mantine/core';
import { useEffect, useState, type ReactElement } from 'react';
import type { ApiEvents, SyncStatusView } from '../../../../core/api/events';
import { intlLocale } from '../../../../core/i18n/locale';
import { api } from '../../api';
import { useT, type Translator } from '../../i18n/use-t';
import { IconAlert } from '../../ui/icons';
import { rejectionText } from './rejection-text';

type Rejection = ApiEvents['sync.rejected'];

const COLOR: Record<SyncStatusView['state'], string> = { online: 'teal', offline: 'orange', enrolling: 'gray', downloading: 'blue' };

function timeOf(t: Translator, iso: string | null): string {
  if (!iso) return t('sync.never');
  return new Intl.DateTimeFormat(intlLocale(t.locale), { hour: '2-digit', minute: '2-digit', day: 'numeric', month: 'short' }).format(new Date(iso));
}

/** The desk's link with its hub, as the agent needs it: online or offline since when, what waits. */
function label(t: Translator, s: SyncStatusView): string {
  const parts = [
    s.state === 'online'
      ? t('sync.online')
      : s.state === 'offline'
        ? t('sync.offlineSince', { since: timeOf(t, s.offlineSince) })
        : s.state === 'downloading'
          ? t('sync.downloading', { rows: s.downloaded })
          : t('sync.enrolling'),
  ];
  if (s.waiting > 0) parts.push(t.plural('sync.waiting', s.waiting));
  if (s.rejected > 0) parts.push(t.plural('sync.rejected', s.rejected));
  return parts.join(' · ');
}

/**
 * The sync badge of the header (nothing on a standalone desk) and, under it, the hub's
 * rejections of this agent's commands: what was refused and why, in the agent's language, until
 * they dismiss it — the credit they told the caller about no longer stands.
 */
export function SyncIndicator(): ReactElement | null {
  const t = useT();
  const [status, setStatus] = useState<SyncStatusView | null>(null);
  useEffect(() => {
    let live = true;
    api.call('sync.status', {}).then(
      (value) => {
        if (live) setStatus(value);
      },
      () => {
        // No status to show yet: the next 'sync.status' event brings one.
      },
    );
    const off = api.onEvent((event) => {
      if (event.name === 'sync.status') setStatus(event.payload);
    });
    return () => {
      live = false;
      off();
    };
  }, []);
  if (!status || status.mode === 'standalone') return null;
  const details = [t('sync.lastSync', { at: timeOf(t, status.lastSyncAt) }), ...(status.problem ? [status.problem] : [])].join(' — ');
  return (
    <Tooltip label={details} openDelay={300} multiline maw={360}>
      <Badge
        variant="dot"
        color={COLOR[status.state]}
        size="sm"
        data-testid="sync-status"
        data-state={status.state}
        data-waiting={status.waiting}
        aria-live="polite"
      >
        {label(t, status)}
      </Badge>
    </Tooltip>
  );
}

/** This agent's commands the hub rejected, newest first, each dismissable. */
export function SyncRejections(): ReactElement | null {
  const t = useT();
  const [rejections, setRejections] = useState<Rejection[]>([]);
  useEffect(
    () =>
      api.onEvent((event) => {
        if (event.name === 'sync.rejected') setRejections((list) => [event.payload, ...list.filter((r) => r.commandId !== event.payload.commandId)]);
      }),
    [],
  );
  if (rejections.length === 0) return null;
  return (
    <Stack gap={6}>
      {rejections.map((r) => (
        <Alert
          key={r.commandId}
          color="red"
          variant="light"
          py={6}
          role="alert"
          icon={<IconAlert />}
          title={t(rejectionText(r).title)}
          withCloseButton
          closeButtonLabel={t('pop.dismiss')}
          onClose={() => setRejections((list) => list.filter((x) => x.commandId !== r.commandId))}
          data-testid="sync-rejected"
        >
          <Text size="sm">{t(rejectionText(r).body)}</Text>
          {r.reasons.length > 0 && (
            <List size="sm" mt={4}>
              {r.reasons.map((reason) => (
                <List.Item key={reason.code}>{t.locale === 'fr' ? reason.fr : reason.en}</List.Item>
              ))}
            </List>
          )}
        </Alert>
      ))}
    </Stack>
  );
}
