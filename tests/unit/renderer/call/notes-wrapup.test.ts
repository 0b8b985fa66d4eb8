import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { InteractionNote } from '../../../../src/core/api';
import { createDispositionsStore } from '../../../../src/renderer/src/features/wrapup/dispositions-store';
import { createNotesStore } from '../../../../src/renderer/src/features/wrapup/notes-store';
import { createWrapUpStore } from '../../../../src/renderer/src/features/wrapup/wrapup-store';
import { fakeApi, flush } from '../fake-api';
import { CALL, wrapUpResult } from './fixtures';

const note = (n: number, text: string): InteractionNote => ({
  noteId: `0190c3a0-0000-7000-8000-0000000000${String(n).padStart(2, '0')}`,
  interactionId: CALL,
  authorId: 'a',
  authorName: 'Sam Taylor',
  at: '2026-11-15T10:02:00.000Z',
  text,
});

describe('notes store', () => {
  let api: ReturnType<typeof fakeApi>;
  let store: ReturnType<typeof createNotesStore>;

  beforeEach(async () => {
    api = fakeApi();
    store = createNotesStore({ api: api.api, interactionId: CALL });
    store.getState().open();
    api.callsTo('notes.list')[0]!.resolve([note(1, 'Caller asked about roaming')]);
    await flush();
  });

  it('a note with a card number is refused: list unchanged, message from the API, draft kept to fix', async () => {
    const card = 'Paid with 4111 1111 1111 1111 yesterday';
    store.getState().setDraft(card);
    const adding = store.getState().add();
    api.callsTo('notes.add')[0]!.reject({ code: 'NOTE_REFUSED', messageKey: 'error.noteContainsCardNumber' });
    expect(await adding).toBe(false);
    const s = store.getState();
    expect(s.notes.value).toHaveLength(1);
    expect(s.saveError).toEqual({ code: 'NOTE_REFUSED', messageKey: 'error.noteContainsCardNumber' });
    expect(s.draft).toBe(card);
    // Editing clears the refusal.
    store.getState().setDraft('Paid by card yesterday');
    expect(store.getState().saveError).toBeNull();
  });

  it('a normal note is appended and the field emptied', async () => {
    store.getState().setDraft('Explained the roaming charge');
    const adding = store.getState().add();
    expect(api.callsTo('notes.add')[0]!.input).toEqual({ interactionId: CALL, text: 'Explained the roaming charge' });
    api.callsTo('notes.add')[0]!.resolve(note(2, 'Explained the roaming charge'));
    expect(await adding).toBe(true);
    expect(store.getState().notes.value?.map((n) => n.text)).toEqual(['Caller asked about roaming', 'Explained the roaming charge']);
    expect(store.getState().draft).toBe('');
    expect(store.getState().saved).toBe(1);
  });

  it('an empty note is not sent', async () => {
    store.getState().setDraft('   ');
    expect(await store.getState().add()).toBe(false);
    expect(api.callsTo('notes.add')).toHaveLength(0);
    expect(store.getState().saveError?.messageKey).toBe('error.noteEmpty');
  });
});

describe('wrap-up store', () => {
  it('loads the configured dispositions once, requires one, then ends the call', async () => {
    const api = fakeApi();
    const onEnded = vi.fn();
    const dispositions = createDispositionsStore({ api: api.api });
    void dispositions.getState().load();
    void dispositions.getState().load();
    expect(api.callsTo('interaction.dispositions')).toHaveLength(1);
    api.callsTo('interaction.dispositions')[0]!.resolve({ codes: ['billing_question_answered', 'other'] });
    await flush();
    expect(dispositions.getState().value.value).toEqual(['billing_question_answered', 'other']);

    const store = createWrapUpStore({ api: api.api, interactionId: CALL, onEnded });
    expect(await store.getState().submit()).toBeNull();
    expect(store.getState().dispositionMissing).toBe(true);
    expect(api.callsTo('interaction.wrapUp')).toHaveLength(0);

    store.getState().setDisposition('billing_question_answered');
    store.getState().setNote('  Customer happy  ');
    const ending = store.getState().submit();
    expect(api.callsTo('interaction.wrapUp')[0]!.input).toEqual({ interactionId: CALL, disposition: 'billing_question_answered', note: 'Customer happy' });
    api.callsTo('interaction.wrapUp')[0]!.resolve(wrapUpResult());
    expect(await ending).toEqual(wrapUpResult());
    expect(onEnded).toHaveBeenCalledWith(wrapUpResult());
  });

  it('a refused wrap-up note keeps the form with the reason', async () => {
    const api = fakeApi();
    const store = createWrapUpStore({ api: api.api, interactionId: CALL });
    store.getState().setDisposition('other');
    store.getState().setNote('card 4111 1111 1111 1111');
    const ending = store.getState().submit();
    api.callsTo('interaction.wrapUp')[0]!.reject({ code: 'NOTE_REFUSED', messageKey: 'error.noteContainsCardNumber' });
    expect(await ending).toBeNull();
    expect(store.getState().error?.messageKey).toBe('error.noteContainsCardNumber');
    expect(store.getState().disposition).toBe('other');
  });

  it('drafts the note and the outcome from the recap, never over what the agent typed or chose', async () => {
    const api = fakeApi();
    const store = createWrapUpStore({ api: api.api, interactionId: CALL });
    const drafting = store.getState().draft('fr', ['billing_question_answered', 'credit_granted', 'other']);
    expect(api.callsTo('interaction.recap')[0]!.input).toEqual({ interactionId: CALL, locale: 'fr' });
    api
      .callsTo('interaction.recap')[0]!
      .resolve({ interactionId: CALL, locale: 'fr', note: 'Identité vérifiée à 10:02 par code PIN.', disposition: 'credit_granted', facts: [] });
    await drafting;
    expect(store.getState()).toMatchObject({ note: 'Identité vérifiée à 10:02 par code PIN.', disposition: 'credit_granted', drafted: true });
    // Once per call.
    await store.getState().draft('fr', ['other']);
    expect(api.callsTo('interaction.recap')).toHaveLength(1);

    const typed = createWrapUpStore({ api: api.api, interactionId: CALL });
    typed.getState().setNote('My own words');
    typed.getState().setDisposition('other');
    const second = typed.getState().draft('en', ['other', 'credit_granted']);
    api
      .callsTo('interaction.recap')[1]!
      .resolve({ interactionId: CALL, locale: 'en', note: 'Verified at 10:02 with PIN.', disposition: 'credit_granted', facts: [] });
    await second;
    expect(typed.getState()).toMatchObject({ note: 'My own words', disposition: 'other' });

    // A suggestion the configured list does not hold is not chosen.
    const unlisted = createWrapUpStore({ api: api.api, interactionId: CALL });
    const third = unlisted.getState().draft('en', ['other']);
    api.callsTo('interaction.recap')[2]!.resolve({ interactionId: CALL, locale: 'en', note: 'x', disposition: 'credit_granted', facts: [] });
    await third;
    expect(unlisted.getState().disposition).toBeNull();
  });

  it('sends the follow-up with the wrap-up: the due time as an instant, the text trimmed', async () => {
    const api = fakeApi();
    const store = createWrapUpStore({ api: api.api, interactionId: CALL, now: () => new Date(2031, 0, 10, 9, 30) });
    store.getState().setDisposition('callback_promised');
    store.getState().setFollowUp({ kind: 'callback', text: '  Rappeler Hélène  ' });
    expect(store.getState().followUpDue).toBe('2031-01-11T09:30');
    void store.getState().submit();
    expect(api.callsTo('interaction.wrapUp')[0]!.input).toEqual({
      interactionId: CALL,
      disposition: 'callback_promised',
      followUp: { kind: 'callback', dueAt: new Date(2031, 0, 11, 9, 30).toISOString(), text: 'Rappeler Hélène' },
    });
  });
});
