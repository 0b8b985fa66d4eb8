import { Alert, Loader, Paper, Stack, Text } from '@mantine/core';
import { useEffect, type ReactElement } from 'react';
import { api } from './api';
import { SignInScreen } from './features/signin/SignInScreen';
import { LocaleSwitch } from './i18n/LocaleSwitch';
import { useT } from './i18n/use-t';
import { sessionStore, useSession } from './store/session';
import { IconAlert } from './ui/icons';
import { lazyScreen, ScreenSuspense } from './ui/lazy-screen';
import { ShortcutHelp, ShortcutOverlayDialog } from './ui/ShortcutHelp';

// The signed-in shell is its own chunk, with the signed-in screens' stores (the call's rules, the
// phone formatter, the API's schemas): a cold start downloads the sign-in screen only. The shell
// is fetched once the sign-in screen is painted (while the agent types the password), at the
// latest while the password is checked; a restored session fetches it when it is shown.
const Shell = lazyScreen(() => import('./features/shell/Shell'), 'Shell');
sessionStore.subscribe((s, previous) => {
  if (s.status === 'signingIn' && previous.status !== 'signingIn') Shell.preload();
  // The shortcut overlay is fetched once someone is signed in, so "?" opens it at once.
  if (s.status === 'signedIn' && previous.status !== 'signedIn') ShortcutOverlayDialog.preload();
});

// Main may already hold a session for this window (reload, second tab of the same client): asked
// at once, so the answer comes while React renders the first screen.
if (api.transport !== 'none') void sessionStore.getState().restore();

export function App(): ReactElement {
  return (
    <>
      <Screen />
      <ShortcutHelp />
    </>
  );
}

function Screen(): ReactElement {
  const status = useSession((s) => s.status);

  if (api.transport === 'none') return <NoConnection />;
  if (status === 'restoring') return <Restoring />;
  if (status === 'signedIn')
    return (
      <ScreenSuspense>
        <Shell />
      </ScreenSuspense>
    );
  return <SignIn />;
}

/** The sign-in screen; once it is painted, the signed-in shell is fetched while the agent types. */
function SignIn(): ReactElement {
  useEffect(() => {
    // After the paint (a task queued from the frame's callback): the download does not delay the form.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => Shell.preload(), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, []);
  return <SignInScreen />;
}

function Restoring(): ReactElement {
  const t = useT();
  return (
    <main className="ard-centered" aria-busy="true">
      <Stack align="center" gap="sm">
        <Text className="ard-wordmark" fz={26}>
          {t('app.name')}
        </Text>
        <Loader size="sm" />
        <Text size="sm" c="dimmed" role="status">
          {t('signin.restoring')}
        </Text>
      </Stack>
    </main>
  );
}

/** A browser tab opened without the host's link: say so once, clearly, instead of failing every call. */
function NoConnection(): ReactElement {
  const t = useT();
  return (
    <main className="ard-centered">
      <Paper withBorder shadow="sm" p="xl" radius="md" w={460} maw="100%">
        <Stack gap="md">
          <Stack gap={0}>
            <Text className="ard-wordmark" fz={26}>
              {t('app.name')}
            </Text>
          </Stack>
          <Alert color="red" variant="light" icon={<IconAlert />} title={t('connection.noToken.title')} data-testid="no-connection">
            {t('connection.noToken.body')}
          </Alert>
          <LocaleSwitch />
        </Stack>
      </Paper>
    </main>
  );
}
