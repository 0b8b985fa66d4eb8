/**
 * The fairness check on a generated demo set (src/main/demo/plant.ts plants billing errors in a
 * known share of accounts, among them an increase charged before a customer told late owed it):
 * checking every invoice of every account finds each planted error,
 * with its cause and what the customer is owed, and nothing anywhere else. Then through the API:
 * the check of a planted bill, its correcting credit through 'discounts.grant' (one command,
 * audited), and a second check that shows it settled.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GrantResult, InvoiceCheckView } from '../../../src/core/api';
import { mix32 } from '../../../src/main/demo/random';
import { noticeAppliesFrom } from '../../../src/core/billing';
import {
  LATE_NOTICE_EVERY,
  lateNoticeAccount,
  PLANT_EVERY,
  PLANTED_KINDS,
  plantedErrors,
  plantOnLastInvoice,
  type PlantedError,
} from '../../../src/main/demo/plant';
import { CommandLog } from '../../../src/main/services/command-log';
import { BillingService } from '../../../src/main/services/billing/billing-service';
import { FairnessService } from '../../../src/main/services/billing/fairness-service';
import { newClient, signIn, startTestHost, storeFingerprint, testNow, type TestHost } from '../../fixtures/app-host';
import { call, ok, openCall, outboxAndAudit, verifiedCall } from './helpers';

const SEED = 7; // startTestHost's demo seed
let t: TestHost;
let planted: PlantedError[];
beforeAll(() => {
  t = startTestHost(200);
  planted = plantedErrors(t.host.db.$client);
});
afterAll(() => t.dispose());

const db = () => t.host.db.$client;
const customerOf = (accountId: string) => db().prepare('SELECT customer_id FROM accounts WHERE id = ?').pluck().get(accountId) as string;

async function agent() {
  const client = newClient();
  await signIn(t.host, client, 'agent', 'ardoise-agent');
  return client;
}

describe('the planted billing errors', () => {
  it('are in one account in 40, by customer index, with every kind present', () => {
    const accounts = db().prepare('SELECT id FROM accounts ORDER BY id').pluck().all() as string[];
    const eligible = accounts.filter((_, i) => (i + (mix32(SEED) % PLANT_EVERY)) % PLANT_EVERY === 0);
    const rotating = planted.filter((p) => p.kind !== 'price-not-notified');
    expect(rotating.map((p) => p.accountId)).toEqual(eligible);
    expect(rotating.length).toBe(5);
    // Kinds take turns, but a bill without usage or a promotion line gets the next kind it has.
    expect(rotating[0]!.kind).toBe('duplicate-fee');
    for (const p of planted) expect(p.owed).toBeGreaterThan(0);
  });

  it('an increase charged before the customer owed it: on accounts of the late-notice class only, whose notice is late', () => {
    const accounts = db().prepare('SELECT id FROM accounts ORDER BY id').pluck().all() as string[];
    const lateClass = new Set(accounts.filter((_, i) => lateNoticeAccount(SEED, i)));
    expect(lateClass.size).toBe(200 / LATE_NOTICE_EVERY);
    const notices = planted.filter((p) => p.kind === 'price-not-notified');
    expect(notices.length).toBeGreaterThan(0);
    const lastCycle = db().prepare('SELECT max(cycle_start) FROM invoices').pluck().get() as string;
    for (const p of notices) {
      expect(lateClass.has(p.accountId)).toBe(true);
      // Told a month before a day of the last billed month, by a letter sent late.
      const notice = db().prepare('SELECT notified_on AS notifiedOn, channel FROM price_notices WHERE account_id = ?').all(p.accountId) as {
        notifiedOn: string;
        channel: string;
      }[];
      expect(notice.some((n) => n.channel === 'letter' && noticeAppliesFrom(n.notifiedOn).slice(0, 7) === lastCycle.slice(0, 7))).toBe(true);
    }
    // Everyone else was told in time: every notice a full month before the increase, or when they took the item.
    const early = db().prepare(`SELECT account_id AS accountId, effective_from AS effectiveFrom, notified_on AS notifiedOn FROM price_notices`).all() as {
      accountId: string;
      effectiveFrom: string;
      notifiedOn: string;
    }[];
    for (const n of early.filter((x) => !lateClass.has(x.accountId))) expect(noticeAppliesFrom(n.notifiedOn) <= n.effectiveFrom).toBe(true);
  });

  it('are all found, with their cause and amount, and nothing else on any bill of any account', () => {
    // Every kind at least once: the set's own plants, plus one of each kind it lacks on an account
    // whose last bill has the line for it (plantOnLastInvoice: the loader's own damage).
    const accounts = db().prepare('SELECT id FROM accounts ORDER BY id DESC').pluck().all() as string[];
    for (const kind of PLANTED_KINDS) {
      if (planted.some((p) => p.kind === kind)) continue;
      let extra: PlantedError | null = null;
      for (const a of accounts) {
        if (planted.some((p) => p.accountId === a)) continue;
        extra = plantOnLastInvoice(db(), a, kind);
        if (extra) break;
      }
      expect(extra, kind).not.toBeNull();
      planted = plantedErrors(db());
    }
    planted = plantedErrors(db());
    expect(new Set(planted.map((p) => p.kind))).toEqual(new Set(PLANTED_KINDS));

    const billing = new BillingService({ client: db(), commands: new CommandLog(db(), t.host.audit, testNow), now: testNow });
    const fairness = new FairnessService(billing);
    const rows = db()
      .prepare(
        `SELECT i.id, c.country, c.category FROM invoices i JOIN accounts a ON a.id = i.account_id JOIN customers c ON c.id = a.customer_id ORDER BY i.account_id, i.cycle_start`,
      )
      .all() as { id: string; country: string; category: 'residential' | 'business' }[];
    const found: { invoiceId: string; causes: string[]; owed: number }[] = [];
    for (const r of rows) {
      const { check } = fairness.checkRow(billing.reader.invoice.get(r.id)!, r);
      if (check.differences.length > 0 || check.customerOwed !== 0)
        found.push({ invoiceId: r.id, causes: check.differences.map((d) => d.cause.code), owed: check.customerOwed });
    }
    expect(rows.length).toBeGreaterThan(200 * 12);
    const byId = (a: { invoiceId: string }, b: { invoiceId: string }) => a.invoiceId.localeCompare(b.invoiceId);
    expect(found.sort(byId)).toEqual(planted.map((p) => ({ invoiceId: p.invoiceId, causes: [p.kind], owed: p.owed })).sort(byId));
  });
});

describe('billing.checkInvoice and the correcting credit', () => {
  it('reads out each difference in both languages, grants the correcting credit once, and then shows the bill settled', async () => {
    // A planted account whose correction is within an agent's own limit for a billing error (€80).
    const p = planted.find((x) => x.owed <= 8000)!;
    const client = await agent();
    const interactionId = await verifiedCall(t.host, client, customerOf(p.accountId));
    const fr = await ok<InvoiceCheckView>(t.host, client, 'billing.checkInvoice', { interactionId, invoiceId: p.invoiceId, locale: 'fr' });
    const en = await ok<InvoiceCheckView>(t.host, client, 'billing.checkInvoice', { interactionId, invoiceId: p.invoiceId, locale: 'en' });
    expect([fr.customerOwed, fr.outstanding, fr.corrected]).toEqual([p.owed, p.owed, 0]);
    expect(fr.differences.map((d) => [d.cause, d.owedTo, d.difference])).toEqual([[p.kind, 'customer', -p.owed]]);
    expect(fr.differences[0]!.sentence).toMatch(/en votre faveur\.$/);
    expect(en.differences[0]!.sentence).toMatch(/in your favour\.$/);
    expect(fr.summary).toContain('nous vous devons');
    expect(en.summary).toContain('we owe you');
    expect(fr.correctingCredit).toEqual({
      kind: 'one_off_credit',
      reason: 'billing_error',
      target: 'invoice',
      amount: p.owed,
      invoiceId: p.invoiceId,
      disputedAmount: p.owed,
    });

    const before = outboxAndAudit(db());
    const idempotencyKey = crypto.randomUUID();
    const grant = { interactionId, idempotencyKey, request: fr.correctingCredit };
    const granted = await ok<GrantResult>(t.host, client, 'discounts.grant', grant);
    expect(granted.status).toBe('granted');
    // The same click twice (a retry) grants once.
    expect(await ok<GrantResult>(t.host, client, 'discounts.grant', grant)).toEqual(granted);
    const after = outboxAndAudit(db());
    expect([after.outbox - before.outbox, after.audit - before.audit]).toEqual([1, 1]);
    const entry = db()
      .prepare('SELECT amount, reason_code AS reason, invoice_id AS invoiceId FROM ledger_entries WHERE id = ?')
      .get(granted.status === 'granted' ? granted.ledgerEntryIds[0] : '') as {
      amount: number;
      reason: string;
      invoiceId: string;
    };
    expect(entry).toEqual({ amount: p.owed, reason: 'billing_error', invoiceId: p.invoiceId });

    const settled = await ok<InvoiceCheckView>(t.host, client, 'billing.checkInvoice', { interactionId, invoiceId: p.invoiceId, locale: 'en' });
    expect([settled.customerOwed, settled.corrected, settled.outstanding, settled.correctingCredit]).toEqual([p.owed, p.owed, 0, null]);
    expect(settled.summary).toMatch(/^A correcting credit of €\d+\.\d\d has already been granted for this bill: nothing is left owing\.$/);
  });

  it('reads out an increase charged before the customer owed it, in both languages, with its correcting credit', async () => {
    const p = planted.find((x) => x.kind === 'price-not-notified')!;
    const client = await agent();
    const interactionId = await verifiedCall(t.host, client, customerOf(p.accountId));
    const [fr, en] = await Promise.all(
      (['fr', 'en'] as const).map((locale) => ok<InvoiceCheckView>(t.host, client, 'billing.checkInvoice', { interactionId, invoiceId: p.invoiceId, locale })),
    );
    expect(fr!.differences.map((d) => [d.cause, d.owedTo, d.difference])).toEqual([['price-not-notified', 'customer', -p.owed]]);
    expect(fr!.differences[0]!.sentence).toMatch(
      /^Le nouveau prix (du forfait|de l’option) .+, un mois après que nous vous en avons informé le \d+ \p{L}+\u00a0: les .+ TTC facturés à ce prix avant cette date vous sont remboursés\.$/u,
    );
    expect(en!.differences[0]!.sentence).toMatch(
      /^The new price of the .+ (plan|option), .+ applies to you only from \d+ \w+, one month after we told you about it on \d+ \w+: the .+ is refunded to you\.$/,
    );
    expect(en!.correctingCredit).toMatchObject({ reason: 'billing_error', amount: p.owed, invoiceId: p.invoiceId });
  });

  it('says an untouched bill is right', async () => {
    const client = await agent();
    const accountId = db()
      .prepare(`SELECT id FROM accounts WHERE id NOT IN (SELECT value FROM json_each(?)) ORDER BY id LIMIT 1`)
      .pluck()
      .get(JSON.stringify(planted.map((p) => p.accountId))) as string;
    const invoiceId = db().prepare('SELECT id FROM invoices WHERE account_id = ? ORDER BY cycle_start DESC LIMIT 1').pluck().get(accountId) as string;
    const interactionId = await verifiedCall(t.host, client, customerOf(accountId));
    const check = await ok<InvoiceCheckView>(t.host, client, 'billing.checkInvoice', { interactionId, invoiceId, locale: 'fr' });
    expect([check.differences, check.customerOwed, check.outstanding, check.correctingCredit]).toEqual([[], 0, 0, null]);
    expect(check.summary).toBe('Cette facture est juste, recalculée aujourd’hui elle donne le même montant ligne par ligne.');
  });

  it("refuses before verification, another customer's invoice, and bad input, writing nothing", async () => {
    const client = await agent();
    const [mine, theirs] = planted;
    const fingerprint = storeFingerprint(db());
    const unverified = await openCall(t.host, client, customerOf(mine!.accountId));
    expect(await call(t.host, client, 'billing.checkInvoice', { interactionId: unverified, invoiceId: mine!.invoiceId })).toMatchObject({
      ok: false,
      error: { code: 'VERIFICATION_REQUIRED' },
    });
    const interactionId = await verifiedCall(t.host, client, customerOf(mine!.accountId));
    expect(await call(t.host, client, 'billing.checkInvoice', { interactionId, invoiceId: theirs!.invoiceId })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await call(t.host, client, 'billing.checkInvoice', { interactionId, invoiceId: mine!.invoiceId, amount: 1 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    const money = (f: Record<string, number>) => [f['ledger_entries'], f['approval_requests'], f['invoices'], f['invoice_lines']];
    expect(money(storeFingerprint(db()))).toEqual(money(fingerprint));
  });
});
