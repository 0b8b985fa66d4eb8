import { Alert, AppShell, Badge, Button, Group, Text } from '@mantine/core';
import { useEffect, type ReactElement } from 'react';
import { api } from '../../api';
import { LocaleSwitch } from '../../i18n/LocaleSwitch';
import { useT } from '../../i18n/use-t';
import { popStore, sessionStore, useSession } from '../../store';
import { IconLogout } from '../../ui/icons';
import { LookupScreen } from '../lookup/LookupScreen';
import { ConnectionIndicator } from './ConnectionIndicator';
import { ScreenPopBanner } from '../screenpop/ScreenPopBanner';

/** The signed-in frame: who is working, the language, the link, and the lookup screen. */
export function Shell(): ReactElement | null {
  const t = useT();
  const agent = useSession((s) => s.agent);
  const signingOut = useSession((s) => s.signingOut);
  const localeError = useSession((s) => s.localeError);

  // Screen pops arrive as 'call.incoming' events for as long as the agent is signed in.
  useEffect(
    () =>
      api.onEvent((event) => {
        if (event.name === 'call.incoming') popStore.getState().receive(event.payload);
      }),
    [],
  );

  if (!agent) return null;

  return (
    <AppShell header={{ height: 52 }} padding="sm">
      <AppShell.Header px="md">
        <Group h="100%" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Text className="ard-wordmark" fz="xl" component="span">
              {t('app.name')}
            </Text>
            <ConnectionIndicator />
          </Group>
          <Group gap="md" wrap="nowrap">
            <Group gap={6} wrap="nowrap" aria-label={t('shell.signedInAs', { name: agent.displayName })}>
              <Text fw={600} size="sm" data-testid="agent-name">
                {agent.displayName}
              </Text>
              <Badge variant="light" size="sm" data-testid="agent-role" data-role={agent.role}>
                {t(`role.${agent.role}`)}
              </Badge>
            </Group>
            <LocaleSwitch />
            <Button
              variant="subtle"
              size="xs"
              color="gray"
              leftSection={<IconLogout size={16} />}
              loading={signingOut}
              onClick={() => void sessionStore.getState().signOut()}
              data-testid="sign-out"
            >
              {t('shell.signOut')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Main>
        <div className="ard-main">
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
          <ScreenPopBanner />
          <LookupScreen />
        </div>
      </AppShell.Main>
    </AppShell>
  );
}
