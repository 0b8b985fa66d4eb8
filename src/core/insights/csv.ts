/**
 * The insights screen as a CSV file — pure, so what is exported is exactly what main sent.
 *
 * - RFC 4180: CRLF line ends; a cell holding the delimiter, a double quote, CR or LF is quoted,
 *   its quotes doubled.
 * - Formula injection: a text cell (names, labels, sentences: they come from data) beginning with
 *   = + - @, a tab or a CR gets a leading apostrophe, so a spreadsheet shows it as text instead of
 *   running it. Number cells are written by this code (digits, sign, decimal mark) and are left as
 *   numbers — a negative difference stays a number.
 * - English: ',' between cells, '.' decimals; French: ';' between cells, ',' decimals (what a
 *   French spreadsheet expects). No thousands separators.
 * - UTF-8 with a byte-order mark, so spreadsheet programs read accents.
 * Retention and limits are in percent, differences in percentage points, waits in seconds;
 * amounts in the currency's units (2 decimals for the euro), with the currency named.
 */
import type { ExperimentsFilter, InsightsOverview, InsightsScope, IntervalEstimate, PracticesOverview } from '../api/methods/insights';
import { hasMessage, t, type Locale, type MessageKey } from '../i18n';
import { minorDigits } from '../money';
import { filterFileSuffix } from './filters';

export const CSV_BOM = '\uFEFF';

/** A cell: text (guarded against formulas), a number with so many decimals, or empty. */
export type CsvCell = { readonly text: string } | { readonly num: number; readonly digits: number } | null;

/** The columns a section can have: the names of the csv.col.* messages. */
type CsvColumn = MessageKey extends infer K ? (K extends `csv.col.${infer C}` ? C : never) : never;
/** The sections: the names of the csv.section.* messages. */
type CsvSection = MessageKey extends infer K ? (K extends `csv.section.${infer S}` ? S : never) : never;

const text = (s: string): CsvCell => ({ text: s });
const num = (x: number | null | undefined, digits = 0): CsvCell => (x === null || x === undefined || !Number.isFinite(x) ? null : { num: x, digits });
const pct = (x: number | null | undefined, digits = 2): CsvCell => (x === null || x === undefined ? null : num(x * 100, digits));
/** Hazard ratios: three decimals. */
const ratio = (x: number | null | undefined): CsvCell => num(x, 3);
/** An interval as its three cells (estimate, lower, upper), each written by `cell`; empty cells when there is none. */
const interval = (x: IntervalEstimate | null | undefined, cell: (v: number | undefined) => CsvCell): CsvCell[] => [
  cell(x?.estimate),
  cell(x?.lower),
  cell(x?.upper),
];

export function csvDelimiter(locale: Locale): ',' | ';' {
  return locale === 'fr' ? ';' : ',';
}

/** A text cell as a spreadsheet will read it: formula characters neutralised, then quoted if need be. */
export function csvText(value: string, delimiter: string): string {
  const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return guarded.includes(delimiter) || /["\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/** A number with `digits` decimals and the locale's decimal mark, no grouping. */
export function csvNumber(value: number, digits: number, locale: Locale): string {
  const fixed = value.toFixed(digits);
  // A value that rounds to zero is written 0, not -0.
  const s = /^-0(\.0+)?$/.test(fixed) ? fixed.slice(1) : fixed;
  return locale === 'fr' ? s.replace('.', ',') : s;
}

/** Rows of cells as CSV text (no BOM). */
export function csvRows(rows: readonly (readonly CsvCell[])[], locale: Locale): string {
  const d = csvDelimiter(locale);
  return rows
    .map((row) => row.map((c) => (c === null ? '' : 'text' in c ? csvText(c.text, d) : csvNumber(c.num, c.digits, locale))).join(d))
    .map((line) => `${line}\r\n`)
    .join('');
}

/** The file's name: the figures' as-of day, then the filter's set fields (filterFileSuffix). */
export function insightsCsvFileName(today: string, filter?: Partial<Record<keyof ExperimentsFilter, string | null | undefined>>): string {
  return `ardoise-insights-${today}${filter ? filterFileSuffix(filter) : ''}.csv`;
}

type Scoped<T> = T & Partial<InsightsScope>;

/** The two overviews of the insights screen as one CSV file (BOM included); either may be missing. */
export function insightsCsv(experiments: Scoped<InsightsOverview> | null, practices: Scoped<PracticesOverview> | null, locale: Locale): string {
  const L = (key: MessageKey, params?: Record<string, string | number>) => text(t(locale, key, params));
  const iv = (x: IntervalEstimate | null | undefined): CsvCell[] => interval(x, pct);
  const rows: CsvCell[][] = [];
  /** A section's head: a blank line, its title, and its header row from the column names of the csv.col.* messages. */
  const section = (name: CsvSection, columns: readonly CsvColumn[]) => {
    rows.push(
      [],
      [L(`csv.section.${name}`)],
      columns.map((c) => L(`csv.col.${c}`)),
    );
  };

  rows.push([L('csv.title')]);
  const today = experiments?.today ?? practices?.today;
  if (today) rows.push([L('csv.asOf'), text(today)]);
  const scoped = experiments ?? practices;
  if (scoped?.scope) {
    rows.push([L('csv.scope'), L(scoped.scope === 'all-desks' ? 'insights.scope.all-desks' : `insights.scope.${scoped.scopeReason ?? 'standalone'}`)]);
  }
  if (practices) {
    rows.push([L('csv.period'), text(practices.filter.from), L('csv.periodTo'), text(practices.filter.to)]);
    const agent = practices.filter.agentId;
    const name = agent === null ? t(locale, 'practices.filter.allAgents') : (practices.agents.find((a) => a.id === agent)?.name ?? agent);
    rows.push([L('csv.agentFilter'), text(name)]);
    const desk = practices.filter.deskId ?? null;
    if (desk !== null) rows.push([L('csv.deskFilter'), text(practices.desks.find((d) => d.id === desk)?.name ?? desk)]);
  }
  // The experiments' filter, by name (an id the lists do not know is written as it came).
  const f = experiments?.filter;
  if (f) {
    const all = L('csv.all');
    const named = (id: string | null, list: readonly { id: string; name: string }[]) => (id === null ? all : text(list.find((x) => x.id === id)?.name ?? id));
    rows.push([L('csv.enrolledPeriod'), f.from === null ? all : text(f.from), L('csv.periodTo'), f.to === null ? all : text(f.to)]);
    rows.push([L('csv.reasonFilter'), f.reason === null ? all : L(`insights.reason.${f.reason}`)]);
    rows.push([L('csv.offerFilter'), named(f.experimentId, experiments.offers)]);
    rows.push([L('csv.experimentsAgentFilter'), named(f.agentId, experiments.agents)]);
    rows.push([L('csv.deskFilter'), named(f.deskId, experiments.desks)]);
  }

  if (experiments) {
    section('experiments', [
      'experiment',
      'status',
      'arm',
      'customers',
      'cancelled',
      'days',
      'followed',
      'retention',
      'lower',
      'upper',
      'difference',
      'diffLower',
      'diffUpper',
      'hr',
      'hrLower',
      'hrUpper',
    ]);
    for (const e of experiments.experiments) {
      const cox = e.figures?.cox ?? null;
      const hr = interval(cox, ratio);
      for (const a of e.arms) {
        const head: CsvCell[] = [text(e.title), text(e.statusText), L(`insights.arm.${a.arm}`), num(a.customers), num(a.cancelled)];
        const horizons = e.figures?.horizons ?? [];
        if (horizons.length === 0) rows.push([...head, null, null, null, null, null, null, null, null, ...hr]);
        for (const h of horizons) {
          const mine = a.arm === 'offer' ? h.offer : h.holdout;
          const followed = a.arm === 'offer' ? h.offerCustomers : h.holdoutCustomers;
          rows.push([...head, num(h.days), num(followed), ...iv(mine), ...iv(h.difference), ...hr]);
        }
      }
    }
  }

  const segmented = experiments?.experiments.filter((e) => e.figures?.segments) ?? [];
  if (segmented.length > 0) {
    section('segments', [
      'experiment',
      'segment',
      'days',
      'offerFollowed',
      'holdoutFollowed',
      'difference',
      'diffLower',
      'diffUpper',
      'pValue',
      'adjustedPValue',
      'verdict',
    ]);
    for (const e of segmented) {
      const seg = e.figures!.segments!;
      for (const r of seg.rows)
        rows.push([
          text(e.title),
          text(r.label),
          num(seg.days),
          num(r.offerCustomers),
          num(r.holdoutCustomers),
          ...iv(r.difference),
          num(r.pValue, 4),
          num(r.adjustedPValue, 4),
          text(r.verdict),
        ]);
    }
  }

  const withRevenue = experiments?.experiments.filter((e) => e.revenue) ?? [];
  if (withRevenue.length > 0) {
    section('revenue', [
      'experiment',
      'days',
      'arm',
      'customers',
      'currency',
      'paid',
      'offerCost',
      'net',
      'netPer100',
      'revenueDiff',
      'revenueDiffLower',
      'revenueDiffUpper',
      'verdict',
    ]);
    for (const e of withRevenue) {
      const r = e.revenue!;
      const digits = minorDigits(r.currency);
      const amount = (x: number | null | undefined): CsvCell => (x === null || x === undefined ? null : num(x / 10 ** digits, digits));
      const d = r.difference;
      for (const a of r.arms)
        rows.push([
          text(e.title),
          num(r.days),
          L(`insights.arm.${a.arm}`),
          num(a.customers),
          text(r.currency),
          amount(a.paid),
          amount(a.offerCost),
          amount(a.net),
          amount(a.netPer100),
          ...interval(d, amount),
          text(r.sentence),
        ]);
    }
  }

  if (practices) {
    section('practices', [
      'practice',
      'days',
      'withCustomers',
      'withRetention',
      'withLower',
      'withUpper',
      'withoutCustomers',
      'withoutRetention',
      'withoutLower',
      'withoutUpper',
      'hr',
      'hrLower',
      'hrUpper',
      'note',
    ]);
    for (const p of practices.practices) {
      const hr = p.hazardRatio;
      rows.push([
        text(p.label),
        num(practices.days),
        num(p.withPractice.customers),
        ...iv(p.withPractice.retention),
        num(p.without.customers),
        ...iv(p.without.retention),
        ...interval(hr, ratio),
        L('csv.descriptive'),
      ]);
    }

    section('dispositions', ['disposition', 'days', 'customers', 'retention', 'lower', 'upper']);
    for (const d of practices.dispositions) {
      const key = `disposition.${d.disposition}`;
      rows.push([hasMessage(key) ? L(key) : text(d.disposition), num(practices.days), num(d.customers), ...iv(d.retention)]);
    }

    const f = practices.funnel;
    section('agents', ['agent', 'followed', 'kept', 'rate', 'overall', 'lower95', 'upper95', 'lower998', 'upper998', 'classification']);
    for (const a of f.agents) {
      const l = a.limits;
      rows.push([
        text(a.name),
        num(a.customers),
        num(a.kept),
        pct(a.rate),
        pct(f.overall),
        pct(l?.lower95),
        pct(l?.upper95),
        pct(l?.lower998),
        pct(l?.upper998),
        text(a.classText),
      ]);
    }

    const w = practices.waiting;
    section('bySupervisor', ['supervisor', 'requests', 'p50', 'p90']);
    for (const s of w.bySupervisor) rows.push([text(s.name), num(s.requests), num(s.p50), num(s.p90)]);
    section('byHour', ['hour', 'requests', 'p50', 'p90']);
    for (const h of w.byHour) rows.push([text(`${String(h.hour).padStart(2, '0')}:00`), num(h.requests), num(h.p50), num(h.p90)]);
  }
  return CSV_BOM + csvRows(rows, locale);
}
