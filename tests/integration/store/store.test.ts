import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, PRAGMAS, findMigrationsFolder } from '../../../src/main/store/db';
import { uuidv7 } from '../../../src/main/store/ids';

const dirs: string[] = [];
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ardoise-store-'));
  dirs.push(dir);
  return join(dir, 'ardoise.db');
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('store pragmas (DESIGN.md: WAL, synchronous=FULL, foreign keys, busy timeout)', () => {
  it('opens every connection with the pragmas money needs', () => {
    const db = openStore({ file: tempFile() });
    const c = db.$client;
    expect(c.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(c.pragma('synchronous', { simple: true })).toBe(2);
    expect(c.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(c.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(PRAGMAS.synchronous).toBe(2);
    c.close();
  });
});

/** The schema every replay of drizzle/desktop must produce; a change here is a reviewed change. */
const EXPECTED_TABLES = [
  'accounts',
  'addresses',
  'approval_requests',
  'audit_log',
  'call_facts',
  'call_facts_stale',
  'call_practices',
  'catalog_prices',
  'command_outbox',
  'credential_failures',
  'customer_emails',
  'customer_outcomes',
  'customer_phones',
  'customer_search',
  'customer_secrets',
  'customers',
  'disputes',
  'experiment_assignments',
  'experiment_exposures',
  'follow_ups',
  'idempotency_keys',
  'interaction_notes',
  'interactions',
  'invoice_lines',
  'invoice_series',
  'invoices',
  'ledger_entries',
  'payment_plan_instalments',
  'payment_plans',
  'payments',
  'plans',
  'policies',
  'price_notices',
  'promotions',
  'roles',
  'settings',
  'subscription_changes',
  'subscriptions',
  'sync_state',
  'sync_versions',
  'usage_records',
  'users',
  'verification_attempts',
  'verification_unlocks',
];

describe('migrations', () => {
  it('replay on an empty database gives the expected schema', () => {
    const db = openStore({ file: tempFile() });
    const c = db.$client;
    const tables = c
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' AND name NOT LIKE 'customer_search_%' ORDER BY name`,
      )
      .pluck()
      .all();
    expect(tables).toEqual(EXPECTED_TABLES);
    const triggers = c.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name`).pluck().all();
    expect(triggers).toEqual([
      'audit_log_no_delete',
      'audit_log_no_replace',
      'audit_log_no_update',
      'call_facts_stale_account_delete',
      'call_facts_stale_account_insert',
      'call_facts_stale_account_update',
      'call_facts_stale_approval_delete',
      'call_facts_stale_approval_insert',
      'call_facts_stale_approval_update',
      'call_facts_stale_assignment_delete',
      'call_facts_stale_assignment_insert',
      'call_facts_stale_assignment_update',
      'call_facts_stale_attempt_delete',
      'call_facts_stale_attempt_insert',
      'call_facts_stale_attempt_update',
      'call_facts_stale_cancellation_delete',
      'call_facts_stale_cancellation_insert',
      'call_facts_stale_cancellation_update',
      'call_facts_stale_customer_churn',
      'call_facts_stale_exposure_delete',
      'call_facts_stale_exposure_insert',
      'call_facts_stale_exposure_update',
      'call_facts_stale_interaction_delete',
      'call_facts_stale_interaction_insert',
      'call_facts_stale_interaction_update',
      'call_facts_stale_invoice_delete',
      'call_facts_stale_invoice_insert',
      'call_facts_stale_invoice_update',
      'call_facts_stale_later_calls_delete',
      'call_facts_stale_later_calls_insert',
      'call_facts_stale_later_calls_update',
      'call_facts_stale_practices_delete',
      'call_facts_stale_practices_insert',
      'call_facts_stale_practices_update',
      'call_practices_from_audit',
      'customers_search_ad',
      'customers_search_ai',
      'customers_search_au',
      'experiment_assignments_hub_first',
      'invoice_lines_frozen',
      'invoice_lines_no_delete',
      'invoices_document_kind',
      'invoices_frozen',
      'invoices_no_delete',
      'ledger_entries_no_delete',
      'ledger_entries_no_replace',
      'ledger_entries_no_update',
      'payments_card_last4_insert',
      'payments_card_last4_update',
    ]);
    // Money columns are integers, never REAL.
    for (const [table, column] of [
      ['invoices', 'total'],
      ['invoice_lines', 'amount'],
      ['ledger_entries', 'amount'],
      ['payments', 'amount'],
      ['catalog_prices', 'amount'],
    ] as const) {
      const col = (c.prepare(`PRAGMA table_info(${table})`).all() as { name: string; type: string; notnull: number }[]).find((x) => x.name === column);
      expect(col, `${table}.${column}`).toMatchObject({ type: 'INTEGER', notnull: 1 });
    }
    expect(c.pragma('foreign_key_check')).toEqual([]);
    expect(c.pragma('integrity_check', { simple: true })).toBe('ok');
    c.close();
  });

  it('is idempotent: opening an up-to-date store applies nothing twice', () => {
    const file = tempFile();
    openStore({ file }).$client.close();
    const c = openStore({ file }).$client;
    const applied = c.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get();
    const raw = new Database(':memory:');
    expect(applied).toBeGreaterThanOrEqual(2);
    raw.close();
    c.close();
    expect(findMigrationsFolder()).toMatch(/drizzle[/\\]desktop$/);
  });
});

describe('store rules enforced by the database itself', () => {
  function seedCustomer(c: Database.Database, given: string, family: string): string {
    const id = uuidv7();
    c.prepare(
      `INSERT INTO customers (id, given_name, family_name, date_of_birth, category, country, locale, created_at) VALUES (?, ?, ?, '1980-01-01', 'residential', 'FR', 'fr', '2026-01-01T00:00:00.000Z')`,
    ).run(id, given, family);
    return id;
  }

  it('name search is prefix, accent- and case-insensitive, and follows updates and deletes', () => {
    const c = openStore({ file: tempFile() }).$client;
    const id = seedCustomer(c, 'Hélène', 'Lefèvre');
    // Index terms are marked: g… a given-name word, f… a family-name word, n… the whole name (0005).
    const find = (q: string) =>
      c.prepare(`SELECT c.id FROM customer_search s JOIN customers c ON c.rowid = s.rowid WHERE customer_search MATCH ?`).pluck().all(q);
    expect(find('"ghelene"*')).toEqual([id]);
    expect(find('"gHEL"* "flef"*')).toEqual([id]);
    expect(find('"ghélène"')).toEqual([id]);
    expect(find('"flefevre"')).toEqual([id]);
    expect(find('"glefevre"')).toEqual([]);
    c.prepare(`UPDATE customers SET family_name = 'Dupré' WHERE id = ?`).run(id);
    expect(find('"flefevre"')).toEqual([]);
    expect(find('"fdupre"')).toEqual([id]);
    expect(find('"nhelenedupre"')).toEqual([id]);
    c.prepare(`DELETE FROM customers WHERE id = ?`).run(id);
    expect(find('"fdupre"')).toEqual([]);
    c.close();
  });

  it('name search finds hyphenated and apostrophe names typed apart or joined', () => {
    const c = openStore({ file: tempFile() }).$client;
    const id = seedCustomer(c, 'Jean-Pierre', "N'Diaye");
    const other = seedCustomer(c, 'Anne', 'D’Almeida');
    const find = (q: string) =>
      c.prepare(`SELECT c.id FROM customer_search s JOIN customers c ON c.rowid = s.rowid WHERE customer_search MATCH ?`).pluck().all(q);
    for (const q of ['"fndiaye"', '"fn" "fdiaye"', '"gjeanpierre"', '"gjean" "gpierre"', '"njeanpierrendiaye"', '"nndiayejeanpierre"'])
      expect(find(q), q).toEqual([id]);
    for (const q of ['"fdalmeida"', '"falmeida"', '"fd" "falmeida"']) expect(find(q), q).toEqual([other]);
    c.close();
  });

  it('refuses to edit or delete audit entries and ledger entries', () => {
    const c = openStore({ file: tempFile() }).$client;
    c.prepare(`INSERT INTO audit_log (id, at, action, prev_hash, hash) VALUES (?, '2026-01-01T00:00:00.000Z', 'test', '0', '1')`).run(uuidv7());
    expect(() => c.prepare(`UPDATE audit_log SET action = 'edited'`).run()).toThrow(/append-only/);
    expect(() => c.prepare(`DELETE FROM audit_log`).run()).toThrow(/append-only/);
    const customerId = seedCustomer(c, 'Zoé', 'Martin');
    const accountId = uuidv7();
    c.prepare(`INSERT INTO accounts (id, customer_id, number, currency, status, opened_on) VALUES (?, ?, 'AR-00000001', 'EUR', 'active', '2025-01-01')`).run(
      accountId,
      customerId,
    );
    c.prepare(
      `INSERT INTO ledger_entries (id, account_id, kind, amount, currency, reason_code, effective_on, created_at) VALUES (?, ?, 'credit', 500, 'EUR', 'goodwill', '2026-01-01', '2026-01-01T00:00:00.000Z')`,
    ).run(uuidv7(), accountId);
    expect(() => c.prepare(`UPDATE ledger_entries SET amount = 50000`).run()).toThrow(/append-only/);
    expect(() => c.prepare(`DELETE FROM ledger_entries`).run()).toThrow(/append-only/);
    expect(c.prepare(`SELECT amount FROM ledger_entries`).pluck().get()).toBe(500);
    c.close();
  });

  it('keeps four digits of a card and never more (0010)', () => {
    const c = openStore({ file: tempFile() }).$client;
    const customerId = seedCustomer(c, 'Zoé', 'Martin');
    const accountId = uuidv7();
    c.prepare(`INSERT INTO accounts (id, customer_id, number, currency, status, opened_on) VALUES (?, ?, 'AR-00000001', 'EUR', 'active', '2025-01-01')`).run(
      accountId,
      customerId,
    );
    const insert = (last4: string | null) =>
      c
        .prepare(`INSERT INTO payments (id, account_id, amount, currency, received_on, method, card_last4) VALUES (?, ?, 100, 'EUR', '2026-01-01', 'card', ?)`)
        .run(uuidv7(), accountId, last4);
    insert('4242');
    insert(null);
    for (const bad of ['4242424242424242', '424', '42a2', '', '42424']) expect(() => insert(bad), bad).toThrow(/four digits/);
    expect(() => c.prepare(`UPDATE payments SET card_last4 = '4111111111111111'`).run()).toThrow(/four digits/);
    expect(c.prepare(`SELECT count(*) FROM payments WHERE status = 'received'`).pluck().get()).toBe(2);
    c.close();
  });

  it('enforces foreign keys', () => {
    const c = openStore({ file: tempFile() }).$client;
    expect(() =>
      c
        .prepare(
          `INSERT INTO accounts (id, customer_id, number, currency, status, opened_on) VALUES (?, 'no-such-customer', 'AR-1', 'EUR', 'active', '2025-01-01')`,
        )
        .run(uuidv7()),
    ).toThrow(/FOREIGN KEY/);
    c.close();
  });
});

describe('migrations only add to synced tables (DESIGN.md)', () => {
  /** Derived data that may be rebuilt from the synced tables. */
  const DERIVED = new Set(['customer_search']);

  it('no migration drops, renames or alters away a synced table or column', () => {
    const folder = findMigrationsFolder();
    const files = readdirSync(folder).filter((f) => f.endsWith('.sql'));
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const file of files) {
      const sqlText = readFileSync(join(folder, file), 'utf8').replace(/--[^\n]*/g, '');
      for (const m of sqlText.matchAll(/DROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?`?(\w+)`?/gi)) expect(DERIVED.has(m[1]!), `${file} drops ${m[1]}`).toBe(true);
      expect(sqlText, file).not.toMatch(/DROP\s+COLUMN|RENAME\s+(TO|COLUMN)/i);
    }
  });
});
