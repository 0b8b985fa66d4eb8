/**
 * Methods of the history feature: the verified caller's earlier calls (a timeline for whoever
 * takes the next call), the follow-ups a wrap-up left (a callback or a promise), and the call's
 * recap (the wrap-up note's first draft, built by core/recap from the call's own audit entries).
 *
 * Who sees what: the timeline is VERIFIED — it is about the caller of this agent's verified call
 * and no one else; an agent's own follow-ups list names callers as the masked profile does; a
 * follow-up can be marked done by the agent who made it, or on a verified call with its customer
 * (anything else looks like no follow-up at all).
 */
import { z } from 'zod';
import type { Locale } from '../../i18n/locale';
import type { CallRecap } from '../../recap';
import { empty, freeText, id, idempotencyKey, method, OWN_INTERACTION, SIGNED_IN, VERIFIED } from '../method';

export const FOLLOW_UP_KINDS = ['callback', 'promise'] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];
/** How long a follow-up's text may be (it is screened like a note). */
export const FOLLOW_UP_TEXT_MAX = 500;
/** How far ahead a follow-up may be scheduled. */
export const FOLLOW_UP_MAX_DAYS_AHEAD = 366;
/** How many earlier calls the timeline returns at most. */
export const TIMELINE_MAX_CALLS = 50;

/** What a wrap-up may schedule (interaction.wrapUp's `followUp`). */
export const followUpInput = z
  .object({
    kind: z.enum(FOLLOW_UP_KINDS),
    /** ISO 8601 instant with its offset ('2031-03-01T14:00:00.000Z'); main refuses the past. */
    dueAt: z.iso.datetime({ offset: true }),
    text: freeText({ max: FOLLOW_UP_TEXT_MAX, note: true }),
  })
  .strict();
export type FollowUpInput = z.output<typeof followUpInput>;

export interface FollowUpView {
  readonly followUpId: string;
  readonly interactionId: string;
  readonly customerId: string;
  /** The caller's masked display name (as lookups show it), for the agent's own list. */
  readonly callerName: string | null;
  readonly kind: FollowUpKind;
  /** ISO 8601 UTC. */
  readonly dueAt: string;
  readonly text: string;
  readonly createdBy: string;
  readonly createdByName: string;
  readonly createdAt: string;
  readonly doneAt: string | null;
  readonly doneByName: string | null;
  /** Not done and due by main's clock now. */
  readonly due: boolean;
}

export interface TimelineCredit {
  readonly ledgerEntryId: string;
  readonly kind: 'credit' | 'recurring_discount' | 'fee_waiver' | 'reversal';
  /** Positive: given back to the customer (a reversal is negative). Minor units. */
  readonly amount: number;
  readonly currency: string;
  readonly reason: string;
  readonly at: string;
}

export interface TimelinePlanChange {
  readonly planCode: string;
  readonly planName: string;
  /** 'YYYY-MM-DD'. */
  readonly effectiveOn: string;
}

export interface TimelineNote {
  readonly noteId: string;
  readonly at: string;
  readonly authorName: string;
  readonly text: string;
}

/** One earlier call of the customer. */
export interface TimelineCall {
  readonly interactionId: string;
  readonly startedAt: string;
  readonly endedAt: string | null;
  readonly agentName: string;
  readonly disposition: string | null;
  /** The wrap-up note. */
  readonly note: string | null;
  readonly notes: readonly TimelineNote[];
  readonly credits: readonly TimelineCredit[];
  /** Plan changes recorded during the call (on any of the customer's subscriptions). */
  readonly planChanges: readonly TimelinePlanChange[];
  /** Follow-ups the call's wrap-up scheduled, done or not. */
  readonly followUps: readonly FollowUpView[];
}

export interface CustomerTimeline {
  readonly customerId: string;
  /** Earlier calls, newest first (this call left out), at most TIMELINE_MAX_CALLS. */
  readonly calls: readonly TimelineCall[];
  /** Follow-ups of this customer not done yet, soonest due first. */
  readonly openFollowUps: readonly FollowUpView[];
}

/**
 * The call's recap as core drafts it (core/recap): the facts, the wrap-up note's first draft and
 * the disposition they suggest (a code of the default list; the screen keeps it only if configured).
 */
export interface CallRecapView extends CallRecap {
  readonly interactionId: string;
  readonly locale: Locale;
}

export const historyMethods = {
  /** The verified caller's earlier calls and open follow-ups. */
  'history.timeline': method<CustomerTimeline>()(z.object({ interactionId: id }).strict(), VERIFIED),
  /**
   * The recap of this agent's open call, from its own audit entries, in `locale` (default: the
   * agent's). Works before verification too (a call that ends unverified has a recap).
   */
  'interaction.recap': method<CallRecapView>()(z.object({ interactionId: id, locale: z.enum(['en', 'fr']).optional() }).strict(), OWN_INTERACTION),
  /** This agent's follow-ups not done yet, soonest due first (the home screen). */
  'followUps.mine': method<readonly FollowUpView[]>()(empty, SIGNED_IN),
  /** Marks a follow-up done (a command; once per key, a repeat gets the first answer). */
  'followUps.done': method<FollowUpView>()(z.object({ followUpId: id, idempotencyKey, interactionId: id.optional() }).strict(), SIGNED_IN),
} as const;
