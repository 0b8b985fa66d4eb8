/**
 * The billing methods through the dispatcher, on a real host with the demo data: every figure
 * and sentence is checked against the engine (core/billing) run on the account's history, the
 * guards refuse what they must and a refusal writes nothing, and a plan change is one command
 * whose quote is exactly the invoice billed afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BestPlans, BillComparison, InvoiceDetail, InvoiceList, PlanChangeApplied, PlanChangeQuoteView } from '../../../src/core/api';
import {
  compareInvoices,
  cycleContaining,
  explainCause,
  explainLine,
  generateInvoice,
  generateInvoices,
  nextCycle,
  quotePlanChange,
  rankPlans,
  summariseComparison,
  YEAR_MONTHS,
  type AccountBillingContext,
  type Catalog,
  type Invoice,
  type UsageRecord,
} from '../../../src/core/billing';
import { catalogFromStore, loadAccount, previousInvoiceRef } from '../../../src/main/services/billing/engine-input';
import { BillingHistoryQueries } from '../../../src/main/store/billing-history';
import { newClient, signIn, startTestHost, storeFingerprint, type TestHost, testNow } from '../../fixtures/app-host';
import { call, customersWithTwoBills, ok, openCall, outboxAndAudit, verifiedCall } from './helpers';

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

/** The account's invoices billed again by the engine from its stored history, oldest first. */
function rebilled(accountId: string): { context: AccountBillingContext; invoices: Invoice[]; storeIds: string[] } {
  const loaded = loadAccount(store, accountId, catalog)!;
  const rows = store.invoicesOfAccount.all(accountId).reverse();
  return {
    context: loaded.context,
    invoices: generateInvoices(
      catalog,
      loaded.context,
      rows.map((r) => ({ start: r.cycleStart, end: r.cycleEnd })),
    ),
    storeIds: rows.map((r) => r.id),
  };
}

async function agent(username = 'agent', password = 'ardoise-agent') {
  const client = newClient();
  await signIn(t.host, client, username, password);
  return client;
}

describe('billing.invoices', () => {
  it("lists the verified caller's invoices, newest first, with the stored figures and a status", async () => {
    const client = await agent();
    const [{ customerId, accountId }] = customersWithTwoBills(db(), 1) as [{ customerId: string; accountId: string }];
    const interactionId = await verifiedCall(t.host, client, customerId);
    const list = await ok<InvoiceList>(t.host, client, 'billing.invoices', { interactionId });
    expect(list.account.id).toBe(accountId);
    const rows = db()
      .prepare('SELECT id, number, total, amount_due AS amountDue, cycle_start AS start FROM invoices WHERE account_id = ? ORDER BY cycle_start DESC')
      .all(accountId) as {
      id: string;
      number: string;
      total: number;
      amountDue: number;
      start: string;
    }[];
    expect(list.invoices.map((i) => [i.id, i.number, i.total, i.amountDue, i.cycle.start])).toEqual(
      rows.map((r) => [r.id, r.number, r.total, r.amountDue, r.start]),
    );
    expect(list.invoices.every((i) => ['paid', 'unpaid', 'late'].includes(i.status))).toBe(true);
    // Explicitly asking for their own account gives the same list.
    expect(await ok<InvoiceList>(t.host, client, 'billing.invoices', { interactionId, accountId })).toEqual(list);
  });

  // The statuses follow the one rule of core/billing/standing.ts (the issue: three definitions
  // before, "paid" here counted only payments tagged with the invoice's id): the oldest debt is
  // paid first, so every payment received after an invoice's cycle counts against it.
  it('says which invoices are paid, overdue, due or partly paid, by the one rule', async () => {
    const client = await agent();
    const today = testNow().toISOString().slice(0, 10);
    const paidAfter = (accountId: string, date: string) =>
      (db().prepare('SELECT coalesce(sum(amount), 0) AS n FROM payments WHERE account_id = ? AND received_on > ?').get(accountId, date) as { n: number }).n;
    // A customer with an unpaid past-due invoice (defaulting payers).
    const late = (
      db()
        .prepare(
          `SELECT a.customer_id AS customerId, a.id AS accountId, i.id, i.cycle_end AS cycleEnd, i.amount_due AS amountDue FROM invoices i JOIN accounts a ON a.id = i.account_id WHERE i.due_on < ? ORDER BY i.rowid`,
        )
        .all(today) as { customerId: string; accountId: string; id: string; cycleEnd: string; amountDue: number }[]
    ).find((i) => i.amountDue > paidAfter(i.accountId, i.cycleEnd));
    expect(late).toBeDefined();
    const interactionId = await verifiedCall(t.host, client, late!.customerId);
    const list = await ok<InvoiceList>(t.host, client, 'billing.invoices', { interactionId });
    expect(list.invoices.find((i) => i.id === late!.id)?.status).toBe('overdue');
    for (const i of list.invoices) {
      const paid = paidAfter(list.account.id, i.cycle.end);
      expect(i.status === 'paid').toBe(paid >= i.amountDue);
      if (i.status !== 'paid') expect(i.status === 'overdue').toBe(i.dueOn < today);
    }
  });
});

describe('billing.invoice', () => {
  it('gives each line with the sentence the engine makes of it, in the agent’s language by default', async () => {
    const client = await agent(); // 'agent' works in French
    const [{ customerId, accountId }] = customersWithTwoBills(db(), 1) as [{ customerId: string; accountId: string }];
    const interactionId = await verifiedCall(t.host, client, customerId);
    const { invoices, storeIds } = rebilled(accountId);
    for (let k = 0; k < invoices.length; k++) {
      const engine = invoices[k]!;
      const detail = await ok<InvoiceDetail>(t.host, client, 'billing.invoice', { interactionId, invoiceId: storeIds[k] });
      expect(detail.locale).toBe('fr');
      expect(detail.lines.map((l) => [l.amount, l.tax, l.total, l.sentence, l.explanation])).toEqual(
        engine.lines.map((l) => [l.amount, l.tax, l.total, explainLine(l, 'fr'), l.explanation]),
      );
      expect([detail.subtotal, detail.tax, detail.total, detail.amountDue, detail.previousBalance, detail.paymentsReceived]).toEqual([
        engine.subtotal,
        engine.tax,
        engine.total,
        engine.amountDue,
        engine.previousBalance,
        engine.paymentsReceived,
      ]);
      // The invoice is exactly the sum of its lines, VAT included.
      expect(detail.lines.reduce((s, l) => s + l.total, 0)).toBe(detail.total);
      expect(detail.vat.amount).toBe(detail.tax);
      expect(detail.vat.sentence).toMatch(/^TVA à 20\s%/u);
      expect(detail.previousInvoiceId).toBe(k === 0 ? null : storeIds[k - 1]);
    }
    const en = await ok<InvoiceDetail>(t.host, client, 'billing.invoice', { interactionId, invoiceId: storeIds[0], locale: 'en' });
    expect(en.lines.map((l) => l.sentence)).toEqual(invoices[0]!.lines.map((l) => explainLine(l, 'en')));
    expect(en.vat.sentence).toMatch(/^VAT at 20%/);
  });
});

describe('billing.compare', () => {
  it('explains why a bill differs from the one before: the causes add up exactly to the difference', async () => {
    const client = await agent('agent2'); // English
    let checked = 0;
    let withSeveralCauses = 0;
    for (const { customerId, accountId } of customersWithTwoBills(db(), 25)) {
      const { invoices, storeIds } = rebilled(accountId);
      const interactionId = await verifiedCall(t.host, client, customerId);
      for (let k = 1; k < invoices.length; k++) {
        const engine = compareInvoices(invoices[k - 1]!, invoices[k]!);
        const view = await ok<BillComparison>(t.host, client, 'billing.compare', { interactionId, invoiceId: storeIds[k] });
        expect(view.previous.id).toBe(storeIds[k - 1]);
        expect([view.previous.total, view.current.total, view.difference]).toEqual([invoices[k - 1]!.total, invoices[k]!.total, engine.difference]);
        expect(view.causes.map((c) => [c.code, c.amount, c.sentence])).toEqual(
          engine.causes.map((c) => [c.code, c.amount, explainCause(c, 'EUR', 'en', Number(invoices[k]!.cycle.start.slice(0, 4)))]),
        );
        expect(view.causes.reduce((s, c) => s + c.amount, 0)).toBe(view.difference);
        expect(view.summary).toBe(summariseComparison(engine, 'en'));
        if (view.causes.length >= 2) withSeveralCauses++;
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(withSeveralCauses).toBeGreaterThan(0);
  });

  it('compares with a chosen invoice of the same account, and refuses the first bill without one', async () => {
    const client = await agent();
    const [{ customerId, accountId }] = customersWithTwoBills(db(), 1) as [{ customerId: string; accountId: string }];
    const { invoices, storeIds } = rebilled(accountId);
    const interactionId = await verifiedCall(t.host, client, customerId);
    const last = storeIds.length - 1;
    const view = await ok<BillComparison>(t.host, client, 'billing.compare', {
      interactionId,
      invoiceId: storeIds[last],
      previousInvoiceId: storeIds[0],
      locale: 'fr',
    });
    const engine = compareInvoices(invoices[0]!, invoices[last]!);
    expect(view.difference).toBe(engine.difference);
    expect(view.summary).toBe(summariseComparison(engine, 'fr'));
    expect(await call(t.host, client, 'billing.compare', { interactionId, invoiceId: storeIds[0] })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await call(t.host, client, 'billing.compare', { interactionId, invoiceId: storeIds[0], previousInvoiceId: storeIds[0] })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });
});

/** The cheapest plan on sale that is not the current one. */
function otherPlan(ranking: BestPlans): string {
  return ranking.plans.find((p) => !p.isCurrent && catalog.plans.find((c) => c.id === p.planId)?.sellable !== false)!.planId;
}

/** Customers with a plan today and at least two bills, not yet used by a test (with a paper bill, when asked). */
const used = new Set<string>();
function freshCustomer(paper = false): { customerId: string; accountId: string } {
  const found = customersWithTwoBills(db(), 400).find(
    (c) =>
      !used.has(c.customerId) &&
      loadAccount(store, c.accountId, catalog)!.context.subscription.at(-1)?.planId &&
      (!paper || (db().prepare('SELECT paper_bill AS p FROM accounts WHERE id = ?').get(c.accountId) as { p: number }).p === 1),
  );
  used.add(found!.customerId);
  return found!;
}

/** The last day of the twelve months after the cycle of `date` (the quote's year). */
function yearEnd(date: string): string {
  let c = cycleContaining(date);
  for (let k = 0; k < YEAR_MONTHS; k++) c = nextCycle(c);
  return c.end;
}

describe('billing.bestPlans and billing.quote', () => {
  it('ranks the plans by the engine, on the one usage assumption, cheapest over twelve months first', async () => {
    const client = await agent();
    const { customerId, accountId } = freshCustomer();
    const interactionId = await verifiedCall(t.host, client, customerId);
    for (const months of [3, 6]) {
      const view = await ok<BestPlans>(t.host, client, 'billing.bestPlans', { interactionId, months });
      const loaded = loadAccount(store, accountId, catalog, { through: yearEnd(view.date) })!;
      const engine = rankPlans(catalog, loaded.context, { date: view.date, months });
      expect(view.usage.basisCycles.length).toBeGreaterThan(0);
      expect(view.usage.basisCycles.length).toBeLessThanOrEqual(months);
      expect(view.usage.monthly).toEqual(engine.usage.monthly);
      expect(view.year).toHaveLength(12);
      expect(view.firstMonth).toEqual(view.year[0]);
      expect(view.plans).toEqual(engine.plans.map((p) => ({ ...p })));
      expect(view.plans.filter((p) => p.isCurrent)).toHaveLength(1);
      expect(view.plans.map((p) => p.yearTotal)).toEqual([...view.plans.map((p) => p.yearTotal)].sort((a, b) => a - b));
    }
  });

  it('for every plan, the ranking reads out what the quote reads out (a paper-bill customer: the fee is in both)', async () => {
    const client = await agent();
    const { customerId } = freshCustomer(true);
    const interactionId = await verifiedCall(t.host, client, customerId);
    const ranking = await ok<BestPlans>(t.host, client, 'billing.bestPlans', { interactionId });
    expect(ranking.plans.length).toBeGreaterThan(2);
    for (const plan of ranking.plans) {
      for (const timing of ['now', 'end_of_cycle'] as const) {
        const q = await ok<PlanChangeQuoteView>(t.host, client, 'billing.quote', { interactionId, planId: plan.planId, timing });
        expect([plan.monthlyTotal, plan.yearTotal, plan.savingPerMonth, plan.savingPerYear], `${plan.planId} ${timing}`).toEqual([
          q.monthlyAfter.total,
          q.year.total,
          q.savingPerMonth,
          q.savingPerYear,
        ]);
        expect(q.usage).toEqual(ranking.usage);
        // The paper-bill fee is on the month after and on every month of the year.
        expect(q.monthlyAfter.lines.some((l) => l.explanation.code === 'one-off-fee' && l.explanation.fee.kind === 'paper-bill')).toBe(true);
      }
    }
  });

  it('quotes a change with the engine: next invoice, proration lines with sentences, saving per month and over twelve months', async () => {
    const client = await agent();
    const { customerId, accountId } = freshCustomer();
    const interactionId = await verifiedCall(t.host, client, customerId);
    const ranking = await ok<BestPlans>(t.host, client, 'billing.bestPlans', { interactionId });
    const planId = otherPlan(ranking);
    for (const timing of ['now', 'end_of_cycle'] as const) {
      const q = await ok<PlanChangeQuoteView>(t.host, client, 'billing.quote', { interactionId, planId, timing });
      const loaded = loadAccount(store, accountId, catalog, { through: yearEnd(q.date) })!;
      const engine = quotePlanChange(
        catalog,
        loaded.context,
        { date: q.date, timing: timing === 'now' ? 'now' : 'end-of-cycle', planId },
        { previousInvoice: previousInvoiceRef(loaded.lastInvoice!) },
      );
      expect(q.effectiveOn).toBe(engine.change.from);
      expect(q.newPlan.id).toBe(planId);
      expect(q.currentPlan.id).toBe(ranking.currentPlanId);
      expect(q.nextInvoice.lines.map((l) => [l.amount, l.total, l.sentence])).toEqual(
        engine.nextInvoice.lines.map((l) => [l.amount, l.total, explainLine(l, 'fr')]),
      );
      expect(q.nextInvoice.total).toBe(engine.nextInvoice.total);
      expect(q.prorationLines.map((l) => l.sentence)).toEqual(engine.prorationLines.map((l) => explainLine(l, 'fr')));
      expect(q.monthlyAfter.total).toBe(engine.monthlyAfter.total);
      expect([q.savingPerMonth, q.savingPerYear, q.nextInvoiceDifference]).toEqual([engine.savingPerMonth, engine.savingPerYear, engine.nextInvoiceDifference]);
      expect([q.year.total, q.year.totalWithoutChange]).toEqual([engine.year.total, engine.year.totalWithoutChange]);
      expect(q.year.cycles.map((c) => c.start)).toEqual(engine.year.cycles.map((c) => c.start));
      // This month's bill is made on what is recorded so far plus the usual pace for the days left.
      const recorded = loaded.context.usage.find((u) => u.cycleStart === cycleContaining(q.date).start);
      if (recorded) expect(q.usage.current.recorded.dataMb).toBe(recorded.dataMb);
      expect(q.usage.current.total.dataMb).toBe(q.usage.current.recorded.dataMb + q.usage.current.rest.dataMb);
      if (timing === 'end_of_cycle') {
        expect(q.effectiveOn).toBe(nextCycle(cycleContaining(q.date)).start);
        expect(q.nextInvoiceDifference).toBe(0);
      } else if (!q.date.endsWith('-01')) {
        // From today, within the month: the old and new plans are each billed for their days.
        expect(q.prorationLines.length).toBeGreaterThan(0);
      }
    }
  });
});

describe('billing.applyPlanChange', () => {
  /** The invoice of `cycle` billed by the engine from what the store holds now, on the usage the quote assumed for it. */
  function billFromStore(accountId: string, cycleStart: string, assumed: PlanChangeQuoteView['usage'], withPrevious: boolean): Invoice {
    const cycle = cycleContaining(cycleStart);
    const loaded = loadAccount(store, accountId, catalog, { through: cycle.end })!;
    const record: UsageRecord = { cycleStart, ...(cycleStart === assumed.current.cycle.start ? assumed.current.total : assumed.monthly) };
    const usage = [...loaded.context.usage.filter((u) => u.cycleStart !== cycleStart), record];
    return generateInvoice(catalog, { ...loaded.context, usage }, cycle, withPrevious ? previousInvoiceRef(loaded.lastInvoice!) : null);
  }

  const figures = (lines: readonly { amount: number; total: number; explanation: unknown }[]) => lines.map((l) => [l.amount, l.total, l.explanation]);

  it.each(['now', 'end_of_cycle'] as const)('records the change (%s) as one command, and the quote is the invoice then billed', async (timing) => {
    const client = await agent();
    const { customerId, accountId } = freshCustomer();
    const interactionId = await verifiedCall(t.host, client, customerId);
    const planId = otherPlan(await ok<BestPlans>(t.host, client, 'billing.bestPlans', { interactionId }));
    const q = await ok<PlanChangeQuoteView>(t.host, client, 'billing.quote', { interactionId, planId, timing });
    const before = outboxAndAudit(db());
    const applied = await ok<PlanChangeApplied>(t.host, client, 'billing.applyPlanChange', {
      interactionId,
      planId,
      timing,
      quotedNextTotal: q.nextInvoice.total,
    });
    const after = outboxAndAudit(db());

    expect(after.outbox).toBe(before.outbox + 1);
    expect(after.audit).toBe(before.audit + 1);
    expect(applied).toMatchObject({
      effectiveOn: q.effectiveOn,
      nextInvoiceTotal: q.nextInvoice.total,
      savingPerMonth: q.savingPerMonth,
      after: { plan: { id: planId } },
    });
    const command = db()
      .prepare('SELECT type, payload, actor_id AS actorId, interaction_id AS interactionId FROM command_outbox WHERE id = ?')
      .get(applied.commandId) as {
      type: string;
      payload: string;
      interactionId: string;
    };
    expect(command.type).toBe('plan.change');
    expect(command.interactionId).toBe(interactionId);
    expect(JSON.parse(command.payload)).toMatchObject({ accountId, change: { from: q.effectiveOn, planId } });
    const audit = db().prepare('SELECT action, subject, before, after FROM audit_log ORDER BY seq DESC LIMIT 1').get() as {
      action: string;
      subject: string;
      before: string;
      after: string;
    };
    expect(audit.action).toBe('plan_changed');
    expect(JSON.parse(audit.before)).toMatchObject({ planId: q.currentPlan.id });
    expect(JSON.parse(audit.after)).toMatchObject({ planId, effectiveOn: q.effectiveOn });
    const rows = db()
      .prepare('SELECT change, item_code AS item, effective_on AS on_ FROM subscription_changes WHERE command_id = ?')
      .all(applied.commandId) as { change: string; item: string; on_: string }[];
    expect(rows).toContainEqual({ change: 'plan_change', item: planId, on_: q.effectiveOn });

    // The quote is the invoice really produced after the change.
    const next = billFromStore(accountId, q.nextInvoice.cycle.start, q.usage, true);
    expect(figures(next.lines)).toEqual(figures(q.nextInvoice.lines));
    expect([next.total, next.amountDue]).toEqual([q.nextInvoice.total, q.nextInvoice.amountDue]);
    const month = billFromStore(accountId, q.monthlyAfter.cycle.start, q.usage, false);
    expect(figures(month.lines)).toEqual(figures(q.monthlyAfter.lines));
    expect(month.total).toBe(q.monthlyAfter.total);

    // Quoting the same change again now: nothing left to change.
    expect(await call(t.host, client, 'billing.applyPlanChange', { interactionId, planId, timing })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    const subscriptionPlan = (db().prepare('SELECT plan_code AS p FROM subscriptions WHERE account_id = ?').get(accountId) as { p: string }).p;
    expect(subscriptionPlan).toBe(timing === 'now' ? planId : q.currentPlan.id);
  });

  it('refuses with CONFLICT when the price moved since the quote, and writes nothing', async () => {
    const client = await agent();
    const { customerId } = freshCustomer();
    const interactionId = await verifiedCall(t.host, client, customerId);
    const planId = otherPlan(await ok<BestPlans>(t.host, client, 'billing.bestPlans', { interactionId }));
    const q = await ok<PlanChangeQuoteView>(t.host, client, 'billing.quote', { interactionId, planId, timing: 'now' });
    const before = storeFingerprint(db());
    const r = await call(t.host, client, 'billing.applyPlanChange', { interactionId, planId, timing: 'now', quotedNextTotal: q.nextInvoice.total + 1 });
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(storeFingerprint(db())).toEqual(before);
  });

  it('changes options too: removing them all, adding one', async () => {
    const client = await agent();
    const { customerId, accountId } = freshCustomer();
    const interactionId = await verifiedCall(t.host, client, customerId);
    const current = (await ok<BestPlans>(t.host, client, 'billing.bestPlans', { interactionId })).currentPlanId!;
    const option = catalog.options[0]!.id;
    const q = await ok<PlanChangeQuoteView>(t.host, client, 'billing.quote', { interactionId, planId: current, optionIds: [option], timing: 'end_of_cycle' });
    expect(q.newOptions.map((o) => o.id)).toEqual([option]);
    const applied = await ok<PlanChangeApplied>(t.host, client, 'billing.applyPlanChange', {
      interactionId,
      planId: current,
      optionIds: [option],
      timing: 'end_of_cycle',
      quotedNextTotal: q.nextInvoice.total,
    });
    expect(applied.after.options.map((o) => o.id)).toEqual([option]);
    const month = billFromStore(accountId, q.monthlyAfter.cycle.start, q.usage, false);
    expect(month.total).toBe(q.monthlyAfter.total);
  });
});

describe('guards: the verified caller’s data only, typed errors, nothing written', () => {
  it('refuses every billing method before the caller is verified', async () => {
    const client = await agent();
    const { customerId, accountId } = customersWithTwoBills(db(), 1)[0]!;
    const invoiceId = rebilled(accountId).storeIds[0];
    const interactionId = await openCall(t.host, client, customerId);
    const before = storeFingerprint(db());
    for (const [method, input] of [
      ['billing.invoices', { interactionId }],
      ['billing.invoice', { interactionId, invoiceId }],
      ['billing.compare', { interactionId, invoiceId }],
      ['billing.quote', { interactionId, planId: 'confort', timing: 'now' }],
      ['billing.bestPlans', { interactionId }],
      ['billing.applyPlanChange', { interactionId, planId: 'confort', timing: 'now' }],
    ] as const) {
      expect(await call(t.host, client, method, input), method).toMatchObject({ ok: false, error: { code: 'VERIFICATION_REQUIRED' } });
    }
    expect(storeFingerprint(db())).toEqual(before);
  });

  it("answers NOT_FOUND for another customer's invoice or account, and for another agent's call", async () => {
    const client = await agent();
    const [mine, theirs] = customersWithTwoBills(db(), 2) as [{ customerId: string; accountId: string }, { customerId: string; accountId: string }];
    const interactionId = await verifiedCall(t.host, client, mine.customerId);
    const myInvoice = rebilled(mine.accountId).storeIds.at(-1)!;
    const theirInvoice = rebilled(theirs.accountId).storeIds.at(-1)!;
    const other = await agent('agent2');
    const before = storeFingerprint(db());
    for (const [method, input] of [
      ['billing.invoice', { interactionId, invoiceId: theirInvoice }],
      ['billing.compare', { interactionId, invoiceId: theirInvoice }],
      ['billing.compare', { interactionId, invoiceId: myInvoice, previousInvoiceId: theirInvoice }],
      ['billing.invoices', { interactionId, accountId: theirs.accountId }],
      ['billing.bestPlans', { interactionId, accountId: theirs.accountId }],
      ['billing.quote', { interactionId, accountId: theirs.accountId, planId: 'confort', timing: 'now' }],
      ['billing.applyPlanChange', { interactionId, accountId: theirs.accountId, planId: 'confort', timing: 'now' }],
    ] as const) {
      expect(await call(t.host, client, method, input), `${method} ${JSON.stringify(input)}`).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    // Another agent cannot use this agent's call.
    expect(await call(t.host, other, 'billing.invoices', { interactionId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(storeFingerprint(db())).toEqual(before);
  });

  it('refuses bad input with INVALID_INPUT and writes nothing', async () => {
    const client = await agent();
    const { customerId, accountId } = freshCustomer();
    const interactionId = await verifiedCall(t.host, client, customerId);
    const invoiceId = rebilled(accountId).storeIds.at(-1)!;
    const before = storeFingerprint(db());
    for (const [method, input] of [
      ['billing.invoices', {}],
      ['billing.invoices', { interactionId, accountId: 'AR-123' }],
      ['billing.invoice', { interactionId, invoiceId: "' OR 1=1 --" }],
      ['billing.invoice', { interactionId, invoiceId, locale: 'de' }],
      ['billing.invoice', { interactionId, invoiceId, extra: true }],
      ['billing.compare', { interactionId }],
      ['billing.bestPlans', { interactionId, months: 2 }],
      ['billing.bestPlans', { interactionId, months: 7 }],
      ['billing.bestPlans', { interactionId, months: 3.5 }],
      ['billing.quote', { interactionId, planId: 'confort', timing: 'later' }],
      ['billing.quote', { interactionId, planId: 'Confort!', timing: 'now' }],
      ['billing.quote', { interactionId, planId: 'no-such-plan', timing: 'now' }],
      ['billing.quote', { interactionId, planId: 'confort', optionIds: ['no-such-option'], timing: 'now' }],
      ['billing.quote', { interactionId, planId: 'confort', optionIds: ['tv', 'tv'], timing: 'now' }],
      ['billing.quote', { interactionId, planId: 'decouverte', timing: 'now' }],
      ['billing.applyPlanChange', { interactionId, planId: 'no-such-plan', timing: 'now' }],
      ['billing.applyPlanChange', { interactionId, planId: 'confort', timing: 'now', quotedNextTotal: 12.5 }],
      ['billing.applyPlanChange', { interactionId, planId: 'decouverte', timing: 'now' }],
    ] as const) {
      const r = await call(t.host, client, method, input);
      expect(r, `${method} ${JSON.stringify(input)}`).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      expect(JSON.stringify(r)).not.toMatch(/at .*\.ts|Error:|stack/);
    }
    expect(storeFingerprint(db())).toEqual(before);
  });

  it('refuses every billing method before sign-in', async () => {
    const r = await call(t.host, newClient(), 'billing.invoices', { interactionId: '01900000-0000-7000-8000-000000000000' });
    expect(r).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });
});
