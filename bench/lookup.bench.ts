/**
 * Caller lookup on the 1,000,000-customer set: an agent's lookup through the API's service
 * (rate limit, parse what was typed, query, rank, mask, audit record) vs the raw prepared
 * statements of the same queries, interleaved.
 * Targets: p99 ≤ 1.25× the raw statements; name search p99 ≤ 10 ms absolute.
 *
 * The baseline reads the typed text (parseLookupQuery, as it always did: it has to know what to
 * ask) and runs exactly the statements the service ran for that input, with the same arguments:
 * each input goes once through the service with its statements watched (the plan), and the
 * baseline replays that plan on bare prepared statements. A name search is several
 * statements (the readings of the typed words, in rank order: src/main/services/caller-lookup.ts),
 * so "same SQL" means the same sequence; what the ratio shows is everything the service adds.
 *
 * Audit records are written behind (src/main/services/lookup-audit.ts): the timed lookup only
 * queues its record, and the buffer is flushed between samples, as its timer does between
 * requests. What a flush costs is its own case: one transaction for a second of fast typing
 * (8 records) vs one transaction per record, which is what recording each lookup in line would do.
 *
 * BENCH_CUSTOMERS (default 1,000,000), BENCH_SEED (42), BENCH_MONTHS (history months, see
 * src/main/demo/bench-db.ts), BENCH_SAMPLES (2,000 lookups per case).
 */
import { randomBytes } from 'node:crypto';
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { parseLookupQuery } from '../src/core/search';
import { ensureBenchDatabase } from '../src/main/demo/bench-db';
import { AgentLookup } from '../src/main/services/agent-lookup';
import { AuditTrail } from '../src/main/services/audit-trail';
import { CallerLookup } from '../src/main/services/caller-lookup';
import { LookupAuditBuffer } from '../src/main/services/lookup-audit';
import { LookupRateLimiter } from '../src/main/services/lookup-rate-limit';
import { prepareCallerStatements, type CallerStatements } from '../src/main/store/caller-queries';
import { openStore } from '../src/main/store/db';
import { compareLatency, latencyCase, writeReport, type CaseResult } from './lib';

const LIMIT = 10;
/** Lookups a fast typist sends in a second (one per keystroke at ~8 keys/s): one flush's worth. */
const RECORDS_PER_FLUSH = 8;
/** Pairs between flushes while lookups are timed (odd: see `between`). */
const FLUSH_EVERY = RECORDS_PER_FLUSH + 1;

type Call = { readonly name: keyof CallerStatements; readonly method: 'all' | 'get'; readonly args: readonly unknown[] };

/** The statements, with every call they get appended to `log`. */
function watched(raw: CallerStatements, log: Call[]): CallerStatements {
  const out: Record<string, unknown> = {};
  for (const [name, stmt] of Object.entries(raw) as [keyof CallerStatements, { all: (...a: unknown[]) => unknown; get: (...a: unknown[]) => unknown }][]) {
    out[name] = {
      all: (...args: unknown[]) => (log.push({ name, method: 'all', args }), stmt.all(...args)),
      get: (...args: unknown[]) => (log.push({ name, method: 'get', args }), stmt.get(...args)),
    };
  }
  return out as unknown as CallerStatements;
}

export async function run(): Promise<void> {
  const customers = Number(process.env.BENCH_CUSTOMERS ?? 1_000_000);
  const seed = Number(process.env.BENCH_SEED ?? 42);
  const samples = Number(process.env.BENCH_SAMPLES ?? 2000);
  const { path, months } = ensureBenchDatabase(customers, seed);
  const db = openStore({ file: path });
  const client = db.$client;
  const raw = prepareCallerStatements(client);

  // The service as app.ts builds it, on a clock that moves 2 s per lookup so the rate limit never
  // refuses (the bucket is still checked on every lookup).
  let tick = Date.UTC(2026, 10, 30, 9);
  const clock = () => new Date((tick += 2_000));
  const audit = new AuditTrail(client, { key: randomBytes(32), anchorFile: null });
  const buffer = new LookupAuditBuffer(client, audit, { flushMs: 3_600_000 });
  const service = new AgentLookup({ lookup: new CallerLookup(db), limiter: new LookupRateLimiter(() => clock().getTime()), audit: buffer, now: clock });
  const agentId = client.prepare(`SELECT id FROM users WHERE username = 'agent'`).pluck().get() as string;
  const ours = (text: string) => service.search(agentId, text, LIMIT);
  // The buffer is flushed every FLUSH_EVERY pairs, outside the timing. An odd period, because
  // compareLatency alternates which side goes first: the first read after a commit then falls
  // on either side in turn, not always on the same one.
  let pairs = 0;
  const between = () => {
    if (++pairs % FLUSH_EVERY === 0) buffer.flush();
  };

  // The plan of each input: the statements the service runs for it.
  const log: Call[] = [];
  const planner = new CallerLookup(db, watched(raw, log));
  const plans = new Map<string, Call[]>();
  const planOf = (text: string): Call[] => {
    let plan = plans.get(text);
    if (!plan) {
      log.length = 0;
      planner.search(text, LIMIT);
      plans.set(text, (plan = [...log]));
    }
    return plan;
  };
  // What was typed must be read to know what to ask (as the baseline always did); then the plan.
  const replay = (text: string) => {
    parseLookupQuery(text);
    let last: unknown;
    for (const c of planOf(text)) last = (raw[c.name][c.method] as (...a: unknown[]) => unknown)(...c.args);
    return last;
  };

  // Inputs drawn from the data itself with a fixed stride, so every rerun asks the same things.
  const total = client.prepare('SELECT count(*) FROM customers').pluck().get() as number;
  const stride = Math.max(1, Math.floor(total / samples));
  const picks = client
    .prepare(
      `SELECT c.given_name AS given, c.family_name AS family, a.number AS account,
              (SELECT e164 FROM customer_phones p WHERE p.customer_id = c.id LIMIT 1) AS phone
       FROM customers c JOIN accounts a ON a.customer_id = c.id
       WHERE c.rowid % ? = 0 LIMIT ?`,
    )
    .all(stride, samples) as { given: string; family: string; account: string; phone: string }[];

  // Phones typed the way callers say them, not the way they are stored: French numbers in
  // national format ("06 12 34 56 78"), foreign ones with their country code ("+44 7911 123456").
  const phoneInputs = picks.map((p) => {
    const parsed = parsePhoneNumberFromString(p.phone)!;
    return p.phone.startsWith('+33') ? parsed.formatNational() : parsed.formatInternational();
  });
  const accountInputs = picks.map((p) => p.account.replace('-', ' ').toLowerCase());
  // Name prefixes as an agent types them: 3–5 letters of the family name, sometimes the given name too.
  const nameInputs = picks.map((p, i) => (i % 3 === 0 ? `${p.given.slice(0, 3)} ${p.family.slice(0, 4)}` : p.family.slice(0, 3 + (i % 3))));
  // Full names as the caller spells them out, accents, hyphens and apostrophes included.
  const fullNameInputs = picks.map((p) => `${p.given} ${p.family}`);

  for (const text of [...phoneInputs, ...accountInputs, ...nameInputs, ...fullNameInputs]) planOf(text);

  // Steady state: every input is run once by both sides before timing, so the pages it needs
  // are in the page cache as on a desk that has been taking calls — the cold first read of a
  // 6 GB file measures the disk, not the lookup.
  const warmup = samples;
  const cases: CaseResult[] = [];
  const baselineName = 'raw prepared statements: the same ones, same arguments';

  const phone = compareLatency({ inputs: phoneInputs, warmup, ours, baseline: replay, between });
  cases.push(latencyCase('lookup by phone (national format typed)', phone, baselineName, '<= 1.25'));

  const account = compareLatency({ inputs: accountInputs, warmup, ours, baseline: replay, between });
  cases.push(latencyCase('lookup by account number', account, baselineName, '<= 1.25'));

  const name = compareLatency({ inputs: nameInputs, warmup, ours, baseline: replay, between });
  cases.push(latencyCase('lookup by name prefix (FTS5)', name, baselineName, '<= 1.25'));
  cases.push(latencyCase('lookup by name prefix (FTS5), absolute', name, baselineName, 'p99 <= 10 ms'));

  const fullName = compareLatency({ inputs: fullNameInputs, warmup, ours, baseline: replay, between });
  cases.push(latencyCase('lookup by full name as spelt (FTS5)', fullName, baselineName, '<= 1.25'));
  cases.push(latencyCase('lookup by full name as spelt (FTS5), absolute', fullName, baselineName, 'p99 <= 10 ms'));

  // Recording: a second of fast typing (8 lookup records) in one transaction vs 8 transactions.
  buffer.flush();
  const record = (i: number) => ({
    at: clock().toISOString(),
    actorId: agentId,
    action: 'lookup_search' as const,
    subject: null,
    after: { query: nameInputs[i % nameInputs.length]!, kind: 'name', results: LIMIT },
  });
  const rounds = Array.from({ length: Math.max(50, Math.floor(samples / 20)) }, (_, i) => i);
  const appendOne = client.transaction((i: number) => audit.append({ ...record(i), interactionId: null }));
  const recording = compareLatency({
    inputs: rounds,
    warmup: 10,
    ours: (r) => {
      for (let k = 0; k < RECORDS_PER_FLUSH; k++) buffer.record(record(r * RECORDS_PER_FLUSH + k));
      buffer.flush();
    },
    baseline: (r) => {
      for (let k = 0; k < RECORDS_PER_FLUSH; k++) appendOne(r * RECORDS_PER_FLUSH + k);
    },
  });
  cases.push(
    latencyCase(
      `audit records of ${RECORDS_PER_FLUSH} lookups: one write-behind flush`,
      recording,
      `${RECORDS_PER_FLUSH} records written in line, one transaction each`,
      '<= 0.5',
    ),
  );

  buffer.close();
  writeReport({
    name: 'lookup',
    dataset: `${customers.toLocaleString('en')} customers, ${months} months of history, seed ${seed}; ${samples} lookups per case, each run once before timing (page cache warm)`,
    cases,
  });
  client.close();
}
