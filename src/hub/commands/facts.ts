/**
 * Commands that report what happened at a desk — a call started or wrapped up, a note, a
 * verification attempt, an unlock. The desk already wrote these rows (a call cannot wait for the
 * hub); the hub checks that they are the actor's to write, about a customer it knows, and keeps
 * them as they are (same ids), so every desk receives them. Counting verification failures
 * across desks is the reason attempts come up at all.
 */
import type { CommandContext, Outcome } from './push';
import { Rejection } from './push';

type Row = Record<string, unknown>;

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function rowOf(ctx: CommandContext, key: string): Row {
  const payload = ctx.command.payload as Record<string, unknown> | null;
  const row = payload?.[key];
  if (!row || typeof row !== 'object' || Array.isArray(row)) throw new Rejection([{ code: 'bad_payload', message: `The command carries no ${key}.` }]);
  return row as Row;
}

async function customerExists(ctx: CommandContext, customerId: string | null): Promise<void> {
  if (customerId === null) return;
  const [c] = await ctx.sql.query(`SELECT 1 FROM customers WHERE id = $1`, [customerId]);
  if (!c) throw new Rejection([{ code: 'unknown_customer', message: 'The hub does not know this customer.' }]);
}

/** The actor's own call, as the hub holds it (locked: a wrap-up and a note do not cross). */
async function ownCall(ctx: CommandContext, interactionId: string): Promise<Row> {
  const [call] = await ctx.sql.query<Row>(`SELECT * FROM interactions WHERE id = $1 FOR UPDATE`, [interactionId]);
  if (!call || call['agent_id'] !== ctx.actor.userId) throw new Rejection([{ code: 'not_your_call', message: 'This call is not one of this agent’s calls on the hub.' }]);
  return call;
}

const CALL_COLUMNS = ['id', 'customer_id', 'agent_id', 'channel', 'caller_number', 'started_at', 'verified_at', 'ended_at', 'disposition', 'note', 'handle_seconds'] as const;

export async function interactionStarted(ctx: CommandContext): Promise<Outcome> {
  const row = rowOf(ctx, 'interaction');
  if (row['agent_id'] !== ctx.actor.userId || row['id'] !== ctx.command.interactionId) throw new Rejection([{ code: 'not_your_call', message: 'A call is started by the agent who takes it.' }]);
  await customerExists(ctx, str(row['customer_id']));
  await ctx.sql.query(
    `INSERT INTO interactions (${CALL_COLUMNS.join(', ')}) VALUES (${CALL_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')}) ON CONFLICT (id) DO NOTHING`,
    CALL_COLUMNS.map((c) => row[c] ?? (c === 'channel' ? 'phone' : null)),
  );
  return { status: 'accepted', notify: { tables: ['interactions'] } };
}

export async function interactionWrappedUp(ctx: CommandContext): Promise<Outcome> {
  const row = rowOf(ctx, 'interaction');
  const call = await ownCall(ctx, str(row['id']) ?? '');
  if (call['ended_at'] !== null) return { status: 'accepted', result: { alreadyEnded: true } };
  await ctx.sql.query(`UPDATE interactions SET ended_at = $2, disposition = $3, note = $4, handle_seconds = $5 WHERE id = $1`, [
    call['id'],
    str(row['ended_at']),
    str(row['disposition']),
    str(row['note']),
    num(row['handle_seconds']),
  ]);
  return { status: 'accepted', notify: { tables: ['interactions'] } };
}

export async function noteAdded(ctx: CommandContext): Promise<Outcome> {
  const row = rowOf(ctx, 'note');
  if (row['author_id'] !== ctx.actor.userId) throw new Rejection([{ code: 'not_your_note', message: 'A note is written by its author.' }]);
  await ownCall(ctx, str(row['interaction_id']) ?? '');
  await ctx.sql.query(`INSERT INTO interaction_notes (id, interaction_id, author_id, at, text) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING`, [
    row['id'],
    row['interaction_id'],
    row['author_id'],
    row['at'],
    row['text'],
  ]);
  return { status: 'accepted', notify: { tables: ['interaction_notes'] } };
}

export async function verificationAttempted(ctx: CommandContext): Promise<Outcome> {
  const row = rowOf(ctx, 'attempt');
  if (row['agent_id'] !== ctx.actor.userId) throw new Rejection([{ code: 'not_your_attempt', message: 'An attempt is made by the agent on the call.' }]);
  await ownCall(ctx, str(row['interaction_id']) ?? '');
  await customerExists(ctx, str(row['customer_id']));
  await ctx.sql.query(
    `INSERT INTO verification_attempts (id, interaction_id, customer_id, agent_id, at, passed, questions) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING`,
    [row['id'], row['interaction_id'], row['customer_id'], row['agent_id'], row['at'], num(row['passed']) ?? 0, row['questions']],
  );
  if (num(row['passed']) === 1) await ctx.sql.query(`UPDATE interactions SET verified_at = coalesce(verified_at, $2) WHERE id = $1`, [row['interaction_id'], row['at']]);
  return { status: 'accepted', notify: { tables: ['verification_attempts'], customerId: row['customer_id'] } };
}

export async function verificationUnlocked(ctx: CommandContext): Promise<Outcome> {
  const row = rowOf(ctx, 'unlock');
  if (ctx.actor.role !== 'supervisor') throw new Rejection([{ code: 'forbidden', message: 'Only a supervisor can lift a verification lockout.' }]);
  if (row['supervisor_id'] !== ctx.actor.userId) throw new Rejection([{ code: 'not_yours', message: 'An unlock is made by the supervisor named on it.' }]);
  await customerExists(ctx, str(row['customer_id']));
  await ctx.sql.query(`INSERT INTO verification_unlocks (id, customer_id, supervisor_id, at, reason) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING`, [
    row['id'],
    row['customer_id'],
    row['supervisor_id'],
    row['at'],
    row['reason'],
  ]);
  return { status: 'accepted', notify: { tables: ['verification_unlocks'], customerId: row['customer_id'] } };
}
