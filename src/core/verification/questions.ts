/**
 * Which questions the agent asks this caller. Only questions with an answer on file can be
 * asked; the policy's order is the order of preference, so the default policy asks for the PIN
 * before the last invoice amount (a PIN is the caller's own secret, an invoice can be read off
 * a letter) and falls back to the invoice amount when no PIN is set.
 */
import { isNonPublic, type QuestionKind, type VerificationPolicy } from './policy';

/** The questions picked for a caller who has enough answers on file. */
export interface PlannedQuestions {
  readonly ok: true;
  /** The questions to put to the caller, in the policy's order. Exactly requiredPasses. */
  readonly ask: readonly QuestionKind[];
  /**
   * Other questions on file, in the policy's order, for when the caller cannot answer one
   * of `ask` ("I never set a PIN"). Every answer given counts towards the check.
   */
  readonly alternatives: readonly QuestionKind[];
  readonly requiredPasses: number;
  readonly requireNonPublic: boolean;
}

export type QuestionPlan =
  | PlannedQuestions
  | {
      readonly ok: false;
      /**
       * Too few answers on file to satisfy the policy (a new customer with no PIN and no
       * invoice yet): the agent follows the no-verification procedure instead.
       */
      readonly reason: 'not_enough_facts';
    };

/**
 * Picks the questions to ask: the most preferred non-public question on file first (when the
 * policy requires one), then the most preferred others, up to requiredPasses; returned in the
 * policy's order so the screen is stable from call to call.
 *
 * @param onFile the kinds this customer has an answer on file for (see kindsOnFile).
 */
export function questionsToAsk(policy: VerificationPolicy, onFile: Iterable<QuestionKind>): QuestionPlan {
  const available = new Set(onFile);
  const offered = policy.questions.filter((kind, i) => available.has(kind) && policy.questions.indexOf(kind) === i);
  if (offered.length < policy.requiredPasses) return { ok: false, reason: 'not_enough_facts' };
  const firstNonPublic = offered.find(isNonPublic);
  if (policy.requireNonPublic && firstNonPublic === undefined) return { ok: false, reason: 'not_enough_facts' };

  const chosen = new Set<QuestionKind>();
  if (policy.requireNonPublic && firstNonPublic !== undefined) chosen.add(firstNonPublic);
  for (const kind of offered) {
    if (chosen.size >= policy.requiredPasses) break;
    chosen.add(kind);
  }
  return {
    ok: true,
    ask: offered.filter((kind) => chosen.has(kind)),
    alternatives: offered.filter((kind) => !chosen.has(kind)),
    requiredPasses: policy.requiredPasses,
    requireNonPublic: policy.requireNonPublic,
  };
}
