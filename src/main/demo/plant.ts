/**
 * Billing errors planted in the demo set, for the fairness check to find ("is this bill right?",
 * core/billing/fairness.ts). One account in PLANT_EVERY (by customer index, offset by the seed, so
 * customer i is planted or not whatever the size of the set) has its LAST invoice damaged the way
 * a faulty billing system would, its sums kept consistent (subtotal, VAT row, total, amount due):
 *
 *   duplicate-fee          the plan's monthly fee line billed a second time;
 *   usage-rated-twice      the usage line (one plan all cycle) billed a second time;
 *   promotion-not-applied  a promotion line left off.
 *
 * The kinds take turns from one planted account to the next; an account whose bill has no line
 * for its turn gets the next kind it has. What was planted, where, and what the customer is owed
 * (VAT included) is kept under PLANTED_ERRORS_KEY in sync_state, for tests and the demo to read.
 * Only the last invoice is touched, so no later bill carries a damaged balance.
 */
import type Database from 'better-sqlite3';
import { percentOf } from '../../core/money';
import { withFrozenInvoicesLifted } from '../store/frozen-invoices';
import { mix32 } from './random';

export const PLANT_EVERY = 40;
export const PLANTED_ERRORS_KEY = 'demo_billing_errors';
export const PLANTED_KINDS = ['duplicate-fee', 'usage-rated-twice', 'promotion-not-applied'] as const;
export type PlantedKind = (typeof PLANTED_KINDS)[number];

export interface PlantedError {
  readonly accountId: string;
  readonly invoiceId: string;
  readonly kind: PlantedKind;
  /** What the customer was charged too much, VAT included. */
  readonly owed: number;
}

interface LineRow {
  readonly id: string;
  readonly position: number;
  readonly kind: string;
  readonly amount: number;
  readonly taxRateBp: number;
  readonly explanation: string;
}

/** The kind this account's bill can carry, starting from its turn. */
function kindFor(turn: number, lines: readonly LineRow[]): { kind: PlantedKind; line: LineRow } | null {
  const usage = lines.filter((l) => l.kind === 'overage');
  for (let k = 0; k < PLANTED_KINDS.length; k++) {
    const kind = PLANTED_KINDS[(turn + k) % PLANTED_KINDS.length]!;
    const line =
      kind === 'duplicate-fee'
        ? lines.find((l) => l.kind === 'plan')
        : kind === 'usage-rated-twice'
          ? usage.length === 1 && !(JSON.parse(usage[0]!.explanation) as { share?: unknown }).share
            ? usage[0]
            : undefined
          : lines.find((l) => l.kind === 'promotion');
    if (line) return { kind, line };
  }
  return null;
}

interface Statements {
  readonly linesOf: Database.Statement<[string], LineRow>;
  readonly deleteLines: Database.Statement<[string]>;
  readonly insertLine: Database.Statement<[string, string, number, string, number, number, string]>;
  readonly updateTotals: Database.Statement<[number, number, number, number, string]>;
}

function statements(client: Database.Database): Statements {
  return {
    linesOf: client.prepare(
      'SELECT id, position, kind, amount, tax_rate_bp AS taxRateBp, explanation FROM invoice_lines WHERE invoice_id = ? ORDER BY position',
    ),
    deleteLines: client.prepare('DELETE FROM invoice_lines WHERE invoice_id = ?'),
    insertLine: client.prepare('INSERT INTO invoice_lines (id, invoice_id, position, kind, amount, tax_rate_bp, explanation) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    updateTotals: client.prepare('UPDATE invoices SET subtotal = subtotal + ?, tax = tax + ?, total = total + ?, amount_due = amount_due + ? WHERE id = ?'),
  };
}

/**
 * Damages one invoice with the first kind its lines allow, starting from `turn` (see the top).
 * Returns what was planted, or null when the bill has no line for any kind.
 */
function plantOn(st: Statements, accountId: string, invoiceId: string, turn: number): PlantedError | null {
  const lines = st.linesOf.all(invoiceId);
  const chosen = kindFor(turn, lines);
  if (!chosen) return null;
  const { kind, line } = chosen;
  // Every line planted here is taxable at the line's rate (a fee, usage, a promotion).
  const sign = kind === 'promotion-not-applied' ? -1 : 1;
  const amount = sign * line.amount;
  const tax = sign * percentOf(line.amount, line.taxRateBp);
  const kept =
    kind === 'promotion-not-applied'
      ? lines.filter((l) => l.id !== line.id)
      : lines.flatMap((l) => (l.id === line.id ? [l, { ...l, id: `${l.id}-twice` }] : [l]));
  st.deleteLines.run(invoiceId);
  kept.forEach((l, k) => {
    let explanation = l.explanation;
    let lineAmount = l.amount;
    if (l.kind === 'tax') {
      const vat = JSON.parse(l.explanation) as { taxableAmount: number };
      explanation = JSON.stringify({ ...vat, taxableAmount: vat.taxableAmount + amount });
      lineAmount = l.amount + tax;
    }
    st.insertLine.run(l.id, invoiceId, k + 1, l.kind, lineAmount, l.taxRateBp, explanation);
  });
  st.updateTotals.run(amount, tax, amount + tax, amount + tax, invoiceId);
  return { accountId, invoiceId, kind, owed: amount + tax };
}

/** Plants the errors in one account in PLANT_EVERY and records them; returns them. */
export function plantBillingErrors(client: Database.Database, seed: number): PlantedError[] {
  const accounts = client.prepare('SELECT id FROM accounts ORDER BY id').pluck().all() as string[];
  const lastInvoice = client.prepare<[string], string>('SELECT id FROM invoices WHERE account_id = ? ORDER BY cycle_start DESC LIMIT 1').pluck();
  const st = statements(client);
  const offset = mix32(seed) % PLANT_EVERY;
  const planted: PlantedError[] = [];
  // The bills are damaged after they were issued, behind the store's back (frozen-invoices.ts).
  withFrozenInvoicesLifted(client, () => {
    accounts.forEach((accountId, index) => {
      if ((index + offset) % PLANT_EVERY !== 0) return;
      const invoiceId = lastInvoice.get(accountId);
      const error = invoiceId === undefined ? null : plantOn(st, accountId, invoiceId, planted.length);
      if (error) planted.push(error);
    });
    recordPlanted(client, planted);
  });
  return planted;
}

/**
 * One more planted error of `kind` on this account's last invoice (tests: a small demo set may
 * not have a bill with usage or a promotion among its planted accounts). Null when its last bill
 * has no line for that kind.
 */
export function plantOnLastInvoice(client: Database.Database, accountId: string, kind: PlantedKind): PlantedError | null {
  const invoiceId = client.prepare('SELECT id FROM invoices WHERE account_id = ? ORDER BY cycle_start DESC LIMIT 1').pluck().get(accountId) as
    string | undefined;
  if (invoiceId === undefined) return null;
  const st = statements(client);
  if (kindFor(PLANTED_KINDS.indexOf(kind), st.linesOf.all(invoiceId))?.kind !== kind) return null;
  const error = withFrozenInvoicesLifted(client, () => plantOn(st, accountId, invoiceId, PLANTED_KINDS.indexOf(kind)));
  if (error) recordPlanted(client, [...plantedErrors(client), error]);
  return error;
}

function recordPlanted(client: Database.Database, planted: readonly PlantedError[]): void {
  client
    .prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
    .run(PLANTED_ERRORS_KEY, JSON.stringify(planted));
}

/** The errors planted in this store's demo set ([] for a store without). */
export function plantedErrors(client: Database.Database): PlantedError[] {
  const row = client.prepare('SELECT value FROM sync_state WHERE key = ?').get(PLANTED_ERRORS_KEY) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as PlantedError[]) : [];
}
