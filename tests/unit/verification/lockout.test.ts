import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_VERIFICATION_POLICY,
  lockoutState,
  unlockReasonSchema,
  VerificationInputError,
  type VerificationEvent,
  type VerificationPolicy,
} from '../../../src/core/verification';

const policy = DEFAULT_VERIFICATION_POLICY; // 5 online, 3 offline, 30 minutes
const T0 = Date.parse('2025-06-15T09:00:00.000Z');
const at = (minutes: number): string => new Date(T0 + minutes * 60_000).toISOString();
const fail = (minutes: number): VerificationEvent => ({ at: at(minutes), passed: false });
const pass = (minutes: number): VerificationEvent => ({ at: at(minutes), passed: true });
const unlock = (minutes: number): VerificationEvent => ({ at: at(minutes), passed: false, unlock: true });

describe('lockout after consecutive failures, across all agents', () => {
  it('no history: five attempts left online, three offline', () => {
    expect(lockoutState([], at(0), policy, 'online')).toEqual({ locked: false, consecutiveFailures: 0, attemptsLeft: 5 });
    expect(lockoutState([], at(0), policy, 'offline')).toEqual({ locked: false, consecutiveFailures: 0, attemptsLeft: 3 });
  });

  it.each<[string, VerificationEvent[], number, object]>([
    ['four failures: one left', [fail(0), fail(1), fail(2), fail(3)], 4, { locked: false, consecutiveFailures: 4, attemptsLeft: 1 }],
    [
      'the fifth failure locks for 30 minutes from it',
      [fail(0), fail(1), fail(2), fail(3), fail(4)],
      5,
      { locked: true, consecutiveFailures: 5, attemptsLeft: 0, lockedUntil: at(34), reason: 'too_many_failures' },
    ],
    ['still locked one minute before the end', [fail(0), fail(1), fail(2), fail(3), fail(4)], 33, { locked: true }],
    [
      'unlocked when the time is up — with one attempt, not five',
      [fail(0), fail(1), fail(2), fail(3), fail(4)],
      34,
      { locked: false, consecutiveFailures: 5, attemptsLeft: 1 },
    ],
    [
      'a failure after expiry locks again at once',
      [fail(0), fail(1), fail(2), fail(3), fail(4), fail(40)],
      41,
      { locked: true, consecutiveFailures: 6, lockedUntil: at(70) },
    ],
    ['a pass resets the count', [fail(0), fail(1), fail(2), fail(3), pass(4), fail(5)], 6, { locked: false, consecutiveFailures: 1, attemptsLeft: 4 }],
    [
      'a supervisor unlock lifts a lock and resets the count',
      [fail(0), fail(1), fail(2), fail(3), fail(4), unlock(10)],
      11,
      { locked: false, consecutiveFailures: 0, attemptsLeft: 5 },
    ],
    [
      'failures after an unlock count from zero',
      [fail(0), fail(1), fail(2), fail(3), fail(4), unlock(10), fail(12)],
      13,
      { locked: false, consecutiveFailures: 1, attemptsLeft: 4 },
    ],
    [
      'history out of arrival order is put in time order',
      [fail(3), pass(0), fail(1), fail(2), fail(4)],
      5,
      { locked: false, consecutiveFailures: 4, attemptsLeft: 1 },
    ],
    [
      'a late-arriving pass from before the failures does not reset them',
      [fail(1), fail(2), fail(3), fail(4), fail(5), pass(0)],
      6,
      { locked: true, lockedUntil: at(35) },
    ],
  ])('%s', (_name, history, nowMinutes, expected) => {
    expect(lockoutState(history, at(nowMinutes), policy, 'online')).toMatchObject(expected);
  });

  it('offline, the stricter local limit locks after three', () => {
    const history = [fail(0), fail(1), fail(2)];
    expect(lockoutState(history, at(3), policy, 'offline')).toMatchObject({ locked: true, lockedUntil: at(32) });
    expect(lockoutState(history, at(3), policy, 'online')).toMatchObject({ locked: false, attemptsLeft: 2 });
  });

  it('the lock time is configurable', () => {
    const long: VerificationPolicy = { ...policy, lockout: { ...policy.lockout, lockMinutes: 240 } };
    const history = [fail(0), fail(1), fail(2), fail(3), fail(4)];
    expect(lockoutState(history, at(100), long, 'online')).toMatchObject({ locked: true, lockedUntil: at(244) });
  });

  it('reads times with a zone offset, and answers in UTC', () => {
    const history = ['10:00', '10:01', '10:02', '10:03', '10:04'].map((t) => ({ at: `2025-06-15T${t}:00+01:00`, passed: false }));
    expect(lockoutState(history, '2025-06-15T09:05:00Z', policy, 'online')).toMatchObject({ locked: true, lockedUntil: '2025-06-15T09:34:00.000Z' });
  });

  it.each([['yesterday'], ['2025-06-15'], ['2025-06-15T09:00:00'], ['2025-13-45T09:00:00Z']])('refuses a time %j with a typed error', (bad) => {
    expect(() => lockoutState([], bad, policy, 'online')).toThrow(VerificationInputError);
    expect(() => lockoutState([{ at: bad, passed: false }], at(0), policy, 'online')).toThrow(VerificationInputError);
  });

  it('property: exactly maxConsecutiveFailures failures lock, however they interleave across agents', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 6 }), // agents
        fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 10, maxLength: 10 }), // which agent makes each failure
        fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 10, maxLength: 10 }), // seconds apart
        fc.constantFrom<'online' | 'offline'>('online', 'offline'),
        (max, agents, who, gaps, mode) => {
          const custom: VerificationPolicy = {
            ...policy,
            lockout: { maxConsecutiveFailures: max, lockMinutes: 30, offlineMaxConsecutiveFailures: max },
          };
          let t = T0;
          const byAgent: Record<number, VerificationEvent[]> = {};
          const times: number[] = [];
          for (let i = 0; i < max; i++) {
            t += (gaps[i] ?? 0) * 1000;
            times.push(t);
            (byAgent[(who[i] ?? 0) % agents] ??= []).push({ at: new Date(t).toISOString(), passed: false });
          }
          // The hub hands the history over agent by agent, not in time order.
          const history = Object.values(byAgent).flat();
          const last = times[times.length - 1] as number;
          const now = new Date(last).toISOString();
          const state = lockoutState(history, now, custom, mode);
          expect(state).toMatchObject({ locked: true, consecutiveFailures: max, lockedUntil: new Date(last + 30 * 60_000).toISOString() });
          // Any one failure fewer never locks.
          expect(lockoutState(history.slice(1), now, custom, mode)).toMatchObject({ locked: false, attemptsLeft: 1 });
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('property: a pass or an unlock resets, wherever it falls', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('fail', 'pass', 'unlock'), { maxLength: 30 }),
        fc.constantFrom('pass', 'unlock'),
        fc.integer({ min: 0, max: 4 }),
        (before, reset, failuresAfter) => {
          const events: VerificationEvent[] = before.map((k, i) => (k === 'fail' ? fail(i) : k === 'pass' ? pass(i) : unlock(i)));
          const r = before.length;
          events.push(reset === 'pass' ? pass(r) : unlock(r));
          for (let j = 1; j <= failuresAfter; j++) events.push(fail(r + j));
          const state = lockoutState(events, at(r + failuresAfter + 1), policy, 'online');
          expect(state).toEqual({ locked: false, consecutiveFailures: failuresAfter, attemptsLeft: 5 - failuresAfter });
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('a supervisor must give a real reason to unlock', () => {
    expect(unlockReasonSchema.safeParse('Caller identified by video call').success).toBe(true);
    expect(unlockReasonSchema.safeParse('   ').success).toBe(false);
    expect(unlockReasonSchema.safeParse('ok').success).toBe(false);
  });
});
