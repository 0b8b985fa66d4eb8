import './shell.css';
import { Alert, AppShell, Badge, Button, Group, Modal, SegmentedControl, Stack, Text } from '@mantine/core';
import { useEffect, useState, type ReactElement } from 'react';
import { api } from '../../api';
import { LocaleSwitch } from '../../i18n/LocaleSwitch';
import { useT } from '../../i18n/use-t';
import { callStore, navStore, popStore, sessionStore, useCall, useNav, useSession } from '../../store';
import { IconLogout } from '../../ui/icons';
import { ApprovalsAwareness, ApprovalsNavLabel } from '../approvals/ApprovalsAwareness';
import { ActiveCallChip } from '../call/ActiveCallChip';
import { CallNotices } from '../call/CallNotices';
import { CallWorkspace } from '../call/CallWorkspace';
import { LookupScreen } from '../lookup/LookupScreen';
import { ScreenPopBanner } from '../screenpop/ScreenPopBanner';
import { ConnectionIndicator } from './ConnectionIndicator';
import { SyncIndicator, SyncRejections } from './SyncIndicator';
import { viewsFor, type View } from './nav-store';
import { lazyScreen, ScreenSuspense } from '../../ui/lazy-screen';

// The supervisors' screens load when first opened (agents never download them).
const ApprovalsInbox = lazyScreen(() => import('../approvals/ApprovalsInbox'), 'ApprovalsInbox');
const AuditScreen = lazyScreen(() => import('../audit/AuditScreen'), 'AuditScreen');
const LockedCustomers = lazyScreen(() => import('../verify/LockedCustomers'), 'LockedCustomers');
const InsightsScreen = lazyScreen(() => import('../insights/InsightsScreen'), 'InsightsScreen');

/**
 * The signed-in frame: who is working, the language, the link, and the screen. Agents have one
 * screen — the lookup, which becomes the call workspace while a call is active. Senior agents
 * also reach their approvals inbox; supervisors the inbox, locked verifications and the audit
 * view from the header. Whoever has an inbox sees its count on the tab and in the title.
 */
export function Shell(): ReactElement | null {
  const t = useT();
  const agent = useSession((s) => s.agent);
  const signingOut = useSession((s) => s.signingOut);
  const localeError = useSession((s) => s.localeError);
  const view = useNav((s) => s.view);
  const inCall = useCall((s) => s.phase !== 'idle');
  const callerName = useCall((s) => s.interaction?.caller.displayName ?? null);
  const [confirmSignOut, setConfirmSignOut] = useState(false);

  // Screen pops arrive as 'call.incoming' events for as long as the agent is signed in.
  useEffect(
    () =>
      api.onEvent((event) => {
        if (event.name === 'call.incoming') popStore.getState().receive(event.payload);
      }),
    [],
  );

  if (!agent) return null;
  const views = viewsFor(agent.role);
  const shown: View = views.includes(view) ? view : views[0]!;

  return (
    <AppShell header={{ height: 52 }} padding="sm">
      <AppShell.Header px="md">
        <Group h="100%" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            {/* The one h1 of every signed-in screen; each screen's own title is an h2 below it. */}
            <Text className="ard-wordmark" fz="xl" component="h1" m={0} lh={1}>
              {t('app.name')}
            </Text>
            <ConnectionIndicator />
            <SyncIndicator />
            {views.length > 1 && (
              <SegmentedControl
                size="xs"
                ml="md"
                aria-label={t('nav.label')}
                value={shown}
                onChange={(value) => navStore.getState().go(value as View)}
                data-testid="nav"
                data={views.map((v) => ({
                  value: v,
                  label: v === 'approvals' ? <ApprovalsNavLabel /> : <span data-testid={`nav-${v}`}>{t(`nav.${v}`)}</span>,
                }))}
              />
            )}
            {views.includes('approvals') && <ApprovalsAwareness />}
            <ActiveCallChip />
          </Group>
          <Group gap="md" wrap="nowrap">
            <Group gap={6} wrap="nowrap" aria-label={t('shell.signedInAs', { name: agent.displayName })}>
              <Text fw={600} size="sm" data-testid="agent-name" style={{ whiteSpace: 'nowrap' }}>
                {agent.displayName}
              </Text>
              <Badge variant="light" size="sm" data-testid="agent-role" data-role={agent.role}>
                {t(`role.${agent.role}`)}
              </Badge>
            </Group>
            <LocaleSwitch inCall={inCall} />
            <Button
              variant="subtle"
              size="xs"
              color="gray"
              leftSection={<IconLogout size={16} />}
              loading={signingOut}
              onClick={() => {
                // In the middle of a call, ask first: one stray click must not drop the caller.
                if (callStore.getState().phase === 'active') setConfirmSignOut(true);
                else void sessionStore.getState().signOut();
              }}
              data-testid="sign-out"
              aria-label={t('shell.signOut')}
              title={t('shell.signOut')}
            >
              <span className="ard-wide-only">{t('shell.signOut')}</span>
            </Button>
          </Group>
        </Group>
      </AppShell.Header>

      <Modal
        opened={confirmSignOut}
        onClose={() => setConfirmSignOut(false)}
        title={t('shell.signOut.confirm.title')}
        closeButtonProps={{ 'aria-label': t('shell.signOut.confirm.stay') }}
        data-testid="sign-out-confirm"
      >
        <Stack gap="md">
          <Text size="sm">{t('shell.signOut.confirm.body', { name: callerName ?? '' })}</Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" data-autofocus onClick={() => setConfirmSignOut(false)} data-testid="sign-out-stay">
              {t('shell.signOut.confirm.stay')}
            </Button>
            <Button
              color="red"
              onClick={() => {
                setConfirmSignOut(false);
                void sessionStore.getState().signOut();
              }}
              data-testid="sign-out-confirmed"
            >
              {t('shell.signOut.confirm.go')}
            </Button>
          </Group>
        </Stack>
      </Modal>

      <AppShell.Main>
        <div className="ard-main" data-view={shown}>
          {localeError && (
            <Alert
              color="orange"
              variant="light"
              py={6}
              role="status"
              withCloseButton
              closeButtonLabel={t('pop.dismiss')}
              onClose={() => sessionStore.setState({ localeError: null })}
            >
              {t('shell.localeFailed')} {t.error(localeError)}
            </Alert>
          )}
          <SyncRejections />
          <ScreenPopBanner />
          {shown === 'calls' &&
            (inCall ? (
              <CallWorkspace />
            ) : (
              <>
                <CallNotices />
                <LookupScreen />
              </>
            ))}
          <ScreenSuspense>
            {shown === 'approvals' && (
              <div className="ard-scroll">
                <ApprovalsInbox />
              </div>
            )}
            {shown === 'lockouts' && <LockedCustomers />}
            {shown === 'audit' && <AuditScreen />}
            {shown === 'insights' && <InsightsScreen />}
          </ScreenSuspense>
        </div>
      </AppShell.Main>
    </AppShell>
  );
}
