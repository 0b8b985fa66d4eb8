/**
 * Lockout: a fraudster who calls back again and again, hoping for a weaker agent, must get
 * nowhere. Failed attempts are counted per customer across every agent and desk (the history
 * comes from the hub), not per agent or per call.
 *
 * Rules:
 * - Failures are counted in a row. A passed attempt, or a supervisor's unlock, resets the count.
 * - When the count reaches the limit (maxConsecutiveFailures online, the stricter
 *   offlineMaxConsecutiveFailures when the desk cannot reach the hub and only knows its own
 *   attempts), verification is locked until lockMinutes after the LAST failure.
 * - When the lock expires the count is NOT reset: the caller gets one more attempt, and another
 *   failure locks again at once. Only a pass or a supervisor unlock gives back a full set of
 *   attempts — otherwise a patient fraudster would get five fresh guesses every half hour.
 * - History is ordered by time, not by arrival: attempts from other desks reach the hub late.
 */
import { z } from 'zod';
import type { VerificationPolicy } from './policy';

export type VerificationMode = 'online' | 'offline';

/** One event in a customer's verification history, from any agent or desk. */
export interface VerificationEvent {
  /** When it happened, ISO 8601 with a zone ('2025-03-12T10:15:00.000Z'). */
  readonly at: string;
  /** Whether the attempt passed. Ignored for an unlock. */
  readonly passed: boolean;
  /** A supervisor unlocked verification for this customer (their reason is in the audit). */
  readonly unlock?: boolean;
}

export type LockoutState =
  | {
      readonly locked: false;
      readonly consecutiveFailures: number;
      /** Failed attempts left before the lock; 1 after a lock has expired without a reset. */
      readonly attemptsLeft: number;
    }
  | {
      readonly locked: true;
      readonly consecutiveFailures: number;
      readonly attemptsLeft: 0;
      /** ISO 8601 UTC. */
      readonly lockedUntil: string;
      readonly reason: 'too_many_failures';
    };

/** Thrown for timestamps that are not ISO 8601 instants: a programming error in main, not the caller's. */
export class VerificationInputError extends Error {
  override readonly name = 'VerificationInputError';
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Milliseconds since the epoch of an ISO 8601 instant with an explicit zone. */
export function instantMs(iso: string, what = 'time'): number {
  const ms = typeof iso === 'string' && ISO_INSTANT.test(iso) ? Date.parse(iso) : Number.NaN;
  if (!Number.isFinite(ms)) throw new VerificationInputError(`${what} must be an ISO 8601 instant with a zone, got ${String(iso)}`);
  return ms;
}

export function limitFor(policy: VerificationPolicy, mode: VerificationMode): number {
  return mode === 'offline' ? policy.lockout.offlineMaxConsecutiveFailures : policy.lockout.maxConsecutiveFailures;
}

/**
 * Where this customer stands at `now`.
 *
 * @param attempts this customer's verification history across all agents and desks (online),
 *   or what this desk knows (offline). Sorted here by time, stably, so arrival order is irrelevant.
 * @throws VerificationInputError when `now` or an event's `at` is not an ISO 8601 instant.
 */
export function lockoutState(attempts: readonly VerificationEvent[], now: string, policy: VerificationPolicy, mode: VerificationMode): LockoutState {
  const nowMs = instantMs(now, 'now');
  const limit = limitFor(policy, mode);
  const lockMs = policy.lockout.lockMinutes * 60_000;

  const timeline = attempts
    .map((event, index) => ({ event, index, ms: instantMs(event.at, `attempt ${index} time`) }))
    .sort((x, y) => x.ms - y.ms || x.index - y.index);

  let failures = 0;
  let lastFailureMs = Number.NEGATIVE_INFINITY;
  for (const { event, ms } of timeline) {
    if (event.unlock === true || event.passed) {
      failures = 0;
    } else {
      failures++;
      lastFailureMs = ms;
    }
  }

  if (failures >= limit) {
    const until = lastFailureMs + lockMs;
    if (nowMs < until) {
      return {
        locked: true,
        consecutiveFailures: failures,
        attemptsLeft: 0,
        lockedUntil: new Date(until).toISOString(),
        reason: 'too_many_failures',
      };
    }
    return { locked: false, consecutiveFailures: failures, attemptsLeft: 1 };
  }
  return { locked: false, consecutiveFailures: failures, attemptsLeft: limit - failures };
}

/** A supervisor's reason for unlocking: required, and long enough to mean something in the audit. */
export const unlockReasonSchema = z.string().trim().min(5).max(500);
