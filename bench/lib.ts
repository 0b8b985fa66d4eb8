/**
 * Benchmark plumbing (the rules are in README.md, Benchmarks): every case is measured against a baseline in the
 * same run, interleaved (A B A B …) so machine noise hits both sides alike, and `met` is
 * computed from the ratio and the target, never typed by hand.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CaseResult {
  case: string;
  unit: string;
  p50: number;
  p99: number;
  baseline: string;
  baseline_p50: number;
  baseline_p99: number;
  ratio: number;
  target: string;
  met: boolean;
  [extra: string]: unknown;
}

export interface BenchReport {
  name: string;
  date: string;
  node: string;
  dataset: string;
  cases: CaseResult[];
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx]!;
}

const round = (x: number, digits = 4) => Number(x.toFixed(digits));

/**
 * Times `ours` and `baseline` on the same inputs, alternating which goes first, after a warm-up.
 * Returns latency percentiles in milliseconds.
 */
export function compareLatency<T>(opts: {
  inputs: readonly T[];
  ours: (input: T) => unknown;
  baseline: (input: T) => unknown;
  warmup?: number;
  /** Runs after each timed pair, outside the timing (e.g. work a timer does between requests). */
  between?: () => void;
}): { ours: number[]; baseline: number[] } {
  const { inputs, ours, baseline } = opts;
  const warmup = opts.warmup ?? Math.min(500, inputs.length);
  for (let i = 0; i < warmup; i++) {
    ours(inputs[i % inputs.length]!);
    baseline(inputs[i % inputs.length]!);
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < inputs.length; i++) {
    const input = inputs[i]!;
    const first = i % 2 === 0;
    const time = (fn: (x: T) => unknown) => {
      const t0 = process.hrtime.bigint();
      fn(input);
      return Number(process.hrtime.bigint() - t0) / 1e6;
    };
    if (first) {
      a.push(time(ours));
      b.push(time(baseline));
    } else {
      b.push(time(baseline));
      a.push(time(ours));
    }
    opts.between?.();
  }
  a.sort((x, y) => x - y);
  b.sort((x, y) => x - y);
  return { ours: a, baseline: b };
}

/** compareLatency for work that answers later (a count in worker threads): each side awaited. */
export async function compareLatencyAsync<T>(opts: {
  inputs: readonly T[];
  ours: (input: T) => Promise<unknown>;
  baseline: (input: T) => unknown;
  warmup?: number;
}): Promise<{ ours: number[]; baseline: number[] }> {
  const { inputs, ours, baseline } = opts;
  const sides = [ours, baseline] as const;
  const samples: [number[], number[]] = [[], []];
  for (let i = 0; i < (opts.warmup ?? 0); i++) for (const side of sides) await side(inputs[i % inputs.length]!);
  for (let i = 0; i < inputs.length; i++) {
    // Alternate which side goes first, as compareLatency does.
    for (const s of i % 2 === 0 ? [0, 1] : [1, 0]) {
      const t0 = process.hrtime.bigint();
      await sides[s]!(inputs[i]!);
      samples[s]!.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  }
  for (const list of samples) list.sort((x, y) => x - y);
  return { ours: samples[0], baseline: samples[1] };
}

/**
 * Target grammar: "<= 1.25" or ">= 50" on the ratio, or "p99 <= 10 ms" (p50, p95, p99)
 * absolute on ours; for throughput cases ours is the rate ("p50 >= 1000 commands/s").
 */
export function evaluate(target: string, ratio: number, ours: { p50: number; p99: number; p95?: number }): boolean {
  const abs = /^p(50|95|99)\s*(<=|>=)\s*([\d.]+)\s*[\w/]*$/.exec(target);
  if (abs) {
    const value = abs[1] === '50' ? ours.p50 : abs[1] === '95' ? (ours.p95 ?? Number.NaN) : ours.p99;
    return abs[2] === '<=' ? value <= Number(abs[3]) : value >= Number(abs[3]);
  }
  const rel = /^(<=|>=)\s*([\d.]+)$/.exec(target);
  if (!rel) throw new Error(`unreadable target ${target}`);
  return rel[1] === '<=' ? ratio <= Number(rel[2]) : ratio >= Number(rel[2]);
}

/**
 * A latency case: the ratio is taken on p99, or on `figure` (p95 or p50) when the target names
 * another percentile; p95 is reported alongside.
 */
export function latencyCase(
  name: string,
  samples: { ours: number[]; baseline: number[] },
  baselineName: string,
  target: string,
  figure: 'p50' | 'p95' | 'p99' = 'p99',
): CaseResult {
  const p50 = percentile(samples.ours, 50);
  const p95 = percentile(samples.ours, 95);
  const p99 = percentile(samples.ours, 99);
  const bp50 = percentile(samples.baseline, 50);
  const bp95 = percentile(samples.baseline, 95);
  const bp99 = percentile(samples.baseline, 99);
  const ratio = figure === 'p50' ? p50 / bp50 : figure === 'p95' ? p95 / bp95 : p99 / bp99;
  return {
    case: name,
    unit: 'ms',
    p50: round(p50),
    p99: round(p99),
    baseline: baselineName,
    baseline_p50: round(bp50),
    baseline_p99: round(bp99),
    ratio: round(ratio, 3),
    target,
    met: evaluate(target, ratio, { p50, p95, p99 }),
    samples: samples.ours.length,
    p95: round(p95),
    baseline_p95: round(bp95),
    ...(figure !== 'p99' ? { ratio_of: figure } : {}),
  };
}

/** For throughput cases (higher is better): ratio = ours / baseline. */
export function throughputCase(name: string, unit: string, ours: number, baseline: number, baselineName: string, target: string): CaseResult {
  const ratio = ours / baseline;
  return {
    case: name,
    unit,
    p50: round(ours, 1),
    p99: round(ours, 1),
    baseline: baselineName,
    baseline_p50: round(baseline, 1),
    baseline_p99: round(baseline, 1),
    ratio: round(ratio, 3),
    target,
    met: evaluate(target, ratio, { p50: ours, p99: ours }),
  };
}

export function writeReport(report: Omit<BenchReport, 'date' | 'node'>): BenchReport {
  const full: BenchReport = { name: report.name, date: new Date().toISOString(), node: process.version, dataset: report.dataset, cases: report.cases };
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${report.name}.json`), JSON.stringify(full, null, 2) + '\n');
  printTable(full);
  return full;
}

export function printTable(report: BenchReport): void {
  console.log(`\n${report.name} — ${report.dataset} — node ${report.node}`);
  // p95 columns only when a case reports it (latency cases whose target is a p95).
  const withP95 = report.cases.some((c) => c['ratio_of'] === 'p95');
  const p95 = (c: CaseResult, key: 'p95' | 'baseline_p95') => (withP95 ? [c[key] === undefined ? '' : String(c[key])] : []);
  const rows = report.cases.map((c) => [
    c.case,
    c.unit,
    String(c.p50),
    ...p95(c, 'p95'),
    String(c.p99),
    c.baseline,
    String(c.baseline_p50),
    ...p95(c, 'baseline_p95'),
    String(c.baseline_p99),
    String(c.ratio),
    c.target,
    c.met ? 'yes' : 'NO',
  ]);
  const head = [
    'case',
    'unit',
    'p50',
    ...(withP95 ? ['p95'] : []),
    'p99',
    'baseline',
    'base p50',
    ...(withP95 ? ['base p95'] : []),
    'base p99',
    'ratio',
    'target',
    'met',
  ];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => '| ' + r.map((x, i) => x.padEnd(widths[i]!)).join(' | ') + ' |';
  console.log(line(head));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const r of rows) console.log(line(r));
}
