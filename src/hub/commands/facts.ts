/**
 * Commands that report what happened at a desk — a call started or wrapped up, a note, a
 * verification attempt, an unlock. The desk already wrote these rows (a call cannot wait for the
 * hub); the hub checks that they are the actor's to write, about a customer it knows, and writes
 * the same rows from the command (same ids; times are the command's), so every desk receives them. Counting verification failures
 * across desks is the reason attempts come up at all.
 */
import { z } from 'zod';
import type { CommandContext, Outcome } from './push';
import { closeCallExposures } from './experiments';
import { payloadId as id, payloadOf, Rejection } from './push';

type Row = Record<string, unknown>;

const startPayload = z.object({ interactionId: id, customerId: id.nullable(), callerNumber: z.string().max(32).nullable().optional() });
const followUpPayload = z.object({ id, kind: z.enum(['callback', 'promise']), dueAt: z.iso.datetime(), text: z.string().min(1).max(2000) });
const wrapUpPayload = z.object({
  interactionId: id,
  disposition: z.string().min(1).max(64),
  note: z.string().max(2000).nullable().optional(),
  followUp: followUpPayload.optional(),
  /** What the desk's audit trail says the agent did on the call (call_practices bits; the trail stays on the desk). */
  practices: z.number().int().min(0).max(63).optional(),
});
const followUpDonePayload = z.object({ followUpId: id, customerId: id });
const notePayload = z.object({ noteId: id, interactionId: id, text: z.string().min(1).max(2000) });
const attemptPayload = z.object({ attemptId: id, customerId: id, passed: z.boolean(), questions: z.array(z.string().max(64)).max(16), at: z.string().max(32) });
const unlockPayload = z.object({ customerId: id, reason: z.string().min(1).max(2000) });

const seconds = (from: string, to: string): number => Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));

async function customerExists(ctx: CommandContext, customerId: string | null): Promise<void> {
  if (customerId === null) return;
  const [c] = await ctx.sql.query(`SELECT 1 FROM customers WHERE id = $1`, [customerId]);
  if (!c) throw new Rejection([{ code: 'unknown_customer', message: 'The hub does not know this customer.' }]);
}

/** The actor's own call, as the hub holds it (locked: a wrap-up and a note do not cross). */
async function ownCall(ctx: CommandContext, interactionId: string): Promise<Row> {
  const [call] = await ctx.sql.query<Row>(`SELECT * FROM interactions WHERE id = $1 FOR UPDATE`, [interactionId]);
  if (!call || call['agent_id'] !== ctx.actor.userId)
    throw new Rejection([{ code: 'not_your_call', message: 'This call is not one of this agent’s calls on the hub.' }]);
  return call;
}

export async function interactionStarted(ctx: CommandContext): Promise<Outcome> {
  const p = payloadOf(startPayload, ctx);
  if (p.interactionId !== ctx.command.interactionId) throw new Rejection([{ code: 'bad_payload', message: 'The call started is not the command’s call.' }]);
  await customerExists(ctx, p.customerId);
  await ctx.sql.query(
    `INSERT INTO interactions (id, customer_id, agent_id, caller_number, started_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING`,
    [p.interactionId, p.customerId, ctx.actor.userId, p.callerNumber ?? null, ctx.command.createdAt],
  );
  return { status: 'accepted', notify: { tables: ['interactions'] } };
}

export async function interactionWrappedUp(ctx: CommandContext): Promise<Outcome> {
  const p = payloadOf(wrapUpPayload, ctx);
  const call = await ownCall(ctx, p.interactionId);
  if (call['ended_at'] !== null) return { status: 'accepted', result: { alreadyEnded: true } };
  const at = ctx.command.createdAt;
  if (p.followUp) {
    // A follow-up needs a caller the hub saw verified on this call, due after the call ended.
    if (call['verified_at'] === null || call['customer_id'] === null)
      throw new Rejection([{ code: 'not_verified', message: 'A follow-up needs a call whose caller was verified.' }]);
    if (Date.parse(p.followUp.dueAt) <= Date.parse(at)) throw new Rejection([{ code: 'bad_payload', message: 'A follow-up is due after the call.' }]);
    await ctx.sql.query(
      `INSERT INTO follow_ups (id, interaction_id, customer_id, kind, due_at, text, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING`,
      [p.followUp.id, call['id'], call['customer_id'], p.followUp.kind, new Date(p.followUp.dueAt).toISOString(), p.followUp.text, ctx.actor.userId, at],
    );
  }
  if (p.practices) {
    await ctx.sql.query(`INSERT INTO call_practices (interaction_id, flags, recorded_at) VALUES ($1, $2, $3) ON CONFLICT (interaction_id) DO NOTHING`, [
      call['id'],
      p.practices,
      at,
    ]);
  }
  await closeCallExposures(ctx, String(call['id']));
  await ctx.sql.query(`UPDATE interactions SET ended_at = $2, disposition = $3, note = $4, handle_seconds = $5 WHERE id = $1`, [
    call['id'],
    at,
    p.disposition,
    p.note ?? null,
    seconds(String(call['started_at']), at),
  ]);
  return {
    status: 'accepted',
    notify: { tables: p.followUp ? ['interactions', 'experiment_exposures', 'follow_ups'] : ['interactions', 'experiment_exposures'] },
  };
}

/**
 * followUps.done — the agent who scheduled it, or an agent on their own call with its customer
 * verified on the hub. Done already (on another desk): accepted, the first one stands.
 */
export async function followUpDone(ctx: CommandContext): Promise<Outcome> {
  const p = payloadOf(followUpDonePayload, ctx);
  const [row] = await ctx.sql.query<Row>(`SELECT * FROM follow_ups WHERE id = $1 FOR UPDATE`, [p.followUpId]);
  if (!row || row['customer_id'] !== p.customerId)
    throw new Rejection([{ code: 'unknown_follow_up', message: 'The hub has no such follow-up for this customer.' }]);
  if (row['created_by'] !== ctx.actor.userId) {
    const [call] =
      ctx.command.interactionId === null
        ? []
        : await ctx.sql.query<Row>(`SELECT agent_id, customer_id, verified_at FROM interactions WHERE id = $1`, [ctx.command.interactionId]);
    if (!call || call['agent_id'] !== ctx.actor.userId || call['customer_id'] !== row['customer_id'] || call['verified_at'] === null) {
      throw new Rejection([
        { code: 'not_your_follow_up', message: 'Only its author, or an agent on a verified call with this customer, can mark this follow-up done.' },
      ]);
    }
  }
  if (row['done_at'] !== null) return { status: 'accepted', result: { alreadyDone: true } };
  await ctx.sql.query(`UPDATE follow_ups SET done_at = $2, done_by = $3 WHERE id = $1`, [p.followUpId, ctx.command.createdAt, ctx.actor.userId]);
  return { status: 'accepted', notify: { tables: ['follow_ups'], customerId: p.customerId } };
}

export async function noteAdded(ctx: CommandContext): Promise<Outcome> {
  const p = payloadOf(notePayload, ctx);
  await ownCall(ctx, p.interactionId);
  await ctx.sql.query(`INSERT INTO interaction_notes (id, interaction_id, author_id, at, text) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING`, [
    p.noteId,
    p.interactionId,
    ctx.actor.userId,
    ctx.command.createdAt,
    p.text,
  ]);
  return { status: 'accepted', notify: { tables: ['interaction_notes'] } };
}

export async function verificationAttempted(ctx: CommandContext): Promise<Outcome> {
  const p = payloadOf(attemptPayload, ctx);
  const call = await ownCall(ctx, ctx.command.interactionId ?? '');
  if (call['customer_id'] !== p.customerId) throw new Rejection([{ code: 'not_your_call', message: 'The attempt is not about this call’s caller.' }]);
  await customerExists(ctx, p.customerId);
  await ctx.sql.query(
    `INSERT INTO verification_attempts (id, interaction_id, customer_id, agent_id, at, passed, questions) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING`,
    [p.attemptId, call['id'], p.customerId, ctx.actor.userId, p.at, p.passed ? 1 : 0, JSON.stringify(p.questions)],
  );
  if (p.passed) await ctx.sql.query(`UPDATE interactions SET verified_at = coalesce(verified_at, $2) WHERE id = $1`, [call['id'], p.at]);
  return { status: 'accepted', notify: { tables: ['verification_attempts'], customerId: p.customerId } };
}

export async function verificationUnlocked(ctx: CommandContext): Promise<Outcome> {
  const p = payloadOf(unlockPayload, ctx);
  if (ctx.actor.role !== 'supervisor') throw new Rejection([{ code: 'forbidden', message: 'Only a supervisor can lift a verification lockout.' }]);
  await customerExists(ctx, p.customerId);
  await ctx.sql.query(`INSERT INTO verification_unlocks (id, customer_id, supervisor_id, at, reason) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING`, [
    ctx.command.commandId,
    p.customerId,
    ctx.actor.userId,
    ctx.command.createdAt,
    p.reason,
  ]);
  return { status: 'accepted', notify: { tables: ['verification_unlocks'], customerId: p.customerId } };
}
