/**
 * Properties of the engine over random catalogs and histories, 10 000 runs each.
 * Rounding bound used below: each prorated line is within half a minor unit of the exact value,
 * so a month split into k lines is within k/2 of the monthly fee — at most 1 per split segment.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applySubscriptionChange,
  compareInvoices,
  cycleContaining,
  daysInCycle,
  explainCause,
  explainLine,
  generateInvoice,
  nextCycle,
  prorate,
  previousCycle,
  quotePlanChange,
  rankPlans,
  summariseComparison,
  type BillingCycle,
  type Catalog,
  type Invoice,
  type UsageKind,
  type UsageRecord,
} from '../../../src/core/billing/index';
import { lastServiceDay, sortedHistory, stateOn } from '../../../src/core/billing/subscription';
import { addDays, dayNumber, fromDayNumber } from '../../../src/core/billing/dates';
import { accountArb, catalogArb, countryArb, cycleArb, dateArb, feeArb, previousInvoiceArb, twoCyclesArb } from './arbitraries';
import { CATALOG, account, refusal } from './fixtures';

const RUNS = { numRuns: 10_000 };
/** The quote and ranking properties bill 13 to 26 months a run: on a busy machine 10 000 runs take minutes. */
const SLOW = 600_000;

/** A random catalog, two consecutive cycles, an account, the bill before, and a country for the second bill. */
const scenarioArb = fc
  .tuple(catalogArb, twoCyclesArb)
  .chain(([catalog, { prev, curr }]) =>
    fc
      .tuple(accountArb(prev, curr), countryArb)
      .chain(([acc, currCountry]) => previousInvoiceArb(prev, acc.paymentTermsDays).map((before) => ({ catalog, prev, curr, acc, currCountry, before }))),
  );

function moneyFields(invoice: Invoice): number[] {
  return [
    invoice.subtotal,
    invoice.tax,
    invoice.total,
    invoice.previousBalance,
    invoice.paymentsReceived,
    invoice.amountDue,
    ...invoice.lines.flatMap((l) => [l.amount, l.tax, l.total]),
  ];
}

const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);

/** Cheap checks for hot loops; vitest's expect is only called to report a failure. */
function check(ok: boolean, what: string, detail?: unknown): void {
  if (!ok) expect({ what, detail }).toBe('satisfied');
}

/** Deep equality of plain JSON data built by the same code (same key order), diffed only on failure. */
function sameData(actual: unknown, expected: unknown): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) expect(actual).toEqual(expected);
}

describe('billing properties', () => {
  it('every amount is an integer number of minor units, and the total is exactly the sum of the lines', () => {
    fc.assert(
      fc.property(scenarioArb, ({ catalog, prev, curr, acc, before }) => {
        const first = generateInvoice(catalog, acc, prev, before);
        const second = generateInvoice(catalog, acc, curr, first);
        for (const invoice of [first, second]) {
          check(moneyFields(invoice).every(Number.isSafeInteger), 'integer minor units', invoice);
          check(
            invoice.lines.every((l) => l.total === l.amount + l.tax),
            'line total = amount + tax',
            invoice,
          );
          check(invoice.total === sum(invoice.lines.map((l) => l.total)), 'total = Σ line totals', invoice);
          check(invoice.subtotal === sum(invoice.lines.map((l) => l.amount)), 'subtotal = Σ line amounts', invoice);
          check(invoice.tax === sum(invoice.lines.map((l) => l.tax)), 'tax = Σ line VAT', invoice);
          check(invoice.total === invoice.subtotal + invoice.tax, 'total = subtotal + tax', invoice);
          check(invoice.amountDue === invoice.previousBalance - invoice.paymentsReceived + invoice.total, 'amount due', invoice);
          check(new Set(invoice.lines.map((l) => l.id)).size === invoice.lines.length, 'unique line ids', invoice);
        }
      }),
      RUNS,
    );
  });

  it('comparison causes add up exactly to the difference of the totals', () => {
    fc.assert(
      fc.property(scenarioArb, ({ catalog, prev, curr, acc, currCountry, before }) => {
        const previous = generateInvoice(catalog, acc, prev, before);
        const current = generateInvoice(catalog, { ...acc, country: currCountry }, curr, previous);
        const cmp = compareInvoices(previous, current);
        check(cmp.difference === current.total - previous.total, 'difference of totals', cmp);
        check(sum(cmp.causes.map((c) => c.amount)) === cmp.difference, 'causes add up to the difference', cmp);
        check(
          cmp.causes.every((c) => Number.isSafeInteger(c.amount) && c.amount !== 0),
          'non-zero integer causes',
          cmp,
        );
        check(
          cmp.causes.every((c, i) => i === 0 || Math.abs(cmp.causes[i - 1]?.amount ?? 0) >= Math.abs(c.amount)),
          'largest first',
          cmp,
        );
        check(new Set(cmp.causes.map((c) => c.key)).size === cmp.causes.length, 'one cause per key', cmp);
        // Comparing a bill with itself finds nothing.
        check(compareInvoices(current, current).causes.length === 0, 'no cause between a bill and itself', current);
      }),
      RUNS,
    );
  });

  it('every line and every cause can be said in English and French', () => {
    fc.assert(
      fc.property(scenarioArb, ({ catalog, prev, curr, acc, currCountry, before }) => {
        const previous = generateInvoice(catalog, acc, prev, before);
        const current = generateInvoice(catalog, { ...acc, country: currCountry }, curr, previous);
        const cmp = compareInvoices(previous, current);
        for (const locale of ['en', 'fr'] as const) {
          for (const line of current.lines) check(/\d/.test(explainLine(line, locale)), 'line sentence', line);
          for (const cause of cmp.causes) check(/\S/.test(explainCause(cause, 'EUR', locale, Number(curr.start.slice(0, 4)))), 'cause sentence', cause);
          check(/^(Your bill|Votre facture)/.test(summariseComparison(cmp, locale)), 'summary', cmp);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('proration over a whole cycle gives exactly the monthly fee', () => {
    fc.assert(
      fc.property(cycleArb, feeArb, (cycle, fee) => {
        check(prorate(fee, daysInCycle(cycle), daysInCycle(cycle)) === fee, 'prorate whole cycle', { fee, cycle });
        const catalog: Catalog = { ...CATALOG, plans: CATALOG.plans.map((p) => ({ ...p, monthlyFee: fee })), priceChanges: [] };
        const invoice = generateInvoice(catalog, account({ subscription: [{ from: addDays(cycle.start, -3), planId: 'basic', optionIds: [] }] }), cycle);
        check(invoice.lines.length === 1 && invoice.lines[0]?.amount === fee, 'one full-month line', invoice);
      }),
      RUNS,
    );
  });

  it('splitting a cycle at any days keeps the total within 1 minor unit per split segment', () => {
    // Premium and Premium Bis have the same fee; switching between them only splits the month.
    const splitArb = cycleArb.chain((cycle) =>
      fc.tuple(fc.constant(cycle), feeArb, fc.uniqueArray(fc.integer({ min: 1, max: daysInCycle(cycle) - 1 }), { minLength: 1, maxLength: 4 })),
    );
    fc.assert(
      fc.property(splitArb, ([cycle, fee, offsets]) => {
        const catalog: Catalog = { ...CATALOG, plans: CATALOG.plans.map((p) => ({ ...p, monthlyFee: fee })), priceChanges: [] };
        const switches = [...offsets]
          .sort((a, b) => a - b)
          .map((offset, i) => ({
            from: fromDayNumber(dayNumber(cycle.start) + offset),
            planId: i % 2 === 0 ? 'premium-bis' : 'premium',
            optionIds: [],
          }));
        const subscription = [{ from: cycle.start, planId: 'premium', optionIds: [] }, ...switches];
        const lines = generateInvoice(catalog, account({ subscription }), cycle).lines;
        check(lines.length === offsets.length + 1, 'one line per segment', lines);
        const drift = Math.abs(sum(lines.map((l) => l.amount)) - fee);
        check(2 * drift <= lines.length, '≤ ½ minor unit per line', { fee, lines });
        check(drift <= offsets.length, '≤ 1 minor unit per split', { fee, lines });
      }),
      RUNS,
    );
  });

  it(
    'a quote is the invoice generated after the change, and its year the sum of twelve engine invoices',
    () => {
      const quoteArb = scenarioArb.chain((s) =>
        fc.record({
          s: fc.constant(s),
          date: dateArb(s.curr.start, s.curr.end),
          timing: fc.constantFrom('now' as const, 'end-of-cycle' as const),
          planId: fc.option(fc.constantFrom('basic', 'confort', 'premium'), { nil: undefined }),
          optionIds: fc.option(fc.subarray(['europe', 'data-plus', 'tv']), { nil: undefined }),
        }),
      );
      fc.assert(
        fc.property(quoteArb, ({ s, date, timing, planId, optionIds }) => {
          const previous = generateInvoice(s.catalog, s.acc, s.prev, s.before);
          const request = { date, timing, ...(planId ? { planId } : {}), ...(optionIds ? { optionIds } : {}) };
          let quote;
          try {
            quote = quotePlanChange(s.catalog, s.acc, request, { previousInvoice: previous });
          } catch {
            // Only refusal allowed: no plan on that day to change.
            expect(refusal(() => quotePlanChange(s.catalog, s.acc, request, { previousInvoice: previous }))).toBe('no-active-plan');
            return;
          }
          const cycle = cycleContaining(date);
          // The usage rule, recomputed here: the mean of the months recorded among the three before,
          // this month's record plus that pace for the days after the call, every later month the mean.
          const assumed = independentUsage(s.acc.usage, date);
          const months: BillingCycle[] = [];
          for (let c = nextCycle(cycle); months.length < 12; c = nextCycle(c)) months.push(c);
          const billed = [cycle, ...months].map((c) => ({ cycleStart: c.start, ...(c.start === cycle.start ? assumed.current : assumed.monthly) }));
          check(JSON.stringify(quote.assumedUsage) === JSON.stringify(billed), 'the usage rule', { assumed: quote.assumedUsage, billed });
          const replaced = new Set(billed.map((u) => u.cycleStart));
          const usage = [...s.acc.usage.filter((u) => !replaced.has(u.cycleStart)), ...billed];
          const recorded = applySubscriptionChange({ ...s.acc, usage }, quote.change);
          const history = sortedHistory(s.acc.subscription);
          const unchanged = {
            ...s.acc,
            usage: usage.filter((u) => !replaced.has(u.cycleStart) || lastServiceDay(history, cycleContaining(u.cycleStart)) !== null),
          };
          sameData(generateInvoice(s.catalog, recorded, cycle, previous), quote.nextInvoice);
          sameData(generateInvoice(s.catalog, recorded, nextCycle(cycle)), quote.monthlyAfter);
          check(quote.savingPerMonth === quote.monthlyAfterWithoutChange.total - quote.monthlyAfter.total, 'saving per month', quote);
          const year = sum(months.map((c) => generateInvoice(s.catalog, recorded, c).total));
          const yearWithout = sum(months.map((c) => generateInvoice(s.catalog, unchanged, c).total));
          check(quote.year.total === year && quote.year.totalWithoutChange === yearWithout, 'the year is twelve invoices', {
            quote: quote.year,
            year,
            yearWithout,
          });
          check(quote.savingPerYear === yearWithout - year, 'saving per year', { saving: quote.savingPerYear, year, yearWithout });
        }),
        RUNS,
      );
    },
    SLOW,
  );

  it(
    "the ranking gives, for every plan, the figures of that plan's quote",
    () => {
      const rankArb = scenarioArb.chain((s) =>
        fc.record({
          s: fc.constant(s),
          date: dateArb(s.curr.start, s.curr.end),
          timing: fc.constantFrom('now' as const, 'end-of-cycle' as const),
          months: fc.integer({ min: 1, max: 6 }),
          pick: fc.nat(),
        }),
      );
      // Each run quotes one of the ranked plans (picked at random) on its own: over 10 000 runs every
      // plan, both timings and every position in the ranking are checked many times.
      fc.assert(
        fc.property(rankArb, ({ s, date, timing, months, pick }) => {
          const ranking = rankPlans(s.catalog, s.acc, { date, months });
          const current = stateOn(sortedHistory(s.acc.subscription), date).planId;
          check(ranking.currentPlanId === current, 'current plan', ranking);
          check(current === null ? ranking.plans.length === 0 : ranking.plans.length >= 3, 'every plan on sale', ranking);
          const plan = ranking.plans[pick % Math.max(1, ranking.plans.length)];
          if (plan) {
            const quote = quotePlanChange(s.catalog, s.acc, { date, timing, planId: plan.planId }, { months });
            check(
              plan.monthlyTotal === quote.monthlyAfter.total &&
                plan.yearTotal === quote.year.total &&
                plan.savingPerMonth === quote.savingPerMonth &&
                plan.savingPerYear === quote.savingPerYear,
              'ranking = quote',
              { plan, quote: [quote.monthlyAfter.total, quote.year.total, quote.savingPerMonth, quote.savingPerYear] },
            );
          }
          for (let k = 1; k < ranking.plans.length; k++) check(ranking.plans[k - 1]!.yearTotal <= ranking.plans[k]!.yearTotal, 'cheapest first', ranking.plans);
        }),
        RUNS,
      );
    },
    SLOW,
  );
});

/** The usage rule of usage-assumption.ts, written again from its comment (mean rounded half up: quantities are ≥ 0). */
function independentUsage(records: readonly UsageRecord[], date: string): { monthly: Record<UsageKind, number>; current: Record<UsageKind, number> } {
  const cycle = cycleContaining(date);
  const window: BillingCycle[] = [];
  for (let c = previousCycle(cycle); window.length < 3; c = previousCycle(c)) window.push(c);
  const found = window.map((c) => records.find((u) => u.cycleStart === c.start)).filter((u): u is UsageRecord => u !== undefined);
  const half = (n: number, d: number): number => Math.floor((2 * n + d) / (2 * d));
  const kinds: UsageKind[] = ['dataMb', 'voiceMinutes', 'sms'];
  const monthly = Object.fromEntries(kinds.map((k) => [k, found.length === 0 ? 0 : half(sum(found.map((u) => u[k])), found.length)])) as Record<
    UsageKind,
    number
  >;
  const now = records.find((u) => u.cycleStart === cycle.start);
  const days = daysInCycle(cycle);
  const left = now ? dayNumber(cycle.end) - dayNumber(date) : days;
  const current = Object.fromEntries(kinds.map((k) => [k, (now?.[k] ?? 0) + half(monthly[k] * left, days)])) as Record<UsageKind, number>;
  return {
    monthly: { dataMb: monthly.dataMb, voiceMinutes: monthly.voiceMinutes, sms: monthly.sms },
    current: { dataMb: current.dataMb, voiceMinutes: current.voiceMinutes, sms: current.sms },
  };
}
