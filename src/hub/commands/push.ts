/**
 * Commands up. Each command a desk pushes is handled in ONE transaction:
 *   1. a command id the hub already knows answers its stored receipt (the same id with another
 *      payload is a CONFLICT error: a desk never sends two different things under one id);
 *   2. the device's row is locked and its next sequence checked: a gap stops the batch and the
 *      desk is told which sequence the hub expects;
 *   3. the command's handler re-checks it against the hub's own data with core's rules (the
 *      actor's role and limits come from the hub's users, never from the desk) and writes;
 *   4. its receipt — accepted, rejected with reasons, or pending approval — is stored, the
 *      device's sequence moves on, and a NOTIFY tells every hub process to nudge its desks.
 * A rejection is a receipt, never an error, so a desk's queue never jams.
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { canonicalJson } from '../../core/audit';
import type { CommandEnvelope, Receipt, ReceiptReason, ReceiptStatus } from '../../core/sync/protocol';
import type { HubDb, Sql } from '../db/open';
import type { DeviceRow } from '../services/devices';

export const CHANGES_CHANNEL = 'ardoise_changes';

export interface HubActor {
  readonly userId: string;
  readonly role: string;
  readonly displayName: string;
}

export interface CommandContext {
  readonly sql: Sql;
  readonly device: DeviceRow;
  readonly command: CommandEnvelope;
  readonly actor: HubActor;
  readonly now: Date;
}

export interface Outcome {
  readonly status: ReceiptStatus;
  readonly reasons?: readonly ReceiptReason[];
  readonly result?: Readonly<Record<string, unknown>>;
  /** What changed, for the push nudge (tables, an approval requested or decided…). */
  readonly notify?: Readonly<Record<string, unknown>>;
}

export type CommandHandler = (ctx: CommandContext) => Promise<Outcome>;

/** A command the hub refuses: its receipt says why, in words an agent can read. */
export class Rejection extends Error {
  constructor(readonly reasons: readonly ReceiptReason[]) {
    super(reasons.map((r) => r.message).join('; '));
  }
}

/** The command's payload as `schema` reads it; anything else is a rejection, never an error. */
export function payloadOf<T>(schema: z.ZodType<T>, ctx: CommandContext): T {
  const r = schema.safeParse(ctx.command.payload);
  if (!r.success) throw new Rejection([{ code: 'bad_payload', message: `The command is not well formed (${r.error.issues.map((i) => i.path.join('.') || 'payload').join(', ')}).` }]);
  return r.data;
}

export class SequenceGap extends Error {
  constructor(readonly expectedSeq: number) {
    super(`expected device sequence ${expectedSeq}`);
  }
}

export class CommandConflict extends Error {
  constructor(readonly commandId: string) {
    super(`command ${commandId} was already received with another payload`);
  }
}

export function envelopeHash(c: CommandEnvelope): string {
  const { commandId, deviceSeq, type, payload, actorId, interactionId, createdAt } = c;
  return createHash('sha256').update(canonicalJson({ commandId, deviceSeq, type, payload: payload ?? null, actorId, interactionId, createdAt }), 'utf8').digest('hex');
}

/** Handles one command in one transaction and returns its receipt. */
export async function handleCommand(db: HubDb, device: DeviceRow, command: CommandEnvelope, handlers: Readonly<Record<string, CommandHandler>>, now: () => Date): Promise<Receipt> {
  const hash = envelopeHash(command);
  return db.tx(async (sql) => {
    const [known] = await sql.query<{ payload_hash: string; receipt: string; device_id: string }>(`SELECT payload_hash, receipt, device_id FROM receipts WHERE command_id = $1`, [command.commandId]);
    if (known) {
      if (known.payload_hash !== hash || known.device_id !== device.id) throw new CommandConflict(command.commandId);
      return JSON.parse(known.receipt) as Receipt;
    }
    const [dev] = await sql.query<{ next_seq: number }>(`SELECT next_seq FROM devices WHERE id = $1 FOR UPDATE`, [device.id]);
    if (!dev) throw new SequenceGap(1);
    if (command.deviceSeq !== dev.next_seq) throw new SequenceGap(dev.next_seq);

    const at = now();
    let outcome: Outcome;
    const [user] = await sql.query<{ id: string; role: string; display_name: string; active: number }>(`SELECT id, role, display_name, active FROM users WHERE id = $1`, [command.actorId]);
    const handler = handlers[command.type];
    if (!user || user.active !== 1) outcome = { status: 'rejected', reasons: [{ code: 'unknown_actor', message: 'The hub does not know this staff member (or they are no longer active).' }] };
    else if (!handler) outcome = { status: 'rejected', reasons: [{ code: 'unknown_command', message: `The hub does not handle “${command.type}”.` }] };
    else {
      // The handler's writes are undone on a rejection: a savepoint around them.
      await sql.query('SAVEPOINT command');
      try {
        outcome = await handler({ sql, device, command, actor: { userId: user.id, role: user.role, displayName: user.display_name }, now: at });
        await sql.query('RELEASE SAVEPOINT command');
      } catch (err) {
        if (!(err instanceof Rejection)) throw err;
        await sql.query('ROLLBACK TO SAVEPOINT command');
        outcome = { status: 'rejected', reasons: err.reasons };
      }
    }
    const receipt: Receipt = {
      commandId: command.commandId,
      deviceSeq: command.deviceSeq,
      status: outcome.status,
      reasons: outcome.reasons ?? [],
      ...(outcome.result ? { result: outcome.result } : {}),
      at: at.toISOString(),
    };
    await sql.query(
      `INSERT INTO receipts (command_id, device_id, device_seq, type, actor_id, payload_hash, status, receipt, received_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [command.commandId, device.id, command.deviceSeq, command.type, command.actorId, hash, receipt.status, JSON.stringify(receipt), receipt.at],
    );
    await sql.query(`UPDATE devices SET next_seq = next_seq + 1, last_seen_at = $2 WHERE id = $1`, [device.id, receipt.at]);
    await sql.query(`SELECT pg_notify($1, $2)`, [CHANGES_CHANNEL, JSON.stringify({ device: device.id, command: command.type, ...(outcome.notify ?? {}) })]);
    return receipt;
  });
}

/**
 * A batch, in order: stops at a sequence gap (saying which sequence the hub expects) and
 * carries on past rejections.
 */
export async function handlePush(db: HubDb, device: DeviceRow, commands: readonly CommandEnvelope[], handlers: Readonly<Record<string, CommandHandler>>, now: () => Date): Promise<{ receipts: Receipt[]; expectedSeq: number | null }> {
  const receipts: Receipt[] = [];
  const ordered = [...commands].sort((a, b) => a.deviceSeq - b.deviceSeq);
  for (const command of ordered) {
    try {
      receipts.push(await handleCommand(db, device, command, handlers, now));
    } catch (err) {
      if (err instanceof SequenceGap) {
        // An already-received command below the expected sequence was answered above; a gap is not.
        return { receipts, expectedSeq: err.expectedSeq };
      }
      throw err;
    }
  }
  return { receipts, expectedSeq: null };
}
