/**
 * plan.change — the customer accepted a quote at a desk. The desk wrote the subscription's change
 * rows; the hub writes the same rows (same ids) when the subscription is still as the desk saw it
 * (its latest change is the one the desk based the quote on) and the plan and options are in the
 * hub's catalog. Otherwise the quote is stale: a rejected receipt, and the agent quotes again.
 */
import { z } from 'zod';
import { ownVerifiedCall } from './calls';
import type { CommandContext, Outcome } from './push';
import { payloadDay as day, payloadId as id, payloadOf, Rejection } from './push';

const planChangePayload = z.object({
  customerId: id,
  accountId: id,
  subscriptionId: id,
  basedOn: id.nullable(),
  rows: z
    .array(z.object({ id, change: z.enum(['plan_change', 'option_add', 'option_remove']), itemCode: z.string().min(1).max(64) }))
    .min(1)
    .max(32),
  change: z.object({ from: day, planId: z.string().max(64).nullable(), optionIds: z.array(z.string().max(64)).max(32) }),
  /** The desk found the new plan's monthly fee below the old one's: a downgrade outcome (its row's id and day). */
  downgrade: z.object({ outcomeId: id, occurredOn: day }).optional(),
});

const stale = (message: string) =>
  new Rejection([
    {
      code: 'plan_changed_meanwhile',
      message,
      text: { en: 'The subscription changed meanwhile: quote again.', fr: 'L’abonnement a changé entre-temps : refaites le devis.' },
    },
  ]);

export async function planChanged(ctx: CommandContext): Promise<Outcome> {
  const p = payloadOf(planChangePayload, ctx);
  if (p.downgrade && p.downgrade.occurredOn !== p.change.from)
    throw new Rejection([{ code: 'bad_payload', message: 'A downgrade takes effect with its plan change.' }]);
  await ownVerifiedCall(ctx, p.customerId);
  const [sub] = await ctx.sql.query<{ id: string; plan_code: string }>(
    `SELECT s.id, s.plan_code FROM subscriptions s JOIN accounts a ON a.id = s.account_id WHERE s.id = $1 AND s.account_id = $2 AND a.customer_id = $3 FOR UPDATE OF s`,
    [p.subscriptionId, p.accountId, p.customerId],
  );
  if (!sub) throw new Rejection([{ code: 'unknown_subscription', message: 'This subscription is not the customer’s on the hub.' }]);
  const [latest] = await ctx.sql.query<{ id: string }>(
    `SELECT id FROM subscription_changes WHERE subscription_id = $1 ORDER BY recorded_at DESC, id DESC LIMIT 1`,
    [sub.id],
  );
  if ((latest?.id ?? null) !== p.basedOn) throw stale('The subscription changed after the desk quoted.');
  for (const r of p.rows) {
    const kind = r.change === 'plan_change' ? 'plan' : 'option';
    const [item] = await ctx.sql.query(`SELECT 1 FROM plans WHERE code = $1 AND kind = $2 AND active = 1`, [r.itemCode, kind]);
    if (!item) throw new Rejection([{ code: 'unknown_item', message: `The hub’s catalog has no ${kind} “${r.itemCode}”.` }]);
    const [held] = await ctx.sql.query(`SELECT 1 FROM subscription_changes WHERE id = $1`, [r.id]);
    if (held) throw new Rejection([{ code: 'duplicate_change', message: 'A subscription change with this id already exists on the hub.' }]);
  }
  const at = ctx.command.createdAt;
  for (const r of p.rows) {
    await ctx.sql.query(
      `INSERT INTO subscription_changes (id, subscription_id, effective_on, change, item_code, recorded_at, command_id) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [r.id, sub.id, p.change.from, r.change, r.itemCode, at, ctx.command.commandId],
    );
  }
  // A downgrade (a customer outcome the insights count) is written with the change, on the change's day.
  if (p.downgrade) {
    await ctx.sql.query(
      `INSERT INTO customer_outcomes (id, customer_id, kind, occurred_on, reason, recorded_at) VALUES ($1, $2, 'downgrade', $3, NULL, $4) ON CONFLICT (id) DO NOTHING`,
      [p.downgrade.outcomeId, p.customerId, p.downgrade.occurredOn, at],
    );
  }
  // As the desk does: the subscription's plan moves at once when the change takes effect today or earlier.
  if (p.change.from <= at.slice(0, 10) && p.change.planId && p.change.planId !== sub.plan_code)
    await ctx.sql.query(`UPDATE subscriptions SET plan_code = $2 WHERE id = $1`, [sub.id, p.change.planId]);
  return {
    status: 'accepted',
    result: { effectiveOn: p.change.from },
    notify: {
      tables: p.downgrade ? ['subscription_changes', 'subscriptions', 'customer_outcomes'] : ['subscription_changes', 'subscriptions'],
      customerId: p.customerId,
    },
  };
}
