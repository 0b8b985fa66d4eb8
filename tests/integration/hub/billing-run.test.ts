/**
 * The hub's billing run (src/hub/services/billing-run.ts): the hub bills a cycle for its desks.
 * Numbers are gapless in each series (F-YYYY invoices, AV-YYYY credit notes) across runs; a
 * negative bill is a credit note correcting the account's last bill; a rerun issues nothing;
 * two runs of the same cycle at once (two hub processes on PostgreSQL; PGlite's queue) bill each
 * account once and skip no number; a run that fails mid-way leaves no half bill and no gap, and
 * its rerun finishes the cycle; an issued bill is frozen; a bad cycle, or one not over yet, is a
 * typed error.
 * On the real PostgreSQL of this machine when it answers, else PGlite (tests/fixtures/hub-db.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cycleOf } from '../../../src/core/billing';
import { parseDocumentNumber } from '../../../src/core/billing/numbering';
import { loadDemoSet } from '../../../src/hub/demo-set';
import { billCycle, billingCycleOf, BillingRunError } from '../../../src/hub/services/billing-run';
import { generateDeskDemoStore } from '../../../src/main/hub-demo-store';
import { uuidv7 } from '../../../src/platform/ids';
import { memoryKeyVault } from '../../../src/platform/keys';
import { DEMO_TODAY, TEST_PASSWORD_COST } from '../../fixtures/app-host';
import { openTestHubDb, type TestHubDb } from '../../fixtures/hub-db';

let hub: TestHubDb;
let accountIds: string[];
/** The hub's clock in these runs: every cycle billed below is over. */
const now = () => new Date('2027-03-01T09:00:00.000Z');

interface Bill {
  id: string;
  accountId: string;
  number: string;
  kind: string;
  total: number;
  corrects: string | null;
  lines: number;
}

async function billsOf(cycle: string): Promise<Bill[]> {
  return hub.db.query<Bill>(
    `SELECT i.id, i.account_id AS "accountId", i.number, i.document_kind AS kind, i.total, i.corrects_invoice_id AS corrects,
            (SELECT coalesce(sum(l.amount), 0) FROM invoice_lines l WHERE l.invoice_id = i.id)::int AS lines
       FROM invoices i WHERE i.cycle_start = $1 ORDER BY i.number`,
    [cycleOf(cycle).start],
  );
}

/** Every number issued by the hub, by series: each series must run 1..n. */
async function seriesRanks(): Promise<Map<string, number[]>> {
  const numbers = await hub.db.query<{ number: string }>(`SELECT number FROM invoices WHERE number NOT LIKE 'FA-%'`);
  const by = new Map<string, number[]>();
  for (const { number } of numbers) {
    const p = parseDocumentNumber(number);
    expect(p, number).not.toBeNull();
    by.set(
      p!.series,
      [...(by.get(p!.series) ?? []), p!.n].sort((a, b) => a - b),
    );
  }
  return by;
}

async function expectGapless(): Promise<Map<string, number[]>> {
  const ranks = await seriesRanks();
  for (const [series, list] of ranks) expect(list, series).toEqual(list.map((_, k) => k + 1));
  const counters = await hub.db.query<{ series: string; next: number }>(`SELECT series, next_number AS next FROM invoice_series`);
  for (const c of counters) expect(c.next, c.series).toBe((ranks.get(c.series)?.length ?? 0) + 1);
  return ranks;
}

beforeAll(async () => {
  hub = await openTestHubDb();
  await loadDemoSet(hub.db, memoryKeyVault(), {
    generate: generateDeskDemoStore,
    customers: 20,
    seed: 13,
    today: DEMO_TODAY,
    passwordCost: TEST_PASSWORD_COST,
  });
  accountIds = (await hub.db.query<{ id: string }>(`SELECT id FROM accounts WHERE status <> 'closed' ORDER BY id`)).map((r) => r.id);
}, 180_000);
afterAll(() => hub?.dispose());

describe('the hub bills a cycle', () => {
  it('refuses a cycle that is not a month, or not over yet, billing nothing', async () => {
    for (const bad of ['2026-13', '2026-1', 'november', ''])
      expect(() => billingCycleOf(bad), bad).toThrow(expect.objectContaining({ name: 'BillingRunError', code: 'bad_cycle' }) as Error);
    expect(() => billingCycleOf('2026-13')).toThrow(BillingRunError);
    // On its last day a cycle is not over: its bills would be frozen with part of its usage.
    for (const day of ['2026-11-15', '2026-11-30'])
      await expect(billCycle(hub.db, cycleOf('2026-11'), { now: () => new Date(`${day}T23:00:00.000Z`) }), day).rejects.toMatchObject({
        code: 'cycle_not_over',
      });
    expect(await hub.db.query(`SELECT 1 FROM invoice_series`)).toEqual([]);
    expect(await billsOf('2026-11')).toEqual([]);
  });

  it('in two runs: gapless numbers in two series, a negative bill is a credit note, every total is the sum of its lines', async () => {
    const cycle = cycleOf('2026-11');
    // A credit larger than the account's bill: its November bill is negative, a credit note.
    const creditNoteAccount = accountIds[3]!;
    await hub.db.query(
      `INSERT INTO ledger_entries (id, account_id, kind, amount, currency, reason_code, effective_on, created_at)
       VALUES ($1, $2, 'credit', 500000, 'EUR', 'goodwill', $3, $4)`,
      [uuidv7(), creditNoteAccount, cycle.start, `${cycle.start}T10:00:00.000Z`],
    );
    const [last] = await hub.db.query<{ id: string }>(`SELECT id FROM invoices WHERE account_id = $1 ORDER BY cycle_start DESC, id DESC LIMIT 1`, [
      creditNoteAccount,
    ]);

    const first = await billCycle(hub.db, cycle, { accountIds: accountIds.slice(0, 8), now });
    expect(first.issued).toHaveLength(8);
    expect(first.failed).toEqual([]);
    const second = await billCycle(hub.db, cycle, { now }); // every account: the first eight are billed already
    expect(second.alreadyBilled).toBeGreaterThanOrEqual(8);
    expect(second.failed).toEqual([]);
    expect(second.unknown).toEqual([]);

    const bills = await billsOf('2026-11');
    const issued = [...first.issued, ...second.issued];
    expect(bills.map((b) => b.number).sort()).toEqual(issued.map((b) => b.number).sort());
    // One bill per account for the cycle, every open account billed.
    expect(new Set(bills.map((b) => b.accountId)).size).toBe(bills.length);
    expect(accountIds.every((id) => bills.some((b) => b.accountId === id))).toBe(true);
    // Issued in order: each run's numbers follow the last run's.
    const invoiceRanks = issued.filter((b) => b.kind === 'invoice').map((b) => parseDocumentNumber(b.number)!.n);
    expect(invoiceRanks).toEqual(invoiceRanks.map((_, k) => k + 1));

    const ranks = await expectGapless();
    expect(ranks.get('F-2026')!.length).toBe(bills.length - 1);
    expect(ranks.get('AV-2026')).toEqual([1]);
    const note = bills.find((b) => b.accountId === creditNoteAccount)!;
    expect(note).toMatchObject({ kind: 'credit_note', number: 'AV-2026-000001', corrects: last!.id });
    expect(note.total).toBeLessThan(0);
    for (const b of bills) {
      expect(b.total, b.number).toBe(b.lines);
      expect(b.kind === 'credit_note', b.number).toBe(b.total < 0);
    }
  });

  it('a rerun of the cycle issues nothing and takes no number', async () => {
    const before = await hub.db.query(`SELECT series, next_number FROM invoice_series ORDER BY series`);
    const count = (await billsOf('2026-11')).length;
    const again = await billCycle(hub.db, cycleOf('2026-11'), { now });
    expect(again.issued).toEqual([]);
    expect(again.alreadyBilled).toBe(count);
    expect(await hub.db.query(`SELECT series, next_number FROM invoice_series ORDER BY series`)).toEqual(before);
    expect(await billsOf('2026-11')).toHaveLength(count);
  });

  it('two runs of the same cycle at once bill each account once and skip no number', async () => {
    const other = hub.url ? await hub.another() : hub.db; // a second hub process (PGlite: one process, its queue)
    const cycle = cycleOf('2026-12');
    const [a, b] = await Promise.all([billCycle(hub.db, cycle, { now }), billCycle(other, cycle, { now })]);
    const issued = [...a.issued, ...b.issued];
    expect(new Set(issued.map((x) => x.accountId)).size).toBe(issued.length);
    expect(issued.length).toBe(accountIds.length);
    expect(a.alreadyBilled + b.alreadyBilled).toBeGreaterThanOrEqual(accountIds.length);
    const bills = await billsOf('2026-12');
    expect(bills.map((x) => x.number).sort()).toEqual(issued.map((x) => x.number).sort());
    // The December bills are issued in January: a new year, new series from 1.
    const ranks = await expectGapless();
    expect((ranks.get('F-2027') ?? []).length + (ranks.get('AV-2027') ?? []).length).toBe(accountIds.length);
  }, 60_000);

  it('a run that fails mid-way leaves no half bill and no gap; its rerun finishes the cycle', async () => {
    const cycle = cycleOf('2027-01');
    const victim = accountIds[5]!;
    // The sixth account's lines cannot be written (a disk full, a bug): its transaction fails after taking its number.
    await hub.db.query(`CREATE FUNCTION test_refuse_lines() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM invoices WHERE id = NEW.invoice_id AND account_id = '${victim}') THEN RAISE EXCEPTION 'no room for the lines'; END IF;
        RETURN NEW;
      END $$`);
    await hub.db.query(`CREATE TRIGGER test_refuse_lines BEFORE INSERT ON invoice_lines FOR EACH ROW EXECUTE FUNCTION test_refuse_lines()`);
    try {
      await expect(billCycle(hub.db, cycle, { accountIds, now })).rejects.toThrow(/no room for the lines/);
    } finally {
      await hub.db.query(`DROP TRIGGER test_refuse_lines ON invoice_lines`);
      await hub.db.query(`DROP FUNCTION test_refuse_lines()`);
    }
    const half = await billsOf('2027-01');
    expect(half.map((b) => b.accountId).sort()).toEqual(accountIds.slice(0, 5).sort());
    await expectGapless(); // the victim's number was given back
    const rerun = await billCycle(hub.db, cycle, { accountIds, now });
    expect(rerun.alreadyBilled).toBe(5);
    expect(rerun.issued.map((b) => b.accountId)).toEqual(accountIds.slice(5));
    expect(await billsOf('2027-01')).toHaveLength(accountIds.length);
    await expectGapless();
  }, 60_000);

  it('leaves its bills frozen', async () => {
    const [bill] = await billsOf('2026-11');
    await expect(hub.db.query(`UPDATE invoices SET total = total + 1 WHERE id = $1`, [bill!.id])).rejects.toThrow(/frozen/);
    await expect(hub.db.query(`DELETE FROM invoice_lines WHERE invoice_id = $1`, [bill!.id])).rejects.toThrow(/frozen/);
  });
});
