import { Button, Group, Kbd, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useMemo, useRef, type FormEvent, type ReactElement } from 'react';
import type { InteractionNote } from '../../../../core/api';
import { formatTime } from '../../../../core/i18n';
import { findCardNumbers, NOTE_MAX_LENGTH } from '../../../../core/notes';
import { useT } from '../../i18n/use-t';
import { keyName, useShortcuts } from '../../ui/shortcuts';
import { useCallScope, useNotes } from '../../store';
import { MOD_KEY_LABEL } from '../../ui/dom';
import { EmptyLine, ErrorAlert } from '../../ui/load-state';
import { FreeText } from '../../ui/free-text';

const NONE: readonly InteractionNote[] = [];

/**
 * The call's notes, oldest first, and a field to add one (Ctrl+Enter). A card number is
 * flagged while typing; main refuses such a note (and never stores it) — the refusal comes
 * back as the API error's message.
 */
export function NotesPanel(): ReactElement {
  const t = useT();
  const { notes: store } = useCallScope();
  const { status, value, error: loadError } = useNotes((s) => s.notes);
  const notes = value ?? NONE;
  const draft = useNotes((s) => s.draft);
  const saving = useNotes((s) => s.saving);
  const saveError = useNotes((s) => s.saveError);
  const saved = useNotes((s) => s.saved);
  const fieldRef = useRef<HTMLTextAreaElement>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const cardLike = useMemo(() => findCardNumbers(draft).length > 0, [draft]);

  useEffect(() => {
    store.getState().open();
  }, [store]);

  useEffect(() => {
    fieldRef.current?.focus();
    listRef.current?.lastElementChild?.scrollIntoView({ block: 'nearest' });
  }, [saved]);

  useShortcuts([{ id: 'notes.add', group: 'notes', chords: [{ key: 'Enter', mod: true }], label: 'shortcuts.notes.add', visibleIn: () => fieldRef.current }]);

  function onSubmit(event: FormEvent): void {
    event.preventDefault();
    void store.getState().add();
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="notes-title" data-testid="notes-panel" maw={860}>
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={3} fz="h4" id="notes-title">
            {t('notes.title')}
          </Title>
          <Text size="sm" c="dimmed" data-testid="notes-count" data-count={notes.length}>
            {t.plural('notes.count', notes.length)}
          </Text>
        </Group>

        {status === 'loading' && notes.length === 0 && <Loader size="sm" />}
        {loadError && <ErrorAlert error={loadError} lead={t('notes.loadFailed')} />}
        {status === 'ready' && notes.length === 0 && <EmptyLine testId="notes-empty">{t('notes.empty')}</EmptyLine>}
        {notes.length > 0 && (
          <ol className="ard-notes" ref={listRef} data-testid="notes-list">
            {notes.map((note) => (
              <li key={note.noteId} data-testid="note-item" data-note-id={note.noteId}>
                <Text size="xs" c="dimmed">
                  {t('notes.by', { name: note.authorName, time: formatTime(t.locale, note.at) })}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {note.text}
                </Text>
              </li>
            ))}
          </ol>
        )}

        <form onSubmit={onSubmit} data-testid="note-form">
          <Stack gap="xs">
            <FreeText
              ref={fieldRef}
              label={t('notes.new')}
              placeholder={t('notes.placeholder')}
              value={draft}
              onChange={(text) => store.getState().setDraft(text)}
              rows={[2, 8]}
              maxLength={NOTE_MAX_LENGTH}
              disabled={saving}
              testId="note-input"
              description={
                cardLike ? (
                  <Text component="span" size="xs" c="orange.9" data-testid="note-card-warning">
                    {t('notes.cardWarning')}
                  </Text>
                ) : undefined
              }
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                  e.preventDefault();
                  void store.getState().add();
                }
              }}
            />
            <Group gap="sm">
              <Button type="submit" loading={saving} variant="light" data-testid="note-submit">
                {saving ? t('notes.adding') : t('notes.add')}
              </Button>
              <Text size="xs" c="dimmed" aria-hidden="true">
                <Kbd size="xs">{MOD_KEY_LABEL}</Kbd> + <Kbd size="xs">{keyName(t.locale, 'Enter')}</Kbd> {t('notes.addHint')}
              </Text>
            </Group>
            {saveError && <ErrorAlert error={saveError} testId="note-error" />}
          </Stack>
        </form>
      </Stack>
    </Paper>
  );
}
