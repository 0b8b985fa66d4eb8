import { Alert, Anchor, Button, Group, Paper, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useRef, useState, type ChangeEvent, type FormEvent, type ReactElement } from 'react';
import type { MessageKey } from '../../../../core/i18n';
import { LocaleSwitch } from '../../i18n/LocaleSwitch';
import { useT } from '../../i18n/use-t';
import { missingSignInFields, type SignInField } from '../../store/session-store';
import { sessionStore, useSession } from '../../store/session';
import { IconAlert } from '../../ui/icons';
import { DEMO_ACCOUNTS, SHOW_DEMO_ACCOUNTS } from './demo-accounts';
import { Heading } from '../../ui/heading';

export function SignInScreen(): ReactElement {
  const t = useT();
  const status = useSession((s) => s.status);
  const error = useSession((s) => s.error);
  const sessionEnded = useSession((s) => s.sessionEnded);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<readonly SignInField[]>([]);
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const submitting = status === 'signingIn';

  function submit(event: FormEvent): void {
    event.preventDefault();
    if (submitting) return;
    const empty = missingSignInFields(username, password);
    setMissing(empty);
    if (empty.length > 0) {
      (empty[0] === 'username' ? usernameRef : passwordRef).current?.focus();
      return;
    }
    void sessionStore
      .getState()
      .signIn(username, password)
      .then((ok) => {
        if (!ok) {
          // Wrong password: keep the username, clear and re-focus the password.
          setPassword('');
          passwordRef.current?.focus();
        }
      });
  }

  function edited(): void {
    if (missing.length > 0) setMissing([]);
    sessionStore.getState().clearError();
  }

  /** What typing in a field does: its new text, and what was said about the last attempt goes. */
  const typed = (setField: (value: string) => void) => (event: ChangeEvent<HTMLInputElement>) => {
    setField(event.currentTarget.value);
    edited();
  };

  const fieldError = (field: SignInField, key: MessageKey) => (missing.includes(field) ? t(key) : undefined);
  const message = error ? t.error(error) : sessionEnded ? t('signin.sessionEnded') : null;

  return (
    <main className="ard-centered">
      <Stack w={380} maw="100%" gap="md">
        <Paper withBorder shadow="sm" p="xl" radius="md" component="section" aria-labelledby="signin-title">
          <form onSubmit={submit} noValidate>
            <Stack gap="md">
              <Group justify="space-between" align="flex-start" wrap="nowrap">
                <div>
                  <Text className="ard-wordmark" fz={26} lh={1.1}>
                    {t('app.name')}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {t('app.tagline')}
                  </Text>
                </div>
                <LocaleSwitch />
              </Group>

              <div>
                <Heading order={1} id="signin-title" title={t('signin.title')} subtitle={t('signin.subtitle')} />
              </div>

              {message && (
                <Alert color={error ? 'red' : 'orange'} variant="light" icon={<IconAlert />} role="alert" data-testid="signin-error" data-code={error?.code}>
                  {message}
                </Alert>
              )}

              <TextInput
                ref={usernameRef}
                data-testid="signin-username"
                label={t('signin.username')}
                name="username"
                autoComplete="username"
                autoCapitalize="none"
                autoCorrect="off"
                spellCheck={false}
                autoFocus
                maxLength={64}
                value={username}
                onChange={typed(setUsername)}
                error={fieldError('username', 'signin.usernameRequired')}
                disabled={submitting}
              />
              <PasswordInput
                ref={passwordRef}
                data-testid="signin-password"
                label={t('signin.password')}
                name="password"
                autoComplete="current-password"
                maxLength={256}
                value={password}
                onChange={typed(setPassword)}
                error={fieldError('password', 'signin.passwordRequired')}
                disabled={submitting}
                visibilityToggleButtonProps={{ tabIndex: -1 }}
              />

              <Button type="submit" data-testid="signin-submit" loading={submitting} fullWidth size="md">
                {t('signin.submit')}
              </Button>
              <Text size="xs" c="dimmed" ta="center" aria-hidden="true">
                {submitting ? t('signin.submitting') : t('signin.enterHint')}
              </Text>
            </Stack>
          </form>
        </Paper>

        {SHOW_DEMO_ACCOUNTS && (
          <Paper p="sm" radius="md" bg="transparent" component="aside" aria-labelledby="demo-title">
            <Text size="xs" c="dimmed" fw={600} id="demo-title">
              {t('signin.demo.title')}
            </Text>
            <Group gap="xs" mt={4}>
              {DEMO_ACCOUNTS.map((account) => (
                <Anchor
                  key={account.username}
                  component="button"
                  type="button"
                  size="xs"
                  title={t('signin.demo.use', { username: account.username })}
                  onClick={() => {
                    setUsername(account.username);
                    setPassword(account.password);
                    edited();
                    passwordRef.current?.focus();
                  }}
                >
                  <span className="ard-mono">{account.username}</span> ({t(account.roleKey)})
                </Anchor>
              ))}
            </Group>
          </Paper>
        )}
      </Stack>
    </main>
  );
}
