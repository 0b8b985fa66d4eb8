/**
 * Customer outcomes from desks (customer_outcomes, synced; the hub's insights and every desk's
 * read them): outcome.cancel — the caller cancelled on a verified call of the actor, for a reason
 * of core/outcomes' list, from a day between the command's day and 90 days later. The hub writes
 * the desk's row (same id). A customer whose cancellation the hub already holds (another desk
 * first) keeps that one: the command is accepted as already done and the desk's row is replaced
 * when it syncs down. A plan change's downgrade is written by plan.change (plans.ts).
 */
import { z } from 'zod';
import { CANCELLATION_MAX_DAYS_AHEAD, CANCELLATION_REASONS } from '../../core/outcomes';
import { ownVerifiedCall } from './calls';
import type { CommandContext, Outcome } from './push';
import { payloadOf, Rejection } from './push';

const id = z.string().min(1).max(64);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const cancelPayload = z.object({ outcomeId: id, customerId: id, occurredOn: day, reason: z.enum(CANCELLATION_REASONS) });

const DAY_MS = 86_400_000;

export async function customerCancelled(ctx: CommandContext): Promise<Outcome> {
  const p = payloadOf(cancelPayload, ctx);
  await ctx.sql.query(`SELECT id FROM customers WHERE id = $1 FOR UPDATE`, [p.customerId]);
  await ownVerifiedCall(ctx, p.customerId);
  // The desk's day is the command's UTC day or one either side; the notice period counts from it.
  const commandDay = Date.parse(`${ctx.command.createdAt.slice(0, 10)}T00:00:00Z`);
  const on = Date.parse(`${p.occurredOn}T00:00:00Z`);
  if (!Number.isFinite(on) || on < commandDay - DAY_MS || on > commandDay + (CANCELLATION_MAX_DAYS_AHEAD + 1) * DAY_MS)
    throw new Rejection([
      { code: 'bad_payload', message: `A cancellation takes effect from the day of the call up to ${CANCELLATION_MAX_DAYS_AHEAD} days later.` },
    ]);
  const [held] = await ctx.sql.query<{ id: string }>(
    `SELECT id FROM customer_outcomes WHERE customer_id = $1 AND kind = 'cancellation' AND id <> $2 ORDER BY occurred_on, id LIMIT 1`,
    [p.customerId, p.outcomeId],
  );
  if (held) return { status: 'accepted', result: { outcomeId: held.id, alreadyRecorded: true } };
  await ctx.sql.query(
    `INSERT INTO customer_outcomes (id, customer_id, kind, occurred_on, reason, recorded_at) VALUES ($1, $2, 'cancellation', $3, $4, $5) ON CONFLICT (id) DO NOTHING`,
    [p.outcomeId, p.customerId, p.occurredOn, p.reason, ctx.command.createdAt],
  );
  return { status: 'accepted', result: { outcomeId: p.outcomeId }, notify: { tables: ['customer_outcomes'], customerId: p.customerId } };
}
