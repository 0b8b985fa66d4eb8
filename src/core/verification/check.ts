/**
 * Checking a caller's answers, and the decision main acts on.
 *
 * Rules:
 * - An answer counts as given when its text is not blank and the question is both offered by
 *   the policy and on file for this customer (other answers are ignored, not counted wrong).
 * - If fewer answers are given than requiredPasses — or the policy requires a non-public
 *   answer and none is given — the outcome is `incomplete`: NOTHING is compared and the
 *   attempt is NOT counted. Such an attempt could never pass, so checking it would only hand a
 *   fraudster a free oracle; not counting it stops an agent's half-filled form from burning
 *   the customer's attempts. The screen is told how many more answers it needs.
 * - Otherwise every given answer is normalised and compared in constant time — all of them,
 *   with no short-circuit, so timing does not tell which one failed. A pass needs at least
 *   requiredPasses correct answers and, when requireNonPublic, at least one correct non-public
 *   answer. An unreadable answer counts as wrong.
 * - The only thing that leaves this module about correctness is passed / failed.
 */
import { constantTimeEqual } from './compare';
import type { KnownFacts } from './facts';
import { kindsOnFile } from './facts';
import { lockoutState, type VerificationEvent, type VerificationMode } from './lockout';
import { normaliseAnswer, type DateOrder } from './normalise';
import type { VerificationOutcome } from './outcome';
import { isNonPublic, QUESTION_KINDS, type QuestionKind, type VerificationPolicy } from './policy';
import { questionsToAsk } from './questions';

/** What the agent typed for each question, as the caller said it. */
export type GivenAnswers = Readonly<Partial<Record<QuestionKind, string>>>;

/**
 * The result of checking answers, for main. `asked` lists which questions were answered — for
 * the audit entry — never which were right: that is not computed outside checkAnswers.
 */
export type AnswerCheck =
  | { readonly result: 'passed' | 'failed'; readonly asked: readonly QuestionKind[] }
  | {
      readonly result: 'incomplete';
      readonly asked: readonly QuestionKind[];
      readonly answersNeeded: number;
      readonly nonPublicNeeded: boolean;
    }
  | { readonly result: 'unavailable'; readonly asked: readonly QuestionKind[] };

export interface CheckContext {
  /** 'YYYY-MM-DD' (UTC date of the check): resolves two-digit birth years. */
  readonly today: string;
  /**
   * The keyed digest main applies to a canonical answer of a kind stored as a digest (the PIN:
   * HMAC under a key kept outside the store). Core has no keys and no crypto: it is passed in.
   */
  readonly digest?: (kind: QuestionKind, canonical: string) => string;
  /** How the agent writes a numeric date ("09/18/1989" in English); default day first. */
  readonly dateOrder?: DateOrder;
}

/** Checks the typed answers against the facts on file. Pure, never throws on caller input. */
export function checkAnswers(policy: VerificationPolicy, expected: KnownFacts, given: GivenAnswers, context: CheckContext): AnswerCheck {
  const onFile = kindsOnFile(expected);
  if (!questionsToAsk(policy, onFile).ok) return { result: 'unavailable', asked: [] };

  const offered = new Set(policy.questions);
  const asked = QUESTION_KINDS.filter((kind) => {
    const answer = given[kind];
    return offered.has(kind) && onFile.includes(kind) && typeof answer === 'string' && answer.trim() !== '';
  });
  const nonPublicGiven = asked.some(isNonPublic);
  const nonPublicNeeded = policy.requireNonPublic && !nonPublicGiven;
  if (asked.length < policy.requiredPasses || nonPublicNeeded) {
    const missing = Math.max(0, policy.requiredPasses - asked.length);
    return { result: 'incomplete', asked, answersNeeded: Math.max(missing, nonPublicNeeded ? 1 : 0), nonPublicNeeded };
  }

  const normaliseContext = { today: context.today, currency: expected.currency, ...(context.dateOrder ? { dateOrder: context.dateOrder } : {}) };
  let correct = 0;
  let nonPublicCorrect = 0;
  for (const kind of asked) {
    const canonical = normaliseAnswer(kind, given[kind] ?? '', normaliseContext);
    const keyed = expected.keyed?.includes(kind) ?? false;
    // A keyed answer on file is compared with the digest of the typed one; without the digest
    // function nothing can match it (fail closed).
    const typed = canonical !== null && keyed ? (context.digest ? context.digest(kind, canonical) : null) : canonical;
    const onRecord = expected[kind] ?? '';
    // Compare even an unreadable answer (as ''), so every answer costs the same comparison.
    const match = (constantTimeEqual(typed ?? '', onRecord) ? 1 : 0) & (typed === null ? 0 : 1);
    correct += match;
    nonPublicCorrect |= match & (isNonPublic(kind) ? 1 : 0);
  }
  const passed = correct >= policy.requiredPasses && (!policy.requireNonPublic || nonPublicCorrect === 1);
  return { result: passed ? 'passed' : 'failed', asked };
}

export interface VerificationRequest {
  readonly policy: VerificationPolicy;
  /** The correct answers, held in main only. */
  readonly facts: KnownFacts;
  /** See CheckContext.digest. */
  readonly digest?: CheckContext['digest'];
  readonly given: GivenAnswers;
  /** This customer's verification history: across all agents via the hub online, this desk's offline. */
  readonly history: readonly VerificationEvent[];
  /** ISO 8601 instant of the check (main's clock; core has none). */
  readonly now: string;
  readonly mode: VerificationMode;
  /** See CheckContext.dateOrder. */
  readonly dateOrder?: DateOrder;
}

export interface VerificationDecision {
  /** The only part that may be returned to the renderer. */
  readonly outcome: VerificationOutcome;
  /**
   * The event to append to the customer's verification history (and to send to the hub), or
   * null when nothing was counted: locked, incomplete or unavailable.
   */
  readonly attempt: VerificationEvent | null;
  /** Which questions were answered, for the audit entry. Never which were right. */
  readonly asked: readonly QuestionKind[];
}

/**
 * One verification attempt, end to end: refuses while locked (answers are not even looked at,
 * so a locked account is no oracle), checks the answers, and works out what the agent sees —
 * including the lock that this very failure may have triggered.
 *
 * @throws VerificationInputError when `now` or a history time is not an ISO 8601 instant.
 */
export function decideVerification(request: VerificationRequest): VerificationDecision {
  const { policy, facts, given, history, now, mode } = request;
  const before = lockoutState(history, now, policy, mode);
  if (before.locked) {
    return {
      outcome: { status: 'locked', reason: before.reason, lockedUntil: before.lockedUntil, mode },
      attempt: null,
      asked: [],
    };
  }

  const today = new Date(Date.parse(now)).toISOString().slice(0, 10);
  const check = checkAnswers(policy, facts, given, {
    today,
    ...(request.digest ? { digest: request.digest } : {}),
    ...(request.dateOrder ? { dateOrder: request.dateOrder } : {}),
  });
  switch (check.result) {
    case 'unavailable':
      return { outcome: { status: 'unavailable', reason: 'not_enough_facts' }, attempt: null, asked: [] };
    case 'incomplete':
      return {
        outcome: {
          status: 'incomplete',
          answersNeeded: check.answersNeeded,
          nonPublicNeeded: check.nonPublicNeeded,
          attemptsLeft: before.attemptsLeft,
        },
        attempt: null,
        asked: check.asked,
      };
    case 'passed':
      return { outcome: { status: 'passed', verifiedAt: now }, attempt: { at: now, passed: true }, asked: check.asked };
    case 'failed': {
      const attempt: VerificationEvent = { at: now, passed: false };
      const after = lockoutState([...history, attempt], now, policy, mode);
      const outcome: VerificationOutcome = after.locked
        ? { status: 'locked', reason: after.reason, lockedUntil: after.lockedUntil, mode }
        : { status: 'failed', attemptsLeft: after.attemptsLeft };
      return { outcome, attempt, asked: check.asked };
    }
  }
}
