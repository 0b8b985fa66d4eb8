/**
 * Commands up. Each command a desk pushes is handled in ONE transaction:
 *   1. a command id the hub already knows answers its stored receipt (the same id with another
 *      payload is a CONFLICT error: a desk never sends two different things under one id);
 *   2. the device's row is locked and its next sequence checked: a gap stops the batch and the
 *      desk is told which sequence the hub expects;
 *   3. the command's handler re-checks it against the hub's own data with core's rules (the
 *      actor's role and limits come from the hub's users, never from the desk) and writes;
 *   4. its receipt — accepted, rejected with reasons, or pending approval — is stored, the
 *      device's sequence moves on; after the batch, one NOTIFY tells every hub process to nudge its desks.
 * A rejection is a receipt, never an error, so a desk's queue never jams.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
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
  /** What changed: its `tables` are named in the one nudge sent after the batch commits. */
  readonly notify?: Readonly<Record<string, unknown>>;
}

export type CommandHandler = (ctx: CommandContext) => Promise<Outcome>;

/** A command the hub refuses: its receipt says why, in words an agent can read. */
export class Rejection extends Error {
  constructor(readonly reasons: readonly ReceiptReason[]) {
    super(reasons.map((r) => r.message).join('; '));
  }
}

/** An id in a pushed payload: a row's, a customer's, an approval's (what every command's schema checks ids with). */
export const payloadId = z.string().min(1).max(64);
/** A calendar day in a pushed payload (YYYY-MM-DD). */
export const payloadDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** The command's payload as `schema` reads it; anything else is a rejection, never an error. */
export function payloadOf<T>(schema: z.ZodType<T>, ctx: CommandContext): T {
  const r = schema.safeParse(ctx.command.payload);
  if (!r.success)
    throw new Rejection([
      { code: 'bad_payload', message: `The command is not well formed (${r.error.issues.map((i) => i.path.join('.') || 'payload').join(', ')}).` },
    ]);
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
  return createHash('sha256')
    .update(canonicalJson({ commandId, deviceSeq, type, payload: payload ?? null, actorId, interactionId, createdAt }), 'utf8')
    .digest('hex');
}

/** Handles one command in one transaction and returns its receipt. */
export async function handleCommand(
  db: HubDb,
  device: DeviceRow,
  command: CommandEnvelope,
  handlers: Readonly<Record<string, CommandHandler>>,
  now: () => Date,
  tables?: Set<string>,
): Promise<Receipt> {
  const hash = envelopeHash(command);
  return db.tx(async (sql) => {
    // One round trip: the device locked, a receipt already given for this id, the actor.
    const [dev] = await sql.query<{
      next_seq: number;
      payload_hash: string | null;
      receipt: string | null;
      receipt_device: string | null;
      uid: string | null;
      role: string;
      display_name: string;
      active: number;
    }>(
      `SELECT d.next_seq, r.payload_hash, r.receipt, r.device_id AS receipt_device, u.id AS uid, u.role, u.display_name, u.active
         FROM devices d LEFT JOIN receipts r ON r.command_id = $2 LEFT JOIN users u ON u.id = $3
        WHERE d.id = $1 FOR UPDATE OF d`,
      [device.id, command.commandId, command.actorId],
    );
    if (dev?.receipt) {
      if (dev.payload_hash !== hash || dev.receipt_device !== device.id) throw new CommandConflict(command.commandId);
      return JSON.parse(dev.receipt) as Receipt;
    }
    if (!dev) throw new SequenceGap(1);
    if (command.deviceSeq !== dev.next_seq) throw new SequenceGap(dev.next_seq);

    const at = now();
    let outcome: Outcome;
    const user = dev.uid === null ? null : { id: dev.uid, role: dev.role, display_name: dev.display_name, active: dev.active };
    const handler = handlers[command.type];
    if (!user || user.active !== 1)
      outcome = {
        status: 'rejected',
        reasons: [{ code: 'unknown_actor', message: 'The hub does not know this staff member (or they are no longer active).' }],
      };
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
      `WITH stored AS (
         INSERT INTO receipts (command_id, device_id, device_seq, type, actor_id, payload_hash, status, receipt, received_at, interaction_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       )
       UPDATE devices SET next_seq = next_seq + 1, last_seen_at = $9 WHERE id = $2`,
      [
        command.commandId,
        device.id,
        command.deviceSeq,
        command.type,
        command.actorId,
        hash,
        receipt.status,
        JSON.stringify(receipt),
        receipt.at,
        command.interactionId,
      ],
    );
    for (const t of (outcome.notify?.['tables'] as string[] | undefined) ?? []) tables?.add(t);
    return receipt;
  });
}

/**
 * One nudge for a whole batch, after its commands committed. A NOTIFY inside each command's
 * transaction would make those commits take turns (PostgreSQL serialises notifying commits),
 * halving throughput; a nudge lost to a crash between commit and NOTIFY costs desks one poll.
 */
async function nudge(db: HubDb, device: DeviceRow, tables: ReadonlySet<string>): Promise<void> {
  if (tables.size === 0) return;
  await db.query(`SELECT pg_notify($1, $2)`, [CHANGES_CHANNEL, JSON.stringify({ device: device.id, tables: [...tables] })]);
}

/**
 * A batch, in order: stops at a sequence gap (saying which sequence the hub expects) and
 * carries on past rejections.
 */
export async function handlePush(
  db: HubDb,
  device: DeviceRow,
  commands: readonly CommandEnvelope[],
  handlers: Readonly<Record<string, CommandHandler>>,
  now: () => Date,
): Promise<{ receipts: Receipt[]; expectedSeq: number | null }> {
  const receipts: Receipt[] = [];
  const tables = new Set<string>();
  const ordered = [...commands].sort((a, b) => a.deviceSeq - b.deviceSeq);
  try {
    for (const command of ordered) {
      try {
        receipts.push(await handleCommand(db, device, command, handlers, now, tables));
      } catch (err) {
        if (err instanceof SequenceGap) {
          // An already-received command below the expected sequence was answered above; a gap is not.
          return { receipts, expectedSeq: err.expectedSeq };
        }
        throw err;
      }
    }
    return { receipts, expectedSeq: null };
  } finally {
    await nudge(db, device, tables).catch(() => {});
  }
}

/** One reason in both languages an agent may work in, from the sentence that says it. */
export function reasonInBothLanguages(code: string, say: (locale: 'en' | 'fr') => string): ReceiptReason {
  return { code, message: say('en'), text: { en: say('en'), fr: say('fr') } };
}

/** The rules a decision failed (discount, refund, payment plan), as receipt reasons. */
export function failedRuleReasons<R extends { readonly passed: boolean; readonly rule: string }>(
  rules: readonly R[],
  prefix: string,
  describe: (rule: R, locale: 'en' | 'fr') => string,
): ReceiptReason[] {
  return rules.filter((r) => !r.passed).map((r) => reasonInBothLanguages(`${prefix}.${r.rule}`, (l) => describe(r, l)));
}
