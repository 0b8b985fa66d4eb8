/**
 * Every billing sentence an agent reads out, in English and French, with representative values:
 * the engine's line, document and cause sentences, the comparison summary, and the message keys
 * of the plan tab and of main's billing sentences. The rules a native speaker expects:
 *
 * - French: a no-break space (U+00A0, the one the catalogues use) before « : ; ! ? » and inside
 *   « », never a plain or narrow one; elision ("d'Essentiel", "d'avril", never "de Essentiel");
 *   "du"/"au", never "de le"/"à le"; months in lower case in running text;
 * - English: no space before « : ; ! ? »; "credit on 10 April", not "credit of 10 April";
 * - both: a day in another year than the one the sentence is about is said with its year, a day
 *   in the same year without; no cause about "0 MB over" or "a credit of €0.00"; no leftover
 *   placeholder, "undefined", "null", "NaN" or double space.
 */
import { describe, expect, it } from 'vitest';
import {
  checkInvoice,
  compareInvoices,
  explainCause,
  explainDifference,
  summariseFairness,
  type FairnessCause,
  explainDocument,
  explainLine,
  generateInvoice,
  cycleOf,
  summariseComparison,
  type AccountBillingContext,
  type ComparisonCause,
  type InvoiceLine,
} from '../../../src/core/billing/index';
import { day, monthSpan, ofMonth, usageList } from '../../../src/core/billing/locale';
import { CATALOGUES, placeholders, t, type Locale, type MessageKey } from '../../../src/core/i18n';
import { account, CATALOG } from './fixtures';

const LOCALES: readonly Locale[] = ['en', 'fr'];
const MONTHS_FR = ['Janvier', 'Février', 'Mars', 'Avril', 'Mai', 'Juin', 'Juillet', 'Août', 'Septembre', 'Octobre', 'Novembre', 'Décembre'];

/** What is wrong with a sentence, by the rules above (empty: nothing). */
function faults(text: string, locale: Locale): string[] {
  const found: string[] = [];
  const rule = (bad: boolean, what: string) => bad && found.push(what);
  rule(/\{\w+\}|undefined|null|NaN/.test(text), 'leftover placeholder or missing value');
  rule(/ {2}/.test(text), 'double space');
  if (locale === 'fr') {
    rule(/(^|[^\u00a0])[:;!?](\s|$)/.test(text), 'no no-break space (U+00A0) before : ; ! ?');
    rule(/«(?!\u00a0)|(?<!\u00a0)»/.test(text), 'no no-break space inside « »');
    rule(/\u202f[:;!?»]|«\u202f/.test(text), 'narrow no-break space where the catalogues use U+00A0');
    rule(/\b(de|que) [aeiouyàâéèêëîïôûAEIOUYÀÂÉÈÊËÎÏÔÛ]/.test(text), 'no elision (de Essentiel, de avril)');
    rule(/\b(de|à) (le|les) /.test(text), '"de le" / "à le" instead of du / au');
    rule(new RegExp(`.(${MONTHS_FR.join('|')})\\b`).test(text), 'a month with a capital in running text');
  } else {
    rule(/\s[:;!?]/.test(text), 'space before : ; ! ?');
    rule(/\bCredit of \d/.test(text), '"Credit of <day>" instead of "Credit on <day>"');
  }
  return found;
}

function expectWellSaid(sentences: readonly string[], locale: Locale): void {
  const bad = sentences.map((s) => ({ s, f: faults(s, locale) })).filter((x) => x.f.length > 0);
  expect(bad).toEqual([]);
}

// ── the engine's line sentences, from invoices that hold every kind of line ──

const busy: AccountBillingContext = account({
  paymentTermsDays: 14,
  // Essentiel, then Premium from the 12th (a split month), with options.
  subscription: [
    { from: '2025-06-01', planId: 'basic', optionIds: ['tv'] },
    { from: '2026-03-12', planId: 'premium', optionIds: ['tv', 'europe'] },
  ],
  // The welcome offer runs 6 months from 1 December: it ends on 31 May; the 5 € off runs 12 months: into 2027.
  promotions: [
    { promotionId: 'welcome', startDate: '2025-12-01' },
    { promotionId: 'fixed', startDate: '2026-02-01' },
  ],
  usage: [{ cycleStart: '2026-03-01', dataMb: 112_500, voiceMinutes: 130, sms: 120 }],
  oneOffCharges: [
    { id: 'c1', feeId: 'installation', date: '2026-03-01' },
    { id: 'c2', feeId: 'visit', date: '2026-03-06' },
    { id: 'c3', feeId: 'paper', date: '2026-03-31' },
  ],
  ledger: [
    { kind: 'credit', id: 'l1', date: '2026-03-10', amount: 1000, reason: 'goodwill' },
    { kind: 'credit', id: 'l2', date: '2026-03-20', amount: -500, reason: 'reversal' },
  ],
});
const previousUnpaid = { id: 'acc-1:2026-02-01', issueDate: '2026-03-01', dueDate: '2026-03-15', amountDue: 3000 };
const march = generateInvoice(CATALOG, busy, cycleOf('2026-03'), previousUnpaid);
const partlyPaid = generateInvoice(CATALOG, { ...busy, payments: [{ id: 'p1', date: '2026-03-14', amount: 2000 }] }, cycleOf('2026-03'), previousUnpaid);
const lines: InvoiceLine[] = [...march.lines, ...partlyPaid.lines.filter((l) => l.explanation.code === 'late-fee')];

// ── every cause, with the values that used to read badly ──

type WithoutKey<C> = C extends unknown ? Omit<C, 'key'> : never;
const cause = (c: WithoutKey<ComparisonCause>, key: string): ComparisonCause => ({ ...c, key }) as ComparisonCause;
const promotion = { id: 'welcome', name: 'Bienvenue', cycles: 6, startDate: '2025-12-01', endDate: '2026-05-31' };
const item = (kind: 'plan' | 'option', name: string) => ({ kind, id: name.toLowerCase(), name });
const causes: ComparisonCause[] = [
  cause({ code: 'plan-change', amount: 774, fromPlan: 'Essentiel', toPlan: 'Premium', changedOn: '2026-03-12' }, 'a'),
  cause({ code: 'plan-change', amount: -774, fromPlan: 'Illimité', toPlan: 'Essentiel', changedOn: '2026-03-01' }, 'b'),
  cause({ code: 'plan-change', amount: 999, fromPlan: null, toPlan: 'Essentiel', changedOn: '2026-03-05' }, 'c'),
  cause({ code: 'plan-change', amount: -999, fromPlan: 'Essentiel', toPlan: null, changedOn: '2026-03-20' }, 'd'),
  cause({ code: 'plan-change', amount: -999, fromPlan: null, toPlan: null, changedOn: null }, 'e'),
  cause({ code: 'promotion-ended', amount: 1000, promotion }, 'f'),
  cause({ code: 'promotion-started', amount: -1000, promotion: { ...promotion, startDate: '2025-12-01' } }, 'g'),
  cause({ code: 'price-change', amount: 240, item: item('plan', 'Premium'), previousMonthlyFee: 2999, newMonthlyFee: 3199, effectiveFrom: '2026-04-15' }, 'h'),
  cause({ code: 'price-change', amount: -100, item: item('option', 'Europe'), previousMonthlyFee: 600, newMonthlyFee: 500, effectiveFrom: null }, 'i'),
  cause({ code: 'usage-overage', amount: 3000, usage: 'dataMb', previousOver: 0, currentOver: 2500 }, 'j'),
  cause({ code: 'usage-overage', amount: -3000, usage: 'voiceMinutes', previousOver: 30, currentOver: 0 }, 'k'),
  cause({ code: 'usage-overage', amount: 200, usage: 'sms', previousOver: 10, currentOver: 30 }, 'l'),
  cause({ code: 'option-added', amount: 500, item: item('option', 'Europe'), from: '2026-03-12' }, 'm'),
  cause({ code: 'option-removed', amount: -800, item: item('option', 'TV'), lastDay: '2026-02-28' }, 'n'),
  cause({ code: 'one-off-fee', amount: 5880, fee: { id: 'installation', kind: 'installation', name: 'Installation' }, previousCount: 0, currentCount: 1 }, 'o'),
  cause({ code: 'one-off-fee', amount: -240, fee: { id: 'visit', kind: 'other', name: 'Technician visit' }, previousCount: 1, currentCount: 0 }, 'p'),
  cause({ code: 'late-fee', amount: 750, charged: 'now', dueDate: '2026-03-15' }, 'q'),
  cause({ code: 'late-fee', amount: -750, charged: 'before', dueDate: '2026-02-14' }, 'r'),
  // Credits: every sign of the two sides, none of which may say "a credit of €0.00".
  cause({ code: 'credit', amount: -1000, previousCredits: 0, currentCredits: 1000 }, 's'),
  cause({ code: 'credit', amount: 1000, previousCredits: 1000, currentCredits: 0 }, 't'),
  cause({ code: 'credit', amount: -500, previousCredits: 500, currentCredits: 1000 }, 'u'),
  cause({ code: 'credit', amount: -1000, previousCredits: -1000, currentCredits: 0 }, 'v'),
  cause({ code: 'credit', amount: 1000, previousCredits: 0, currentCredits: -1000 }, 'w'),
  cause({ code: 'credit', amount: 1500, previousCredits: 500, currentCredits: -1000 }, 'x'),
  cause(
    {
      code: 'proration',
      amount: 1000,
      subject: { kind: 'plan', name: 'Essentiel' },
      previousDays: 20,
      previousDaysInCycle: 31,
      currentDays: 30,
      currentDaysInCycle: 30,
    },
    'y',
  ),
  cause(
    {
      code: 'proration',
      amount: 100,
      subject: { kind: 'option', name: 'Europe' },
      previousDays: 1,
      previousDaysInCycle: 28,
      currentDays: 31,
      currentDaysInCycle: 31,
    },
    'z',
  ),
  cause(
    {
      code: 'proration',
      amount: -100,
      subject: { kind: 'promotion', name: 'Bienvenue' },
      previousDays: 10,
      previousDaysInCycle: 30,
      currentDays: 31,
      currentDaysInCycle: 31,
    },
    'za',
  ),
  cause({ code: 'tax', amount: 100, previousRateBp: 2000, currentRateBp: 2100 }, 'zb'),
];

// ── message keys: the plan tab's and main's billing sentences ──

/** A representative value for a placeholder, by its name, in the sentence's language. */
function sample(name: string, locale: Locale): string {
  const year = 2026;
  const usage = { dataMb: 2300, voiceMinutes: 120, sms: 40 };
  const values: Record<string, string> = {
    amount: locale === 'fr' ? '12,40\u00a0€' : '€12.40',
    after: locale === 'fr' ? '23,99\u00a0€' : '€23.99',
    before: locale === 'fr' ? '35,99\u00a0€' : '€35.99',
    perMonth: locale === 'fr' ? '12,00\u00a0€' : '€12.00',
    perYear: locale === 'fr' ? '144,00\u00a0€' : '€144.00',
    total: locale === 'fr' ? '46,43\u00a0€' : '€46.43',
    asked: locale === 'fr' ? '20,00\u00a0€' : '€20.00',
    worth: locale === 'fr' ? '20,00\u00a0€' : '€20.00',
    base: locale === 'fr' ? '25,00\u00a0€' : '€25.00',
    rate: locale === 'fr' ? '20\u00a0%' : '20%',
    date: day('2026-04-01', locale, year),
    month: locale === 'fr' ? 'avril' : 'April',
    ofMonth: ofMonth('2026-04-01', locale, year),
    span: monthSpan('2026-05-01', '2027-04-01', locale, year),
    usage: usageList(usage, locale),
    recorded: usageList(usage, locale),
    plan: 'Essentiel',
    from: 'Essentiel',
    to: 'Illimité',
    label: locale === 'fr' ? 'Remise de fidélisation' : 'Retention discount',
    invoice: 'F-2026-04-00012345',
    who: 'Claire Martin',
    comment: locale === 'fr' ? 'déjà dédommagé' : 'already compensated',
    count: '3',
  };
  return values[name] ?? 'Essentiel';
}

const KEY_PREFIXES = ['plans.', 'sentence.'];
const keys = (Object.keys(CATALOGUES.en) as MessageKey[]).filter((k) => KEY_PREFIXES.some((p) => k.startsWith(p)));

describe('billing sentences a native speaker reads out without wincing', () => {
  it.each(LOCALES)('every line of a busy bill (%s)', (locale) => {
    const kinds = new Set(lines.map((l) => l.explanation.code));
    expect([...kinds].sort()).toEqual(['credit', 'late-fee', 'one-off-fee', 'overage', 'promotion', 'recurring-fee']);
    expectWellSaid(
      lines.map((l) => explainLine(l, locale, 2026)),
      locale,
    );
    expectWellSaid(
      [explainDocument({ document: { kind: 'credit-note', correctsInvoiceId: 'F-2026-02-00000001' }, total: -1200, currency: 'EUR' }, locale)],
      locale,
    );
  });

  it.each(LOCALES)('every comparison cause and the summary (%s)', (locale) => {
    const said = causes.map((c) => explainCause(c, 'EUR', locale, 2026));
    expectWellSaid(said, locale);
    for (const s of said) expect(s).not.toMatch(/(?<![\d,.])(€0\.00|0,00\u00a0€)|(?<![\d\u00a0\u202f,])0 (MB|Mo|minutes|SMS)\b/);
    const cmp = compareInvoices(generateInvoice(CATALOG, busy, cycleOf('2026-02')), march);
    expectWellSaid([summariseComparison(cmp, locale), ...cmp.causes.map((c) => explainCause(c, 'EUR', locale, 2026))], locale);
  });

  it.each(LOCALES)('every fairness-check cause and its summary (%s)', (locale) => {
    // A bill that charged a 1 May increase all month to a customer told of it on 2 April.
    const mayUp = {
      ...CATALOG,
      priceChanges: [{ id: 'premium-may', target: { kind: 'plan' as const, planId: 'premium' }, effectiveFrom: '2026-05-01', monthlyFee: 3199 }],
    };
    const may = cycleOf('2026-05');
    const premium = [{ from: '2026-01-01', planId: 'premium', optionIds: [] }];
    const notices = [[{ priceChangeId: 'premium-may', notifiedOn: '2026-04-02' }], []];
    const issued = generateInvoice(mayUp, account({ subscription: premium }), may);
    const checks = notices.map((priceNotices) => checkInvoice(issued, generateInvoice(mayUp, account({ subscription: premium, priceNotices }), may)));
    const found = checks.map((c) => c.differences[0]!);
    expect(found.map((d) => d.cause.code)).toEqual(['price-not-notified', 'price-not-notified']);
    const item = { kind: 'option' as const, id: 'tv', name: 'TV' };
    const others: FairnessCause[] = [
      { code: 'duplicate-fee', copies: 2 },
      { code: 'usage-rated-twice', usage: 'dataMb', billedUsage: 2048, recordedUsage: 1024 },
      { code: 'late-plan-change', effectiveOn: '2026-05-16', recordedOn: '2026-06-03', fromPlan: 'Confort', toPlan: 'Essentiel' },
      { code: 'promotion-not-applied', promotion: { id: 'welcome', name: 'Bienvenue', cycles: 6, startDate: '2026-01-01', endDate: '2026-06-30' } },
      { code: 'price-not-in-force', item, billedMonthlyFee: 900, monthlyFeeInForce: 800 },
      {
        code: 'price-not-notified',
        item,
        newMonthlyFee: 900,
        monthlyFeeOwed: 800,
        effectiveFrom: '2026-05-01',
        notifiedOn: '2026-04-10',
        appliesFrom: '2026-05-10',
      },
      { code: 'calculated-differently' },
    ];
    const said = [...found, ...others.map((cause) => ({ ...found[0]!, cause }))].map((d) => explainDifference(d, 'EUR', locale));
    // The bill's own lines while the increase is held back, and from the day it is owed.
    const lines = found.flatMap((d) => d.recomputedLines).map((l) => explainLine(l, locale, 2026));
    expect(lines).toHaveLength(3);
    expectWellSaid(lines, locale);
    expect(lines[1]).toContain(locale === 'fr' ? 'nouveau prix depuis le 2 mai' : 'new price from 2 May');
    expectWellSaid([...said, ...checks.map((c) => summariseFairness(c, locale))], locale);
    for (const s of said.slice(0, 2)) expect(s).toMatch(locale === 'fr' ? /^Le nouveau prix du forfait Premium/ : /^The new price of the Premium plan/);
    expect(said[7]).toMatch(locale === 'fr' ? /^Le nouveau prix de l’option TV/ : /^The new price of the TV option/);
  });

  it.each(LOCALES)('every plan-tab and billing message key with representative values (%s)', (locale) => {
    expect(keys.length).toBeGreaterThan(40);
    const said = keys.map((k) => t(locale, k, Object.fromEntries(placeholders(CATALOGUES[locale][k]).map((p) => [p, sample(p, locale)]))));
    expectWellSaid(said, locale);
  });

  it('says what the issue asked for, word for word', () => {
    const say = (c: ComparisonCause, locale: Locale) => explainCause(c, 'EUR', locale, 2026).replace(/\u00a0/g, ' ');
    expect(say(causes[1]!, 'fr')).toMatch(/^Votre forfait est passé d'Illimité à Essentiel le 1er mars/);
    expect(say(causes[0]!, 'fr')).toMatch(/^Votre forfait est passé d'Essentiel à Premium/);
    const overage = lines.filter((l) => l.explanation.code === 'overage').map((l) => explainLine(l, 'fr', 2026));
    expect(overage.some((s) => s.startsWith('Dépassement de données'))).toBe(true);
    expect(overage.some((s) => s.startsWith("Dépassement d'appels"))).toBe(true);
    const lateFees = lines.filter((l) => l.explanation.code === 'late-fee');
    expect(lateFees.map((l) => explainLine(l, 'fr', 2026).replace(/\u00a0/g, ' '))).toEqual([
      expect.stringContaining('(aucun paiement reçu)'),
      expect.stringContaining('(seulement 20,00 € reçus)'),
    ]);
    expect(lateFees.map((l) => explainLine(l, 'en', 2026))).toEqual([
      expect.stringContaining('(no payment received)'),
      expect.stringContaining('(only €20.00 received)'),
    ]);
    const credit = lines.find((l) => l.explanation.code === 'credit' && l.explanation.amount > 0)!;
    expect(explainLine(credit, 'en', 2026)).toMatch(/^Credit on 10 March \(goodwill gesture\)/);
    expect(explainLine(credit, 'fr', 2026)).not.toContain(' :');
    expect(explainLine(credit, 'fr', 2026)).toContain('\u00a0:');
  });

  it('says the year of a day only when it is not the year the sentence is about', () => {
    // The 5 € offer granted on 1 February 2026 runs 12 months: until 31 January 2027.
    const fixed = lines.find((l) => l.explanation.code === 'promotion' && l.explanation.promotion.id === 'fixed')!;
    expect(explainLine(fixed, 'en', 2026)).toContain('until 31 January 2027');
    expect(explainLine(fixed, 'en', 2026)).toMatch(/from 1 to 11 March:|from 12 to 31 March:/);
    expect(explainLine(fixed, 'fr', 2026)).toContain("jusqu'au 31 janvier 2027");
    // The same line read on a bill of 2027 names 2026 for March instead.
    expect(explainLine(fixed, 'en', 2027)).toContain('March 2026');
    expect(explainLine(fixed, 'en', 2027)).not.toContain('January 2027');
    // The year is passed in: by default, the line's own year (never the clock's).
    expect(explainLine(fixed, 'en')).toBe(explainLine(fixed, 'en', 2026));
    expect(explainCause(causes[13]!, 'EUR', 'en', 2026)).toContain('ended on 28 February:');
    expect(explainCause(causes[13]!, 'EUR', 'en', 2027)).toContain('ended on 28 February 2026:');
    expect(monthSpan('2026-05-01', '2027-04-01', 'fr', 2026)).toBe('de mai à avril 2027');
    expect(monthSpan('2026-04-01', '2026-06-01', 'fr', 2026)).toBe("d'avril à juin");
    expect(monthSpan('2025-12-01', '2026-02-01', 'en', 2026)).toBe('from December 2025 to February');
    expect(monthSpan('2026-03-01', '2026-03-01', 'fr', 2026)).toBe('en mars');
    expect(ofMonth('2026-08-01', 'fr', 2026)).toBe("d'août");
    expect(day('2026-05-01', 'fr', 2026)).toBe('1er mai');
    expect(day('2027-05-01', 'fr', 2026)).toBe('1er mai 2027');
  });

  it('the checks catch what they are there to catch', () => {
    expect(faults('Avoir du 10 mars : 10,00 €', 'fr')).toContain('no no-break space (U+00A0) before : ; ! ?');
    expect(faults('votre forfait est passé de Essentiel à Premium', 'fr')).toContain('no elision (de Essentiel, de avril)');
    expect(faults('la facture de Avril 2026', 'fr')).toEqual(expect.arrayContaining(['a month with a capital in running text']));
    expect(faults('« oui »', 'fr')).toContain('no no-break space inside « »');
    expect(faults('Credit of 10 April (goodwill gesture): €10.00', 'en')).toContain('"Credit of <day>" instead of "Credit on <day>"');
    expect(faults('Total : €10.00', 'en')).toContain('space before : ; ! ?');
    expect(faults('Avoir du 10 mars\u00a0: 10,00\u00a0€', 'fr')).toEqual([]);
  });
});
