/**
 * The hub decides money again: desks that each granted within their own view of the customer
 * (offline, together over the customer's cap) — the hub accepts the first and rejects the one
 * that goes over, with the rule that failed; an approval is applied once whoever decides it
 * first; a credit is reversed once; a plan change on a subscription another desk changed is
 * stale; roles come from the hub's users; a malformed payload is a rejected receipt, never an
 * error. The data is the demo set, loaded the way `npm run hub -- --demo` loads it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiscountRequestInput } from '../../../src/core/api';
import { customerFacts, decide, compilePolicy, SAMPLE_POLICY, coreRequest } from '../../../src/core/policy';
import type { CommandEnvelope } from '../../../src/core/sync/protocol';
import { decisionRows } from '../../../src/hub/commands/decision-rows';
import { loadDemoSet } from '../../../src/hub/demo-set';
import { generateDeskDemoStore } from '../../../src/main/hub-demo-store';
import { memoryKeyVault } from '../../../src/platform/keys';
import { uuidv7 } from '../../../src/platform/ids';
import { DEMO_TODAY, TEST_PASSWORD_COST } from '../../fixtures/app-host';
import { openTestHubDb, type TestHubDb } from '../../fixtures/hub-db';
import { enrolledDevice, TestDesk } from '../../fixtures/hub-desk';

let hub: TestHubDb;
const users: Record<string, string> = {};

/** Desks that verify their calls offline. */
class Desk extends TestDesk {
  grant(
    actor: string,
    interactionId: string,
    customerId: string,
    accountId: string,
    request: DiscountRequestInput & { kind: 'one_off_credit' },
    extra: Record<string, unknown> = {},
  ): CommandEnvelope {
    const entries = [
      { id: uuidv7(), accountId, kind: 'credit', amount: request.amount, currency: 'EUR', reasonCode: request.reason, invoiceId: null, terms: null },
    ];
    return this.envelope('credit.grant', actor, interactionId, { customerId, accountId, request, entries, note: null, ...extra });
  }
}

async function enrolled(name: string): Promise<Desk> {
  return new Desk(hub.db, await enrolledDevice(hub.db, name), users, 'offline');
}

/** Customers the policy lets an agent give goodwill to (good standing, tenure, no goodwill this year), with their main account. */
async function goodwillCustomers(n: number): Promise<{ customerId: string; accountId: string }[]> {
  const policy = compilePolicy(SAMPLE_POLICY);
  const ids = await hub.db.query<{ id: string }>(`SELECT id FROM customers ORDER BY id`);
  const out: { customerId: string; accountId: string }[] = [];
  const request: DiscountRequestInput = { kind: 'one_off_credit', reason: 'goodwill', target: 'account', amount: 500 };
  for (const { id } of ids) {
    const found = await hub.db.tx(async (sql) => {
      const target = await decisionRows(sql, id, request, users['agent']!, DEMO_TODAY);
      const facts = customerFacts(target.rows, request, DEMO_TODAY);
      const d = decide(policy, { userId: users['agent']!, role: 'agent' }, facts, coreRequest(request), DEMO_TODAY);
      const twice = decide(
        policy,
        { userId: users['agent']!, role: 'agent' },
        { ...facts, history: [...facts.history, { at: DEMO_TODAY, amount: 500, reason: 'goodwill', kind: 'one_off_credit' }] },
        coreRequest(request),
        DEMO_TODAY,
      );
      return d.outcome === 'allowed' && twice.outcome === 'allowed' ? target.rows.account.id : null;
    });
    if (found) out.push({ customerId: id, accountId: found });
    if (out.length === n) break;
  }
  expect(out).toHaveLength(n);
  return out;
}

beforeAll(async () => {
  hub = await openTestHubDb();
  await loadDemoSet(hub.db, memoryKeyVault(), {
    generate: generateDeskDemoStore,
    customers: 60,
    seed: 11,
    today: DEMO_TODAY,
    passwordCost: TEST_PASSWORD_COST,
  });
  // A second supervisor, so two people who may decide the same request can race.
  await hub.db.query(
    `INSERT INTO users (id, username, display_name, role, password_hash, locale, active, created_at) SELECT $1, 'supervisor2', 'Hugo Petit', 'supervisor', password_hash, 'fr', 1, created_at FROM users WHERE username = 'supervisor'`,
    [uuidv7()],
  );
  for (const u of await hub.db.query<{ id: string; username: string }>(`SELECT id, username FROM users`)) users[u.username] = u.id;
}, 180_000);
afterAll(async () => {
  await hub?.dispose();
});

describe('the demo set in the hub', () => {
  it('holds the desk generator’s customers, staff, policy and bills, and wrote nothing to the change log (the test’s own second supervisor aside)', async () => {
    const [counts] = await hub.db.query<Record<string, string>>(
      `SELECT (SELECT count(*) FROM customers) AS customers, (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM policies) AS policies,
              (SELECT count(*) FROM invoices) AS invoices, (SELECT count(*) FROM customer_secrets) AS secrets, (SELECT count(*) FROM change_log WHERE tbl <> 'users') AS logged`,
    );
    expect(Number(counts!['customers'])).toBe(60);
    expect(Number(counts!['users'])).toBeGreaterThanOrEqual(4);
    expect(Number(counts!['policies'])).toBe(1);
    expect(Number(counts!['invoices'])).toBeGreaterThan(60);
    expect(Number(counts!['secrets'])).toBeGreaterThan(0);
    expect(Number(counts!['logged'])).toBe(0);
    expect(Object.keys(users)).toEqual(expect.arrayContaining(['agent', 'agent2', 'senior', 'supervisor']));
  });
});

describe('credits decided again by the hub', () => {
  it('two desks offline each within limits, together over the customer cap: the one over is rejected with the rule', async () => {
    const [c] = await goodwillCustomers(1);
    const a = await enrolled('Desk A');
    const b = await enrolled('Desk B');
    const callA = await a.call('agent', c!.customerId);
    const callB = await b.call('agent2', c!.customerId);
    const gw = { kind: 'one_off_credit', reason: 'goodwill', target: 'account', amount: 500 } as const;
    // Each desk saw no goodwill this year: each grants twice (the cap is two a year).
    const [a1, a2] = await a.push(a.grant('agent', callA, c!.customerId, c!.accountId, gw), a.grant('agent', callA, c!.customerId, c!.accountId, gw));
    const [b1] = await b.push(b.grant('agent2', callB, c!.customerId, c!.accountId, gw));
    expect([a1!.status, a2!.status]).toEqual(['accepted', 'accepted']);
    expect(b1!.status).toBe('rejected');
    expect(b1!.reasons.map((r) => r.code)).toEqual(expect.arrayContaining([expect.stringMatching(/^(needs_approval|policy\.)/)]));
    expect(b1!.reasons.some((r) => r.text?.fr)).toBe(true);
    const [ledger] = await hub.db.query<{ n: string; total: string }>(
      `SELECT count(*) AS n, sum(amount) AS total FROM ledger_entries WHERE account_id = $1 AND reason_code = 'goodwill' AND created_at >= $2`,
      [c!.accountId, `${DEMO_TODAY}T00:00:00.000Z`],
    );
    expect({ n: Number(ledger!.n), total: Number(ledger!.total) }).toEqual({ n: 2, total: 1000 });
  });

  it('twenty desks granting to one customer at once: the cap holds, each command has one receipt', async () => {
    const [c] = await goodwillCustomers(2).then((l) => l.slice(1));
    const desks = await Promise.all(Array.from({ length: 20 }, (_, i) => enrolled(`Rush ${i}`)));
    const calls = await Promise.all(desks.map((d) => d.call('agent2', c!.customerId)));
    const gw = { kind: 'one_off_credit', reason: 'goodwill', target: 'account', amount: 300 } as const;
    const receipts = (await Promise.all(desks.map((d, i) => d.push(d.grant('agent2', calls[i]!, c!.customerId, c!.accountId, gw))))).flat();
    expect(receipts).toHaveLength(20);
    expect(receipts.filter((r) => r.status === 'accepted')).toHaveLength(2);
    const [n] = await hub.db.query<{ n: string }>(
      `SELECT count(*) AS n FROM ledger_entries WHERE account_id = $1 AND reason_code = 'goodwill' AND created_at >= $2`,
      [c!.accountId, `${DEMO_TODAY}T00:00:00.000Z`],
    );
    expect(Number(n!.n)).toBe(2);
  });

  it('the role is the hub’s: an agent’s grant over the agent limit is rejected whatever the desk believed', async () => {
    const [c] = await goodwillCustomers(3).then((l) => l.slice(2));
    const d = await enrolled('Desk R');
    const call = await d.call('agent', c!.customerId);
    const [r] = await d.push(
      d.grant('agent', call, c!.customerId, c!.accountId, { kind: 'one_off_credit', reason: 'goodwill', target: 'account', amount: 9000 }),
    );
    expect(r!.status).toBe('rejected');
  });

  it('a grant with figures other than the hub’s, without a verified call, or malformed is a rejected receipt, never an error', async () => {
    const [c] = await goodwillCustomers(4).then((l) => l.slice(3));
    const d = await enrolled('Desk F');
    const call = await d.call('agent', c!.customerId);
    const gw = { kind: 'one_off_credit', reason: 'goodwill', target: 'account', amount: 500 } as const;
    const unverified = uuidv7();
    const [started] = await d.push(
      d.envelope('interaction.start', 'agent', unverified, { interactionId: unverified, customerId: c!.customerId, callerNumber: null }),
    );
    expect(started!.status).toBe('accepted');
    const forged = d.grant('agent', call, c!.customerId, c!.accountId, gw);
    (forged.payload as { entries: { amount: number }[] }).entries[0]!.amount = 50_000;
    const receipts = await d.push(
      forged,
      d.grant('agent', unverified, c!.customerId, c!.accountId, gw),
      d.envelope('credit.grant', 'agent', call, { nonsense: true }),
      d.envelope('credit.grant', 'agent2', call, null),
    );
    expect(receipts.map((r) => [r.status, r.reasons[0]?.code])).toEqual([
      ['rejected', 'figures_differ'],
      ['rejected', 'not_verified'],
      ['rejected', 'bad_payload'],
      ['rejected', 'bad_payload'],
    ]);
  });
});

describe('approvals and reversals, once', () => {
  it('an approval is applied by whoever decides first; the other decider’s grant is rejected; a refusal after is rejected too', async () => {
    const [c] = await goodwillCustomers(5).then((l) => l.slice(4));
    const agentDesk = await enrolled('Desk Q');
    const seniorDesk = await enrolled('Desk S');
    const supervisorDesk = await enrolled('Desk V');
    const call = await agentDesk.call('agent', c!.customerId);
    const approvalId = uuidv7();
    const asked = { kind: 'one_off_credit', reason: 'goodwill', target: 'account', amount: 1500 } as const;
    const [requested] = await agentDesk.push(
      agentDesk.envelope('approval.request', 'agent', call, {
        customerId: c!.customerId,
        accountId: c!.accountId,
        request: asked,
        approvalId,
        approverRole: 'senior_agent',
        note: null,
      }),
    );
    expect(requested!.status).toBe('pending_approval');
    expect(requested!.result).toMatchObject({ approvalId });
    // The same request id under another command (a replay, or a desk reusing it) is refused and changes nothing.
    const [again] = await agentDesk.push(
      agentDesk.envelope('approval.request', 'agent', call, {
        customerId: c!.customerId,
        accountId: c!.accountId,
        request: { ...asked, amount: 1400 },
        approvalId,
        approverRole: 'supervisor',
        note: null,
      }),
    );
    expect([again!.status, again!.reasons[0]?.code]).toEqual(['rejected', 'duplicate_approval']);
    const [filed] = await hub.db.query<{ approver_role: string; status: string; comment: string | null; request: string }>(
      `SELECT approver_role, status, comment, request FROM approval_requests WHERE id = $1`,
      [approvalId],
    );
    // The role is the hub's decision's (1500 is over a senior agent's limit), not the one the desk asked.
    expect(filed).toMatchObject({ approver_role: 'supervisor', status: 'pending', comment: null });
    expect(JSON.parse(filed!.request)).toEqual(asked);

    const lowered = { ...asked, amount: 1200 };
    const bySenior = seniorDesk.grant('supervisor2', call, c!.customerId, c!.accountId, lowered, { approvalId });
    const bySupervisor = supervisorDesk.grant('supervisor', call, c!.customerId, c!.accountId, asked, { approvalId });
    const [s, v] = await Promise.all([seniorDesk.push(bySenior), supervisorDesk.push(bySupervisor)]);
    const statuses = [s![0]!.status, v![0]!.status].sort();
    expect(statuses).toEqual(['accepted', 'rejected']);
    const loser = s![0]!.status === 'rejected' ? s![0]! : v![0]!;
    expect(loser.reasons[0]!.code).toBe('already_decided');
    const [row] = await hub.db.query<{ status: string; approved_amount: number; applied_command_id: string }>(
      `SELECT status, approved_amount, applied_command_id FROM approval_requests WHERE id = $1`,
      [approvalId],
    );
    expect(row!.status).toBe('applied');
    const [entries] = await hub.db.query<{ n: string }>(`SELECT count(*) AS n FROM ledger_entries WHERE command_id IN ($1, $2)`, [
      bySenior.commandId,
      bySupervisor.commandId,
    ]);
    expect(Number(entries!.n)).toBe(1);
    // A raised amount is never approved, and an agent cannot decide.
    const [refused] = await supervisorDesk.push(
      supervisorDesk.envelope('approval.decide', 'supervisor', call, { approvalId, decision: 'refuse', comment: 'too late' }),
    );
    expect(refused!.status).toBe('rejected');
  });

  it('a raised amount is not an approval; an agent cannot approve; the requester cannot approve their own request', async () => {
    const [c] = await goodwillCustomers(6).then((l) => l.slice(5));
    const agentDesk = await enrolled('Desk Q2');
    const other = await enrolled('Desk O');
    const call = await agentDesk.call('agent', c!.customerId);
    const approvalId = uuidv7();
    const asked = { kind: 'one_off_credit', reason: 'goodwill', target: 'account', amount: 1500 } as const;
    await agentDesk.push(
      agentDesk.envelope('approval.request', 'agent', call, {
        customerId: c!.customerId,
        accountId: c!.accountId,
        request: asked,
        approvalId,
        approverRole: 'senior_agent',
        note: null,
      }),
    );
    const receipts = await other.push(
      other.grant('supervisor2', call, c!.customerId, c!.accountId, { ...asked, amount: 1600 }, { approvalId }),
      other.grant('agent2', call, c!.customerId, c!.accountId, asked, { approvalId }),
      other.grant('agent', call, c!.customerId, c!.accountId, asked, { approvalId }),
    );
    expect(receipts.map((r) => r.reasons[0]?.code)).toEqual(['raised', 'forbidden', 'own_request']);
    const [row] = await hub.db.query<{ status: string }>(`SELECT status FROM approval_requests WHERE id = $1`, [approvalId]);
    expect(row!.status).toBe('pending');
  });

  it('a credit reversed at two desks is reversed once', async () => {
    const [c] = await goodwillCustomers(7).then((l) => l.slice(6));
    const d = await enrolled('Desk G');
    const call = await d.call('agent', c!.customerId);
    const grant = d.grant('agent', call, c!.customerId, c!.accountId, { kind: 'one_off_credit', reason: 'goodwill', target: 'account', amount: 400 });
    await d.push(grant);
    const entryId = (grant.payload as { entries: { id: string }[] }).entries[0]!.id;
    const s1 = await enrolled('Desk S1');
    const s2 = await enrolled('Desk S2');
    const reverse = (desk: Desk, actor: string) =>
      desk.envelope('credit.reverse', actor, call, {
        reversalId: uuidv7(),
        ledgerEntryId: entryId,
        customerId: c!.customerId,
        accountId: c!.accountId,
        reason: 'granted by mistake',
      });
    const [r1, r2] = await Promise.all([s1.push(reverse(s1, 'senior')), s2.push(reverse(s2, 'supervisor'))]);
    expect([r1![0]!.status, r2![0]!.status].sort()).toEqual(['accepted', 'rejected']);
    const [n] = await hub.db.query<{ n: string }>(`SELECT count(*) AS n FROM ledger_entries WHERE reverses_id = $1`, [entryId]);
    expect(Number(n!.n)).toBe(1);
    // An agent on another call may not reverse it.
    const [r3] = await s1.push(
      s1.envelope('credit.reverse', 'agent2', call, { reversalId: uuidv7(), ledgerEntryId: entryId, customerId: c!.customerId, reason: 'x' }),
    );
    expect(r3!.status).toBe('rejected');
  });
});
