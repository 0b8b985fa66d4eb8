import { Button, Group, Kbd, Loader, Paper, Radio, SegmentedControl, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useRef, type FormEvent, type KeyboardEvent, type ReactElement } from 'react';
import type { FollowUpKind } from '../../../../core/api';
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
import { FreeText } from '../../ui/free-text';

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
  const followUpKind = useWrapUp((s) => s.followUpKind);
  const followUpDue = useWrapUp((s) => s.followUpDue);
  const followUpText = useWrapUp((s) => s.followUpText);
  const groupRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    void dispositionsStore.getState().load();
  }, []);

  // The note and the outcome start as the call's recap: the agent edits rather than types.
  useEffect(() => {
    if (codes) void wrapUp.getState().draft(t.locale, codes);
  }, [codes, wrapUp, t.locale]);

  // Keyboard-first: land on the outcome list (the checked one, or the first).
  const nothingChosen = disposition === null;
  useEffect(() => {
    if (!codes) return;
    const group = groupRef.current;
    const target = group?.querySelector<HTMLElement>('[role=radio][aria-checked=true]') ?? group?.querySelector<HTMLElement>('[role=radio]');
    target?.focus();
  }, [codes, nothingChosen]);

  // One Tab stop for the outcomes; the arrows move the choice (and the focus) through them.
  function onOutcomeKey(event: KeyboardEvent<HTMLDivElement>): void {
    if (!codes || codes.length === 0) return;
    const step = event.key === 'ArrowDown' || event.key === 'ArrowRight' ? 1 : event.key === 'ArrowUp' || event.key === 'ArrowLeft' ? -1 : 0;
    const edge = event.key === 'Home' ? 0 : event.key === 'End' ? codes.length - 1 : null;
    if (step === 0 && edge === null) return;
    event.preventDefault();
    event.stopPropagation();
    const at = disposition === null ? -1 : codes.indexOf(disposition);
    const next = edge ?? (at < 0 ? (step > 0 ? 0 : codes.length - 1) : (at + step + codes.length) % codes.length);
    const code = codes[next]!;
    wrapUp.getState().setDisposition(code);
    groupRef.current?.querySelector<HTMLElement>(`[role=radio][data-code="${code}"]`)?.focus();
  }

  function chooseFollowUp(kind: FollowUpKind | 'none'): void {
    const text = kind === 'none' || followUpText.trim() !== '' ? undefined : t(kind === 'promise' ? 'followup.defaultPromise' : 'followup.defaultCallback');
    wrapUp.getState().setFollowUp({ kind, ...(text !== undefined ? { text } : {}) });
  }

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
          {listError && <ErrorAlert error={listError} lead={t('wrapup.dispositions.loadFailed')} />}
          {codes && (
            <Radio.Group
              label={t('wrapup.disposition')}
              value={disposition}
              onChange={(value) => wrapUp.getState().setDisposition(value)}
              error={missing ? t('wrapup.disposition.required') : undefined}
              withAsterisk
              data-testid="wrapup-dispositions"
            >
              <SimpleGrid ref={groupRef} cols={{ base: 1, sm: 2 }} spacing={6} verticalSpacing={6} mt={6} onKeyDownCapture={onOutcomeKey}>
                {codes.map((code, i) => {
                  const checked = disposition === code;
                  return (
                    <Radio.Card
                      key={code}
                      value={code}
                      className="ard-choice"
                      p="xs"
                      radius="sm"
                      data-testid="wrapup-disposition"
                      data-code={code}
                      tabIndex={checked || (disposition === null && i === 0) ? 0 : -1}
                    >
                      <Group gap="xs" wrap="nowrap">
                        <Radio.Indicator size="xs" />
                        <Text size="sm" fw={checked ? 650 : undefined}>
                          {dispositionLabel(t, code)}
                        </Text>
                      </Group>
                    </Radio.Card>
                  );
                })}
              </SimpleGrid>
            </Radio.Group>
          )}

          <FreeText
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
            onChange={(text) => wrapUp.getState().setNote(text)}
            rows={[3, 8]}
            maxLength={NOTE_MAX_LENGTH}
            testId="wrapup-note"
          />

          <Stack gap={6} data-testid="wrapup-followup">
            <Text size="sm" fw={500} id="wrapup-followup-label">
              {t('followup.legend')}
            </Text>
            <SegmentedControl
              aria-labelledby="wrapup-followup-label"
              value={followUpKind}
              onChange={(value) => chooseFollowUp(value as FollowUpKind | 'none')}
              data={[
                { value: 'none', label: t('followup.none') },
                { value: 'callback', label: t('followup.kind.callback') },
                { value: 'promise', label: t('followup.kind.promise') },
              ]}
              data-testid="wrapup-followup-kind"
              w="fit-content"
            />
            {followUpKind !== 'none' && (
              <Group gap="sm" align="flex-end" wrap="wrap">
                <TextInput
                  type="datetime-local"
                  label={t('followup.due')}
                  value={followUpDue}
                  onChange={(e) => wrapUp.getState().setFollowUp({ due: e.currentTarget.value })}
                  data-testid="wrapup-followup-due"
                  required
                />
                <TextInput
                  label={t('followup.text')}
                  placeholder={t('followup.text.placeholder')}
                  value={followUpText}
                  onChange={(e) => wrapUp.getState().setFollowUp({ text: e.currentTarget.value })}
                  maxLength={500}
                  miw={320}
                  data-testid="wrapup-followup-text"
                  required
                />
              </Group>
            )}
          </Stack>

          {error && <ErrorAlert error={error} testId="wrapup-error" />}

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
