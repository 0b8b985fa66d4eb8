/**
 * Issued invoices are frozen documents (issue 13, items 9 and 3), on a real SQLite store with the
 * demo set:
 *   - a negative bill is a credit note ('avoir') correcting the bill before it, numbered in its own series;
 *   - numbers are gapless per series: contiguous and unique across concurrent billing processes,
 *     and a billing that dies or rolls back half-way leaves no hole;
 *   - the store refuses editing or deleting an issued bill or its lines, and a bill tampered with
 *     behind its back is refused when read;
 *   - a back-dated catalog price or subscription change leaves the issued bill, its explanation,
 *     its document and the bills comparison as they were, while the fairness check (which
 *     recomputes on purpose) reports the difference.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextCycle, type BillingCycle } from '../../../src/core/billing';
import { parseDocumentNumber } from '../../../src/core/billing/numbering';
import { findMigrationsFolder, openStore } from '../../../src/main/store/db';
import { uuidv7 } from '../../../src/main/store/ids';
import { BillingService } from '../../../src/main/services/billing/billing-service';
import { catalogFromStore } from '../../../src/main/services/billing/engine-input';
import { FairnessService } from '../../../src/main/services/billing/fairness-service';
import { InvoiceIssuer, NotBillingAuthority } from '../../../src/main/services/billing/issue-invoice';
import { DEVICE_KEY } from '../../../src/main/sync/desk-link';
import { BillingRun } from '../../../bench/billing-run';
import { storedInvoice, StoredInvoiceError } from '../../../src/main/services/billing/stored-invoice';
import { CommandLog } from '../../../src/main/services/command-log';
import { BillingHistoryQueries } from '../../../src/main/store/billing-history';
import { withFrozenInvoicesLifted } from '../../../src/main/store/frozen-invoices';
import { invoiceNumbers, NumberingOutsideTransaction } from '../../../src/main/store/invoice-numbers';
import { startTestHost, testNow, type TestHost } from '../../fixtures/app-host';

const run = promisify(execFile);
const ISSUE_BILLS = join(__dirname, '../../fixtures/issue-bills.ts');

let t: TestHost;
let cycle: BillingCycle;
let accountIds: string[];
beforeAll(() => {
  t = startTestHost(80);
  const last = db().prepare('SELECT max(cycle_start) AS start, max(cycle_end) AS end FROM invoices').get() as BillingCycle;
  cycle = nextCycle(last);
  accountIds = db().prepare(`SELECT id FROM accounts WHERE status = 'active' ORDER BY rowid`).pluck().all() as string[];
}, 120_000);
afterAll(() => t?.dispose());

const db = () => t.host.db.$client;
const storeFile = () => join(t.dataDir, 'ardoise.db');
const issued = (series: string) => db().prepare(`SELECT number FROM invoices WHERE number LIKE ? || '-%' ORDER BY number`).pluck().all(series) as string[];
const ranks = (numbers: readonly string[]) => numbers.map((n) => parseDocumentNumber(n)!.n);
const billedThisCycle = () => db().prepare('SELECT count(*) FROM invoices WHERE cycle_start = ?').pluck().get(cycle.start) as number;

async function billInProcess(mode: 'issue' | 'crash', accounts: readonly string[]): Promise<string[]> {
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', ISSUE_BILLS, storeFile(), cycle.start, cycle.end, mode, ...accounts], {
      timeout: 60_000,
    });
    return stdout.split('\n').filter(Boolean);
  } catch (err) {
    const e = err as { signal?: string; stdout?: string };
    if (mode === 'crash' && e.signal === 'SIGKILL') return (e.stdout ?? '').split('\n').filter(Boolean);
    throw err;
  }
}

describe('bills issued before numbering (the demo set, marked by the loader and the migration)', () => {
  it('every negative bill is a credit note correcting the bill before it; every other is an invoice', () => {
    const wrong = db()
      .prepare(
        `SELECT i.id FROM invoices i WHERE (i.total < 0) <> (i.document_kind = 'credit_note')
           OR (i.document_kind = 'credit_note' AND i.corrects_invoice_id IS NOT
               (SELECT p.id FROM invoices p WHERE p.account_id = i.account_id AND p.cycle_start < i.cycle_start ORDER BY p.cycle_start DESC LIMIT 1))
           OR (i.document_kind = 'invoice' AND i.corrects_invoice_id IS NOT NULL)`,
      )
      .all();
    expect(wrong).toEqual([]);
  });
});

describe('the migration that freezes bills (0012) on a store of bills issued before it', () => {
  it('marks a negative bill as the credit note of the bill before it, and leaves the others invoices', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ardoise-frozen-'));
    try {
      // The store as it was before 0012: the migrations folder without it.
      const before = join(dir, 'migrations');
      cpSync(findMigrationsFolder(), before, { recursive: true });
      const journalFile = join(before, 'meta', '_journal.json');
      const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
      const at = journal.entries.findIndex((e) => e.tag.endsWith('_frozen_invoices'));
      expect(at).toBeGreaterThan(0);
      writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }));
      const file = join(dir, 'old.db');
      const old = openStore({ file, migrationsFolder: before }).$client;
      old
        .prepare(
          `INSERT INTO customers (id, given_name, family_name, date_of_birth, category, country, locale, created_at) VALUES ('c1', 'Ana', 'Lima', '1980-01-01', 'residential', 'FR', 'fr', '2026-01-01T00:00:00.000Z')`,
        )
        .run();
      old
        .prepare(
          `INSERT INTO accounts (id, customer_id, number, currency, status, opened_on) VALUES ('a1', 'c1', 'AR-00000001', 'EUR', 'active', '2026-01-01')`,
        )
        .run();
      const bill = old.prepare(
        `INSERT INTO invoices (id, account_id, number, cycle_start, cycle_end, issued_on, due_on, currency, subtotal, tax, total, previous_balance, payments_received, amount_due)
         VALUES (?, 'a1', ?, ?, ?, ?, ?, 'EUR', ?, 0, ?, 0, 0, ?)`,
      );
      bill.run('i1', 'FA-202601-1', '2026-01-01', '2026-01-31', '2026-02-01', '2026-02-15', 1000, 1000, 1000);
      bill.run('i2', 'FA-202602-1', '2026-02-01', '2026-02-28', '2026-03-01', '2026-03-15', -400, -400, 600);
      bill.run('i3', 'FA-202603-1', '2026-03-01', '2026-03-31', '2026-04-01', '2026-04-15', 1000, 1000, 1600);
      old.close();
      const now = openStore({ file }).$client;
      expect(now.prepare('SELECT id, document_kind AS kind, corrects_invoice_id AS corrects FROM invoices ORDER BY id').all()).toEqual([
        { id: 'i1', kind: 'invoice', corrects: null },
        { id: 'i2', kind: 'credit_note', corrects: 'i1' },
        { id: 'i3', kind: 'invoice', corrects: null },
      ]);
      // Their numbers stay as issued, and they are frozen from now on.
      expect(now.prepare('SELECT number FROM invoices ORDER BY id').pluck().all()).toEqual(['FA-202601-1', 'FA-202602-1', 'FA-202603-1']);
      expect(() => now.prepare(`UPDATE invoices SET total = 0 WHERE id = 'i2'`).run()).toThrow(/frozen/);
      now.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('gapless numbering', () => {
  it('is taken only inside the transaction that writes the bill', () => {
    expect(() => invoiceNumbers(db()).take('F-2099')).toThrow(NumberingOutsideTransaction);
    expect(db().prepare(`SELECT count(*) FROM invoice_series WHERE series = 'F-2099'`).pluck().get()).toBe(0);
  });

  it('a desk joined to a hub issues no bill and takes no number: the hub is the billing authority', () => {
    const issuer = new InvoiceIssuer(db(), catalogFromStore(db()));
    db().prepare(`INSERT INTO sync_state (key, value) VALUES (?, '{"deviceId":"d1","hubId":"h1"}')`).run(DEVICE_KEY);
    try {
      expect(() => issuer.issue(accountIds[0]!, cycle)).toThrow(NotBillingAuthority);
      expect(() => new BillingRun(db(), catalogFromStore(db())).billBatch(accountIds.slice(0, 3), cycle)).toThrow(NotBillingAuthority);
    } finally {
      db().prepare(`DELETE FROM sync_state WHERE key = ?`).run(DEVICE_KEY);
    }
    expect(billedThisCycle()).toBe(0);
    expect(db().prepare(`SELECT count(*) FROM invoice_series`).pluck().get()).toBe(0);
  });

  it('a billing that fails after taking its number gives it back (rollback), and the next bill gets it', () => {
    const issuer = new InvoiceIssuer(db(), catalogFromStore(db()));
    const accountId = accountIds[0]!;
    let taken: string | undefined;
    expect(() =>
      db().transaction(() => {
        taken = issuer.issue(accountId, cycle)!.invoice[2];
        throw new Error('the printer caught fire');
      })(),
    ).toThrow('the printer caught fire');
    expect(taken).toMatch(/^F-\d{4}-000001$/);
    expect(billedThisCycle()).toBe(0);
    const again = issuer.issue(accountId, cycle)!;
    expect(again.invoice[2]).toBe(taken);
    // Billing the same cycle again issues nothing and takes no number.
    expect(issuer.issue(accountId, cycle)).toBeNull();
    expect(ranks(issued(again.series))).toEqual([1]);
  });

  it('a billing process killed mid-transaction leaves no hole; 20 billings in 5 concurrent processes share and skip no number', async () => {
    // One account gets a credit larger than its bill: its bill is a credit note, in the AV series.
    const creditNoteAccount = accountIds[1]!;
    db()
      .prepare(
        `INSERT INTO ledger_entries (id, account_id, kind, amount, currency, reason_code, effective_on, created_at) VALUES (?, ?, 'credit', 500000, 'EUR', 'goodwill', ?, ?)`,
      )
      .run(uuidv7(), creditNoteAccount, cycle.start, `${cycle.start}T10:00:00.000Z`);
    const lastBefore = db().prepare('SELECT id FROM invoices WHERE account_id = ? ORDER BY cycle_start DESC LIMIT 1').pluck().get(creditNoteAccount) as string;

    const crashed = await billInProcess('crash', [accountIds[2]!]);
    expect(crashed).toEqual([expect.stringMatching(/^F-\d{4}-000002$/)]);
    expect(db().prepare('SELECT count(*) FROM invoices WHERE account_id = ? AND cycle_start = ?').pluck().get(accountIds[2], cycle.start)).toBe(0);

    const batches = [0, 1, 2, 3, 4].map((k) => accountIds.slice(1 + k * 4, 1 + (k + 1) * 4));
    const printed = (await Promise.all(batches.map((b) => billInProcess('issue', b)))).flat();
    expect(printed).toHaveLength(20);
    expect(billedThisCycle()).toBe(21);

    const year = cycle.end.slice(0, 4);
    const invoices = issued(`F-${year}`);
    const creditNotes = issued(`AV-${year}`);
    // Every number printed is a bill in the store, once; each series runs 1..n without a hole.
    expect(new Set(printed).size).toBe(20);
    expect([...invoices, ...creditNotes].sort()).toEqual([...printed, `F-${year}-000001`].sort());
    expect(ranks(invoices)).toEqual(invoices.map((_, k) => k + 1));
    expect(ranks(creditNotes)).toEqual([1]);
    const note = db()
      .prepare('SELECT document_kind AS kind, corrects_invoice_id AS corrects, total FROM invoices WHERE account_id = ? AND cycle_start = ?')
      .get(creditNoteAccount, cycle.start) as { kind: string; corrects: string; total: number };
    expect(note).toMatchObject({ kind: 'credit_note', corrects: lastBefore });
    expect(note.total).toBeLessThan(0);
    // The killed process's number went to another bill.
    expect(invoices).toContain(crashed[0]);
  }, 120_000);

  it('a bill numbered and stored is the engine’s, read back line for line, with its VAT per rate', () => {
    const store = new BillingHistoryQueries(db());
    const catalog = catalogFromStore(db());
    const row = store.latestInvoice.get(accountIds[3]!)!;
    const account = store.account.get(row.accountId)!;
    const read = storedInvoice(store, row, account, catalog);
    expect(read.vatByRate).toEqual([{ rateBp: read.invoice.taxRateBp, taxableAmount: read.vat.taxableAmount, amount: row.tax }]);
    expect(read.invoice.document).toEqual({ kind: 'invoice' });
  });
});

describe('the store refuses to change an issued bill', () => {
  const sample = () =>
    db().prepare(`SELECT i.id, l.id AS lineId FROM invoices i JOIN invoice_lines l ON l.invoice_id = i.id WHERE l.kind = 'plan' LIMIT 1`).get() as {
      id: string;
      lineId: string;
    };

  it('no UPDATE of its figures, number or kind, no DELETE, of the bill or its lines; the same values again are not a change', () => {
    const { id, lineId } = sample();
    const before = db().prepare('SELECT * FROM invoices WHERE id = ?').get(id);
    for (const sql of [
      `UPDATE invoices SET total = total + 1 WHERE id = ?`,
      `UPDATE invoices SET amount_due = 0 WHERE id = ?`,
      `UPDATE invoices SET number = 'F-2026-999999' WHERE id = ?`,
      `UPDATE invoices SET issued_on = '2020-01-01' WHERE id = ?`,
      `DELETE FROM invoices WHERE id = ?`,
    ])
      expect(() => db().prepare(sql).run(id), sql).toThrow(/frozen/);
    for (const sql of [
      `UPDATE invoice_lines SET amount = amount + 100 WHERE id = ?`,
      `UPDATE invoice_lines SET explanation = '{}' WHERE id = ?`,
      `DELETE FROM invoice_lines WHERE id = ?`,
    ])
      expect(() => db().prepare(sql).run(lineId), sql).toThrow(/frozen/);
    // What the hub sends again for a row the desk holds (sync/apply.ts upserts) passes.
    db().prepare('UPDATE invoices SET total = total, number = number WHERE id = ?').run(id);
    expect(db().prepare('SELECT * FROM invoices WHERE id = ?').get(id)).toEqual(before);
  });

  it('no credit note that is not a negative bill, and no invoice that corrects another', () => {
    const { id } = sample();
    const row = db().prepare('SELECT * FROM invoices WHERE id = ?').get(id) as Record<string, unknown>;
    const insert = (over: Record<string, unknown>) => {
      const r = { ...row, id: uuidv7(), number: `T-${uuidv7()}`, ...over };
      const cols = Object.keys(r);
      db()
        .prepare(`INSERT INTO invoices (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`)
        .run(r);
    };
    expect(() => insert({ document_kind: 'credit_note', total: 100 })).toThrow(/credit note/);
    expect(() => insert({ document_kind: 'invoice', corrects_invoice_id: id })).toThrow(/credit note/);
    expect(() => insert({ document_kind: 'receipt' })).toThrow(/credit note/);
  });

  it('a bill tampered with behind the store’s back (its guards dropped) is refused when read', () => {
    const store = new BillingHistoryQueries(db());
    const catalog = catalogFromStore(db());
    const { id, lineId } = sample();
    const read = () => {
      const row = store.invoice.get(id)!;
      return storedInvoice(store, row, store.account.get(row.accountId)!, catalog);
    };
    expect(() => read()).not.toThrow();
    // A line raised: the lines no longer add up to the stored totals.
    withFrozenInvoicesLifted(db(), () => db().prepare('UPDATE invoice_lines SET amount = amount + 100 WHERE id = ?').run(lineId));
    expect(() => read()).toThrow(StoredInvoiceError);
    // The totals raised with it: the VAT row of its rate no longer matches its lines.
    const tax = db().prepare(`SELECT tax_rate_bp FROM invoice_lines WHERE id = ?`).pluck().get(lineId) as number;
    const vat = Math.round((100 * tax) / 10_000);
    withFrozenInvoicesLifted(db(), () =>
      db().prepare('UPDATE invoices SET subtotal = subtotal + 100, tax = tax + ?, total = total + 100 + ? WHERE id = ?').run(vat, vat, id),
    );
    expect(() => read()).toThrow(/VAT at/);
    withFrozenInvoicesLifted(db(), () => {
      db().prepare('UPDATE invoice_lines SET amount = amount - 100 WHERE id = ?').run(lineId);
      db().prepare('UPDATE invoices SET subtotal = subtotal - 100, tax = tax - ?, total = total - 100 - ? WHERE id = ?').run(vat, vat, id);
    });
    expect(() => read()).not.toThrow();
    // The guards are back.
    expect(() => db().prepare('DELETE FROM invoice_lines WHERE id = ?').run(lineId)).toThrow(/frozen/);
  });
});

describe('an issued bill after a back-dated change', () => {
  interface Target {
    customerId: string;
    accountId: string;
    invoiceId: string;
    cycleStart: string;
    planId: string;
  }
  const used: string[] = [];
  /** An account not billed by this file whose last bill has a whole month of its plan (and usage at most), with one before it. */
  const pickTarget = (): Target => {
    const target = db()
      .prepare(
        `SELECT a.customer_id AS customerId, a.id AS accountId, i.id AS invoiceId, i.cycle_start AS cycleStart, json_extract(l.explanation, '$.item.id') AS planId
         FROM accounts a JOIN invoices i ON i.account_id = a.id JOIN invoice_lines l ON l.invoice_id = i.id AND l.kind = 'plan'
         WHERE i.cycle_start = (SELECT max(cycle_start) FROM invoices WHERE account_id = a.id) AND i.cycle_start < ?
           AND json_extract(l.explanation, '$.share') IS NULL AND (SELECT count(*) FROM invoices p WHERE p.account_id = a.id) >= 2
           AND a.id NOT IN (SELECT value FROM json_each(?))
           AND NOT EXISTS (SELECT 1 FROM invoice_lines x WHERE x.invoice_id = i.id AND x.kind <> 'plan' AND x.kind <> 'tax' AND x.kind <> 'overage')
         ORDER BY a.rowid LIMIT 1`,
      )
      .get(cycle.start, JSON.stringify([...accountIds.slice(0, 21), ...used])) as Target | undefined;
    expect(target).toBeDefined();
    used.push(target!.accountId);
    return target!;
  };
  /** What the agent is shown of the bill, read by fresh services (nothing cached from before the change). */
  const readBill = (target: Target) => {
    const billing = new BillingService({ client: db(), commands: new CommandLog(db(), t.host.audit, testNow), now: testNow });
    const fairness = new FairnessService(billing);
    return {
      detail: billing.invoice(target.customerId, target.invoiceId, 'fr'),
      document: billing.documentSource(target.customerId, target.invoiceId, 'en').input,
      comparison: billing.compare(target.customerId, target.invoiceId, undefined, 'en'),
      check: fairness.view(target.customerId, target.invoiceId, 'en'),
    };
  };

  it('a subscription change back-dated into the billed cycle: the bill is unchanged, the fairness check sees the change', () => {
    const target = pickTarget();
    const before = readBill(target);
    expect(before.check.differences).toEqual([]);
    const other = db()
      .prepare(
        `SELECT item_code FROM catalog_prices WHERE item_code IN (SELECT code FROM plans WHERE kind = 'plan') AND item_code <> ? ORDER BY amount DESC LIMIT 1`,
      )
      .pluck()
      .get(target.planId) as string;
    const subscriptionId = db()
      .prepare('SELECT id FROM subscriptions WHERE account_id = ? ORDER BY started_on DESC LIMIT 1')
      .pluck()
      .get(target.accountId) as string;
    db()
      .prepare(`INSERT INTO subscription_changes (id, subscription_id, effective_on, change, item_code, recorded_at) VALUES (?, ?, ?, 'plan_change', ?, ?)`)
      .run(uuidv7(), subscriptionId, target.cycleStart, other, testNow().toISOString());
    const after = readBill(target);
    expect(after.detail).toEqual(before.detail);
    expect(after.document).toEqual(before.document);
    expect(after.comparison).toEqual(before.comparison);
    expect(after.check.issuedTotal).toBe(before.check.issuedTotal);
    expect(after.check.recomputedTotal).not.toBe(before.check.recomputedTotal);
    expect(after.check.differences.length).toBeGreaterThan(0);
  });

  it('a catalog price raised from the first day of the billed cycle: the bill, its explanation, document and comparison are unchanged; the fairness check reports it', () => {
    const target = pickTarget();
    const read = () => readBill(target);
    const before = read();
    expect(before.check.differences).toEqual([]);

    // The plan's price raised by 5 € from the first day of the billed cycle, recorded today.
    const price = db().prepare(`SELECT amount, currency FROM catalog_prices WHERE item_code = ? ORDER BY effective_from LIMIT 1`).get(target.planId) as {
      amount: number;
      currency: string;
    };
    db()
      .prepare(`INSERT INTO catalog_prices (id, item_code, amount, currency, effective_from) VALUES (?, ?, ?, ?, ?)`)
      .run(uuidv7(), target.planId, price.amount + 500, price.currency, target.cycleStart);
    // Told in time (two months ahead), so the increase is owed from its first day (the notice rule).
    const [y, m] = target.cycleStart.split('-').map(Number) as [number, number];
    const notifiedOn = new Date(Date.UTC(y, m - 3, 1)).toISOString().slice(0, 10);
    db()
      .prepare(`INSERT INTO price_notices (id, account_id, item_code, effective_from, notified_on, channel, recorded_at) VALUES (?, ?, ?, ?, ?, 'letter', ?)`)
      .run(uuidv7(), target.accountId, target.planId, target.cycleStart, notifiedOn, testNow().toISOString());
    const afterPrice = read();
    expect(afterPrice.detail).toEqual(before.detail);
    expect(afterPrice.document).toEqual(before.document);
    expect(afterPrice.comparison).toEqual(before.comparison);
    expect(afterPrice.check.recomputedTotal).toBeGreaterThan(before.check.recomputedTotal);
    expect(afterPrice.check.issuedTotal).toBe(before.check.issuedTotal);
    expect(afterPrice.check.differences.length).toBeGreaterThan(0);
    expect(afterPrice.check.undercharged).toBeGreaterThan(0);
  });
});
