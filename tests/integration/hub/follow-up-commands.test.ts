/**
 * Follow-ups on the hub: a wrap-up that schedules one is re-decided (a caller the hub saw
 * verified, a time after the call) and writes the same row, in the change log for every desk;
 * marking one done is accepted from its author or from an agent's own verified call with its
 * customer, once (a second desk's "done" answers that it was done already), and refused to
 * anyone else. A command pushed again answers its first receipt.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandEnvelope } from '../../../src/core/sync/protocol';
import { loadDemoSet } from '../../../src/hub/demo-set';
import { generateDeskDemoStore } from '../../../src/main/hub-demo-store';
import { memoryKeyVault } from '../../../src/platform/keys';
import { uuidv7 } from '../../../src/platform/ids';
import { DEMO_TODAY, TEST_PASSWORD_COST, testNow } from '../../fixtures/app-host';
import { openTestHubDb, type TestHubDb } from '../../fixtures/hub-db';
import { enrolledDevice, TestDesk } from '../../fixtures/hub-desk';

let hub: TestHubDb;
const users: Record<string, string> = {};
let customers: string[] = [];
const inDays = (n: number) => new Date(testNow().getTime() + n * 86_400_000).toISOString();

class Desk extends TestDesk {
  wrapUp(actor: string, interactionId: string, followUp?: Record<string, unknown>): CommandEnvelope {
    return this.envelope('interaction.wrapUp', actor, interactionId, {
      interactionId,
      disposition: 'callback_promised',
      note: null,
      ...(followUp ? { followUp } : {}),
    });
  }
}

async function enrolled(name: string): Promise<Desk> {
  return new Desk(hub.db, await enrolledDevice(hub.db, name), users);
}

beforeAll(async () => {
  hub = await openTestHubDb();
  await loadDemoSet(hub.db, memoryKeyVault(), { generate: generateDeskDemoStore, customers: 20, seed: 5, today: DEMO_TODAY, passwordCost: TEST_PASSWORD_COST });
  for (const u of await hub.db.query<{ id: string; username: string }>(`SELECT id, username FROM users`)) users[u.username] = u.id;
  customers = (await hub.db.query<{ id: string }>(`SELECT id FROM customers ORDER BY id LIMIT 2`)).map((r) => r.id);
}, 180_000);
afterAll(async () => {
  await hub?.dispose();
});

describe('follow-ups on the hub', () => {
  it('a wrap-up writes its follow-up (same id, the call’s customer) into the change log; refused unverified or in the past', async () => {
    const A = await enrolled('Desk FU-A');
    const [customer] = customers;
    const verified = await A.call('agent', customer!);
    const followUpId = uuidv7();
    const wrap = A.wrapUp('agent', verified, { id: followUpId, kind: 'promise', dueAt: inDays(10), text: 'Le geste apparaîtra sur la prochaine facture.' });
    const [receipt] = await A.push(wrap);
    expect(receipt!.status).toBe('accepted');
    const [row] = await hub.db.query<Record<string, unknown>>(`SELECT * FROM follow_ups WHERE id = $1`, [followUpId]);
    expect(row).toMatchObject({
      interaction_id: verified,
      customer_id: customer,
      kind: 'promise',
      created_by: users['agent'],
      done_at: null,
      text: 'Le geste apparaîtra sur la prochaine facture.',
    });
    const logged = await hub.db.query(`SELECT 1 FROM change_log WHERE tbl = 'follow_ups' AND pk = $1`, [followUpId]);
    expect(logged).toHaveLength(1);
    // Pushed again (a lost answer): the first receipt, nothing written twice.
    const receipts = await A.resend(wrap);
    expect(receipts[0]).toEqual(receipt);

    const unverified = await A.call('agent', customer!, false);
    const [refused] = await A.push(A.wrapUp('agent', unverified, { id: uuidv7(), kind: 'callback', dueAt: inDays(1), text: 'Call back.' }));
    expect(refused).toMatchObject({ status: 'rejected', reasons: [{ code: 'not_verified' }] });
    const past = await A.call('agent', customer!);
    const [late] = await A.push(A.wrapUp('agent', past, { id: uuidv7(), kind: 'callback', dueAt: inDays(-1), text: 'Call back.' }));
    expect(late).toMatchObject({ status: 'rejected', reasons: [{ code: 'bad_payload' }] });
    // Rejected: the call is not ended on the hub either.
    const [call] = await hub.db.query<{ ended_at: string | null }>(`SELECT ended_at FROM interactions WHERE id = $1`, [past]);
    expect(call!.ended_at).toBeNull();
  });

  it('done: by its author, or on one’s own verified call with its customer; once; refused to anyone else', async () => {
    const A = await enrolled('Desk FU-B');
    const B = await enrolled('Desk FU-C');
    const [customer, otherCustomer] = customers;
    const call = await A.call('agent', customer!);
    const followUpId = uuidv7();
    expect((await A.push(A.wrapUp('agent', call, { id: followUpId, kind: 'callback', dueAt: inDays(2), text: 'Rappeler.' })))[0]!.status).toBe('accepted');
    const done = (desk: Desk, actor: string, interactionId: string | null, payload: Record<string, unknown> = { followUpId, customerId: customer }) =>
      desk.envelope('followUps.done', actor, interactionId, payload);

    // agent2 with no call, with a call of another customer, with an unverified call: refused.
    const elsewhere = await B.call('agent2', otherCustomer!);
    const unverified = await B.call('agent2', customer!, false);
    const refusals = await B.push(
      done(B, 'agent2', null),
      done(B, 'agent2', elsewhere),
      done(B, 'agent2', unverified),
      done(B, 'agent2', null, { followUpId, customerId: otherCustomer }),
    );
    expect(refusals.map((r) => r.reasons[0]?.code)).toEqual(['not_your_follow_up', 'not_your_follow_up', 'not_your_follow_up', 'unknown_follow_up']);
    expect((await hub.db.query<{ done_at: string | null }>(`SELECT done_at FROM follow_ups WHERE id = $1`, [followUpId]))[0]!.done_at).toBeNull();

    // agent2 on their own verified call with the customer: accepted; the author's "done" from the other desk comes second.
    const withCustomer = await B.call('agent2', customer!);
    const [first] = await B.push(done(B, 'agent2', withCustomer));
    expect(first!.status).toBe('accepted');
    const [second] = await A.push(done(A, 'agent', null));
    expect(second).toMatchObject({ status: 'accepted', result: { alreadyDone: true } });
    const [row] = await hub.db.query<{ done_by: string; done_at: string }>(`SELECT done_by, done_at FROM follow_ups WHERE id = $1`, [followUpId]);
    expect(row!.done_by).toBe(users['agent2']);
  });
});
