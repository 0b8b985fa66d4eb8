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
 * for its turn gets the next kind it has.
 *
 * Besides, in one account in LATE_NOTICE_EVERY (lateNoticeAccount, never one of the above) that
 * had an item whose price went up, the generator sent the notice late, so the increase is owed
 * only from the middle of the last billed month (demo/generate.ts notices); its last bill, where
 * it holds that item with no promotion on it, is damaged the way a billing system that ignores
 * notices bills it:
 *
 *   price-not-notified     the days at the old price (the increase held back) charged the new
 *                          price, merged with the following line at the new price into one.
 *
 * What was planted, where, and what the customer is owed (VAT included) is kept under
 * PLANTED_ERRORS_KEY in sync_state, for tests and the demo to read.
 * Only the last invoice is touched, so no later bill carries a damaged balance.
 */
import type Database from 'better-sqlite3';
import type { RecurringFeeExplanation } from '../../core/billing';
import { prorate } from '../../core/billing/recurring';
import { addDays } from '../../core/billing/dates';
import { percentOf } from '../../core/money';
import { withFrozenInvoicesLifted } from '../store/frozen-invoices';
import { mix32 } from './random';

export const PLANT_EVERY = 40;
export const PLANTED_ERRORS_KEY = 'demo_billing_errors';
/** The kinds that take turns on the accounts of the first class. */
export const ROTATING_KINDS = ['duplicate-fee', 'usage-rated-twice', 'promotion-not-applied'] as const;
export const PLANTED_KINDS = [...ROTATING_KINDS, 'price-not-notified'] as const;
export type PlantedKind = (typeof PLANTED_KINDS)[number];
type RotatingKind = (typeof ROTATING_KINDS)[number];

/** The first class of planted accounts (customer index, offset by the seed): the rotating kinds. */
export function plantedAccount(seed: number, index: number): boolean {
  return (index + (mix32(seed) % PLANT_EVERY)) % PLANT_EVERY === 0;
}

/**
 * The second class, one account in LATE_NOTICE_EVERY, never one of the first (shifted by half of
 * it: 10 divides 40, and 5 is no multiple of 10): the notice of an increase sent late. Only those
 * that had an item whose price went up get one (a quarter of them in the demo catalog), so about
 * one account in 40 again has the error planted.
 */
export const LATE_NOTICE_EVERY = 10;
export function lateNoticeAccount(seed: number, index: number): boolean {
  return (index + (mix32(seed) % PLANT_EVERY) + LATE_NOTICE_EVERY / 2) % LATE_NOTICE_EVERY === 0;
}

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
function kindFor(turn: number, lines: readonly LineRow[]): { kind: RotatingKind; line: LineRow } | null {
  const usage = lines.filter((l) => l.kind === 'overage');
  for (let k = 0; k < ROTATING_KINDS.length; k++) {
    const kind = ROTATING_KINDS[(turn + k) % ROTATING_KINDS.length]!;
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
  rewrite(st, invoiceId, kept, amount, tax);
  return { accountId, invoiceId, kind, owed: amount + tax };
}

interface FeeRow extends LineRow {
  readonly e: RecurringFeeExplanation;
}

/**
 * The increase held back on this bill charged anyway (price-not-notified, at the top): each line
 * at the old price because of the notice rule is charged the new price, merged with the line of
 * the same item that follows it at that price. Null when the bill has no such line, or a
 * promotion on that item (its discount would move too).
 */
function plantNotice(st: Statements, accountId: string, invoiceId: string): PlantedError | null {
  const lines = st.linesOf.all(invoiceId);
  const fees: FeeRow[] = lines.flatMap((l) =>
    l.kind === 'plan' || l.kind === 'option' ? [{ ...l, e: JSON.parse(l.explanation) as RecurringFeeExplanation }] : [],
  );
  const held = fees.filter((f) => f.e.priceHeld?.appliesFrom);
  if (held.length === 0) return null;
  const promoted = new Set(lines.filter((l) => l.kind === 'promotion').map((l) => (JSON.parse(l.explanation) as { item: { kind: string; id: string } }).item));
  if ([...promoted].some((i) => held.some((h) => h.e.item.kind === i.kind && h.e.item.id === i.id))) return null;
  const replaced = new Map<string, LineRow | null>();
  let amount = 0;
  let tax = 0;
  for (const h of held) {
    const { priceHeld, ...e } = h.e;
    const next = fees.find(
      (f) => f.e.item.kind === e.item.kind && f.e.item.id === e.item.id && f.e.from === addDays(e.to, 1) && f.e.monthlyFee === priceHeld!.monthlyFee,
    );
    const days = e.days + (next?.e.days ?? 0);
    const explanation: RecurringFeeExplanation = {
      ...e,
      rule: days === e.daysInCycle ? 'full-cycle' : 'daily-proration',
      to: next?.e.to ?? e.to,
      days,
      monthlyFee: priceHeld!.monthlyFee,
      priceChange: { priceChangeId: priceHeld!.priceChangeId, effectiveFrom: priceHeld!.effectiveFrom, previousMonthlyFee: e.monthlyFee },
    };
    const lineAmount = prorate(explanation.monthlyFee, days, e.daysInCycle);
    const was = [h, ...(next ? [next] : [])];
    amount += lineAmount - was.reduce((n, l) => n + l.amount, 0);
    tax += percentOf(lineAmount, h.taxRateBp) - was.reduce((n, l) => n + percentOf(l.amount, l.taxRateBp), 0);
    replaced.set(h.id, { ...h, amount: lineAmount, explanation: JSON.stringify(explanation) });
    if (next) replaced.set(next.id, null);
  }
  if (amount + tax <= 0) return null;
  const kept = lines.flatMap((l) => {
    const r = replaced.get(l.id);
    return r === undefined ? [l] : r === null ? [] : [{ ...l, amount: r.amount, explanation: r.explanation }];
  });
  rewrite(st, invoiceId, kept, amount, tax);
  return { accountId, invoiceId, kind: 'price-not-notified', owed: amount + tax };
}

/** Writes the bill's lines again (the VAT row moved by `tax` on `amount` more taxable) and its sums. */
function rewrite(st: Statements, invoiceId: string, kept: readonly LineRow[], amount: number, tax: number): void {
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
}

/** Plants the errors in the accounts of both classes (plantedAccount, lateNoticeAccount) and records them; returns them. */
export function plantBillingErrors(client: Database.Database, seed: number): PlantedError[] {
  const accounts = client.prepare('SELECT id FROM accounts ORDER BY id').pluck().all() as string[];
  const lastInvoice = client.prepare<[string], string>('SELECT id FROM invoices WHERE account_id = ? ORDER BY cycle_start DESC LIMIT 1').pluck();
  const st = statements(client);
  const planted: PlantedError[] = [];
  let turn = 0;
  // The bills are damaged after they were issued, behind the store's back (frozen-invoices.ts).
  withFrozenInvoicesLifted(client, () => {
    accounts.forEach((accountId, index) => {
      const rotating = plantedAccount(seed, index);
      if (!rotating && !lateNoticeAccount(seed, index)) return;
      const invoiceId = lastInvoice.get(accountId);
      if (invoiceId === undefined) return;
      const error = rotating ? plantOn(st, accountId, invoiceId, turn) : plantNotice(st, accountId, invoiceId);
      if (error && rotating) turn++;
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
  let error: PlantedError | null;
  if (kind === 'price-not-notified') error = withFrozenInvoicesLifted(client, () => plantNotice(st, accountId, invoiceId));
  else {
    const turn = ROTATING_KINDS.indexOf(kind);
    if (kindFor(turn, st.linesOf.all(invoiceId))?.kind !== kind) return null;
    error = withFrozenInvoicesLifted(client, () => plantOn(st, accountId, invoiceId, turn));
  }
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
