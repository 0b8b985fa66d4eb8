import type { Role, StaffRole } from './roles';

import type { Locale } from '../i18n/locale';

export type { Locale };

export interface AgentProfile {
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: StaffRole;
  readonly locale: Locale;
}

/**
 * A money command over the agent's limit: waiting in the approvals inbox for `approverRole`,
 * with the decision that sent it there.
 */
export interface PendingApproval<Decision> {
  readonly status: 'pending_approval';
  readonly approvalId: string;
  readonly approverRole: Role;
  readonly decision: Decision;
}

/**
 * A money command's answer: done at once, within the agent's limit (`status` says what was done,
 * `Made` what it recorded, with the command that did it and the decision that allowed it), or
 * waiting in the approvals inbox.
 */
export type MoneyCommandResult<Status extends string, Made, Decision> =
  (Made & { readonly status: Status; readonly commandId: string; readonly decision: Decision }) | PendingApproval<Decision>;

/** One rule of a decision: its code (stable data), whether it passed, and its sentence in the agent's locale. */
export interface SaidRule<Rule extends string> {
  readonly rule: Rule;
  readonly passed: boolean;
  readonly text: string;
}

/** A decision as core made it, in the agent's locale: its headline and each rule's sentence. */
export interface SaidDecision<RuleView extends SaidRule<string>> {
  /** One line for the headline: "Needs approval by a senior agent: …". */
  readonly headline: string;
  readonly rules: readonly RuleView[];
}

/** The account a part of a screen is about, one per account of the caller: its id, its number as printed, its currency. */
export interface AccountSectionView {
  readonly accountId: string;
  readonly accountNumber: string;
  readonly currency: string;
}

export type MatchKind = 'phone' | 'account' | 'email' | 'name';

/**
 * What an agent may see of a caller before verification: enough to pick the right person,
 * nothing that helps a fraudster (no address, balance, invoice, full number or email).
 */
export interface MaskedCaller {
  readonly customerId: string;
  readonly accountId: string;
  readonly accountNumberMasked: string;
  readonly displayName: string;
  readonly phoneMasked: string | null;
  readonly emailMasked: string | null;
  readonly town: string | null;
  readonly matchedOn: MatchKind;
}

export interface LookupResult {
  /** How the query was understood, so the screen can say "searching by phone". */
  readonly kind: MatchKind | 'none';
  readonly results: readonly MaskedCaller[];
  /**
   * Present when a phone number is being typed but is too short to search yet (kind 'phone',
   * no results): how many digits of the national number a phone search needs — after the
   * leading 0 or the country code (see src/core/search/phone-prefix.ts). Absent otherwise.
   */
  readonly tooShort?: { readonly minDigits: number };
}

export interface ScreenPop {
  readonly from: string;
  /** The caller number in E.164, or null when it could not be read as a phone number. */
  readonly e164: string | null;
  readonly matches: readonly MaskedCaller[];
}

export interface SystemInfo {
  readonly version: string;
  readonly customers: number;
  readonly transport: 'ipc' | 'http';
}
