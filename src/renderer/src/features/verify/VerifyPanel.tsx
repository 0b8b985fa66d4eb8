import { Alert, Badge, Button, Divider, Group, Kbd, List, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, type FormEvent, type ReactElement } from 'react';
import { hasAtLeast, type VerificationQuestions } from '../../../../core/api';
import { formatTime } from '../../../../core/i18n';
import type { QuestionKind } from '../../../../core/verification';
import { useT } from '../../i18n/use-t';
import { keyName, useShortcuts } from '../../ui/shortcuts';
import { callStore, dispositionsStore, useCall, useCallScope, useSession, useVerify } from '../../store';
import { IconAlert, IconShieldAlert } from '../../ui/icons';
import { IconLock, IconShieldCheck } from '../../ui/icons';
import { AnswerField } from './AnswerField';
import { requestCallFocus } from '../call/focus';
import { localIsoDate, type Completeness } from './answers';
import { UnlockForm } from './UnlockForm';
import { attemptsLeft, lockedUntil, verifyView } from './verify-store';
import { ErrorAlert } from '../../ui/load-state';
import { RefreshButton } from '../../ui/refresh-button';

/** While locked, look again this often (a supervisor may unlock from another desk). */
const LOCKED_RECHECK_MS = 15_000;

/** The verification section of the call: questions, answers, result, attempts left, lockout. */
export function VerifyPanel(): ReactElement {
  const t = useT();
  const { verify } = useCallScope();
  const load = useVerify((s) => s.load);
  const questions = useVerify((s) => s.questions);
  const outcome = useVerify((s) => s.outcome);
  const loadError = useVerify((s) => s.loadError);
  const view = verifyView({ load, questions, outcome });

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="verify-title" data-testid="verify-panel" data-view={view} maw={860}>
      <Stack gap="md">
        <Group justify="space-between" wrap="nowrap" align="center">
          <Title order={3} fz="h4" id="verify-title">
            {t('verify.title')}
          </Title>
          {questions && view !== 'verified' && <AttemptsBadge />}
        </Group>
        {view === 'loading' && (
          <Group gap="xs" role="status" aria-busy="true">
            <Loader size="sm" />
            <Text c="dimmed" size="sm">
              {t('call.loading')}
            </Text>
          </Group>
        )}
        {view === 'error' && loadError && (
          <ErrorAlert
            error={loadError}
            lead={t('verify.loadFailed')}
            testId="verify-load-error"
            retry={{ label: t('verify.retry'), onRetry: () => void verify.getState().refresh() }}
          />
        )}
        {view === 'verified' && <Verified />}
        {view === 'locked' && questions && <Locked questions={questions} />}
        {view === 'unavailable' && <Unavailable />}
        {view === 'form' && questions && <AnswerForm questions={questions} />}
      </Stack>
    </Paper>
  );
}

function AttemptsBadge(): ReactElement | null {
  const t = useT();
  const questions = useVerify((s) => s.questions);
  const outcome = useVerify((s) => s.outcome);
  const left = attemptsLeft({ questions, outcome });
  const locked = lockedUntil({ questions, outcome }) !== null;
  if (left === null || locked) return null;
  const max = questions?.lockout.maxConsecutiveFailures ?? left;
  const color = left <= 1 ? 'red' : left < max ? 'orange' : 'gray';
  return (
    <Badge variant="light" color={color} size="lg" data-testid="verify-attempts-left" data-count={left}>
      {t.plural('verify.attemptsLeft', left)}
    </Badge>
  );
}

function AnswerForm({ questions }: { questions: VerificationQuestions }): ReactElement {
  const t = useT();
  const { verify } = useCallScope();
  const answers = useVerify((s) => s.answers);
  const submitting = useVerify((s) => s.submitting);
  const outcome = useVerify((s) => s.outcome);
  const missing = useVerify((s) => s.missing);
  const error = useVerify((s) => s.error);
  const attempts = useVerify((s) => s.attempts);
  const unlocked = useVerify((s) => s.unlock.status === 'done');
  const firstRef = useRef<HTMLInputElement>(null);
  const today = localIsoDate(Date.now());
  const nonPublic = new Set<QuestionKind>(questions.nonPublic);

  // First field focused on arrival and after every attempt (the fields were just cleared).
  useEffect(() => {
    firstRef.current?.focus();
  }, [attempts]);

  const formRef = useRef<HTMLFormElement>(null);
  useShortcuts([{ id: 'verify.submit', group: 'call', chords: [{ key: 'Enter' }], label: 'shortcuts.verify.submit', visibleIn: () => formRef.current }]);

  function onSubmit(event: FormEvent): void {
    event.preventDefault();
    void verify.getState().submit();
  }

  const field = (kind: QuestionKind, index: number) => (
    <AnswerField
      key={kind}
      ref={index === 0 ? firstRef : undefined}
      kind={kind}
      value={answers[kind] ?? ''}
      onChange={(value) => verify.getState().setAnswer(kind, value)}
      nonPublic={nonPublic.has(kind)}
      currency={questions.currency}
      today={today}
      disabled={submitting}
    />
  );

  return (
    <form ref={formRef} onSubmit={onSubmit} aria-describedby="verify-intro" data-testid="verify-form" noValidate autoComplete="off">
      <Stack gap="md">
        <Text size="sm" id="verify-intro">
          {t.plural('verify.needed', questions.requiredPasses)} {questions.requireNonPublic && t('verify.needsNonPublic')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm" data-testid="verify-ask">
          {questions.ask.map((kind, i) => field(kind, i))}
        </SimpleGrid>
        {questions.alternatives.length > 0 && (
          <>
            <Divider label={t('verify.alternatives')} labelPosition="left" />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm" data-testid="verify-alternatives">
              {questions.alternatives.map((kind) => field(kind, -1))}
            </SimpleGrid>
          </>
        )}
        <Group gap="sm">
          <Button type="submit" loading={submitting} data-testid="verify-submit" rightSection={<Kbd size="xs">{keyName(t.locale, 'Enter')}</Kbd>}>
            {submitting ? t('verify.checking') : t('verify.submit')}
          </Button>
        </Group>
        <div aria-live="polite" data-testid="verify-result-region">
          {unlocked && !outcome && (
            <Alert color="teal" variant="light" icon={<IconShieldCheck />} data-testid="verify-unlock-done">
              {t('verify.unlock.done')}
            </Alert>
          )}
          {missing && !missing.complete && <Incomplete need={missing} local />}
          {!missing && outcome?.status === 'failed' && (
            <Alert color="red" variant="light" icon={<IconAlert />} data-testid="verify-result" data-status="failed" data-attempts-left={outcome.attemptsLeft}>
              <Text size="sm" fw={650}>
                {t.plural('verify.failed', outcome.attemptsLeft)}
              </Text>
              <Text size="sm">{t('verify.failed.body')}</Text>
              <Text size="xs" c="dimmed" mt={4}>
                {t('verify.cleared')}
              </Text>
            </Alert>
          )}
          {!missing && outcome?.status === 'incomplete' && <Incomplete need={outcome} local={false} />}
          {error && <ErrorAlert error={error} testId="verify-error" />}
        </div>
      </Stack>
    </form>
  );
}

/** Not enough answers: how many more, the same whether the form saw it before sending (`local`) or main said it (not counted). */
function Incomplete(props: { need: Pick<Completeness, 'answersNeeded' | 'nonPublicNeeded'>; local: boolean }): ReactElement {
  const t = useT();
  const { need, local } = props;
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconShieldAlert />}
      data-testid="verify-result"
      data-status="incomplete"
      data-local={local ? 'true' : undefined}
    >
      <Text size="sm" fw={600}>
        {t.plural('verify.incomplete', need.answersNeeded)}
      </Text>
      {need.nonPublicNeeded && <Text size="sm">{t('verify.incomplete.nonPublic')}</Text>}
      {!local && (
        <Text size="xs" c="dimmed" mt={4}>
          {t('verify.incomplete.notCounted')}
        </Text>
      )}
    </Alert>
  );
}

function Verified(): ReactElement {
  const t = useT();
  const verifiedAt = useCall((s) => s.verifiedAt);
  return (
    <Alert color="teal" variant="light" icon={<IconShieldCheck />} title={t('verify.passed.title')} data-testid="verify-result" data-status="passed">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{t('verify.passed.body', { time: verifiedAt ? formatTime(t.locale, verifiedAt) : '' })}</Text>
        <Button
          size="xs"
          variant="light"
          color="teal"
          onClick={() => {
            if (callStore.getState().setTab('account')) requestCallFocus();
          }}
          rightSection={<Kbd size="xs">Alt 2</Kbd>}
        >
          {t('call.tab.account')}
        </Button>
      </Stack>
    </Alert>
  );
}

function Locked({ questions }: { questions: VerificationQuestions }): ReactElement {
  const t = useT();
  const { verify } = useCallScope();
  const outcome = useVerify((s) => s.outcome);
  const load = useVerify((s) => s.load);
  const role = useSession((s) => s.agent?.role ?? 'agent');
  const until = lockedUntil({ questions, outcome });
  const mode = outcome?.status === 'locked' ? outcome.mode : questions.lockout.mode;
  const time = until ? formatTime(t.locale, until) : '';

  // A supervisor may unlock from another desk, and the lock ends by itself: look again.
  useEffect(() => {
    const recheck = setInterval(() => void verify.getState().refresh(), LOCKED_RECHECK_MS);
    const untilMs = until ? Date.parse(until) - Date.now() + 1000 : Number.NaN;
    const expiry = Number.isFinite(untilMs) && untilMs > 0 && untilMs < 2 ** 31 ? setTimeout(() => void verify.getState().refresh(), untilMs) : null;
    return () => {
      clearInterval(recheck);
      if (expiry) clearTimeout(expiry);
    };
  }, [until, verify]);

  return (
    <Stack gap="md">
      <Alert
        color="red"
        variant="filled"
        icon={<IconLock />}
        title={t('verify.locked.title')}
        role="alert"
        data-testid="verify-result"
        data-status="locked"
        data-locked-until={until ?? ''}
      >
        <Stack gap={4}>
          <Text size="sm" fw={600} data-testid="verify-locked-until">
            {t('verify.locked.body', { time })}
          </Text>
          {mode === 'offline' && <Text size="sm">{t('verify.locked.offline')}</Text>}
        </Stack>
      </Alert>
      <Text size="sm">{t('verify.locked.todo', { time })}</Text>
      <Group gap="sm">
        <RefreshButton
          label={t('verify.locked.recheck')}
          loading={load === 'loading'}
          onClick={() => void verify.getState().refresh()}
          testId="verify-recheck"
        />
      </Group>
      {hasAtLeast(role, 'supervisor') ? (
        <UnlockForm />
      ) : (
        <Text size="sm" c="dimmed">
          {t('verify.locked.agent')}
        </Text>
      )}
    </Stack>
  );
}

function Unavailable(): ReactElement {
  const t = useT();
  const { wrapUp } = useCallScope();
  return (
    <Alert color="gray" variant="light" icon={<IconShieldAlert />} title={t('verify.unavailable.title')} data-testid="verify-result" data-status="unavailable">
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{t('verify.unavailable.body')}</Text>
        <List size="sm" type="ordered" spacing={4}>
          <List.Item>{t('verify.procedure.general')}</List.Item>
          <List.Item>{t('verify.procedure.noChange')}</List.Item>
          <List.Item>{t('verify.procedure.post')}</List.Item>
          <List.Item>{t('verify.procedure.wrapUp')}</List.Item>
        </List>
        <Button
          size="xs"
          variant="light"
          data-testid="verify-go-wrapup"
          onClick={() => {
            if (dispositionsStore.getState().value.value?.includes('no_verification')) wrapUp.getState().setDisposition('no_verification');
            if (callStore.getState().setTab('wrapup')) requestCallFocus();
          }}
        >
          {t('verify.procedure.go')}
        </Button>
      </Stack>
    </Alert>
  );
}
