import { Badge, Tooltip } from '@mantine/core';
import { useSyncExternalStore, type ReactElement } from 'react';
import { api, type ConnectionStatus } from '../../api';
import { useT } from '../../i18n/use-t';

const COLOR: Record<ConnectionStatus, string> = { connected: 'teal', reconnecting: 'yellow', offline: 'red' };

/**
 * Whether main is answering. The badge says the state only ("Connected"): which link the window
 * uses (desktop or browser) means nothing to an agent on a call, and stays in the tooltip.
 */
export function ConnectionIndicator(): ReactElement | null {
  const t = useT();
  const status = useSyncExternalStore(api.onStatus, api.status);
  if (api.transport === 'none') return null;
  const transport = t(api.transport === 'ipc' ? 'connection.ipc' : 'connection.http');
  const statusText = t(`connection.${status}`);
  return (
    <Tooltip label={t('connection.tooltip', { transport, status: statusText })} openDelay={300}>
      <Badge
        variant="dot"
        color={COLOR[status]}
        size="sm"
        data-testid="connection-status"
        data-status={status}
        data-transport={api.transport}
        aria-live="polite"
      >
        {statusText}
      </Badge>
    </Tooltip>
  );
}
