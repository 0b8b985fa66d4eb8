/**
 * Credits and discounts through the API, against a real host and store: the policy in force, the
 * live decision, grants (ledger entry + command + audit in one transaction), approval requests,
 * reversals and the customer's ledger. Figures are those of core/policy/sample-policy.ts on a
 * customer whose last three bills are €100.00 each:
 *   goodwill, agent: €10.00 per credit (15 % of €100 = €15 is looser) — senior €25.00 (25 %) —
 *   supervisor €50.00 (50 %); goodwill cap €60.00 / 2 a year.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomerLedger, DecisionView, GrantResult, PolicyCurrent, ReverseResult } from '../../../src/core/api';
import { generateInvoice, SAMPLE_CATALOG, type AccountBillingContext } from '../../../src/core/billing';
import { billedCycles, creditLines, explainCreditLine, ledgerFromStore, type StoredLedgerRow } from '../../../src/core/billing/credits';
import { SAMPLE_POLICY } from '../../../src/core/policy';
import { ensureDiscountSetup } from '../../../src/main/handlers/discounts';
import type { AppDeps } from '../../../src/main/handlers/types';
import { startTestHost, storeFingerprint, type TestHost, testNow } from '../../fixtures/app-host';
import { auditOf, clientFor, fails, freshStaff, ledgerRows, makeCustomer, ok, outboxOf, verifiedCall } from './helpers';

let t: TestHost;
beforeAll(() => {
  t = startTestHost(120);
});
afterAll(() => t.dispose());

const db = () => t.host.db.$client;
const thisMonth = () => testNow().toISOString().slice(0, 7);
const goodwill = (amount: number) => ({ kind: 'one_off_credit', reason: 'goodwill', target: 'invoice', amount });

describe('the policy in the store', () => {
  it('holds the sample policy as version 1 after first start, and setting up again adds nothing', () => {
    const rows = db().prepare(`SELECT version, effective_from AS effectiveFrom, document FROM policies`).all() as {
      version: number;
      effectiveFrom: string;
      document: string;
    }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ version: 1, effectiveFrom: SAMPLE_POLICY.effectiveFrom });
    expect(JSON.parse(rows[0]!.document)).toEqual(SAMPLE_POLICY);
    const deps = { db: t.host.db, sessions: t.host.sessions, now: () => testNow(), log: () => {} } as unknown as AppDeps;
    ensureDiscountSetup(deps);
    expect(db().prepare(`SELECT count(*) FROM policies`).pluck().get()).toBe(1);
  });

  it("'policy.current' gives this agent's limits and what is left of their day", async () => {
    const agent = freshStaff(t.host, 'agent', 'fr');
    const p = await ok<PolicyCurrent>(t.host, agent.client, 'policy.current', {});
    expect(p).toMatchObject({ version: 1, currency: 'EUR', role: 'agent', limits: SAMPLE_POLICY.roleLimits.agent, grantedToday: 0, remainingToday: 10_000 });
    const gw = p.reasons.find((r) => r.reason === 'goodwill')!;
    expect(gw).toMatchObject({ label: 'geste commercial', needs: null, limits: { perActionMax: 1000, perActionMaxPercentOfInvoice: 1500, perDayMax: 10_000 } });
    expect(p.reasons.find((r) => r.reason === 'billing_error')!.needs).toBe('disputedAmount');
    expect(p.reasons.find((r) => r.reason === 'service_outage')!.needs).toBe('outageDays');
    expect(p.reasons.find((r) => r.reason === 'late_fee_waiver')!.needs).toBe('lateFee');
    const senior = freshStaff(t.host, 'senior_agent');
    expect((await ok<PolicyCurrent>(t.host, senior.client, 'policy.current', {})).limits).toEqual(SAMPLE_POLICY.roleLimits.senior_agent);
  });
});

describe("'discounts.evaluate': live feedback, nothing written", () => {
  it('says allowed, needs approval (by whom) or refused, with sentences in the agent language', async () => {
    const agent = freshStaff(t.host, 'agent', 'en');
    const c = makeCustomer(db());
    const interactionId = await verifiedCall(t.host, agent, c.customerId);
    const before = storeFingerprint(db());

    const allowed = await ok<DecisionView>(t.host, agent.client, 'discounts.evaluate', { interactionId, request: goodwill(1000) });
    expect(allowed).toMatchObject({ outcome: 'allowed', maxAllowedNow: 1000, effectiveAmount: 1000, currency: 'EUR', policyVersion: 1 });
    expect(allowed.headline).toMatch(/^Allowed: goodwill gesture of €10\.00/);
    expect(allowed.rules.find((r) => r.rule === 'per_action_limit')).toMatchObject({
      passed: true,
      family: 'limit',
      text: 'Within your limit of €10.00 per credit.',
    });

    const senior = await ok<DecisionView>(t.host, agent.client, 'discounts.evaluate', { interactionId, request: goodwill(2000) });
    expect(senior).toMatchObject({ outcome: 'needs_approval', approverRole: 'senior_agent', maxAllowedNow: 1000 });
    expect(senior.rules.find((r) => r.rule === 'per_action_limit')!.text).toBe(
      'Over your limit of €10.00 per credit; a senior agent can approve up to €30.00.',
    );

    expect(await ok<DecisionView>(t.host, agent.client, 'discounts.evaluate', { interactionId, request: goodwill(5000) })).toMatchObject({
      outcome: 'needs_approval',
      approverRole: 'supervisor',
    });
    const refused = await ok<DecisionView>(t.host, agent.client, 'discounts.evaluate', { interactionId, request: goodwill(7000) });
    expect(refused.outcome).toBe('refused');
    expect(refused.rules.filter((r) => !r.passed).map((r) => r.rule)).toContain('reason_amount_cap');

    expect(storeFingerprint(db())).toEqual(before);
  });

  it('builds the facts in main: fraud flag, tenure, standing, churn risk, the late fee of the invoice', async () => {
    const agent = freshStaff(t.host, 'agent', 'en');
    const evalFor = async (spec: Parameters<typeof makeCustomer>[1], request: unknown) => {
      const c = makeCustomer(db(), spec);
      const interactionId = await verifiedCall(t.host, agent, c.customerId);
      const d = await ok<DecisionView>(t.host, agent.client, 'discounts.evaluate', { interactionId, request });
      return d.rules.filter((r) => !r.passed).map((r) => r.rule);
    };
    expect(await evalFor({ fraudFlag: true }, goodwill(500))).toContain('no_fraud_flag');
    expect(await evalFor({ tenureMonths: 1 }, goodwill(500))).toContain('min_tenure');
    expect(await evalFor({ standing: 'late' }, goodwill(500))).toContain('account_standing');
    const retention = { kind: 'recurring_discount', reason: 'retention_offer', form: 'amount', amountPerCycle: 500, cycles: 6 };
    expect(await evalFor({ churnRisk: 'low' }, retention)).toContain('churn_risk');
    expect(await evalFor({ churnRisk: 'high' }, retention)).toEqual([]);
    const waiver = { kind: 'fee_waiver', reason: 'late_fee_waiver', fee: 'late_fee', amount: 750 };
    expect(await evalFor({ standing: 'good' }, waiver)).toContain('late_fee_present');
    expect(await evalFor({ standing: 'late' }, waiver)).toEqual([]);
    expect(await evalFor({ standing: 'late' }, { ...waiver, amount: 800 })).toContain('within_late_fee');
    const correction = { kind: 'one_off_credit', reason: 'billing_error', target: 'invoice', amount: 4000 };
    expect(await evalFor({}, correction)).toContain('error_documented');
    expect(await evalFor({}, { ...correction, disputedAmount: 4000 })).toEqual([]);
    expect(await evalFor({}, { kind: 'one_off_credit', reason: 'service_outage', target: 'account', amount: 700, outageDays: 3 })).toEqual([]);
    // 3 days of a €100 bill on a 30-day month is €10.00.
    expect(await evalFor({}, { kind: 'one_off_credit', reason: 'service_outage', target: 'account', amount: 1001, outageDays: 3 })).toContain(
      'within_outage_pro_rata',
    );
  });

  it("measures against the invoice named, and refuses another customer's invoice as not found", async () => {
    const agent = freshStaff(t.host, 'agent', 'en');
    const c = makeCustomer(db(), { totals: [10_000, 10_000, 2_000] });
    const other = makeCustomer(db());
    const interactionId = await verifiedCall(t.host, agent, c.customerId);
    // Latest invoice is €20: 15 % is €3.00.
    expect((await ok<DecisionView>(t.host, agent.client, 'discounts.evaluate', { interactionId, request: goodwill(1000) })).outcome).toBe('needs_approval');
    const onOlder = await ok<DecisionView>(t.host, agent.client, 'discounts.evaluate', {
      interactionId,
      request: { ...goodwill(1000), invoiceId: c.invoiceIds[0] },
    });
    expect(onOlder.outcome).toBe('allowed');
    expect(
      (await fails(t.host, agent.client, 'discounts.evaluate', { interactionId, request: { ...goodwill(100), invoiceId: other.invoiceIds[0] } })).code,
    ).toBe('NOT_FOUND');
  });
});

describe("'discounts.grant'", () => {
  it('an allowed credit is one immutable ledger entry, one command and one audit entry', async () => {
    const agent = freshStaff(t.host, 'agent', 'en');
    const c = makeCustomer(db());
    const interactionId = await verifiedCall(t.host, agent, c.customerId);
    const outboxBefore = outboxOf(db(), 'credit.grant').length;
    const auditBefore = auditOf(db(), 'credit_granted').length;

    const r = await ok<GrantResult>(t.host, agent.client, 'discounts.grant', {
      interactionId,
      request: goodwill(1000),
      note: 'Caller waited 40 minutes on hold',
    });
    expect(r.status).toBe('granted');
    if (r.status !== 'granted') return;
    const [entry] = ledgerRows(db(), c.accountId);
    expect(entry).toMatchObject({
      id: r.ledgerEntryIds[0],
      kind: 'credit',
      amount: 1000,
      reason_code: 'goodwill',
      invoice_id: c.invoiceIds[2],
      actor_id: agent.userId,
      interaction_id: interactionId,
      command_id: r.commandId,
      note: 'Caller waited 40 minutes on hold',
      effective_on: testNow().toISOString().slice(0, 10),
    });
    const commands = outboxOf(db(), 'credit.grant');
    expect(commands).toHaveLength(outboxBefore + 1);
    expect(commands.at(-1)).toMatchObject({ id: r.commandId, actor_id: agent.userId, interaction_id: interactionId });
    const audit = auditOf(db(), 'credit_granted');
    expect(audit).toHaveLength(auditBefore + 1);
    expect(audit.at(-1)).toMatchObject({ actor_id: agent.userId, interaction_id: interactionId, subject: `ledger:${entry!.id}` });
    expect(JSON.parse(audit.at(-1)!.after!)).toMatchObject({ reason: 'goodwill', decision: { outcome: 'allowed', policyVersion: 1, effectiveAmount: 1000 } });

    // Immutable: the store refuses to edit or delete it.
    expect(() => db().prepare(`UPDATE ledger_entries SET amount = 1 WHERE id = ?`).run(entry!.id)).toThrow();
    expect(() => db().prepare(`DELETE FROM ledger_entries WHERE id = ?`).run(entry!.id)).toThrow();

    // The agent's day and the ledger view follow.
    expect((await ok<PolicyCurrent>(t.host, agent.client, 'policy.current', {})).grantedToday).toBe(1000);
    const ledger = await ok<CustomerLedger>(t.host, agent.client, 'discounts.ledger', { interactionId });
    expect(ledger.entries[0]).toMatchObject({
      id: entry!.id,
      amount: 1000,
      reason: 'goodwill',
      canReverse: true,
      reversal: null,
      grantedBy: { id: agent.userId },
    });
    expect(ledger.entries[0]!.description).toMatch(/^Goodwill gesture: €10\.00 credit on invoice FT-/);
  });

  it('a refused request writes nothing and says why, rule by rule', async () => {
    const agent = freshStaff(t.host, 'agent', 'fr');
    const c = makeCustomer(db(), { fraudFlag: true });
    const interactionId = await verifiedCall(t.host, agent, c.customerId);
    const before = storeFingerprint(db());
    const e = await fails(t.host, agent.client, 'discounts.grant', { interactionId, request: goodwill(500) });
    expect(e.code).toBe('POLICY_REFUSED');
    expect(e.issues).toContainEqual({
      path: 'no_fraud_flag',
      message: 'Le compte fait l’objet d’une alerte fraude : aucun geste ne peut être accordé par téléphone.',
    });
    expect(storeFingerprint(db())).toEqual(before);
  });

  it('a recurring discount is one entry with its terms, on exactly N invoices through the billing engine', async () => {
    const agent = freshStaff(t.host, 'agent', 'en');
    const c = makeCustomer(db(), { churnRisk: 'medium' });
    const interactionId = await verifiedCall(t.host, agent, c.customerId);
    const r = await ok<GrantResult>(t.host, agent.client, 'discounts.grant', {
      interactionId,
      request: { kind: 'recurring_discount', reason: 'retention_offer', form: 'percent', percentBp: 500, cycles: 6 },
    });
    expect(r.status).toBe('granted');
    const [entry] = ledgerRows(db(), c.accountId);
    // 5 % of the €100 monthly bill, six times.
    expect(entry).toMatchObject({ kind: 'recurring_discount', amount: 3000, reason_code: 'retention_offer', invoice_id: null });
    expect(JSON.parse(entry!.terms!)).toEqual({ cycles: 6, startCycle: thisMonth(), amountPerCycle: 500, percentBp: 500 });

    const rows: StoredLedgerRow[] = ledgerRows(db(), c.accountId).map((l) => ({
      id: l.id,
      kind: l.kind as StoredLedgerRow['kind'],
      amount: l.amount,
      reasonCode: l.reason_code,
      reversesId: l.reverses_id,
      terms: l.terms,
      effectiveOn: l.effective_on,
    }));
    const ledger = ledgerFromStore(rows);
    const account: AccountBillingContext = {
      accountId: c.accountId,
      country: 'FR',
      category: 'residential',
      currency: 'EUR',
      paymentTermsDays: 14,
      subscription: [{ from: '2020-01-01', planId: 'essentiel', optionIds: [] }],
      promotions: [],
      usage: [],
      oneOffCharges: [],
      payments: [],
      ledger,
    };
    const carrying: string[] = [];
    const start = testNow();
    for (let k = -3; k < 12; k++) {
      const d = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + k, 1));
      const cycleStart = d.toISOString().slice(0, 10);
      const cycleEnd = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
      const invoice = generateInvoice(SAMPLE_CATALOG, account, { start: cycleStart, end: cycleEnd });
      const lines = invoice.lines.filter((l) => l.explanation.code === 'credit');
      if (lines.length > 0) {
        expect(lines).toHaveLength(1);
        expect(lines[0]!.total).toBe(-500);
        // A discount is now VAT included (it lowers the taxable base): its sentence says the total.
        expect(explainCreditLine(lines[0]!.explanation as never, lines[0]!.total, 'EUR', 'en')).toBe(
          `Retention discount ${carrying.length + 1} of 6 (5% off): -€5.00`,
        );
        carrying.push(cycleStart.slice(0, 7));
      }
    }
    expect(carrying).toHaveLength(6);
    expect(carrying[0]).toBe(thisMonth());

    // Reversed this month, before its first invoice: it appears on none.
    const rev = await ok<ReverseResult>(t.host, agent.client, 'discounts.reverse', { interactionId, ledgerEntryId: entry!.id, reason: 'wrong customer' });
    const after = ledgerFromStore(
      ledgerRows(db(), c.accountId).map((l) => ({
        id: l.id,
        kind: l.kind as StoredLedgerRow['kind'],
        amount: l.amount,
        reasonCode: l.reason_code,
        reversesId: l.reverses_id,
        terms: l.terms,
        effectiveOn: l.effective_on,
      })),
    );
    expect(after.find((e) => e.id === rev.reversalId)).toMatchObject({ reason: 'reversal', reversesId: entry!.id, amount: -3000 });
    let lines = 0;
    for (let k = 0; k < 12; k++) {
      const d = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + k, 1));
      const cycle = { start: d.toISOString().slice(0, 10), end: new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).toISOString().slice(0, 10) };
      lines += creditLines(SAMPLE_CATALOG, after, cycle).length;
    }
    expect(lines).toBe(0);
    expect(billedCycles(JSON.parse(entry!.terms!), testNow().toISOString().slice(0, 10))).toEqual([]);
  });

  it('a fee waiver lands on the invoice that carried the late fee', async () => {
    const agent = freshStaff(t.host, 'agent', 'en');
    const c = makeCustomer(db(), { standing: 'late' });
    const interactionId = await verifiedCall(t.host, agent, c.customerId);
    const r = await ok<GrantResult>(t.host, agent.client, 'discounts.grant', {
      interactionId,
      request: { kind: 'fee_waiver', reason: 'late_fee_waiver', fee: 'late_fee', amount: 750, invoiceId: c.invoiceIds[2] },
    });
    expect(r.status).toBe('granted');
    expect(ledgerRows(db(), c.accountId)[0]).toMatchObject({ kind: 'fee_waiver', amount: 750, invoice_id: c.invoiceIds[2], reason_code: 'late_fee_waiver' });
    // Once a year: a second waiver is refused by the reason's cap.
    const again = await fails(t.host, agent.client, 'discounts.grant', {
      interactionId,
      request: { kind: 'fee_waiver', reason: 'late_fee_waiver', fee: 'late_fee', amount: 750 },
    });
    expect(again.code).toBe('POLICY_REFUSED');
    expect(again.issues!.map((i) => i.path)).toContain('reason_count_cap');
  });

  it('refuses a note with a card number, and writes nothing', async () => {
    const agent = freshStaff(t.host, 'agent', 'en');
    const c = makeCustomer(db());
    const interactionId = await verifiedCall(t.host, agent, c.customerId);
    const before = storeFingerprint(db());
    expect((await fails(t.host, agent.client, 'discounts.grant', { interactionId, request: goodwill(500), note: 'paid with 4111 1111 1111 1111' })).code).toBe(
      'NOTE_REFUSED',
    );
    expect(storeFingerprint(db())).toEqual(before);
  });

  it('over the limit becomes a pending approval request, never a ledger entry, and supervisors are told', async () => {
    const agent = freshStaff(t.host, 'agent', 'en');
    const supervisor = await clientFor(t.host, 'supervisor');
    const c = makeCustomer(db());
    const interactionId = await verifiedCall(t.host, agent, c.customerId);
    const r = await ok<GrantResult>(t.host, agent.client, 'discounts.grant', { interactionId, request: goodwill(2000) });
    expect(r).toMatchObject({ status: 'pending_approval', approverRole: 'senior_agent', decision: { outcome: 'needs_approval' } });
    if (r.status !== 'pending_approval') return;
    expect(ledgerRows(db(), c.accountId)).toEqual([]);
    const row = db().prepare(`SELECT * FROM approval_requests WHERE id = ?`).get(r.approvalId) as Record<string, unknown>;
    expect(row).toMatchObject({
      status: 'pending',
      interaction_id: interactionId,
      customer_id: c.customerId,
      account_id: c.accountId,
      requested_by: agent.userId,
      approver_role: 'senior_agent',
    });
    expect(JSON.parse(row.decision as string)).toMatchObject({ outcome: 'needs_approval', effectiveAmount: 2000 });
    expect(outboxOf(db(), 'approval.request').at(-1)).toMatchObject({ actor_id: agent.userId, interaction_id: interactionId });
    expect(auditOf(db(), 'approval_requested').at(-1)).toMatchObject({ subject: `approval:${r.approvalId}`, actor_id: agent.userId });
    expect(supervisor.events).toContainEqual({ name: 'approval.requested', payload: { approvalId: r.approvalId } });
    expect(agent.events.filter((e) => e.name === 'approval.requested')).toEqual([]);
  });
});

describe("'discounts.reverse'", () => {
  it('an agent reverses their own grant in the same call, once; the reversal is an entry of its own', async () => {
    const agent = freshStaff(t.host, 'agent', 'en');
    const c = makeCustomer(db());
    const interactionId = await verifiedCall(t.host, agent, c.customerId);
    const g = await ok<GrantResult>(t.host, agent.client, 'discounts.grant', { interactionId, request: goodwill(800) });
    const id = g.status === 'granted' ? g.ledgerEntryIds[0]! : '';
    const r = await ok<ReverseResult>(t.host, agent.client, 'discounts.reverse', { interactionId, ledgerEntryId: id, reason: 'Granted on the wrong invoice' });
    const rows = ledgerRows(db(), c.accountId);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({
      id: r.reversalId,
      kind: 'reversal',
      amount: -800,
      reverses_id: id,
      note: 'Granted on the wrong invoice',
      actor_id: agent.userId,
    });
    expect(auditOf(db(), 'credit_reversed').at(-1)).toMatchObject({ subject: `ledger:${id}`, actor_id: agent.userId });
    expect(outboxOf(db(), 'credit.reverse').at(-1)!.id).toBe(r.commandId);

    const before = storeFingerprint(db());
    expect((await fails(t.host, agent.client, 'discounts.reverse', { interactionId, ledgerEntryId: id, reason: 'again' })).code).toBe('CONFLICT');
    expect((await fails(t.host, agent.client, 'discounts.reverse', { interactionId, ledgerEntryId: r.reversalId, reason: 'reverse the reversal' })).code).toBe(
      'CONFLICT',
    );
    expect(storeFingerprint(db())).toEqual(before);

    // Reversed money is not given: the day, the caps and the ledger view say so.
    expect((await ok<PolicyCurrent>(t.host, agent.client, 'policy.current', {})).grantedToday).toBe(0);
    const ledger = await ok<CustomerLedger>(t.host, agent.client, 'discounts.ledger', { interactionId });
    expect(ledger.entries).toHaveLength(1);
    expect(ledger.entries[0]).toMatchObject({ id, canReverse: false, reversal: { id: r.reversalId, reason: 'Granted on the wrong invoice' } });
    expect(ledger.activeTotal12Months).toBe(0);
  });

  it("an agent may not reverse another agent's grant; a senior agent may; another customer's entry is not found", async () => {
    const granting = freshStaff(t.host, 'agent', 'en');
    const other = freshStaff(t.host, 'agent', 'en');
    const senior = freshStaff(t.host, 'senior_agent', 'en');
    const c = makeCustomer(db());
    const elsewhere = makeCustomer(db());
    const i1 = await verifiedCall(t.host, granting, c.customerId);
    const g = await ok<GrantResult>(t.host, granting.client, 'discounts.grant', { interactionId: i1, request: goodwill(500) });
    const id = g.status === 'granted' ? g.ledgerEntryIds[0]! : '';

    const i2 = await verifiedCall(t.host, other, c.customerId);
    const i3 = await verifiedCall(t.host, senior, elsewhere.customerId);
    const before = storeFingerprint(db());
    expect((await fails(t.host, other.client, 'discounts.reverse', { interactionId: i2, ledgerEntryId: id, reason: 'not mine' })).code).toBe('FORBIDDEN');
    expect((await fails(t.host, senior.client, 'discounts.reverse', { interactionId: i3, ledgerEntryId: id, reason: 'wrong customer' })).code).toBe(
      'NOT_FOUND',
    );
    expect(storeFingerprint(db())).toEqual(before);
    // Their own earlier grant, in a later call, is not theirs to reverse either.
    const i4 = await verifiedCall(t.host, granting, c.customerId);
    expect((await fails(t.host, granting.client, 'discounts.reverse', { interactionId: i4, ledgerEntryId: id, reason: 'later' })).code).toBe('FORBIDDEN');

    const i5 = await verifiedCall(t.host, senior, c.customerId);
    expect((await ok<CustomerLedger>(t.host, senior.client, 'discounts.ledger', { interactionId: i5 })).entries.find((e) => e.id === id)!.canReverse).toBe(
      true,
    );
    await ok(t.host, senior.client, 'discounts.reverse', { interactionId: i5, ledgerEntryId: id, reason: 'Customer asked to cancel' });
  });
});
