/**
 * The demo's past calls: the call outcomes.ts simulates (a customer calling, perhaps wanting to
 * leave) written as the store keeps a real one, so the insights' practices and waits have data:
 * the `interactions` row (agent, verified, wrapped up with a disposition and handle time), its
 * verification attempts, an approval request when the agent escalated (a supervisor's decision,
 * sometimes after the call had ended), and — when the loader is given the desk's audit trail —
 * the call's audit entries (started, what the agent did, wrapped up) appended through it, so the
 * chain and its seals stay whole.
 *
 * What the agent did is drawn with PRACTICE_CHANCE, more often for callers whose bill jumped;
 * practices have NO planted effect on cancelling (outcomes.ts decides that before this runs), so
 * whatever the insights show by practice is selection, which is why the screen calls it descriptive.
 * Not written: a ledger entry for the offer, a subscription change for a plan change (and so no
 * 'credit_granted' / 'plan_changed' audit entries, which ledger reconciliation and billing read):
 * the offer made is on the experiment exposure, as before.
 */
import type { AuditAction } from '../../core/audit';
import { seededUuidv7 } from '../store/ids';
import { instant, isoDate } from './calendar';
import type { OutcomeCustomer, SimulatedOutcome } from './outcomes';
import { OUTCOME_STREAM } from './outcomes';
import { Rng } from './random';

export const CALL_STREAM = OUTCOME_STREAM + 2;

/** How often an agent does each thing on a demo call (bill shock raises explaining and comparing). */
export const PRACTICE_CHANCE = {
  explained: 0.65,
  explainedBillShock: 0.9,
  compared: 0.3,
  comparedBillShock: 0.6,
  quoted: 0.3,
  planChangedIfQuoted: 0.35,
  escalated: 0.06,
  escalatedIfOffer: 0.2,
  failedFirstVerification: 0.15,
} as const;

/** Seconds a supervisor takes to decide: median by hour band (busier at midday), log-normal spread. */
const WAIT_MEDIAN_SECONDS = { quiet: 60, busy: 180 } as const;
const BUSY_HOURS = new Set([11, 12, 13, 14]);

export interface DemoStaff {
  readonly agents: readonly string[];
  readonly supervisors: readonly string[];
}

export interface AuditAppend {
  (fields: { id: string; at: string; actorId: string; interactionId: string; action: AuditAction; subject: string | null; after?: unknown }): void;
}

export interface CallRows {
  readonly interactionId: string;
  readonly agentId: string;
  readonly interaction: unknown[];
  readonly attempts: unknown[][];
  readonly approval: unknown[] | null;
  /** Audit entries in the order they happened. */
  readonly audit: Array<Parameters<AuditAppend>[0]>;
}

export const CALL_SQL = {
  interaction:
    "INSERT INTO interactions (id, customer_id, agent_id, channel, caller_number, started_at, verified_at, ended_at, disposition, note, handle_seconds) VALUES (?, ?, ?, 'phone', ?, ?, ?, ?, ?, NULL, ?)",
  attempt: 'INSERT INTO verification_attempts (id, interaction_id, customer_id, agent_id, at, passed, questions) VALUES (?, ?, ?, ?, ?, ?, ?)',
  approval:
    'INSERT INTO approval_requests (id, interaction_id, customer_id, account_id, requested_by, requested_at, request, decision, approver_role, status, decided_by, decided_at, approved_amount, comment) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)',
} as const;

const addSeconds = (iso: string, s: number) => new Date(Date.parse(iso) + s * 1000).toISOString();

/** The rows of one customer's simulated call; null when they did not call. Deterministic per (seed, customer). */
export function callRows(
  seed: number,
  c: OutcomeCustomer & { readonly accountId: string; readonly phone: string | null },
  o: SimulatedOutcome,
  staff: DemoStaff,
  idEpochMs: number,
): CallRows | null {
  if (!o.call || staff.agents.length === 0) return null;
  const rng = Rng.stream(seed, c.index, CALL_STREAM);
  const id = () => seededUuidv7(idEpochMs + c.index, rng.next32);
  const p = PRACTICE_CHANCE;
  const interactionId = id();
  const agentId = rng.pick(staff.agents);
  const hour = rng.int(8, 19);
  const startedAt = instant(isoDate(o.call.day), hour, rng.int(0, 59), rng.int(0, 59));
  const failedFirst = rng.chance(p.failedFirstVerification);
  const explained = rng.chance(o.call.billShock ? p.explainedBillShock : p.explained);
  const compared = rng.chance(o.call.billShock ? p.comparedBillShock : p.compared);
  const quoted = rng.chance(p.quoted);
  const planChanged = quoted && rng.chance(p.planChangedIfQuoted);
  const escalated = staff.supervisors.length > 0 && rng.chance(o.offerMade ? p.escalatedIfOffer : p.escalated);

  let clock = 20 + rng.int(0, 40);
  const audit: CallRows['audit'] = [];
  const entry = (action: AuditAction, subject: string | null, after?: unknown) =>
    audit.push({ id: id(), at: addSeconds(startedAt, clock), actorId: agentId, interactionId, action, subject, ...(after === undefined ? {} : { after }) });
  entry('interaction_started', `customer:${c.customerId}`, { source: 'screen_pop' });
  const attempts: unknown[][] = [];
  const questions = JSON.stringify(['date_of_birth', 'account_pin']);
  if (failedFirst) {
    attempts.push([id(), interactionId, c.customerId, agentId, addSeconds(startedAt, clock), 0, questions]);
    clock += 30 + rng.int(0, 60);
  }
  attempts.push([id(), interactionId, c.customerId, agentId, addSeconds(startedAt, clock), 1, questions]);
  const verifiedAt = addSeconds(startedAt, clock);
  clock += 15;
  if (explained) {
    entry('bill_viewed', `customer:${c.customerId}`);
    clock += 90 + rng.int(0, 180);
  }
  if (compared) {
    entry('bills_compared', `customer:${c.customerId}`);
    clock += 60 + rng.int(0, 120);
  }
  if (quoted) {
    entry('plan_quoted', `customer:${c.customerId}`);
    clock += 60 + rng.int(0, 150);
  }
  if (planChanged) clock += 60 + rng.int(0, 60);
  if (o.offerMade) clock += 45 + rng.int(0, 60);

  let approval: unknown[] | null = null;
  if (escalated) {
    const approvalId = id();
    const requestedAt = addSeconds(startedAt, clock);
    const median = BUSY_HOURS.has(hour) ? WAIT_MEDIAN_SECONDS.busy : WAIT_MEDIAN_SECONDS.quiet;
    const wait = Math.max(5, Math.round(median * Math.exp(0.8 * normal(rng))));
    // Callers hold up to about four minutes; past that some hang up before the answer.
    const patience = 120 + rng.int(0, 240);
    const decidedAt = addSeconds(requestedAt, wait);
    const supervisor = rng.pick(staff.supervisors);
    const amount = rng.pick([1000, 1500, 2000, 3000, 5000]);
    const approved = rng.chance(0.7);
    const request = { kind: 'one_off_credit', reason: o.offerMade ? 'retention_offer' : 'goodwill', target: 'account', amount };
    const decision = { outcome: 'needs_approval', approverRole: 'supervisor', effectiveAmount: amount, currency: 'EUR', reasons: [] };
    approval = [
      approvalId,
      interactionId,
      c.customerId,
      c.accountId,
      agentId,
      requestedAt,
      JSON.stringify(request),
      JSON.stringify(decision),
      'supervisor',
      approved ? 'approved' : 'refused',
      supervisor,
      decidedAt,
      approved ? amount : null,
    ];
    entry('approval_requested', `approval:${approvalId}`, { request, amount, currency: 'EUR', approverRole: 'supervisor' });
    clock += Math.min(wait, patience) + 20;
  }
  clock += 30 + rng.int(0, 60);
  const disposition = planChanged
    ? 'plan_changed'
    : escalated
      ? 'escalated'
      : o.offerMade
        ? 'credit_granted'
        : rng.chance(0.1)
          ? 'callback_promised'
          : rng.chance(0.05)
            ? 'other'
            : 'billing_question_answered';
  const endedAt = addSeconds(startedAt, clock);
  entry('interaction_wrapped_up', `interaction:${interactionId}`, { disposition });
  return {
    interactionId,
    agentId,
    interaction: [interactionId, c.customerId, agentId, c.phone, startedAt, verifiedAt, endedAt, disposition, clock],
    attempts,
    approval,
    audit,
  };
}

/** A standard normal draw (Box–Muller). */
function normal(rng: Rng): number {
  const u = Math.max(1e-12, rng.float());
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.float());
}
