/**
 * Methods of the interaction feature: the call's lifecycle, caller verification, the verified
 * caller's account, notes, wrap-up and the supervisor's audit view. See ../method.ts for the
 * guards; the dispatcher enforces them (never the screen).
 *
 * What never crosses this contract: the correct verification answers (date of birth, PIN, …),
 * and which answer of a failed attempt was wrong. Before verification only the masked profile
 * (MaskedCaller) is returned about the caller.
 */
import type { InvoiceStanding } from '../../billing/standing';
import { z } from 'zod';
import type { AuditEntry, ChainProblemKind } from '../../audit';
import type { Minor } from '../../money';
import { type PlannedQuestions, type QuestionKind, type VerificationMode, type VerificationOutcome, type VerificationPolicy } from '../../verification';
import { callerNumber, empty, freeText, id, method, notStored, OWN_INTERACTION, SIGNED_IN, SUPERVISOR, VERIFIED } from '../method';
import { NOTE_MAX_LENGTH } from '../../notes/screen';
import type { MaskedCaller } from '../types';
import { followUpInput, type FollowUpView } from './history';

// ── shared pieces ────────────────────────────────────────────────────────────

/** How the call was started: an incoming call's screen pop, or the agent's own lookup. */
export const INTERACTION_SOURCES = ['screen_pop', 'lookup'] as const;
export type InteractionSource = (typeof INTERACTION_SOURCES)[number];

/**
 * The dispositions seeded on first start; the list itself is configurable data (settings key
 * 'dispositions'), so always read it with 'interaction.dispositions'. Labels are i18n keys on
 * the renderer side: `disposition.<code>`.
 */
export const DEFAULT_DISPOSITIONS = [
  'billing_question_answered',
  'credit_granted',
  'plan_changed',
  'escalated',
  'callback_promised',
  'payment_arrangement',
  'no_verification',
  'other',
] as const;

/** The longest an answer may be as typed (the normalisers read nothing longer). */
export const ANSWER_MAX_LENGTH = 64;
/** Notes are screened by core/notes (NOTE_MAX_LENGTH characters after trimming); this is the transport cap. */
export const NOTE_INPUT_MAX_LENGTH = 4000;

const interactionRef = z.object({ interactionId: id }).strict();

/** What the caller answered: compared in main, never stored (not even in the audit trail). */
const answer = notStored(z.string().max(ANSWER_MAX_LENGTH)).optional();
/** What the agent typed for each question, as the caller said it. Blank answers are "not given". */
const answersSchema = z.object({ date_of_birth: answer, postcode: answer, account_pin: answer, last_invoice_amount: answer }).strict();

// ── outputs ──────────────────────────────────────────────────────────────────

export interface InteractionNote {
  readonly noteId: string;
  readonly interactionId: string;
  readonly authorId: string;
  readonly authorName: string;
  /** ISO 8601 UTC. */
  readonly at: string;
  /** As stored: trimmed, screened (never contains a card number). */
  readonly text: string;
}

/** An open call as its agent sees it. */
export interface InteractionState {
  readonly interactionId: string;
  readonly customerId: string;
  /** Masked profile only (verified or not): full details come from 'account.details'. */
  readonly caller: MaskedCaller;
  /** The number telephony reported, when the call came from a screen pop. */
  readonly callerNumber: string | null;
  readonly agentId: string;
  /** ISO 8601 UTC. */
  readonly startedAt: string;
  readonly verified: boolean;
  /** ISO 8601 UTC, null until verification passed. */
  readonly verifiedAt: string | null;
  /** Seconds since startedAt, by main's clock at the time of the call. */
  readonly elapsedSeconds: number;
  /** Notes so far, oldest first; always [] before verification (notes need a verified caller). */
  readonly notes: readonly InteractionNote[];
}

/** A call in a list (the agent's open calls, a supervisor's audit search). */
export interface InteractionSummary {
  readonly interactionId: string;
  readonly customerId: string | null;
  /** The caller's display name as in the masked profile (MaskedCaller.displayName), never more. */
  readonly callerName: string | null;
  readonly agentId: string;
  readonly agentName: string;
  readonly startedAt: string;
  readonly verifiedAt: string | null;
  readonly endedAt: string | null;
  readonly disposition: string | null;
  readonly handleSeconds: number | null;
}

/** Where a customer's verification lockout stands. */
export interface LockoutView {
  readonly locked: boolean;
  /** ISO 8601 UTC when locked, else null. */
  readonly lockedUntil: string | null;
  /** 'too_many_failures' when locked, else null. */
  readonly reason: 'too_many_failures' | null;
  /** Failed attempts left before the lock (0 while locked). */
  readonly attemptsLeft: number;
  /** Consecutive failures counted across all agents and desks. */
  readonly consecutiveFailures: number;
  /** The limit that applies now: the stricter offline one while the hub cannot be reached. */
  readonly maxConsecutiveFailures: number;
  readonly mode: VerificationMode;
}

/**
 * What the verification panel shows: which questions to ask — never their answers — and how many
 * correct answers the policy in force requires (its requiredPasses and requireNonPublic).
 * `ask` and `alternatives` are core's plan (questionsToAsk); both empty when not `available`.
 */
export interface VerificationQuestions extends Pick<VerificationPolicy, 'requiredPasses' | 'requireNonPublic'>, Pick<PlannedQuestions, 'ask' | 'alternatives'> {
  readonly interactionId: string;
  readonly verified: boolean;
  readonly verifiedAt: string | null;
  /**
   * False when the customer has too few answers on file for the policy (a new customer with
   * no PIN and no invoice yet): the agent follows the no-verification procedure instead.
   */
  readonly available: boolean;
  /** Of ask + alternatives, which are not public record (PIN, last invoice amount). */
  readonly nonPublic: readonly QuestionKind[];
  /** The account's billing currency: how the screen hints the last invoice amount ("42,50 €"). */
  readonly currency: string;
  readonly lockout: LockoutView;
}

/** A supervisor's list of customers whose verification is locked now. */
export interface LockedCustomer {
  readonly customerId: string;
  readonly caller: MaskedCaller;
  readonly lockout: LockoutView;
  /** When the last failed attempt was made, ISO 8601 UTC. */
  readonly lastFailureAt: string;
}

export interface PostalAddress {
  readonly line1: string;
  readonly line2: string | null;
  readonly postcode: string;
  readonly city: string;
  readonly country: string;
}

export interface AccountInvoiceSummary {
  readonly invoiceId: string;
  readonly number: string;
  /** 'YYYY-MM-DD'. */
  readonly cycleStart: string;
  readonly cycleEnd: string;
  readonly issuedOn: string;
  readonly dueOn: string;
  readonly currency: string;
  /** This cycle's charges, tax included (minor units). */
  readonly total: Minor;
  /** What the invoice asked for: previous balance − payments received + total. */
  readonly amountDue: Minor;
  /** Payments recorded against this invoice. */
  readonly paidAmount: Minor;
  /**
   * Settled: the payments received after its cycle ended cover its amountDue (oldest debt is
   * paid first, and amountDue already carries what earlier bills left unpaid). An invoice
   * asking for nothing or less is paid.
   */
  readonly paid: boolean;
  /** Where it stands, by the one rule of core/billing/standing.ts (paid is status === 'paid'). */
  readonly status: InvoiceStanding;
}

export interface CatalogItemRef {
  readonly code: string;
  readonly name: string;
}

export interface SubscriptionSummary {
  readonly subscriptionId: string;
  readonly plan: CatalogItemRef;
  /** Options active now (added and not removed). */
  readonly options: readonly CatalogItemRef[];
  readonly startedOn: string;
  readonly endedOn: string | null;
}

/**
 * The balance, computed from the books: the latest invoice's amount due (which already nets
 * everything up to its cycle end), minus payments received after its cycle end, minus one-off
 * credits (ledger entries of kind credit / fee_waiver / reversal) not on an invoice yet.
 * Positive: the customer owes; negative: in credit. All integer minor units of `currency`.
 */
export interface AccountBalance {
  readonly currency: string;
  readonly latestInvoiceId: string | null;
  readonly latestAmountDue: Minor;
  readonly paymentsSince: Minor;
  readonly creditsSince: Minor;
  readonly balance: Minor;
  /** Payment due date of the latest invoice, when something is still owed on it. */
  readonly dueOn: string | null;
  /** balance > 0 and either dueOn is before today or part of it was carried over from an earlier bill. */
  readonly overdue: boolean;
}

export interface AccountView {
  readonly accountId: string;
  readonly number: string;
  readonly status: 'active' | 'suspended' | 'closed';
  readonly currency: string;
  readonly openedOn: string;
  readonly paymentTermsDays: number;
  readonly paperBill: boolean;
  readonly balance: AccountBalance;
  /** Current subscriptions first, then ended ones. */
  readonly subscriptions: readonly SubscriptionSummary[];
  /** The latest invoices, newest first (at most ACCOUNT_DETAILS_INVOICES). */
  readonly invoices: readonly AccountInvoiceSummary[];
}

/** How many invoices 'account.details' returns per account; the billing feature has the rest. */
export const ACCOUNT_DETAILS_INVOICES = 6;

/**
 * The verified caller's full account. No verification secret is in it: no date of birth, no
 * PIN. (The postcode is part of the address and invoice amounts are part of the account: both
 * are shown only after verification, which is exactly when the agent needs them.)
 */
export interface AccountDetails {
  readonly interactionId: string;
  readonly customerId: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly category: 'residential' | 'business';
  readonly locale: string;
  readonly churnRisk: 'low' | 'medium' | 'high';
  readonly fraudFlag: boolean;
  readonly phones: readonly { readonly e164: string; readonly kind: 'mobile' | 'landline'; readonly isPrimary: boolean }[];
  readonly emails: readonly { readonly email: string; readonly isPrimary: boolean }[];
  readonly billingAddress: PostalAddress | null;
  readonly accounts: readonly AccountView[];
}

export interface WrapUpResult {
  readonly interactionId: string;
  readonly endedAt: string;
  readonly disposition: string;
  readonly note: string | null;
  /** endedAt − startedAt, whole seconds. */
  readonly handleSeconds: number;
  /** The follow-up the wrap-up scheduled, if any. */
  readonly followUp: FollowUpView | null;
}

export interface DispositionList {
  /** Codes in display order; the label of each is the i18n key `disposition.<code>`. */
  readonly codes: readonly string[];
}

/** An entry of the audit log (core/audit) as a supervisor reads it: its fields, its id and its actor's name. */
export interface AuditEntryView extends Pick<AuditEntry, 'seq' | 'at' | 'actorId' | 'action' | 'subject' | 'before' | 'after' | 'hash'> {
  readonly entryId: AuditEntry['id'];
  /** The actor's display name; null for the system (or an unknown user id). */
  readonly actorName: string | null;
}

export interface AuditChainProblem {
  /** The audit entry concerned (0 when none: a ledger row no entry accounts for, the anchor). */
  readonly seq: number;
  /**
   * A chain problem (edited, deleted, reordered, broken_link, unsealed), the head anchored
   * outside the store missing or forged ('anchor'), or a ledger row that does not match the
   * audit entry that created it ('ledger'), or a log that no longer holds the head the hub
   * acknowledged (cut short or rewritten since it was synced: 'hub_head').
   */
  readonly kind: ChainProblemKind | 'anchor' | 'ledger' | 'hub_head';
  readonly message: string;
  /** For 'ledger': the ledger entry concerned. */
  readonly ledgerEntryId?: string;
}

/** The whole log re-hashed and its seals checked, and the ledger reconciled with it. */
export interface AuditVerifyReport {
  readonly ok: boolean;
  readonly entriesChecked: number;
  /** Ledger rows checked against the audit entries that created them. */
  readonly ledgerEntriesChecked: number;
  /** Entries written before sealing began (a store older than sealing), counted apart. */
  readonly legacyUnsealed: number;
  readonly head: { readonly seq: number; readonly hash: string } | null;
  readonly problems: readonly AuditChainProblem[];
  /** ISO 8601 UTC. */
  readonly checkedAt: string;
}

/** One interaction's audit trail, for a supervisor. */
export interface InteractionAudit {
  readonly interaction: InteractionSummary;
  readonly entries: readonly AuditEntryView[];
  /** The whole chain's status (an entry is only trustworthy if the chain up to it is). */
  readonly chain: AuditVerifyReport;
  /** Problems that concern this interaction's own entries (a subset of chain.problems). */
  readonly problemsInThisInteraction: readonly AuditChainProblem[];
}

// ── methods ──────────────────────────────────────────────────────────────────

export const interactionMethods = {
  /** Starts a call with a customer (a command: audited, in the outbox). An agent may hold several. */
  'interaction.start': method<InteractionState>()(
    z
      .object({
        customerId: id,
        callerNumber: callerNumber.optional(),
        source: z.enum(INTERACTION_SOURCES),
      })
      .strict(),
    SIGNED_IN,
  ),
  /** One of this agent's open calls. */
  'interaction.get': method<InteractionState>()(interactionRef, OWN_INTERACTION),
  /** This agent's open calls, newest first (after a reload, or to switch between calls). */
  'interaction.listOpen': method<readonly InteractionSummary[]>()(empty, SIGNED_IN),
  /** Ends the call: disposition from the configured list, optional note (screened). */
  'interaction.wrapUp': method<WrapUpResult>()(
    z
      .object({
        interactionId: id,
        disposition: z
          .string()
          .trim()
          .regex(/^[a-z][a-z0-9_]{0,63}$/, 'not a disposition code'),
        note: freeText({ max: NOTE_MAX_LENGTH, optional: true, note: true }).optional(),
        /** A callback or a promise to keep, written with the wrap-up (needs a verified caller). */
        followUp: followUpInput.optional(),
      })
      .strict(),
    OWN_INTERACTION,
  ),
  /** The configured disposition codes. */
  'interaction.dispositions': method<DispositionList>()(empty, SIGNED_IN),

  /** Which questions to ask this caller, and the lockout state. Never an answer. */
  'verification.questions': method<VerificationQuestions>()(interactionRef, OWN_INTERACTION),
  /**
   * Checks what the caller said. The outcome never says which answer was wrong. An attempt on
   * an already verified call returns { status: 'passed' } without counting anything.
   */
  'verification.attempt': method<VerificationOutcome>()(z.object({ interactionId: id, answers: answersSchema }).strict(), OWN_INTERACTION),
  /** Lifts a customer's lockout, with a reason on the record. */
  'verification.unlock': method<LockoutView>()(z.object({ customerId: id, reason: freeText({ max: 500, min: 5 }) }).strict(), SUPERVISOR),
  /** Customers whose verification is locked now, for the supervisor's unlock screen. */
  'verification.locked': method<readonly LockedCustomer[]>()(empty, SUPERVISOR),

  /** The verified caller's full account (audited once per call as 'view_full_account'). */
  'account.details': method<AccountDetails>()(interactionRef, VERIFIED),

  /** Adds a note to the call; a note with a card number is refused (NOTE_REFUSED) and never stored. */
  'notes.add': method<InteractionNote>()(z.object({ interactionId: id, text: freeText({ max: NOTE_MAX_LENGTH, note: true }) }).strict(), VERIFIED),
  'notes.list': method<readonly InteractionNote[]>()(interactionRef, VERIFIED),

  /** Any agent's call with its audit entries and the chain's status. */
  'audit.interaction': method<InteractionAudit>()(interactionRef, SUPERVISOR),
  /** Recent calls, newest first, to pick one to audit. */
  'audit.interactions': method<readonly InteractionSummary[]>()(
    z
      .object({
        customerId: id.optional(),
        agentId: id.optional(),
        limit: z.number().int().min(1).max(200).optional(),
      })
      .strict(),
    SUPERVISOR,
  ),
  /** Re-hashes the whole audit log. */
  'audit.verify': method<AuditVerifyReport>()(empty, SUPERVISOR),
} as const;
