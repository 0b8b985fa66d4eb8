/**
 * The call (interaction) lifecycle: start, read, wrap-up. Starting and wrapping up are commands
 * (outbox row + effect + audit entry in one transaction). What an agent may do on a call is
 * decided by the dispatcher's InteractionGate (own, open, verified); this service trusts the
 * OpenCall it is handed and reads nothing else about other agents' calls.
 */
import { exposureQueries } from '../store/experiment-exposures';
import {
  ApiError,
  DEFAULT_DISPOSITIONS,
  type AgentProfile,
  type DispositionList,
  type InteractionNote,
  type InteractionSource,
  type InteractionState,
  type InteractionSummary,
  type WrapUpResult,
} from '../../core/api';
import type { OpenCall } from './open-call';
import { uuidv7 } from '../store/ids';
import { interactionQueries, type InteractionSummaryRow } from '../store/interactions';
import { settingsQueries, type SettingsQueries } from '../store/settings';
import { prepareStores } from '../store/prepared';
import type { CallerLookup } from './caller-lookup';
import { callerNames } from './caller-names';
import type { CommandServiceDeps } from './command-log';
import type { NotesService } from './notes';
import type { HistoryService } from './history';
import type { FollowUpInput, FollowUpView } from '../../core/api';

export const DISPOSITIONS_SETTING_KEY = 'dispositions';
const DISPOSITION_CODE = /^[a-z][a-z0-9_]{0,63}$/;

export interface InteractionDeps extends CommandServiceDeps {
  readonly lookup: CallerLookup;
  readonly notes: NotesService;
  /** Follow-ups a wrap-up schedules (written in the wrap-up's own command). */
  readonly followUps: HistoryService;
  readonly log: (message: string) => void;
}

export class InteractionService {
  private readonly store;

  constructor(private readonly deps: InteractionDeps) {
    this.store = prepareStores(deps.client, { interactions: interactionQueries, exposures: exposureQueries, settings: settingsQueries });
  }

  start(actor: AgentProfile, input: { customerId: string; callerNumber?: string | undefined; source: InteractionSource }): InteractionState {
    // Throws NOT_FOUND for an unknown customer, before anything is written.
    const caller = this.deps.lookup.caller(input.customerId);
    const agentId = actor.userId;
    const nowMs = this.deps.now().getTime();
    const interactionId = uuidv7(nowMs);
    const callerNumber = input.callerNumber ?? null;
    const { result: startedAt } = this.deps.commands.execute(
      {
        type: 'interaction.start',
        actorId: agentId,
        interactionId,
        payload: { interactionId, customerId: input.customerId, callerNumber, source: input.source },
        audit: { action: 'interaction_started', subject: `customer:${input.customerId}`, after: { source: input.source } },
      },
      ({ at }) => {
        this.store.interactions.insert({ id: interactionId, customerId: input.customerId, agentId, callerNumber, startedAt: at });
        return at;
      },
    );
    return {
      interactionId,
      customerId: input.customerId,
      caller,
      callerNumber,
      agentId,
      startedAt,
      verified: false,
      verifiedAt: null,
      elapsedSeconds: 0,
      notes: [],
    };
  }

  /** An open call of this agent, as checked by the gate. */
  state(interaction: OpenCall): InteractionState {
    const row = this.store.interactions.summary(interaction.id);
    if (!row || row.customerId === null) throw new ApiError('NOT_FOUND');
    const verified = row.verifiedAt !== null;
    return {
      interactionId: row.id,
      customerId: row.customerId,
      caller: this.deps.lookup.caller(row.customerId),
      callerNumber: row.callerNumber,
      agentId: row.agentId,
      startedAt: row.startedAt,
      verified,
      verifiedAt: row.verifiedAt,
      elapsedSeconds: secondsBetween(row.startedAt, this.deps.now().toISOString()),
      // Notes need a verified caller, to read as to write.
      notes: verified ? this.deps.notes.list(row.id) : ([] as InteractionNote[]),
    };
  }

  listOpen(actor: AgentProfile): InteractionSummary[] {
    return this.summaries(this.store.interactions.openOfAgent(actor.userId));
  }

  dispositions(): DispositionList {
    const stored = this.store.settings.value(DISPOSITIONS_SETTING_KEY);
    if (stored !== undefined) {
      try {
        const value = JSON.parse(stored) as unknown;
        if (Array.isArray(value) && value.length > 0 && value.every((c) => typeof c === 'string' && DISPOSITION_CODE.test(c))) {
          return { codes: [...new Set(value as string[])] };
        }
      } catch {
        // fall through
      }
      this.deps.log(`settings '${DISPOSITIONS_SETTING_KEY}' is not a list of codes; using the default list`);
    }
    return { codes: [...DEFAULT_DISPOSITIONS] };
  }

  wrapUp(
    actor: AgentProfile,
    interaction: OpenCall,
    input: { disposition: string; note?: string | undefined; followUp?: FollowUpInput | undefined },
  ): WrapUpResult {
    const disposition = input.disposition;
    if (!this.dispositions().codes.includes(disposition)) {
      throw new ApiError('INVALID_INPUT', [{ path: 'disposition', message: 'not one of the configured dispositions' }]);
    }
    // Screened and trimmed by the contract; '' is no note.
    const note = input.note ? input.note : null;
    const customerId = interaction.customerId;
    // Checked before anything is written: a verified caller, a time in the future.
    const followUp = input.followUp
      ? {
          id: uuidv7(this.deps.now().getTime()),
          kind: input.followUp.kind,
          text: input.followUp.text,
          ...this.deps.followUps.checkNew(interaction, input.followUp),
        }
      : null;
    const { result } = this.deps.commands.execute(
      {
        type: 'interaction.wrapUp',
        actorId: actor.userId,
        interactionId: interaction.id,
        // The hub has no audit trail of the call: what the agent did goes with the wrap-up (insights).
        payload: {
          interactionId: interaction.id,
          disposition,
          note,
          practices: this.store.interactions.practices(interaction.id),
          ...(followUp ? { followUp } : {}),
        },
        audit: {
          action: 'interaction_wrapped_up',
          subject: customerId ? `customer:${customerId}` : null,
          before: { endedAt: null },
          after: { disposition, note, verified: interaction.verifiedAt !== null, ...(followUp ? { followUp } : {}) },
        },
      },
      ({ at }): WrapUpResult => {
        const handleSeconds = secondsBetween(interaction.startedAt, at);
        if (this.store.interactions.wrapUp(interaction.id, { endedAt: at, disposition, note, handleSeconds }) !== 1) throw new ApiError('INTERACTION_ENDED');
        // An experiment's arm shown on this call and no offer made by its end: none was.
        this.store.exposures.closeCall(interaction.id);
        const scheduled: FollowUpView | null = followUp ? this.deps.followUps.insertNew(actor, interaction, followUp, at) : null;
        return { interactionId: interaction.id, endedAt: at, disposition, note, handleSeconds, followUp: scheduled };
      },
    );
    return result;
  }

  /** Any call by id (for a supervisor's audit view); null when there is none. */
  summaryById(interactionId: string): InteractionSummary | null {
    const row = this.store.interactions.summary(interactionId);
    return row ? (this.summaries([row])[0] ?? null) : null;
  }

  /** Rows → summaries, reading each caller's masked name once. */
  summaries(rows: readonly InteractionSummaryRow[]): InteractionSummary[] {
    const nameOf = callerNames(this.deps.lookup);
    return rows.map((r) => ({
      interactionId: r.id,
      customerId: r.customerId,
      callerName: r.customerId ? nameOf(r.customerId) : null,
      agentId: r.agentId,
      agentName: r.agentName ?? r.agentId,
      startedAt: r.startedAt,
      verifiedAt: r.verifiedAt,
      endedAt: r.endedAt,
      disposition: r.disposition,
      handleSeconds: r.handleSeconds,
    }));
  }
}

/** Whole seconds from one ISO instant to another, never negative. */
export function secondsBetween(fromIso: string, toIso: string): number {
  return Math.max(0, Math.floor((Date.parse(toIso) - Date.parse(fromIso)) / 1000));
}

/** First-start set-up: the default disposition list, only when none is configured. */
export function ensureDispositions(settings: SettingsQueries, at: string): void {
  settings.putIfAbsent(DISPOSITIONS_SETTING_KEY, JSON.stringify(DEFAULT_DISPOSITIONS), at);
}
