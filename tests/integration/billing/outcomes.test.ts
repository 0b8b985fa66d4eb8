/**
 * Customer outcomes recorded on a call, through the dispatcher on a real host with the demo data:
 * "the caller cancels" is one idempotent, audited command (outbox 'outcome.cancel', audit
 * 'customer_cancelled') writing one customer_outcomes row, once per customer, from today up to 90
 * days ahead, for a reason of the fixed list, on a verified call only; a plan change to a plan
 * with a lower monthly fee writes a downgrade outcome with the change (same command), and one to
 * a dearer plan writes none. The practices' reader counts a recorded cancellation.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BestPlans, CancellationRecorded, PlanChangeApplied, PlanChangeQuoteView } from '../../../src/core/api';
import { priceOn, type Catalog } from '../../../src/core/billing';
import { catalogFromStore, loadAccount } from '../../../src/main/services/billing/engine-input';
import { BillingHistoryQueries } from '../../../src/main/store/billing-history';
import { ProvisionalRows } from '../../../src/main/sync/provisional';
import { CommandLog } from '../../../src/main/services/command-log';
import { newClient, signIn, startTestHost, type TestHost } from '../../fixtures/app-host';
import { call, customersWithTwoBills, ok, openCall, verifiedCall } from './helpers';

let t: TestHost;
let catalog: Catalog;
let store: BillingHistoryQueries;
beforeAll(() => {
  t = startTestHost(150);
  catalog = catalogFromStore(t.host.db.$client);
  store = new BillingHistoryQueries(t.host.db.$client);
});
afterAll(() => t.dispose());
const db = () => t.host.db.$client;

async function agent() {
  const client = newClient();
  await signIn(t.host, client, 'agent', 'ardoise-agent');
  return client;
}

const used = new Set<string>();
function freshCustomer(): { customerId: string; accountId: string } {
  const found = customersWithTwoBills(db(), 400).find(
    (c) =>
      !used.has(c.customerId) &&
      loadAccount(store, c.accountId, catalog)!.context.subscription.at(-1)?.planId &&
      (db().prepare(`SELECT count(*) FROM customer_outcomes WHERE customer_id = ?`).pluck().get(c.customerId) as number) === 0,
  );
  used.add(found!.customerId);
  return found!;
}

const counts = (customerId: string) => ({
  outcomes: db().prepare(`SELECT count(*) FROM customer_outcomes WHERE customer_id = ?`).pluck().get(customerId) as number,
  outbox: db().prepare(`SELECT count(*) FROM command_outbox WHERE type = 'outcome.cancel'`).pluck().get() as number,
  audit: db().prepare(`SELECT count(*) FROM audit_log WHERE action = 'customer_cancelled'`).pluck().get() as number,
});

const today = () => t.host.now().toISOString().slice(0, 10);

describe('billing.recordCancellation', () => {
  it('records the cancellation once — one row, one command, one audit entry — and a retry or a second call answers the one on file', async () => {
    const client = await agent();
    const { customerId } = freshCustomer();
    const interactionId = await verifiedCall(t.host, client, customerId);
    const before = counts(customerId);
    const idempotencyKey = randomUUID();
    const input = { interactionId, reason: 'competitor', idempotencyKey };
    const first = await ok<CancellationRecorded>(t.host, client, 'billing.recordCancellation', input);
    expect(first).toMatchObject({ reason: 'competitor', occurredOn: today(), alreadyRecorded: false });
    expect(first.commandId).not.toBeNull();
    expect(counts(customerId)).toEqual({ outcomes: before.outcomes + 1, outbox: before.outbox + 1, audit: before.audit + 1 });
    const row = db().prepare(`SELECT kind, occurred_on AS occurredOn, reason FROM customer_outcomes WHERE id = ?`).get(first.outcomeId);
    expect(row).toEqual({ kind: 'cancellation', occurredOn: today(), reason: 'competitor' });
    const command = db().prepare(`SELECT payload, interaction_id AS interactionId FROM command_outbox WHERE id = ?`).get(first.commandId) as {
      payload: string;
      interactionId: string;
    };
    expect(command.interactionId).toBe(interactionId);
    expect(JSON.parse(command.payload)).toEqual({ outcomeId: first.outcomeId, customerId, occurredOn: today(), reason: 'competitor' });

    // The same intent again (a lost reply, a double click): the same answer, nothing written.
    expect(await ok(t.host, client, 'billing.recordCancellation', input)).toEqual(first);
    // The same key for another request: CONFLICT.
    expect(await call(t.host, client, 'billing.recordCancellation', { ...input, reason: 'price' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // Another intent, on another call: the cancellation on file stands.
    const again = await verifiedCall(t.host, client, customerId);
    const second = await ok<CancellationRecorded>(t.host, client, 'billing.recordCancellation', {
      interactionId: again,
      reason: 'price',
      idempotencyKey: randomUUID(),
    });
    expect(second).toEqual({ commandId: null, outcomeId: first.outcomeId, occurredOn: today(), reason: 'competitor', alreadyRecorded: true });
    expect(counts(customerId)).toEqual({ outcomes: before.outcomes + 1, outbox: before.outbox + 1, audit: before.audit + 1 });
  });

  it('takes a later day within 90 days, and refuses a past day, a day too far, an unknown reason and an unverified call, writing nothing', async () => {
    const client = await agent();
    const { customerId } = freshCustomer();
    const interactionId = await verifiedCall(t.host, client, customerId);
    const before = counts(customerId);
    const plus = (days: number) => new Date(Date.parse(`${today()}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    for (const occurredOn of [plus(-1), plus(91), '2026-02-30']) {
      expect(
        await call(t.host, client, 'billing.recordCancellation', { interactionId, reason: 'moving', occurredOn, idempotencyKey: randomUUID() }),
      ).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      });
    }
    expect(await call(t.host, client, 'billing.recordCancellation', { interactionId, reason: 'bored', idempotencyKey: randomUUID() })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    const unverified = await openCall(t.host, client, freshCustomer().customerId);
    const refused = await call(t.host, client, 'billing.recordCancellation', { interactionId: unverified, reason: 'price', idempotencyKey: randomUUID() });
    expect(refused.ok).toBe(false);
    expect(counts(customerId)).toEqual(before);

    const later = await ok<CancellationRecorded>(t.host, client, 'billing.recordCancellation', {
      interactionId,
      reason: 'moving',
      occurredOn: plus(30),
      idempotencyKey: randomUUID(),
    });
    expect(later).toMatchObject({ occurredOn: plus(30), reason: 'moving', alreadyRecorded: false });
  });

  it('is taken back when the hub rejects the command (the desk’s provisional row goes)', async () => {
    const client = await agent();
    const { customerId } = freshCustomer();
    const interactionId = await verifiedCall(t.host, client, customerId);
    const recorded = await ok<CancellationRecorded>(t.host, client, 'billing.recordCancellation', {
      interactionId,
      reason: 'service',
      idempotencyKey: randomUUID(),
    });
    const command = db()
      .prepare(`SELECT id, type, actor_id AS actorId, interaction_id AS interactionId, payload FROM command_outbox WHERE id = ?`)
      .get(recorded.commandId) as {
      id: string;
      type: string;
      actorId: string;
      interactionId: string;
      payload: string;
    };
    const withdrawn = new ProvisionalRows(db(), new CommandLog(db(), t.host.audit, t.host.now)).withdraw({ ...command, payload: JSON.parse(command.payload) }, [
      'not_verified',
    ]);
    expect(withdrawn.outcomeIds).toEqual([recorded.outcomeId]);
    expect(counts(customerId).outcomes).toBe(0);
  });
});

describe('billing.applyPlanChange and downgrades', () => {
  const fee = (planId: string, on: string) => priceOn(catalog, { kind: 'plan', id: planId }, on).monthlyFee;

  async function change(cheaper: boolean) {
    const client = await agent();
    for (;;) {
      const { customerId, accountId } = freshCustomer();
      const interactionId = await verifiedCall(t.host, client, customerId);
      const ranking = await ok<BestPlans>(t.host, client, 'billing.bestPlans', { interactionId });
      const current = ranking.currentPlanId;
      if (current === null) continue;
      const target = ranking.plans.find(
        (p) => !p.isCurrent && catalog.plans.find((c) => c.id === p.planId)?.sellable !== false && fee(p.planId, today()) < fee(current, today()) === cheaper,
      );
      if (!target) continue;
      const q = await ok<PlanChangeQuoteView>(t.host, client, 'billing.quote', { interactionId, planId: target.planId, timing: 'now' });
      const applied = await ok<PlanChangeApplied>(t.host, client, 'billing.applyPlanChange', { interactionId, planId: target.planId, timing: 'now' });
      return { customerId, accountId, q, applied };
    }
  }

  it('writes a downgrade outcome with a change to a plan with a lower monthly fee, in the same command', async () => {
    const { customerId, q, applied } = await change(true);
    const rows = db().prepare(`SELECT id, kind, occurred_on AS occurredOn, reason FROM customer_outcomes WHERE customer_id = ?`).all(customerId) as Array<{
      id: string;
      kind: string;
      occurredOn: string;
      reason: string | null;
    }>;
    expect(rows.map(({ kind, occurredOn, reason }) => ({ kind, occurredOn, reason }))).toEqual([
      { kind: 'downgrade', occurredOn: q.effectiveOn, reason: null },
    ]);
    const payload = JSON.parse(db().prepare(`SELECT payload FROM command_outbox WHERE id = ?`).pluck().get(applied.commandId) as string) as Record<
      string,
      unknown
    >;
    expect(payload['downgrade']).toEqual({ outcomeId: rows[0]!.id, occurredOn: q.effectiveOn });
  });

  it('writes none with a change to a dearer plan', async () => {
    const { customerId, applied } = await change(false);
    expect(db().prepare(`SELECT count(*) FROM customer_outcomes WHERE customer_id = ?`).pluck().get(customerId)).toBe(0);
    const payload = JSON.parse(db().prepare(`SELECT payload FROM command_outbox WHERE id = ?`).pluck().get(applied.commandId) as string) as Record<
      string,
      unknown
    >;
    expect(payload['downgrade']).toBeUndefined();
  });
});
