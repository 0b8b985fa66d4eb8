/**
 * History at hand: the verified caller's earlier calls, the follow-ups wrap-ups left, and the
 * recap of the call in progress (core/recap over its own audit entries).
 *
 * Who reads what:
 *   - the timeline is read for the verified call's customer only (the gate checked the call;
 *     the customer id comes from it, never from the input);
 *   - an agent's own follow-ups name callers by their masked display name, as lookups do;
 *   - a follow-up is marked done by the agent who scheduled it, or on the agent's own open,
 *     verified call with its customer; to anyone else it does not exist (NOT_FOUND).
 * Marking done is a command (outbox + audit entry, re-decided by the hub) and idempotent by the
 * screen's key.
 */
import {
  ApiError,
  FOLLOW_UP_MAX_DAYS_AHEAD,
  TIMELINE_MAX_CALLS,
  type AgentProfile,
  type CallRecapView,
  type CustomerTimeline,
  type FollowUpInput,
  type FollowUpView,
  type TimelineCall,
} from '../../core/api';
import type { Locale } from '../../core/i18n';
import { callRecap } from '../../core/recap';
import { auditLogQueries } from '../store/audit-log';
import { followUpQueries, type ListedFollowUpRow } from '../store/follow-ups';
import { historyQueries } from '../store/history';
import { interactionQueries } from '../store/interactions';
import { prepareStores } from '../store/prepared';
import type { CallerLookup } from './caller-lookup';
import { callerNames } from './caller-names';
import type { CommandServiceDeps } from './command-log';
import type { OpenCall, VerifiedCall } from './open-call';

/** How many of their own open follow-ups an agent's home lists. */
export const MY_FOLLOW_UPS_LIMIT = 100;
const DAY_MS = 86_400_000;

export interface HistoryDeps extends CommandServiceDeps {
  readonly lookup: CallerLookup;
}

export class HistoryService {
  private readonly store;

  constructor(private readonly deps: HistoryDeps) {
    this.store = prepareStores(deps.client, { history: historyQueries, followUps: followUpQueries, audit: auditLogQueries, interactions: interactionQueries });
  }

  /** The verified caller's earlier calls, newest first, and their follow-ups not done. */
  timeline(call: VerifiedCall): CustomerTimeline {
    const customerId = call.customerId;
    const rows = this.store.history.calls(customerId, call.id, TIMELINE_MAX_CALLS);
    const ids = rows.map((r) => r.id);
    const by = <T extends { interactionId: string }>(items: readonly T[]): Map<string, T[]> => {
      const map = new Map<string, T[]>();
      for (const item of items) map.set(item.interactionId, [...(map.get(item.interactionId) ?? []), item]);
      return map;
    };
    const notes = by(this.store.history.notes(customerId, ids));
    const credits = by(this.store.history.credits(customerId, ids));
    const plans = by(this.store.history.planChanges(customerId, ids));
    const nowIso = this.deps.now().toISOString();
    const followUps = by(
      this.store.followUps
        .ofInteractions(ids)
        .filter((f) => f.customerId === customerId)
        .map((f) => this.view(f, nowIso, null)),
    );
    const calls: TimelineCall[] = rows.map((r) => ({
      interactionId: r.id,
      startedAt: r.startedAt,
      endedAt: r.endedAt,
      agentName: r.agentName ?? r.agentId,
      disposition: r.disposition,
      note: r.note,
      notes: (notes.get(r.id) ?? []).map((n) => ({ noteId: n.noteId, at: n.at, authorName: n.authorName ?? n.authorId, text: n.text })),
      credits: (credits.get(r.id) ?? []).map((c) => ({
        ledgerEntryId: c.id,
        kind: c.kind,
        amount: c.kind === 'reversal' ? -Math.abs(c.amount) : c.amount,
        currency: c.currency,
        reason: c.reasonCode,
        at: c.createdAt,
      })),
      planChanges: (plans.get(r.id) ?? []).map((p) => ({ planCode: p.planCode, planName: p.planName ?? p.planCode, effectiveOn: p.effectiveOn })),
      followUps: followUps.get(r.id) ?? [],
    }));
    const openFollowUps = this.store.followUps.openOfCustomer(customerId).map((f) => this.view(f, nowIso, null));
    return { customerId, calls, openFollowUps };
  }

  /** The recap of this agent's open call, in `locale`, times in this desk's zone. */
  recap(call: OpenCall, locale: Locale): CallRecapView {
    const entries = this.store.audit
      .ofInteraction(call.id)
      .map((e) => ({ at: e.at, action: e.action, subject: e.subject, before: parseJson(e.before), after: parseJson(e.after) }));
    const recap = callRecap(entries, { locale });
    return { interactionId: call.id, locale, note: recap.note, disposition: recap.disposition, facts: recap.facts };
  }

  /** This agent's follow-ups not done yet, soonest due first. */
  mine(actor: AgentProfile): FollowUpView[] {
    const nowIso = this.deps.now().toISOString();
    const nameOf = callerNames(this.deps.lookup);
    return this.store.followUps.openOfOwner(actor.userId, MY_FOLLOW_UPS_LIMIT).map((f) => this.view(f, nowIso, nameOf(f.customerId)));
  }

  /**
   * Checks a follow-up a wrap-up schedules (the contract screened its text): due in the future,
   * at most FOLLOW_UP_MAX_DAYS_AHEAD ahead, on a call whose caller was verified.
   */
  checkNew(call: OpenCall, input: FollowUpInput): { dueAt: string } {
    if (call.verifiedAt === null || call.customerId === null) throw new ApiError('VERIFICATION_REQUIRED');
    const due = Date.parse(input.dueAt);
    const now = this.deps.now().getTime();
    if (!Number.isFinite(due) || due <= now) throw new ApiError('INVALID_INPUT', [{ path: 'followUp.dueAt', message: 'a follow-up is due in the future' }]);
    if (due > now + FOLLOW_UP_MAX_DAYS_AHEAD * DAY_MS)
      throw new ApiError('INVALID_INPUT', [{ path: 'followUp.dueAt', message: `at most ${FOLLOW_UP_MAX_DAYS_AHEAD} days ahead` }]);
    return { dueAt: new Date(due).toISOString() };
  }

  /** Writes a follow-up (inside the wrap-up's command transaction); returns its view. */
  insertNew(actor: AgentProfile, call: OpenCall, row: { id: string; kind: FollowUpInput['kind']; dueAt: string; text: string }, at: string): FollowUpView {
    const customerId = call.customerId!;
    this.store.followUps.insert({
      id: row.id,
      interactionId: call.id,
      customerId,
      kind: row.kind,
      dueAt: row.dueAt,
      text: row.text,
      createdBy: actor.userId,
      createdAt: at,
    });
    const stored = this.store.followUps.byId(row.id)!;
    return this.view(stored, at, callerNames(this.deps.lookup)(customerId));
  }

  /**
   * Marks a follow-up done: its author, or an agent on their own open verified call with its
   * customer (`interactionId`). Done already: the follow-up as it is (nothing written).
   */
  done(actor: AgentProfile, input: { followUpId: string; interactionId?: string | undefined }): FollowUpView {
    const row = this.store.followUps.byId(input.followUpId);
    if (!row || !this.mayMark(actor, row, input.interactionId)) throw new ApiError('NOT_FOUND');
    const nameOf = callerNames(this.deps.lookup);
    if (row.doneAt !== null) return this.view(row, this.deps.now().toISOString(), nameOf(row.customerId));
    const interactionId = input.interactionId ?? null;
    const { result } = this.deps.commands.execute(
      {
        type: 'followUps.done',
        actorId: actor.userId,
        interactionId,
        payload: { followUpId: row.id, customerId: row.customerId },
        audit: { action: 'follow_up_done', subject: `customer:${row.customerId}`, before: { doneAt: null }, after: { followUpId: row.id, kind: row.kind } },
      },
      ({ at }) => {
        if (this.store.followUps.markDone(row.id, at, actor.userId) !== 1) throw new ApiError('CONFLICT');
        return this.view(this.store.followUps.byId(row.id)!, at, nameOf(row.customerId));
      },
    );
    return result;
  }

  private mayMark(actor: AgentProfile, row: ListedFollowUpRow, interactionId: string | undefined): boolean {
    if (row.createdBy === actor.userId) return true;
    if (interactionId === undefined) return false;
    const call = this.store.interactions.callState(interactionId);
    return call !== undefined && call.agentId === actor.userId && call.endedAt === null && call.verifiedAt !== null && call.customerId === row.customerId;
  }

  private view(f: ListedFollowUpRow, nowIso: string, callerName: string | null): FollowUpView {
    return {
      followUpId: f.id,
      interactionId: f.interactionId,
      customerId: f.customerId,
      callerName,
      kind: f.kind,
      dueAt: f.dueAt,
      text: f.text,
      createdBy: f.createdBy,
      createdByName: f.createdByName ?? f.createdBy,
      createdAt: f.createdAt,
      doneAt: f.doneAt,
      doneByName: f.doneAt === null ? null : (f.doneByName ?? f.doneBy),
      due: f.doneAt === null && f.dueAt <= nowIso,
    };
  }
}

function parseJson(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
