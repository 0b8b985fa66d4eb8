import { Badge, Switch, VisuallyHidden } from '@mantine/core';
import { useEffect, useState, type ReactElement } from 'react';
import { useStore } from 'zustand';
import { useT } from '../../i18n/use-t';
import { inboxStore, useSession } from '../../store';
import { localStorageOrNull, playChime, setSoundOn, soundOn, titleFor } from './awareness';

const useWaiting = (): number => useStore(inboxStore, (s) => s.requests.value?.length ?? 0);

/**
 * Mounted for as long as someone who decides approvals is signed in, whatever the screen: keeps
 * the inbox live, the count in the window title, and chimes (if this user wants it) when a new
 * request arrives.
 */
export function ApprovalsAwareness(): null {
  const t = useT();
  const waiting = useWaiting();
  const userId = useSession((s) => s.agent?.userId ?? null);

  useEffect(() => inboxStore.getState().watch(), []);

  const appName = t('app.name');
  useEffect(() => {
    document.title = titleFor(appName, waiting);
  }, [appName, waiting]);
  useEffect(() => () => void (document.title = appName), [appName]);

  useEffect(
    () =>
      inboxStore.subscribe((state, previous) => {
        if (state.arrived.length > previous.arrived.length && userId && soundOn(localStorageOrNull(), userId)) playChime();
      }),
    [userId],
  );
  return null;
}

/** The approvals tab's label: the count of waiting requests beside it. */
export function ApprovalsNavLabel(): ReactElement {
  const t = useT();
  const waiting = useWaiting();
  return (
    <span data-testid="nav-approvals">
      {t('nav.approvals')}
      {waiting > 0 && (
        <Badge size="xs" circle={waiting < 10} color="orange" variant="filled" ml={6} data-testid="nav-approvals-count" aria-hidden="true">
          {waiting}
        </Badge>
      )}
      {waiting > 0 && <VisuallyHidden>{t.plural('approvals.inbox.count', waiting)}</VisuallyHidden>}
    </span>
  );
}

/** The chime's switch (off by default), remembered for this user at this desk. */
export function ApprovalsSoundSwitch(): ReactElement | null {
  const t = useT();
  const userId = useSession((s) => s.agent?.userId ?? null);
  const [on, setOn] = useState(() => (userId ? soundOn(localStorageOrNull(), userId) : false));
  if (!userId) return null;
  return (
    <Switch
      size="xs"
      label={t('approvals.sound')}
      title={t('approvals.sound.hint')}
      checked={on}
      onChange={(event) => {
        const next = event.currentTarget.checked;
        setOn(next);
        setSoundOn(localStorageOrNull(), userId, next);
        if (next) playChime();
      }}
      data-testid="approvals-sound"
    />
  );
}
