/**
 * Holdout experiments on the hub: an assignment or an exposure a desk made is checked against the
 * hub's policy — the experiment exists in the policy the hub holds, and the arm is the one core's
 * hash gives for this customer (a desk cannot choose who is held out) — on a verified call of the
 * actor. Accepted, it writes the same row the desk wrote (experiment_assignments,
 * experiment_exposures: synced, so every desk — and the hub's own figures — count every desk's
 * enrolments). A customer enrolled first on another desk keeps that first assignment (intention to
 * treat): the later one is accepted as already done and the hub's row replaces the desk's when it
 * syncs down. Whether the offer was then made is the hub's reading of the call's grants and
 * wrap-up (money.ts, facts.ts), as on the desk.
 */
import { z } from 'zod';
import { assignArm, assignmentBucket } from '../../core/experiments';
import { ownVerifiedCall } from './calls';
import { policyOn } from './decision-rows';
import type { CommandContext, Outcome } from './push';
import { payloadDay as day, payloadId as id, payloadOf, Rejection } from './push';

const arm = z.enum(['offer', 'holdout']);
const assignPayload = z.object({
  assignmentId: id,
  experimentId: id,
  customerId: id,
  arm,
  bucket: z.number().int().min(0).max(9_999),
  policyVersion: z.number().int().positive(),
  assignedOn: day.optional(),
  // As measured by the desk at the call, before any offer (the Cox covariates).
  covariates: z.object({
    churnRisk: z.enum(['low', 'medium', 'high']),
    standing: z.enum(['good', 'late', 'collections']),
    tenureMonths: z.number().int().min(0).max(1_200),
    billShock: z.boolean(),
  }),
});
const exposePayload = z.object({ exposureId: id, experimentId: id, customerId: id, arm });

async function checkedArm(ctx: CommandContext, experimentId: string, customerId: string, claimed: string): Promise<{ bucket: number }> {
  await ownVerifiedCall(ctx, customerId);
  const policy = await policyOn(ctx.sql, ctx.now.toISOString().slice(0, 10));
  const experiment = (policy.document.experiments ?? []).find((e) => e.id === experimentId);
  if (!experiment) throw new Rejection([{ code: 'unknown_experiment', message: 'The hub’s policy declares no such experiment.' }]);
  const expected = assignArm(experiment, customerId);
  if (expected !== claimed) throw new Rejection([{ code: 'arm_mismatch', message: `This customer’s arm is “${expected}”, not “${claimed}”.` }]);
  return { bucket: assignmentBucket(experiment.id, customerId) };
}

/** The desk's day of enrolment: its own calendar day, which is the command's UTC day or one either side. */
function assignedOn(ctx: CommandContext, claimed: string | undefined): string {
  const utc = ctx.command.createdAt.slice(0, 10);
  if (claimed === undefined) return utc;
  if (Math.abs(Date.parse(`${claimed}T00:00:00Z`) - Date.parse(`${utc}T00:00:00Z`)) > 86_400_000)
    throw new Rejection([{ code: 'bad_payload', message: 'The day of enrolment is not the day of the command.' }]);
  return claimed;
}

/** experiments.assign — a customer enrolled in an experiment, in the arm the hash gives. */
export async function experimentAssigned(ctx: CommandContext): Promise<Outcome> {
  const p = payloadOf(assignPayload, ctx);
  const { bucket } = await checkedArm(ctx, p.experimentId, p.customerId, p.arm);
  if (bucket !== p.bucket) throw new Rejection([{ code: 'bad_payload', message: `This customer’s bucket is ${bucket}, not ${p.bucket}.` }]);
  const on = assignedOn(ctx, p.assignedOn);
  const c = p.covariates;
  const [row] = await ctx.sql.query<{ id: string }>(
    `INSERT INTO experiment_assignments (id, experiment_id, customer_id, arm, bucket, assigned_on, assigned_at, policy_version, interaction_id, actor_id,
                                         churn_risk, standing, tenure_months, bill_shock, command_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
     ON CONFLICT DO NOTHING RETURNING id`,
    [
      p.assignmentId,
      p.experimentId,
      p.customerId,
      p.arm,
      bucket,
      on,
      ctx.command.createdAt,
      p.policyVersion,
      ctx.command.interactionId,
      ctx.actor.userId,
      c.churnRisk,
      c.standing,
      c.tenureMonths,
      c.billShock ? 1 : 0,
      ctx.command.commandId,
    ],
  );
  if (!row) {
    // Enrolled already (another desk first, or this id again): the first enrolment stands.
    const [first] = await ctx.sql.query<{ id: string }>(`SELECT id FROM experiment_assignments WHERE experiment_id = $1 AND customer_id = $2`, [
      p.experimentId,
      p.customerId,
    ]);
    return { status: 'accepted', result: { arm: p.arm, assignmentId: first?.id ?? p.assignmentId, alreadyEnrolled: true } };
  }
  return { status: 'accepted', result: { arm: p.arm, assignmentId: row.id }, notify: { tables: ['experiment_assignments'] } };
}

/** experiments.expose — the agent was shown the arm on this call. */
export async function experimentExposed(ctx: CommandContext): Promise<Outcome> {
  const p = payloadOf(exposePayload, ctx);
  await checkedArm(ctx, p.experimentId, p.customerId, p.arm);
  await ctx.sql.query(
    `INSERT INTO experiment_exposures (id, experiment_id, customer_id, arm, interaction_id, actor_id, exposed_at, offer_made, command_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, $8) ON CONFLICT (id) DO NOTHING`,
    [p.exposureId, p.experimentId, p.customerId, p.arm, ctx.command.interactionId, ctx.actor.userId, ctx.command.createdAt, ctx.command.commandId],
  );
  return { status: 'accepted', result: { arm: p.arm }, notify: { tables: ['experiment_exposures'] } };
}

/**
 * A grant of `reasons` was written on the call: the offer of every experiment of those reasons
 * shown on it was made (the desk's ExposureQueries.markOffered, in the grant's transaction).
 */
export async function markOffered(ctx: CommandContext, interactionId: string | null, reasons: readonly string[]): Promise<void> {
  if (interactionId === null || reasons.length === 0) return;
  const policy = await policyOn(ctx.sql, ctx.now.toISOString().slice(0, 10));
  const ids = (policy.document.experiments ?? []).filter((e) => reasons.includes(e.reason)).map((e) => e.id);
  if (ids.length === 0) return;
  await ctx.sql.query(
    `UPDATE experiment_exposures SET offer_made = 1 WHERE interaction_id = $1 AND experiment_id = ANY($2::text[]) AND coalesce(offer_made, 0) = 0`,
    [interactionId, ids],
  );
}

/** The call ended: its exposures with no offer recorded had none (ExposureQueries.closeCall). */
export async function closeCallExposures(ctx: CommandContext, interactionId: string): Promise<void> {
  await ctx.sql.query(`UPDATE experiment_exposures SET offer_made = 0 WHERE interaction_id = $1 AND offer_made IS NULL`, [interactionId]);
}
