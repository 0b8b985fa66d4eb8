/**
 * A desk's first download, and what it does to lookups.
 *
 * 1. Initial download into an empty desk store: the caller tables (customers, customer_phones,
 *    customer_emails, addresses, accounts) in the engine's pages (2,000 rows: the engine's
 *    default snapshotPage), each written as the engine writes it — the applier's statements, one
 *    transaction per page on the download's own connection in a worker thread — through the desk's
 *    applier (main/sync/apply.ts, with the engine's sync_state progress write) vs a raw
 *    better-sqlite3 prepared INSERT (positional parameters) of the same rows, one transaction
 *    per page, into a second store with the same schema (migrations, pragmas, the search-index
 *    triggers on customers; foreign keys off on both, as the applier has them). Both stores are
 *    files, WAL, synchronous=FULL, as on a desk. Pages alternate which store goes first.
 *    The rows are the project's generated set (src/main/demo, bench/data/customers-N-seedS.db),
 *    read page by page in primary-key order as plain objects (column → value), which is exactly
 *    what the hub's snapshot route returns after JSON.parse: same column names, integers as
 *    numbers, NULL as null. Reading a page is outside the timing; the hub is not in the loop.
 *    Target: applier ≥ 0.5× raw rows/s.
 *
 * 2. Caller lookup p99 during a download vs idle, on the store just downloaded: idle lookups and
 *    lookups made while pages of another set (seed + 1, new customers) are written by the
 *    download's worker on its own connection, as the engine does it (snapshot-writer.ts), in
 *    blocks of 50 lookups alternating idle (writer paused) and busy (writer running).
 *    (The other set's accounts are not applied: its account numbers collide with this set's.)
 *    Target: busy p99 ≤ 1.5× idle p99.
 *
 * Size: BENCH_FULL=1 (or `npm run bench -- sync-download --full`) for 1,000,000 customers;
 * default 20,000. BENCH_CUSTOMERS overrides, BENCH_SEED (42), BENCH_SAMPLES (lookups per side).
 */
import type Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SyncedTable } from '../src/core/sync/tables';
import { ensureBenchDatabase } from '../src/main/demo/bench-db';
import { CallerLookup } from '../src/main/services/caller-lookup';
import { openStore, type Store } from '../src/main/store/db';
import { createSyncApplier } from '../src/main/sync/apply';
import { SnapshotWriter } from '../src/main/sync/snapshot-writer';
import { latencyCase, percentile, throughputCase, writeReport, type CaseResult } from './lib';

/** The engine's default snapshot page (engine.ts: snapshotPage ?? 2000). */
const PAGE = 2000;
const TABLES: readonly SyncedTable[] = ['customers', 'customer_phones', 'customer_emails', 'addresses', 'accounts'];

type Row = Record<string, unknown>;

/** Pages of `table` from the source, in primary-key order, as the hub's snapshot route pages it. */
function* pagesOf(source: Database.Database, table: SyncedTable, pk = 'id'): Generator<Row[]> {
  const first = source.prepare(`SELECT * FROM "${table}" ORDER BY "${pk}" LIMIT ?`);
  const next = source.prepare(`SELECT * FROM "${table}" WHERE "${pk}" > ? ORDER BY "${pk}" LIMIT ?`);
  let after: string | null = null;
  for (;;) {
    const rows = (after === null ? first.all(PAGE) : next.all(after, PAGE)) as Row[];
    if (rows.length === 0) return;
    yield rows;
    after = rows.at(-1)![pk] as string;
    if (rows.length < PAGE) return;
  }
}

/** The engine's state writes (sync_state), as the applier gets them from SyncEngine.state. */
function engineState(client: Database.Database) {
  const put = client.prepare(`INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
  return {
    setCursor: (c: unknown) => void put.run('sync:cursor', JSON.stringify(c)),
    setSnapshotProgress: (p: string) => void put.run('sync:snapshot', p),
  };
}

/** The raw baseline: one positional prepared INSERT per table, one transaction per page. */
function rawInserter(client: Database.Database) {
  const statements = new Map<string, { st: Database.Statement; cols: string[] }>();
  const of = (table: string) => {
    let s = statements.get(table);
    if (!s) {
      const cols = (client.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name);
      s = { cols, st: client.prepare(`INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`) };
      statements.set(table, s);
    }
    return s;
  };
  const page = client.transaction((table: string, rows: readonly Row[]) => {
    const { st, cols } = of(table);
    const args: unknown[] = new Array(cols.length);
    for (const row of rows) {
      for (let i = 0; i < cols.length; i++) args[i] = row[cols[i]!] ?? null;
      st.run(args);
    }
  });
  return (table: string, rows: readonly Row[]) => page(table, rows);
}

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const tick = () => new Promise<void>((r) => setImmediate(r));

export async function run(): Promise<void> {
  const full = process.env.BENCH_FULL === '1';
  const customers = Number(process.env.BENCH_CUSTOMERS ?? (full ? 1_000_000 : 20_000));
  const seed = Number(process.env.BENCH_SEED ?? 42);
  const samples = Number(process.env.BENCH_SAMPLES ?? (full ? 2000 : 1000));
  const { path, months } = ensureBenchDatabase(customers, seed);
  const source = openStore({ file: path, readonly: true }).$client;

  const dir = mkdtempSync(join(tmpdir(), 'ardoise-bench-download-'));
  const cases: CaseResult[] = [];
  let ours: Store | null = null;
  let raw: Store | null = null;
  try {
    ours = openStore({ file: join(dir, 'ours.db') });
    raw = openStore({ file: join(dir, 'raw.db') });
    raw.$client.pragma('foreign_keys = OFF');
    const applier = createSyncApplier(ours.$client, engineState(ours.$client));
    const writer = new SnapshotWriter(join(dir, 'ours.db'));
    const insertRaw = rawInserter(raw.$client);

    // ── 1. the download, page by page, alternating which store goes first ──
    let rows = 0;
    let pages = 0;
    let oursMs = 0;
    let rawMs = 0;
    const oursPage: number[] = [];
    const rawPage: number[] = [];
    const perTable: Record<string, { rows: number; oursMs: number; rawMs: number }> = {};
    const started = Date.now();
    for (const [t, table] of TABLES.entries()) {
      const stats = (perTable[table] = { rows: 0, oursMs: 0, rawMs: 0 });
      for (const page of pagesOf(source, table)) {
        const progress = JSON.stringify({ table: t, after: page.at(-1)!['id'], cursor: null });
        const a = async () => {
          // As the engine writes a page: the applier's statements, one transaction on the
          // download's own connection in a worker (the message round trip is timed too).
          const t0 = process.hrtime.bigint();
          await writer.write(applier.snapshotSteps(table, page), { key: 'sync:snapshot', value: progress });
          const d = ms(t0);
          oursMs += d;
          stats.oursMs += d;
          oursPage.push(d);
        };
        const b = () => {
          const t0 = process.hrtime.bigint();
          insertRaw(table, page);
          const d = ms(t0);
          rawMs += d;
          stats.rawMs += d;
          rawPage.push(d);
        };
        if (pages++ % 2 === 0) {
          await a();
          b();
        } else {
          b();
          await a();
        }
        rows += page.length;
        stats.rows += page.length;
      }
    }
    const wallS = (Date.now() - started) / 1000;
    const count = (s: Store, t: string) => s.$client.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number;
    for (const t of TABLES)
      if (count(ours, t) !== count(raw, t) || count(ours, t) !== (perTable[t]?.rows ?? -1)) throw new Error(`${t}: the two stores differ`);
    const c1 = throughputCase(
      `initial download of ${TABLES.length} caller tables through the applier's statements, ${PAGE}-row pages, one transaction each on the download's own connection (worker)`,
      'rows/s',
      rows / (oursMs / 1000),
      rows / (rawMs / 1000),
      'raw prepared INSERT (positional), one transaction per page, same schema and triggers',
      '>= 0.5',
    );
    oursPage.sort((x, y) => x - y);
    rawPage.sort((x, y) => x - y);
    cases.push({
      ...c1,
      rows,
      pages,
      seconds_ours: Number((oursMs / 1000).toFixed(1)),
      seconds_raw: Number((rawMs / 1000).toFixed(1)),
      wall_seconds: Number(wallS.toFixed(1)),
      page_ms_p99_ours: Number(percentile(oursPage, 99).toFixed(2)),
      page_ms_p99_raw: Number(percentile(rawPage, 99).toFixed(2)),
      per_table: Object.fromEntries(
        Object.entries(perTable).map(([t, s]) => [
          t,
          {
            rows: s.rows,
            rows_per_s_ours: Math.round(s.rows / (s.oursMs / 1000)),
            rows_per_s_raw: Math.round(s.rows / (s.rawMs / 1000)),
            ratio: Number((s.rawMs / s.oursMs).toFixed(3)),
          },
        ]),
      ),
    });
    raw.$client.close();
    raw = null;

    // ── 2. lookups on the downloaded store, idle vs right after a page of another download ──
    const extra = ensureBenchDatabase(Math.max(2000, Math.round(customers / 10)), seed + 1);
    const extraSource = openStore({ file: extra.path, readonly: true }).$client;
    try {
      const lookup = new CallerLookup(ours);
      const stride = Math.max(1, Math.floor(customers / samples));
      const picks = source
        .prepare(
          `SELECT c.family_name AS family, c.given_name AS given, (SELECT e164 FROM customer_phones p WHERE p.customer_id = c.id LIMIT 1) AS phone
             FROM customers c WHERE c.rowid % ? = 0 LIMIT ?`,
        )
        .all(stride, samples) as { family: string; given: string; phone: string }[];
      // What agents type: a name prefix, a full name, a phone number, in turn.
      const inputs = picks.map((p, i) => (i % 3 === 0 ? p.family.slice(0, 4) : i % 3 === 1 ? `${p.given} ${p.family}` : p.phone));
      // The pages of the other download, in table order; once applied they come round again as
      // upserts of rows the store holds (the search trigger rewrites the names). Accounts are
      // left out: another seed draws account numbers that collide with this set's (unique).
      const load: { table: SyncedTable; rows: Row[] }[] = [];
      for (const table of TABLES.filter((t) => t !== 'accounts')) for (const page of pagesOf(extraSource, table)) load.push({ table, rows: page });
      let next = 0;
      // The other download runs in the writer's worker, page after page, while main looks up
      // callers on its own connection, as on a desk: in blocks of 50, idle (the writer paused)
      // then busy (the writer running), alternating.
      let running = false;
      let stop = false;
      const downloading = (async () => {
        while (!stop) {
          if (!running) {
            await new Promise((r) => setTimeout(r, 1));
            continue;
          }
          const { table, rows: page } = load[next++ % load.length]!;
          await writer.write(applier.snapshotSteps(table, page), {
            key: 'sync:snapshot',
            value: JSON.stringify({ table: TABLES.indexOf(table), after: page.at(-1)!['id'], cursor: null }),
          });
        }
      })();
      for (let i = 0; i < Math.min(200, inputs.length); i++) lookup.search(inputs[i]!, 10); // warm-up
      const idle: number[] = [];
      const busy: number[] = [];
      const timed = (text: string) => {
        const t0 = process.hrtime.bigint();
        lookup.search(text, 10);
        return ms(t0);
      };
      const BLOCK = 50;
      for (let i = 0; i < inputs.length; i += BLOCK) {
        for (const phase of (i / BLOCK) % 2 === 0 ? ['idle', 'busy'] : ['busy', 'idle']) {
          running = phase === 'busy';
          if (running) while (next === 0) await tick(); // the writer has started
          for (let j = i; j < Math.min(i + BLOCK, inputs.length); j++) {
            await tick();
            (running ? busy : idle).push(timed(inputs[j]!));
          }
        }
      }
      running = false;
      stop = true;
      await downloading;
      await writer.close();
      busy.sort((x, y) => x - y);
      idle.sort((x, y) => x - y);
      cases.push({
        ...latencyCase(
          'caller lookup while a download is written by the worker (own connection, WAL)',
          { ours: busy, baseline: idle },
          'the same lookups, idle (no download)',
          '<= 1.5',
        ),
        pages_applied: next,
        download_set: `${extra.path.split('/').pop()} (${load.length} pages)`,
      });
    } finally {
      extraSource.close();
    }
  } finally {
    raw?.$client.close();
    ours?.$client.close();
    source.close();
    rmSync(dir, { recursive: true, force: true });
  }
  writeReport({
    name: 'sync-download',
    dataset: `${customers.toLocaleString('en')} customers, ${months} months of history, seed ${seed} (project generator; rows read as the hub's snapshot route returns them); ${samples} lookups per side`,
    cases,
  });
}
