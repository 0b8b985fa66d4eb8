/**
 * Customer outcomes recorded on a call (customer_outcomes, synced; the retention insights read
 * them): the caller cancels — a command (outbox 'outcome.cancel', audit 'customer_cancelled') with
 * the day it takes effect and a reason from core/outcomes' fixed list — and a plan change that
 * lowers the plan's monthly fee is a downgrade, written by the plan change itself
 * (BillingService.applyPlanChange, in its transaction, through `downgradeRow`).
 *
 * A cancellation is recorded once per customer: a second one, on any call, answers the one on file
 * (alreadyRecorded) and writes nothing, so the insights' "first cancellation" is the caller's
 * first word. The screen's idempotency key makes a retried click the same answer
 * (handlers/billing.ts runs this under IdempotencyKeys).
 */
import type Database from 'better-sqlite3';
import { ApiError, type CancellationRecorded } from '../../core/api';
import { addDays } from '../../core/billing/dates';
import { isCalendarDay } from '../../core/calendar';
import { CANCELLATION_MAX_DAYS_AHEAD, type CancellationReason } from '../../core/outcomes';
import { uuidv7 } from '../store/ids';
import type { CommandLog } from './command-log';

export interface OutcomeActor {
  readonly agentId: string;
  readonly interactionId: string;
}

interface OutcomeRow {
  id: string;
  occurredOn: string;
  reason: string | null;
}

export class CustomerOutcomes {
  private readonly cancellationOf: Database.Statement<[string], OutcomeRow>;
  private readonly insert: Database.Statement<[string, string, string, string, string | null, string]>;

  constructor(
    client: Database.Database,
    private readonly commands: CommandLog,
    private readonly today: () => string,
  ) {
    this.cancellationOf = client.prepare(
      `SELECT id, occurred_on AS occurredOn, reason FROM customer_outcomes WHERE customer_id = ? AND kind = 'cancellation' ORDER BY occurred_on, id LIMIT 1`,
    );
    this.insert = client.prepare('INSERT INTO customer_outcomes (id, customer_id, kind, occurred_on, reason, recorded_at) VALUES (?, ?, ?, ?, ?, ?)');
  }

  /** The caller cancels from `occurredOn` (default today) for `reason`. */
  cancel(customerId: string, actor: OutcomeActor, reason: CancellationReason, occurredOn: string | undefined): CancellationRecorded {
    const today = this.today();
    const on = occurredOn ?? today;
    const latest = addDays(today, CANCELLATION_MAX_DAYS_AHEAD);
    if (!isCalendarDay(on) || on < today || on > latest) {
      throw new ApiError('INVALID_INPUT', [{ path: 'occurredOn', message: `a cancellation takes effect between ${today} and ${latest}` }]);
    }
    const held = this.cancellationOf.get(customerId);
    if (held) {
      return {
        commandId: null,
        outcomeId: held.id,
        occurredOn: held.occurredOn,
        reason: (held.reason ?? 'other') as CancellationReason,
        alreadyRecorded: true,
      };
    }
    const outcomeId = uuidv7();
    const { commandId } = this.commands.execute(
      {
        type: 'outcome.cancel',
        actorId: actor.agentId,
        interactionId: actor.interactionId,
        payload: { outcomeId, customerId, occurredOn: on, reason },
        audit: { action: 'customer_cancelled', subject: `customer:${customerId}`, after: { outcomeId, occurredOn: on, reason } },
      },
      ({ at }) => this.insert.run(outcomeId, customerId, 'cancellation', on, reason, at),
    );
    return { commandId, outcomeId, occurredOn: on, reason, alreadyRecorded: false };
  }

  /** Writes a downgrade outcome (inside the plan change's transaction); returns what its command's payload carries. */
  downgradeRow(customerId: string, occurredOn: string, at: string, outcomeId: string = uuidv7(Date.parse(at))): { outcomeId: string; occurredOn: string } {
    this.insert.run(outcomeId, customerId, 'downgrade', occurredOn, null, at);
    return { outcomeId, occurredOn };
  }
}
