import { Button, Group, Kbd, Loader, Paper, Radio, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useEffect, useRef, type FormEvent, type ReactElement } from 'react';
import { formatTime } from '../../../../core/i18n';
import { NOTE_MAX_LENGTH } from '../../../../core/notes';
import { useT } from '../../i18n/use-t';
import { dispositionsStore, useCall, useCallScope, useDispositions, useNotes, useWrapUp } from '../../store';
import { MOD_KEY_LABEL } from '../../ui/dom';
import { useElapsed } from '../call/CallTimer';
import { IconPhoneOff } from '../../ui/icons';
import { Labelled } from '../../ui/figure';
import { formatHandleTime } from '../call/timer';
import { dispositionLabel } from './dispositions';
import { ErrorAlert } from '../../ui/load-state';

/**
 * Ending the call: the outcome (a disposition from the configured list), a note if useful,
 * and End call. Main records the end and the handle time; the screen goes back to the lookup
 * and shows the handle time there.
 */
export function WrapUpPanel(): ReactElement {
  const t = useT();
  const { wrapUp } = useCallScope();
  const { value: codes, status: listStatus, error: listError } = useDispositions((s) => s.value);
  const disposition = useWrapUp((s) => s.disposition);
  const note = useWrapUp((s) => s.note);
  const submitting = useWrapUp((s) => s.submitting);
  const error = useWrapUp((s) => s.error);
  const missing = useWrapUp((s) => s.dispositionMissing);
  const verified = useCall((s) => s.verified);
  const verifiedAt = useCall((s) => s.verifiedAt);
  const startedAtMs = useCall((s) => s.startedAtMs);
  const noteCount = useNotes((s) => s.notes.value?.length ?? 0);
  const elapsed = useElapsed(startedAtMs);
  const groupRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    void dispositionsStore.getState().load();
  }, []);

  // Keyboard-first: land on the outcome list (the checked one, or the first).
  useEffect(() => {
    if (!codes) return;
    const group = groupRef.current;
    const target = group?.querySelector<HTMLInputElement>('input[type=radio]:checked') ?? group?.querySelector<HTMLInputElement>('input[type=radio]');
    target?.focus();
  }, [codes]);

  function onSubmit(event?: FormEvent): void {
    event?.preventDefault();
    void wrapUp.getState().submit();
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="wrapup-title" data-testid="wrapup-panel" maw={860}>
      <form
        onSubmit={onSubmit}
        data-testid="wrapup-form"
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) onSubmit(e);
        }}
      >
        <Stack gap="md">
          <Group justify="space-between" align="flex-start">
            <Title order={3} fz="h4" id="wrapup-title">
              {t('wrapup.title')}
            </Title>
            <Group gap="lg">
              <Labelled label={t('wrapup.summary.handle')}>
                <Text className="ard-mono" fw={650}>
                  {formatHandleTime(elapsed)}
                </Text>
              </Labelled>
              <Labelled label={t('wrapup.summary.verification')}>
                <Text fw={650} c={verified ? 'teal.8' : 'orange.8'}>
                  {verified && verifiedAt ? t('call.verifiedAt', { time: formatTime(t.locale, verifiedAt) }) : t('wrapup.summary.notVerified')}
                </Text>
              </Labelled>
              <Labelled label={t('wrapup.summary.notes')}>
                <Text fw={650}>{noteCount}</Text>
              </Labelled>
            </Group>
          </Group>

          {listStatus === 'loading' && <Loader size="sm" />}
          {listError && (
            <ErrorAlert error={listError} lead={t('wrapup.dispositions.loadFailed')} />
          )}
          {codes && (
            <Radio.Group
              ref={groupRef}
              label={t('wrapup.disposition')}
              value={disposition}
              onChange={(value) => wrapUp.getState().setDisposition(value)}
              error={missing ? t('wrapup.disposition.required') : undefined}
              withAsterisk
              data-testid="wrapup-dispositions"
            >
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={6} verticalSpacing={6} mt={6}>
                {codes.map((code) => (
                  <Radio.Card key={code} value={code} className="ard-choice" p="xs" radius="sm" data-testid="wrapup-disposition" data-code={code}>
                    <Group gap="xs" wrap="nowrap">
                      <Radio.Indicator size="xs" />
                      <Text size="sm">{dispositionLabel(t, code)}</Text>
                    </Group>
                  </Radio.Card>
                ))}
              </SimpleGrid>
            </Radio.Group>
          )}

          <Textarea
            label={
              <>
                {t('wrapup.note')}{' '}
                <Text span size="xs" c="dimmed">
                  ({t('wrapup.note.optional')})
                </Text>
              </>
            }
            placeholder={t('wrapup.note.placeholder')}
            value={note}
            onChange={(e) => wrapUp.getState().setNote(e.currentTarget.value)}
            autosize
            minRows={2}
            maxRows={6}
            maxLength={NOTE_MAX_LENGTH}
            data-testid="wrapup-note"
          />

          {error && (
            <ErrorAlert error={error} testId="wrapup-error" />
          )}

          <Group gap="sm">
            <Button
              type="submit"
              color="red"
              leftSection={<IconPhoneOff size={16} />}
              loading={submitting}
              data-testid="wrapup-submit"
              rightSection={
                <Kbd size="xs" c="inherit" bg="transparent">
                  {MOD_KEY_LABEL}+Enter
                </Kbd>
              }
            >
              {submitting ? t('wrapup.submitting') : t('wrapup.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
