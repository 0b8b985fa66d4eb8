/**
 * THE FAIRNESS CHECK — "is this bill right?". An issued invoice (as it was stored and sent) is set
 * against the invoice the engine computes NOW for the same cycle from the current history. Every
 * difference is a line (by the engine's line id: the same charge for the same days) whose issued
 * and recomputed amounts differ, with who is owed and why:
 *
 *   duplicate-fee          a fee line was billed several times where the engine bills it once;
 *   usage-rated-twice      a usage line billed twice, or billed on twice the usage recorded;
 *   late-plan-change       a subscription change in force during the cycle was recorded on or
 *                          after the issue date (the bill was made without it): every fee,
 *                          promotion and usage line the change moves is put down to it;
 *   promotion-not-applied  a promotion line the engine gives and the bill left out;
 *   price-not-notified     a catalog price increase billed before this customer owed it: before
 *                          one month after they were told of it, or with no record that they
 *                          were (the notice rule, catalog.ts; Code de la consommation L224-33).
 *                          One difference per item: all its fee lines on the two bills, whatever
 *                          way the days were cut, when every day the bill charged either the fee
 *                          the engine charges or the increase it holds back;
 *   price-not-in-force     the same fee for the same days at a monthly price the catalog never had
 *                          for those days (a wrong rate, a price change that is not in the
 *                          catalog): still distinct from price-not-notified, which is a price the
 *                          catalog does have, not yet owed by this customer;
 *   calculated-differently anything else: the two lines, to read out.
 *
 * WHERE THE NOTICE RULE LIVES: in the invoice engine itself (catalog.ts priceLookup, used by
 * recurring.ts), not only in this check. The engine bills the old fee until the notice period has
 * run, on a line that carries the increase it holds back (explanation.priceHeld), because the
 * rule decides what is owed, not merely whether a bill was wrong: the month-end run, a plan quote
 * and the recomputation here must all agree on it, and a bill issued at the new price too early is
 * then exactly what recomputing it shows — the held-back increase for those days, VAT included.
 *
 * Amounts are VAT included (line totals, what the customer pays). A difference is
 * recomputed − issued: negative, the customer was charged too much; positive, too little. The
 * customer is owed the net over-charge of the bill, max(0, −Σ differences): a correction in the
 * customer's favour is given back in full, one against them on the same bill is netted out of it
 * and never claimed back. Data only: sentences come from explain-fairness.ts.
 */
import { sumMinor, type CurrencyCode, type Minor } from '../money/money';
import type { HeldIncrease } from './catalog';
import type { Invoice, InvoiceLine, ItemRef, LineCode, PromotionRef, RecurringFeeExplanation } from './invoice-types';
import type { Id, IsoDate, UsageKind } from './types';

/** A change to the subscription (plan, options, promotion) as the store recorded it. */
export interface RecordedChange {
  /** The day it takes effect. */
  readonly effectiveOn: IsoDate;
  /** The day it was recorded. */
  readonly recordedOn: IsoDate;
}

export type FairnessCause =
  | { readonly code: 'duplicate-fee'; readonly copies: number }
  | { readonly code: 'usage-rated-twice'; readonly usage: UsageKind; readonly billedUsage: number; readonly recordedUsage: number }
  | {
      readonly code: 'late-plan-change';
      readonly effectiveOn: IsoDate;
      readonly recordedOn: IsoDate;
      /** The plan the bill charged before the change, and the plan the change put in force (names). */
      readonly fromPlan: string | null;
      readonly toPlan: string | null;
    }
  | { readonly code: 'promotion-not-applied'; readonly promotion: PromotionRef }
  | {
      readonly code: 'price-not-notified';
      readonly item: ItemRef;
      /** The new monthly fee (net of VAT) billed too early, and the one owed until then. */
      readonly newMonthlyFee: Minor;
      readonly monthlyFeeOwed: Minor;
      readonly effectiveFrom: IsoDate;
      /** When the customer was told (null: no record that they were) and the first day the new fee is owed (null: not yet). */
      readonly notifiedOn: IsoDate | null;
      readonly appliesFrom: IsoDate | null;
    }
  | { readonly code: 'price-not-in-force'; readonly item: ItemRef; readonly billedMonthlyFee: Minor; readonly monthlyFeeInForce: Minor }
  | { readonly code: 'calculated-differently' };

export type FairnessCauseCode = FairnessCause['code'];

export interface FairnessDifference {
  /** The engine's line id (the same on both bills). */
  readonly lineId: Id;
  readonly lineCode: LineCode;
  /** The lines with this id on the issued bill (several when it was billed twice), and recomputed. */
  readonly issuedLines: readonly InvoiceLine[];
  readonly recomputedLines: readonly InvoiceLine[];
  /** VAT included. */
  readonly issued: Minor;
  readonly recomputed: Minor;
  /** recomputed − issued. */
  readonly difference: Minor;
  readonly owedTo: 'customer' | 'company';
  readonly cause: FairnessCause;
}

export interface FairnessCheck {
  readonly invoiceId: Id;
  readonly currency: CurrencyCode;
  readonly issuedTotal: Minor;
  readonly recomputedTotal: Minor;
  readonly differences: readonly FairnessDifference[];
  /** What the bill charged too much, net (≥ 0): the correcting credit. */
  readonly customerOwed: Minor;
  /** What the bill charged too little, net (≥ 0): shown, never claimed back. */
  readonly undercharged: Minor;
}

export interface FairnessFacts {
  /** Subscription changes of the account with the day each was recorded (any; the check filters). */
  readonly changes: readonly RecordedChange[];
}

function sameLine(a: InvoiceLine, b: InvoiceLine): boolean {
  return a.amount === b.amount && a.tax === b.tax && a.total === b.total && JSON.stringify(a.explanation) === JSON.stringify(b.explanation);
}

function group(lines: readonly InvoiceLine[]): Map<Id, InvoiceLine[]> {
  const by = new Map<Id, InvoiceLine[]>();
  for (const l of lines) {
    const list = by.get(l.id);
    if (list) list.push(l);
    else by.set(l.id, [l]);
  }
  return by;
}

const MOVED_BY_PLAN_CHANGE: ReadonlySet<LineCode> = new Set<LineCode>(['recurring-fee', 'promotion', 'overage']);

/** The plan a bill's fee lines charge on `date` (by name), or null. */
function planOn(lines: readonly InvoiceLine[], date: IsoDate): string | null {
  for (const l of lines) {
    const e = l.explanation;
    if (e.code === 'recurring-fee' && e.item.kind === 'plan' && e.from <= date && date <= e.to) return e.item.name;
  }
  return null;
}

function causeOf(
  issued: readonly InvoiceLine[],
  recomputed: readonly InvoiceLine[],
  late: RecordedChange | null,
  issuedInvoice: Invoice,
  recomputedInvoice: Invoice,
): FairnessCause {
  const first = issued[0] ?? recomputed[0]!;
  const code = first.explanation.code;
  // The same line billed more than once, the engine billing it once.
  if (issued.length > 1 && recomputed.length === 1 && issued.every((l) => sameLine(l, recomputed[0]!))) {
    if (code === 'overage' && first.explanation.code === 'overage') {
      return {
        code: 'usage-rated-twice',
        usage: first.explanation.usage,
        billedUsage: first.explanation.used * issued.length,
        recordedUsage: first.explanation.used,
      };
    }
    if (code === 'recurring-fee' || code === 'one-off-fee' || code === 'late-fee') return { code: 'duplicate-fee', copies: issued.length };
  }
  if (late && MOVED_BY_PLAN_CHANGE.has(code)) {
    return {
      code: 'late-plan-change',
      effectiveOn: late.effectiveOn,
      recordedOn: late.recordedOn,
      fromPlan: planOn(issuedInvoice.lines, late.effectiveOn),
      toPlan: planOn(recomputedInvoice.lines, late.effectiveOn),
    };
  }
  const i = issued.length === 1 ? issued[0]!.explanation : null;
  const r = recomputed.length === 1 ? recomputed[0]!.explanation : null;
  if (issued.length === 0 && r?.code === 'promotion') return { code: 'promotion-not-applied', promotion: r.promotion };
  if (i?.code === 'overage' && r?.code === 'overage' && i.used > r.used && i.used === 2 * r.used && i.allowance === r.allowance) {
    return { code: 'usage-rated-twice', usage: i.usage, billedUsage: i.used, recordedUsage: r.used };
  }
  if (i?.code === 'recurring-fee' && r?.code === 'recurring-fee' && i.from === r.from && i.to === r.to && i.monthlyFee !== r.monthlyFee) {
    return { code: 'price-not-in-force', item: r.item, billedMonthlyFee: i.monthlyFee, monthlyFeeInForce: r.monthlyFee };
  }
  return { code: 'calculated-differently' };
}

/**
 * The late-recorded change that explains a moved line: in force on a day of the cycle (or before
 * it, still in force), recorded on or after the day the bill was issued. The latest-effective one.
 */
function lateChangeOf(invoice: Invoice, facts: FairnessFacts): RecordedChange | null {
  let found: RecordedChange | null = null;
  for (const c of facts.changes) {
    if (c.effectiveOn > invoice.cycle.end || c.recordedOn < invoice.issueDate) continue;
    if (!found || c.effectiveOn > found.effectiveOn) found = c;
  }
  return found;
}

type FeeLine = InvoiceLine & { readonly explanation: RecurringFeeExplanation };

const isFee = (l: InvoiceLine): l is FeeLine => l.explanation.code === 'recurring-fee';
const overlaps = (a: RecurringFeeExplanation, b: RecurringFeeExplanation): boolean => a.from <= b.to && b.from <= a.to;
const daysOf = (lines: readonly FeeLine[]): number => lines.reduce((n, l) => n + l.explanation.days, 0);

/**
 * The fee lines of one item that an increase billed too early explains (see price-not-notified at
 * the top), as one difference; null when they are not that. Lines the same on both bills are left
 * out; the rest must cover the same days, each issued line charging on every day either the fee
 * the engine charges or the increase it holds back, and at least one the held-back increase.
 */
function notNotified(issued: readonly FeeLine[], recomputed: readonly FeeLine[]): { a: FeeLine[]; b: FeeLine[]; held: HeldIncrease; owed: Minor } | null {
  const same = (l: FeeLine, others: readonly FeeLine[]) => others.some((o) => o.id === l.id && sameLine(o, l));
  const a = issued.filter((l) => !same(l, recomputed));
  const b = recomputed.filter((l) => !same(l, issued));
  if (a.length === 0 || b.length === 0 || daysOf(a) !== daysOf(b)) return null;
  const span = (ls: readonly FeeLine[]) =>
    [
      ls.map((l) => l.explanation.from).sort()[0],
      ls
        .map((l) => l.explanation.to)
        .sort()
        .at(-1),
    ].join();
  if (span(a) !== span(b)) return null;
  let held: HeldIncrease | null = null;
  let owed: Minor = 0;
  for (const x of a) {
    for (const y of b) {
      if (!overlaps(x.explanation, y.explanation)) continue;
      const fee = x.explanation.monthlyFee;
      if (y.explanation.priceHeld && fee === y.explanation.priceHeld.monthlyFee) {
        held ??= y.explanation.priceHeld;
        owed = y.explanation.monthlyFee;
      } else if (fee !== y.explanation.monthlyFee) return null;
    }
  }
  return held ? { a, b, held, owed } : null;
}

/**
 * Every difference between the issued invoice and the one the engine computes now for the same
 * cycle, issued-bill order first, then the lines only the recomputed bill has.
 */
export function checkInvoice(issued: Invoice, recomputed: Invoice, facts: FairnessFacts = { changes: [] }): FairnessCheck {
  if (issued.cycle.start !== recomputed.cycle.start || issued.cycle.end !== recomputed.cycle.end) {
    throw new RangeError(`the recomputed invoice is for ${recomputed.cycle.start}, the issued one for ${issued.cycle.start}`);
  }
  const byIdIssued = group(issued.lines);
  const byIdNow = group(recomputed.lines);
  const ids = [...byIdIssued.keys(), ...[...byIdNow.keys()].filter((id) => !byIdIssued.has(id))];
  const late = lateChangeOf(issued, facts);
  const differences: FairnessDifference[] = [];
  // An increase billed too early, one item at a time: its fee lines as one difference, at the place of its first line.
  const folded = new Map<Id, FairnessDifference | null>();
  const itemOf = (l: FeeLine): string => `${l.explanation.item.kind}:${l.explanation.item.id}`;
  const heldItems = new Set(recomputed.lines.filter((l): l is FeeLine => isFee(l) && l.explanation.priceHeld !== undefined).map(itemOf));
  for (const key of heldItems) {
    const ofItem = (ls: readonly InvoiceLine[]) => ls.filter((l): l is FeeLine => isFee(l) && itemOf(l) === key);
    const found = notNotified(ofItem(issued.lines), ofItem(recomputed.lines));
    if (!found) continue;
    const issuedTotal = sumMinor(found.a.map((l) => l.total));
    const recomputedTotal = sumMinor(found.b.map((l) => l.total));
    const difference = recomputedTotal - issuedTotal;
    if (difference >= 0) continue;
    const first = found.a[0]!;
    const { held } = found;
    folded.set(first.id, {
      lineId: first.id,
      lineCode: 'recurring-fee',
      issuedLines: found.a,
      recomputedLines: found.b,
      issued: issuedTotal,
      recomputed: recomputedTotal,
      difference,
      owedTo: 'customer',
      cause: {
        code: 'price-not-notified',
        item: first.explanation.item,
        newMonthlyFee: held.monthlyFee,
        monthlyFeeOwed: found.owed,
        effectiveFrom: held.effectiveFrom,
        notifiedOn: held.notifiedOn,
        appliesFrom: held.appliesFrom,
      },
    });
    for (const l of [...found.a, ...found.b]) if (l.id !== first.id) folded.set(l.id, null);
  }
  for (const id of ids) {
    if (folded.has(id)) {
      const d = folded.get(id);
      if (d) differences.push(d);
      continue;
    }
    const a = byIdIssued.get(id) ?? [];
    const b = byIdNow.get(id) ?? [];
    if (a.length === b.length && a.every((l, k) => sameLine(l, b[k]!))) continue;
    const issuedTotal = sumMinor(a.map((l) => l.total));
    const recomputedTotal = sumMinor(b.map((l) => l.total));
    const difference = recomputedTotal - issuedTotal;
    // A line whose explanation moved but whose amount did not is no money difference.
    if (difference === 0) continue;
    differences.push({
      lineId: id,
      lineCode: (a[0] ?? b[0]!).explanation.code,
      issuedLines: a,
      recomputedLines: b,
      issued: issuedTotal,
      recomputed: recomputedTotal,
      difference,
      owedTo: difference < 0 ? 'customer' : 'company',
      cause: causeOf(a, b, late, issued, recomputed),
    });
  }
  const net = sumMinor(differences.map((d) => d.difference));
  return {
    invoiceId: issued.id,
    currency: issued.currency,
    issuedTotal: issued.total,
    recomputedTotal: recomputed.total,
    differences,
    customerOwed: Math.max(0, -net),
    undercharged: Math.max(0, net),
  };
}

/** The causes found, each once, in the order they first appear. */
export function fairnessCauses(check: FairnessCheck): FairnessCauseCode[] {
  return [...new Set(check.differences.map((d) => d.cause.code))];
}
