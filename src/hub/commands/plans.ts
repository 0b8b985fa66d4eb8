/**
 * plan.change — the customer accepted a quote at a desk. The desk wrote the subscription's change
 * rows; the hub writes the same rows (same ids) when the subscription is still as the desk saw it
 * (its latest change is the one the desk based the quote on) and the plan and options are in the
 * hub's catalog. Otherwise the quote is stale: a rejected receipt, and the agent quotes again.
 *
 * A downgrade the desk claims (a customer outcome the insights count) is written only when the
 * hub finds one by the desk's own rule (core/outcomes/downgrade.ts) on its own data: the plan the
 * rows put on the subscription against the plan the subscription's history has on the change's
 * day, both priced by the hub's catalog on that day. A false claim rejects the whole command.
 */
import { z } from 'zod';
import { subscriptionHistory, type BillingChangeFields } from '../../core/billing/billing-input';
import type { Catalog } from '../../core/billing';
import { isPlanDowngrade } from '../../core/outcomes/downgrade';
import { hubCatalog } from '../services/billing-run';
import type { Sql } from '../db/open';
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
  if (p.downgrade) await checkDowngrade(ctx.sql, p);
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

const notADowngrade = (message: string) =>
  new Rejection([
    {
      code: 'bad_payload',
      message,
      text: {
        en: 'This plan change is not a move to a cheaper plan: it cannot be recorded as a downgrade.',
        fr: 'Ce changement n’est pas un passage à une offre moins chère : il ne peut pas être enregistré comme une rétrogradation.',
      },
    },
  ]);

/** Rejects the desk's downgrade claim unless the hub's subscription history and catalog make the change one. */
async function checkDowngrade(sql: Sql, p: z.infer<typeof planChangePayload>): Promise<void> {
  // The plan the hub will put on the subscription: its rows' (the payload's `change` must say the same).
  const planRows = p.rows.filter((r) => r.change === 'plan_change');
  const after = planRows.at(-1)?.itemCode ?? null;
  if (after === null || after !== p.change.planId) throw notADowngrade('A downgrade needs a plan change to the plan the change names.');
  // The subscription's history as the desk reads it (store/billing-history.ts): the account's changes in the order recorded.
  const changes = await sql.query<BillingChangeFields>(
    `SELECT sc.effective_on AS "effectiveOn", sc.change, sc.item_code AS "itemCode", sc.command_id AS "commandId"
       FROM subscriptions s JOIN subscription_changes sc ON sc.subscription_id = s.id
      WHERE s.account_id = $1 ORDER BY sc.recorded_at, sc.id`,
    [p.accountId],
  );
  let catalog: Catalog;
  try {
    catalog = await hubCatalog(sql);
  } catch {
    throw notADowngrade('The hub has no catalog to price the plans with: it cannot confirm a downgrade.');
  }
  if (!isPlanDowngrade(catalog, subscriptionHistory(changes).subscription, { from: p.change.from, planId: after }))
    throw notADowngrade('The new plan’s monthly fee is not below the old one’s on the hub’s catalog: not a downgrade.');
}
