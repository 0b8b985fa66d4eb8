/**
 * Caller verification in main: the facts on record (the correct answers) are read here, checked
 * here by core/verification, and never leave this module — not in an output, an error, a log
 * line, an audit entry or an outbox payload. What leaves is the VerificationOutcome (passed /
 * failed / incomplete / locked / unavailable) and the lockout state.
 *
 * Lockout history is per CUSTOMER, across every agent: this customer's verification_attempts and
 * verification_unlocks rows, whoever wrote them (the desk's store is shared by its agents; the
 * hub will merge other desks' rows into the same tables). The mode (online / offline) comes
 * from deps.connectivity(), and offline the policy's stricter limit applies.
 */
import { DEFAULT_LOCALE, type Locale } from '../../core/i18n';
import { ApiError, type LockedCustomer, type LockoutView, type VerificationQuestions } from '../../core/api';
import {
  dateOrderFor,
  decideVerification,
  DEFAULT_VERIFICATION_POLICY,
  isNonPublic,
  kindsOnFile,
  knownFactsFromRecord,
  limitFor,
  lockoutState,
  parseVerificationPolicy,
  questionsToAsk,
  type GivenAnswers,
  type KnownFacts,
  type LockoutState,
  type VerificationEvent,
  type VerificationMode,
  type VerificationOutcome,
  type VerificationPolicy,
  type QuestionKind,
} from '../../core/verification';
import { pinDigest } from '../security/pins';
import type { OpenCall } from './open-call';
import type { CallerLookup } from './caller-lookup';
import type { CommandServiceDeps } from './command-log';
import { customerQueries } from '../store/customers';
import { uuidv7 } from '../store/ids';
import { interactionQueries } from '../store/interactions';
import { settingsQueries } from '../store/settings';
import { verificationQueries } from '../store/verification';
import { prepareStores } from '../store/prepared';

export const POLICY_SETTING_KEY = 'verification_policy';
/** Events read per customer: the count saturates at the limit (≤ 20), so older ones never matter. */
const HISTORY_WINDOW = 64;

export interface VerificationDeps extends CommandServiceDeps {
  readonly lookup: CallerLookup;
  readonly connectivity: () => VerificationMode;
  readonly log: (message: string) => void;
  /** The PIN pepper (security/keys.ts): PINs on file are digests under it. Read on each use: a desk takes its hub's at enrolment. */
  readonly pinPepper: () => Buffer;
}

export class VerificationService {
  private readonly store;

  /** Typed answers of keyed kinds are digested with the pepper before core compares them. */
  private readonly digest = (kind: QuestionKind, canonical: string): string =>
    kind === 'account_pin' ? pinDigest(this.deps.pinPepper(), canonical) : canonical;

  constructor(private readonly deps: VerificationDeps) {
    this.store = prepareStores(deps.client, {
      verification: verificationQueries,
      interactions: interactionQueries,
      customers: customerQueries,
      settings: settingsQueries,
    });
  }

  /** The policy in force: the stored document, validated; a malformed one fails closed. */
  policy(): VerificationPolicy {
    const stored = this.store.settings.value(POLICY_SETTING_KEY);
    if (stored === undefined) return DEFAULT_VERIFICATION_POLICY;
    let document: unknown;
    try {
      document = JSON.parse(stored);
    } catch {
      document = undefined;
    }
    const parsed = parseVerificationPolicy(document);
    if (!parsed.ok) {
      // Never fall back to something weaker than what was configured: refuse to verify.
      this.deps.log(`verification policy in settings is invalid: ${parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
      throw new ApiError('INTERNAL');
    }
    return parsed.policy;
  }

  questions(interaction: OpenCall): VerificationQuestions {
    const customerId = requireCustomer(interaction);
    const policy = this.policy();
    const facts = this.facts(customerId);
    const mode = this.deps.connectivity();
    const plan = questionsToAsk(policy, kindsOnFile(facts));
    const now = this.deps.now().toISOString();
    const lockout = this.view(lockoutState(this.history(customerId), now, policy, mode), policy, mode);
    const ask = plan.ok ? plan.ask : [];
    const alternatives = plan.ok ? plan.alternatives : [];
    return {
      interactionId: interaction.id,
      verified: interaction.verifiedAt !== null,
      verifiedAt: interaction.verifiedAt,
      available: plan.ok,
      ask,
      alternatives,
      nonPublic: [...ask, ...alternatives].filter(isNonPublic),
      requiredPasses: policy.requiredPasses,
      requireNonPublic: policy.requireNonPublic,
      currency: facts.currency,
      lockout,
    };
  }

  /**
   * One attempt. Reading the history, deciding and writing the attempt happen in one IMMEDIATE
   * transaction, so two desks on the same store cannot both spend the last attempt.
   */
  attempt(interaction: OpenCall, agentId: string, given: GivenAnswers, locale?: Locale): VerificationOutcome {
    // Already verified: nothing to check, nothing counted (and nothing learnt by retrying).
    if (interaction.verifiedAt !== null) return { status: 'passed', verifiedAt: interaction.verifiedAt };
    const customerId = requireCustomer(interaction);
    const policy = this.policy();
    const mode = this.deps.connectivity();

    const run = this.deps.client.transaction((): VerificationOutcome => {
      const now = this.deps.now().toISOString();
      // An ambiguous numeric date is read the way the agent's language writes it (09/18/1989 in English).
      const dateOrder = dateOrderFor(locale ?? DEFAULT_LOCALE);
      const decision = decideVerification({
        policy,
        facts: this.facts(customerId),
        given,
        history: this.history(customerId),
        now,
        mode,
        digest: this.digest,
        dateOrder,
      });
      const { outcome, attempt } = decision;
      const subject = `customer:${customerId}`;
      if (attempt) {
        const questions = [...decision.asked];
        const attemptId = uuidv7(Date.parse(attempt.at));
        this.deps.commands.execute(
          {
            type: 'verification.attempt',
            actorId: agentId,
            interactionId: interaction.id,
            // The decision's instant: the interaction's verified_at and the audit entry agree.
            at: attempt.at,
            // What the hub needs to count attempts across desks: the questions asked, never the answers.
            payload: { attemptId, customerId, passed: attempt.passed, questions, at: attempt.at, mode },
            audit: { action: 'verification_attempt', subject, after: { status: outcome.status, questions } },
          },
          () => {
            this.store.verification.insertAttempt({
              id: attemptId,
              interactionId: interaction.id,
              customerId,
              agentId,
              at: attempt.at,
              passed: attempt.passed ? 1 : 0,
              questions: JSON.stringify(questions),
            });
            if (attempt.passed && this.store.interactions.markVerified(interaction.id, attempt.at) !== 1) throw new ApiError('INTERACTION_ENDED');
          },
        );
      } else if (outcome.status === 'locked') {
        // Refused unchecked: not an attempt, but someone tried while locked — on the record.
        this.deps.commands.record({
          actorId: agentId,
          interactionId: interaction.id,
          action: 'verification_attempt',
          subject,
          after: { status: 'locked', counted: false },
        });
      }
      return outcome;
    });
    return run.immediate();
  }

  /** A supervisor lifts the lockout: an unlock event resets the count for every agent. */
  unlock(customerId: string, supervisorId: string, reason: string): LockoutView {
    if (!this.store.customers.exists(customerId)) throw new ApiError('NOT_FOUND');
    const policy = this.policy();
    const mode = this.deps.connectivity();
    const run = this.deps.client.transaction((): LockoutView => {
      const now = this.deps.now().toISOString();
      const before = lockoutState(this.history(customerId), now, policy, mode);
      const { result } = this.deps.commands.execute(
        {
          type: 'verification.unlock',
          actorId: supervisorId,
          interactionId: null,
          payload: { customerId, reason },
          audit: {
            action: 'verification_unlock',
            subject: `customer:${customerId}`,
            before: { locked: before.locked, consecutiveFailures: before.consecutiveFailures },
            after: { locked: false, consecutiveFailures: 0, reason },
          },
        },
        ({ commandId, at }) => {
          this.store.verification.insertUnlock({ id: commandId, customerId, supervisorId, at, reason });
          return lockoutState(this.history(customerId), at, policy, mode);
        },
      );
      return this.view(result, policy, mode);
    });
    return run.immediate();
  }

  lockout(customerId: string): LockoutView {
    const policy = this.policy();
    const mode = this.deps.connectivity();
    return this.view(lockoutState(this.history(customerId), this.deps.now().toISOString(), policy, mode), policy, mode);
  }

  /** Customers locked now: only a failure within the last lockMinutes can hold a lock. */
  locked(): LockedCustomer[] {
    const policy = this.policy();
    const mode = this.deps.connectivity();
    const nowMs = this.deps.now().getTime();
    const now = new Date(nowMs).toISOString();
    const since = new Date(nowMs - policy.lockout.lockMinutes * 60_000).toISOString();
    const out: LockedCustomer[] = [];
    for (const { customerId, lastFailureAt } of this.store.verification.failuresSince(since)) {
      const state = lockoutState(this.history(customerId), now, policy, mode);
      if (!state.locked) continue;
      let caller;
      try {
        caller = this.deps.lookup.caller(customerId);
      } catch {
        continue; // no profile to show (no account): nobody can start a call with them either
      }
      out.push({ customerId, caller, lockout: this.view(state, policy, mode), lastFailureAt });
    }
    return out;
  }

  /** The correct answers: private to this class. */
  private facts(customerId: string): KnownFacts {
    const row = this.store.verification.factsOf(customerId);
    if (!row) throw new ApiError('NOT_FOUND');
    return knownFactsFromRecord({
      currency: row.invoiceCurrency ?? row.accountCurrency ?? 'EUR',
      dateOfBirth: row.dateOfBirth,
      postcode: row.postcode,
      lastInvoiceAmount: row.lastInvoiceAmount,
      accountPin: row.accountPin,
      accountPinDigest: row.accountPinDigest,
    });
  }

  private history(customerId: string): VerificationEvent[] {
    return this.store.verification
      .history(customerId, HISTORY_WINDOW)
      .reverse() // oldest first: lockoutState breaks ties of equal times by position
      .map((r) => (r.unlock === 1 ? { at: r.at, passed: false, unlock: true } : { at: r.at, passed: r.passed === 1 }));
  }

  private view(state: LockoutState, policy: VerificationPolicy, mode: VerificationMode): LockoutView {
    return {
      locked: state.locked,
      lockedUntil: state.locked ? state.lockedUntil : null,
      reason: state.locked ? state.reason : null,
      attemptsLeft: state.attemptsLeft,
      consecutiveFailures: state.consecutiveFailures,
      maxConsecutiveFailures: limitFor(policy, mode),
      mode,
    };
  }
}

function requireCustomer(interaction: OpenCall): string {
  if (interaction.customerId === null) throw new ApiError('NOT_FOUND');
  return interaction.customerId;
}
