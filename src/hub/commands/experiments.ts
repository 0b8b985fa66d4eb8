/**
 * Holdout experiments on the hub: an assignment or an exposure a desk made is checked against the
 * hub's policy — the experiment exists in the policy the hub holds, and the arm is the one core's
 * hash gives for this customer (a desk cannot choose who is held out) — on a verified call of the
 * actor. Accepted, its receipt is the hub's record of it; the hub keeps no experiment tables of
 * its own yet, so the insights screen still computes from each desk's store.
 */
import { z } from 'zod';
import { assignArm } from '../../core/experiments';
import { ownVerifiedCall } from './calls';
import { policyOn } from './decision-rows';
import type { CommandContext, Outcome } from './push';
import { payloadOf, Rejection } from './push';

const id = z.string().min(1).max(64);
const arm = z.enum(['offer', 'holdout']);
const assignPayload = z.object({ assignmentId: id, experimentId: id, customerId: id, arm });
const exposePayload = z.object({ exposureId: id, experimentId: id, customerId: id, arm });

async function checkedArm(ctx: CommandContext, experimentId: string, customerId: string, claimed: string): Promise<void> {
  await ownVerifiedCall(ctx, customerId);
  const policy = await policyOn(ctx.sql, ctx.now.toISOString().slice(0, 10));
  const experiment = (policy.document.experiments ?? []).find((e) => e.id === experimentId);
  if (!experiment) throw new Rejection([{ code: 'unknown_experiment', message: 'The hub’s policy declares no such experiment.' }]);
  const expected = assignArm(experiment, customerId);
  if (expected !== claimed) throw new Rejection([{ code: 'arm_mismatch', message: `This customer’s arm is “${expected}”, not “${claimed}”.` }]);
}

/** experiments.assign — a customer enrolled in an experiment, in the arm the hash gives. */
export async function experimentAssigned(ctx: CommandContext): Promise<Outcome> {
  const p = payloadOf(assignPayload, ctx);
  await checkedArm(ctx, p.experimentId, p.customerId, p.arm);
  return { status: 'accepted', result: { arm: p.arm } };
}

/** experiments.expose — the agent was shown the arm on this call. */
export async function experimentExposed(ctx: CommandContext): Promise<Outcome> {
  const p = payloadOf(exposePayload, ctx);
  await checkedArm(ctx, p.experimentId, p.customerId, p.arm);
  return { status: 'accepted', result: { arm: p.arm } };
}
