/**
 * Every state change an agent makes is a command: one row in the outbox (command id, a device
 * sequence with no gaps, type, payload, actor, interaction) written in the SAME transaction as
 * its local effect and its audit entry — so sync later pushes exactly what happened here, and
 * nothing is ever half-written. better-sqlite3 transactions are synchronous: no await inside.
 */
import type Database from 'better-sqlite3';
import type { AuditAction } from '../../core/audit';
import { commandQueries, type CommandQueries } from '../store/commands';
import { uuidv7 } from '../store/ids';
import type { AuditTrail } from './audit-trail';

/** What a service that records commands is given: the store, the command log, the clock. */
export interface CommandServiceDeps {
  readonly client: Database.Database;
  readonly commands: CommandLog;
  readonly now: () => Date;
}

export interface CommandSpec {
  /** e.g. 'verification.attempt', 'credit.grant'. */
  readonly type: string;
  readonly actorId: string;
  readonly interactionId: string | null;
  readonly payload: unknown;
  /**
   * When it happened, if the caller already read the clock for its decision inside the same
   * transaction (verification: the moment the caller passed), so the effect, the outbox row and
   * the audit entry carry one instant. Otherwise now.
   */
  readonly at?: string;
  readonly audit: {
    readonly action: AuditAction;
    readonly subject: string | null;
    readonly before?: unknown;
    readonly after?: unknown;
  };
}

export interface CommandReceipt<T> {
  readonly commandId: string;
  readonly deviceSeq: number;
  readonly result: T;
}

export class CommandLog {
  private readonly outbox: CommandQueries;
  private written = 0;

  constructor(
    private readonly client: Database.Database,
    private readonly audit: AuditTrail,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.outbox = commandQueries(client);
  }

  /**
   * Runs `effect` and records the command and its audit entry, atomically. If the effect
   * throws, nothing at all is written.
   */
  execute<T>(spec: CommandSpec, effect: (ctx: { commandId: string; at: string }) => T): CommandReceipt<T> {
    const at = spec.at ?? this.now().toISOString();
    const commandId = uuidv7(Date.parse(at));
    const receipt = this.client.transaction(() => {
      const deviceSeq = this.outbox.nextSeq();
      const result = effect({ commandId, at });
      this.outbox.insert({
        id: commandId,
        deviceSeq,
        type: spec.type,
        payload: JSON.stringify(spec.payload ?? null),
        actorId: spec.actorId,
        interactionId: spec.interactionId,
        createdAt: at,
      });
      this.audit.append({ at, actorId: spec.actorId, interactionId: spec.interactionId, ...spec.audit });
      return { commandId, deviceSeq, result };
    })();
    this.written++;
    return receipt;
  }

  /** Commands written since start: the host sends the outbox to the hub after a call that wrote one. */
  get commandsWritten(): number {
    return this.written;
  }

  /** An audited act that changes no synced state (sign-in, viewing a full account). */
  record(fields: {
    actorId: string | null;
    interactionId: string | null;
    action: AuditAction;
    subject: string | null;
    before?: unknown;
    after?: unknown;
  }): void {
    const at = this.now().toISOString();
    this.client.transaction(() => this.audit.append({ at, ...fields }))();
  }
}
