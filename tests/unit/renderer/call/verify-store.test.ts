import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { VerificationOutcome } from '../../../../src/core/verification';
import { attemptsLeft, createVerifyStore, lockedUntil, verifyView } from '../../../../src/renderer/src/features/verify/verify-store';
import { fakeApi, flush } from '../fake-api';
import { CALL, CUSTOMER, lockout, questions } from './fixtures';

let api: ReturnType<typeof fakeApi>;
let onPassed: ReturnType<typeof vi.fn<(verifiedAt: string | null) => void>>;
let onCallLost: ReturnType<typeof vi.fn<() => void>>;
let store: ReturnType<typeof createVerifyStore>;

// What a caller might say; none of it may survive an attempt anywhere in the state.
const DOB = '12 mars 1985';
const PIN = '480271';
const WRONG_PIN = '135790';
const POSTCODE = 'SW1A 1AA';
const MAIN_VERIFIED_AT = '2031-05-20T09:04:00.000Z';

beforeEach(async () => {
  api = fakeApi();
  onPassed = vi.fn<(verifiedAt: string | null) => void>();
  onCallLost = vi.fn<() => void>();
  store = createVerifyStore({ api: api.api, interactionId: CALL, customerId: CUSTOMER, onPassed, onCallLost });
  void store.getState().refresh();
  api.callsTo('verification.questions')[0]!.resolve(questions());
  await flush();
});

async function attempt(answers: Record<string, string>, outcome: VerificationOutcome): Promise<void> {
  for (const [kind, value] of Object.entries(answers)) store.getState().setAnswer(kind as never, value);
  const submitted = store.getState().submit();
  api.callsTo('verification.attempt').at(-1)!.resolve(outcome);
  await submitted;
}

describe('verification store', () => {
  it('loads the questions to ask and shows the form', () => {
    const s = store.getState();
    expect(s.load).toBe('ready');
    expect(verifyView(s)).toBe('form');
    expect(attemptsLeft(s)).toBe(5);
  });

  it('too few answers: says what to ask, sends nothing and keeps what was typed', async () => {
    store.getState().setAnswer('date_of_birth', DOB);
    store.getState().setAnswer('postcode', POSTCODE);
    expect(await store.getState().submit()).toBeNull();
    expect(api.callsTo('verification.attempt')).toHaveLength(0);
    expect(store.getState().missing).toEqual({ complete: false, answersNeeded: 1, nonPublicNeeded: true });
    expect(store.getState().answers.date_of_birth).toBe(DOB);
    // Typing again clears the message.
    store.getState().setAnswer('account_pin', PIN);
    expect(store.getState().missing).toBeNull();
  });

  it('sends only the given answers, and empties the fields before the answer comes back', async () => {
    store.getState().setAnswer('date_of_birth', ` ${DOB} `);
    store.getState().setAnswer('account_pin', WRONG_PIN);
    store.getState().setAnswer('postcode', '   ');
    const submitted = store.getState().submit();
    expect(api.callsTo('verification.attempt')[0]!.input).toEqual({
      interactionId: CALL,
      answers: { date_of_birth: DOB, account_pin: WRONG_PIN },
    });
    // In flight: nothing typed is left in the state.
    expect(store.getState().answers).toEqual({});
    expect(store.getState().submitting).toBe(true);
    store.getState().setAnswer('postcode', 'x'); // ignored while checking
    expect(store.getState().answers).toEqual({});
    api.callsTo('verification.attempt')[0]!.resolve({ status: 'failed', attemptsLeft: 4 });
    await submitted;
    expect(store.getState().answers).toEqual({});
  });

  it('failed: attempts left, never which answer; the form stays for another try', async () => {
    await attempt({ date_of_birth: DOB, account_pin: WRONG_PIN }, { status: 'failed', attemptsLeft: 4 });
    const s = store.getState();
    expect(s.outcome).toEqual({ status: 'failed', attemptsLeft: 4 });
    expect(attemptsLeft(s)).toBe(4);
    expect(s.questions?.lockout.attemptsLeft).toBe(4);
    expect(verifyView(s)).toBe('form');
    expect(s.attempts).toBe(1);
    expect(onPassed).not.toHaveBeenCalled();
  });

  it('THE CANARY: after a failed and a passed attempt no state holds a typed answer', async () => {
    await attempt({ date_of_birth: DOB, account_pin: WRONG_PIN, postcode: POSTCODE }, { status: 'failed', attemptsLeft: 4 });
    await attempt({ date_of_birth: DOB, account_pin: PIN }, { status: 'passed', verifiedAt: MAIN_VERIFIED_AT });
    const json = JSON.stringify(store.getState());
    for (const secret of [DOB, PIN, WRONG_PIN, POSTCODE, '1985', '480 271']) expect(json).not.toContain(secret);
    expect(verifyView(store.getState())).toBe('verified');
    expect(onPassed).toHaveBeenCalledTimes(1);
    // The time of the pass is main's (the interaction's verified_at), never this window's clock.
    expect(onPassed).toHaveBeenCalledWith(MAIN_VERIFIED_AT);
    expect(store.getState().questions?.verifiedAt).toBe(MAIN_VERIFIED_AT);
  });

  it('the canary holds when the attempt fails to reach main', async () => {
    store.getState().setAnswer('date_of_birth', DOB);
    store.getState().setAnswer('account_pin', PIN);
    const submitted = store.getState().submit();
    api.callsTo('verification.attempt')[0]!.reject({ code: 'INTERNAL', messageKey: 'error.unreachable' });
    await submitted;
    expect(store.getState().error?.messageKey).toBe('error.unreachable');
    expect(JSON.stringify(store.getState())).not.toContain(PIN);
    expect(JSON.stringify(store.getState())).not.toContain(DOB);
  });

  it('incomplete from main: how many more, whether PIN/invoice is needed, fields cleared', async () => {
    await attempt({ date_of_birth: DOB, account_pin: PIN }, { status: 'incomplete', answersNeeded: 1, nonPublicNeeded: true, attemptsLeft: 5 });
    expect(store.getState().outcome?.status).toBe('incomplete');
    expect(store.getState().answers).toEqual({});
    expect(verifyView(store.getState())).toBe('form');
  });

  it('locked: red state with the end of the lock; nothing more can be sent', async () => {
    const until = '2026-11-15T10:35:00.000Z';
    await attempt({ date_of_birth: DOB, account_pin: WRONG_PIN }, { status: 'locked', reason: 'too_many_failures', lockedUntil: until, mode: 'online' });
    const s = store.getState();
    expect(verifyView(s)).toBe('locked');
    expect(lockedUntil(s)).toBe(until);
    expect(s.questions?.lockout.locked).toBe(true);
    store.getState().setAnswer('date_of_birth', DOB);
    store.getState().setAnswer('account_pin', PIN);
    expect(await store.getState().submit()).toBeNull();
    expect(api.callsTo('verification.attempt')).toHaveLength(1);
  });

  it('a customer already locked when the call opens shows the lock at once', async () => {
    const locked = createVerifyStore({ api: api.api, interactionId: CALL, customerId: CUSTOMER });
    void locked.getState().refresh();
    api
      .callsTo('verification.questions')
      .at(-1)!
      .resolve(questions({ lockout: lockout({ locked: true, lockedUntil: '2026-11-15T10:35:00.000Z', reason: 'too_many_failures', attemptsLeft: 0 }) }));
    await flush();
    expect(verifyView(locked.getState())).toBe('locked');
  });

  it('unavailable: too few facts on file → the no-verification procedure', async () => {
    await attempt({ date_of_birth: DOB, account_pin: PIN }, { status: 'unavailable', reason: 'not_enough_facts' });
    expect(verifyView(store.getState())).toBe('unavailable');
  });

  it('a supervisor unlock sends the reason, clears the lock and reloads the questions', async () => {
    await attempt(
      { date_of_birth: DOB, account_pin: WRONG_PIN },
      { status: 'locked', reason: 'too_many_failures', lockedUntil: '2026-11-15T10:35:00.000Z', mode: 'online' },
    );
    const unlocking = store.getState().unlockNow('  Caller confirmed by letter  ');
    expect(api.callsTo('verification.unlock')[0]!.input).toEqual({ customerId: CUSTOMER, reason: 'Caller confirmed by letter' });
    api.callsTo('verification.unlock')[0]!.resolve(lockout());
    expect(await unlocking).toBe(true);
    expect(verifyView(store.getState())).toBe('form');
    expect(store.getState().unlock.status).toBe('done');
    expect(api.callsTo('verification.questions')).toHaveLength(2);
  });

  it('an unlock refused by main keeps the lock and says why', async () => {
    await attempt(
      { date_of_birth: DOB, account_pin: WRONG_PIN },
      { status: 'locked', reason: 'too_many_failures', lockedUntil: '2026-11-15T10:35:00.000Z', mode: 'online' },
    );
    const unlocking = store.getState().unlockNow('a good reason');
    api.callsTo('verification.unlock')[0]!.reject({ code: 'FORBIDDEN', messageKey: 'error.forbidden' });
    expect(await unlocking).toBe(false);
    expect(store.getState().unlock.error?.code).toBe('FORBIDDEN');
    expect(verifyView(store.getState())).toBe('locked');
  });

  it('a call already verified (resumed) reports itself verified', async () => {
    const s2 = createVerifyStore({ api: api.api, interactionId: CALL, customerId: CUSTOMER, onPassed });
    void s2.getState().refresh();
    api
      .callsTo('verification.questions')
      .at(-1)!
      .resolve(questions({ verified: true, verifiedAt: '2026-11-15T10:01:00.000Z' }));
    await flush();
    expect(verifyView(s2.getState())).toBe('verified');
    expect(onPassed).toHaveBeenCalledWith('2026-11-15T10:01:00.000Z');
  });

  it('the call ended elsewhere: tells the call workspace', async () => {
    store.getState().setAnswer('date_of_birth', DOB);
    store.getState().setAnswer('account_pin', PIN);
    const submitted = store.getState().submit();
    api.callsTo('verification.attempt')[0]!.reject({ code: 'INTERACTION_ENDED', messageKey: 'error.interactionEnded' });
    await submitted;
    expect(onCallLost).toHaveBeenCalled();
  });

  it('the end of the call empties the store; a late answer for it is ignored', async () => {
    store.getState().setAnswer('date_of_birth', DOB);
    store.getState().setAnswer('account_pin', PIN);
    const submitted = store.getState().submit();
    store.dispose();
    api.callsTo('verification.attempt')[0]!.resolve({ status: 'passed', verifiedAt: MAIN_VERIFIED_AT });
    await submitted;
    expect(store.getState().outcome).toBeNull();
    expect(store.getState().questions).toBeNull();
    expect(onPassed).not.toHaveBeenCalled();
    // Nothing is asked for a call that has ended.
    await store.getState().refresh();
    expect(api.callsTo('verification.questions')).toHaveLength(1);
  });
});
