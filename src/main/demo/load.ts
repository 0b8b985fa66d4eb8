/**
 * Writes the demo data set into a store: catalog, staff, then customers in batched
 * transactions through prepared statements of the raw better-sqlite3 client (no ORM objects
 * per row — at a million customers the loader must run close to a raw insert loop, see
 * bench/generate.bench.ts). Everything inside a transaction is synchronous.
 *
 * A fresh Ardoise calls ensureDemoData on start: an empty store gets the default set, so a new
 * user finds callers to look up at once; a store with customers is never touched.
 */
import type Database from 'better-sqlite3';
import type { ScryptCost } from '../security/passwords';
import type { Store } from '../store/db';
import { seededUuidv7 } from '../store/ids';
import { dayNumber, instant, isoDate } from './calendar';
import { SAMPLE_POLICY, type ChurnRisk } from '../../core/policy';
import { enrolmentWindow, OUTCOME_SQL, outcomeRows, simulateOutcome } from './outcomes';
import { writeCatalogRules } from '../store/catalog-rules';
import { ensureDemoSeller } from './seller';
import { catalogRows } from './catalog';
import { CURRENCY, CustomerGenerator, demoContext, DemoOptionsError, MAX_CUSTOMERS, type DemoContext } from './generate';
import { Rng } from './random';
import { INSERT_SQL, ROW_KINDS, type RowKind, type RowSink } from './rows';
import { insertFlat, type FlatRows } from './rows-buffer';
import { MARK_CREDIT_NOTES_SQL, withFrozenInvoicesLifted } from '../store/frozen-invoices';
import { plantBillingErrors } from './plant';
import { seedStaff } from './staff';
import { CALL_SQL, callRows, type AuditAppend, type DemoStaff } from './calls';

export interface DemoLoadOptions {
  readonly customers: number;
  readonly seed: number;
  /** Billed months of history per customer (default 14). */
  readonly months?: number;
  /** The day the history ends, 'YYYY-MM-DD'. The wall clock is never read. */
  readonly today: string;
  readonly onProgress?: (done: number) => void;
  /** Customers per transaction (default 5 000). */
  readonly batchSize?: number;
  /** Cost of the demo staff's password hashes (tests only; default: OWASP's, precomputed). */
  readonly passwordCost?: ScryptCost;
  /**
   * Appends one entry to the desk's audit trail (AuditTrail.append, called inside the loader's
   * transactions): the demo's past calls get their audit entries (what the agent did). Without
   * it the calls are written with no audit entries.
   */
  readonly audit?: AuditAppend;
}

export interface DemoLoadResult {
  readonly rows: number;
  readonly customers: number;
  readonly ms: number;
}

/**
 * The set a new user gets — a desk's first start, `npm run seed` without --customers, the hub's
 * `--demo` (src/hub/main.ts keeps the same figure: the hub may not import src/main): a few
 * thousand callers, big enough to feel real, small enough to load in seconds.
 */
export const DEFAULT_DEMO = { customers: 3_000, seed: 42, months: 14 } as const;
export const DEFAULT_BATCH = 5_000;

/** Bumped whenever the generator's output changes, so saved benchmark databases are rebuilt. */
export const GENERATOR_VERSION = 4;
export const DEMO_MARKER_KEY = 'demo_dataset';

export interface DemoMarker {
  readonly generator: number;
  readonly migrations: number;
  readonly customers: number;
  readonly seed: number;
  readonly months: number;
  readonly today: string;
}

/**
 * Writes catalog and staff on construction, then customers chunk by chunk: generated here
 * (loadRange, used by loadDemoData) or by generator threads (writeRows, used by
 * load-parallel.ts and the benchmark). finish() records what the store now holds.
 */
export class DemoLoader {
  readonly ctx: DemoContext;
  private readonly client: Database.Database;
  private readonly sink: RowSink;
  private rowCount = 0;
  private readonly writeRange: (from: number, to: number) => void;
  private readonly insertRows: (rows: FlatRows) => void;
  private readonly staff: DemoStaff;

  constructor(
    db: Store,
    readonly opts: DemoLoadOptions,
  ) {
    const months = opts.months ?? DEFAULT_DEMO.months;
    if (!Number.isInteger(opts.customers) || opts.customers < 0 || opts.customers > MAX_CUSTOMERS) {
      throw new DemoOptionsError(`customers must be an integer between 0 and ${MAX_CUSTOMERS}, got ${opts.customers}`);
    }
    if (opts.batchSize !== undefined && (!Number.isInteger(opts.batchSize) || opts.batchSize < 1)) {
      throw new DemoOptionsError(`batchSize must be a positive integer, got ${opts.batchSize}`);
    }
    this.client = db.$client;
    const present = this.client.prepare('SELECT EXISTS (SELECT 1 FROM customers) AS present').get() as { present: number };
    if (present.present) throw new DemoOptionsError('this store already has customers; demo data only goes into an empty store');

    const probe = demoContext({ seed: opts.seed, months, today: opts.today });
    const staff = seedStaff(db, {
      seed: opts.seed,
      createdAt: instant(isoDate(probe.billed[0]!.start), 8, 0),
      idEpochMs: probe.idEpochMs - 1,
      ...(opts.passwordCost ? { passwordCost: opts.passwordCost } : {}),
    });
    this.ctx = { ...probe, staffIds: Object.values(staff) };
    const ids = (names: readonly string[]) => names.map((n) => staff[n]).filter((x): x is string => x !== undefined);
    this.staff = { agents: ids(['agent', 'agent2', 'senior']), supervisors: ids(['supervisor']) };
    this.rowCount += this.writeCatalog();

    const statements = Object.fromEntries(ROW_KINDS.map((k) => [k, this.client.prepare(INSERT_SQL[k])])) as Record<RowKind, Database.Statement>;
    const run = (k: RowKind) => {
      const stmt = statements[k];
      return (row: unknown[]) => {
        stmt.run(row);
        this.rowCount++;
      };
    };
    this.sink = Object.fromEntries(ROW_KINDS.map((k) => [k, run(k)])) as unknown as RowSink;
    const generator = new CustomerGenerator(this.ctx, this.sink);
    this.writeRange = this.client.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) generator.write(i);
    });
    const byIndex = ROW_KINDS.map((k) => statements[k]);
    this.insertRows = this.client.transaction((rows: FlatRows) => {
      insertFlat(byIndex, rows);
      this.rowCount += rows.kinds.length;
    });
  }

  get rows(): number {
    return this.rowCount;
  }

  /** Customers [from, to) in one transaction. Returns the rows written. */
  loadRange(from: number, to: number): number {
    const before = this.rowCount;
    try {
      this.writeRange(from, to);
    } catch (err) {
      this.rowCount = before;
      throw err;
    }
    return this.rowCount - before;
  }

  /** Writes rows generated elsewhere (a worker thread, see load-parallel.ts) in one transaction. */
  writeRows(rows: FlatRows): number {
    const before = this.rowCount;
    try {
      this.insertRows(rows);
    } catch (err) {
      this.rowCount = before;
      throw err;
    }
    return this.rowCount - before;
  }

  /** Records what was generated, so a saved data set can be recognised (bench-db.ts). */
  finish(): void {
    this.writeOutcomes();
    // The billing errors the fairness check must find (plant.ts), recorded under their own key.
    // The generator's rows leave the document kind to the store: its negative bills become credit notes.
    withFrozenInvoicesLifted(this.client, () => this.client.exec(MARK_CREDIT_NOTES_SQL));
    this.rowCount += plantBillingErrors(this.client, this.opts.seed).length;
    const marker: DemoMarker = {
      generator: GENERATOR_VERSION,
      migrations: migrationCount(this.client),
      customers: this.opts.customers,
      seed: this.opts.seed,
      months: this.ctx.months,
      today: this.opts.today,
    };
    this.client
      .prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(DEMO_MARKER_KEY, JSON.stringify(marker));
  }

  /**
   * After every customer is written: who called wanting to leave during the sample policy's
   * experiment, their arm, and what became of them (outcomes.ts). Read back in id order (which is
   * index order), page by page, so a million customers never sit in memory at once.
   */
  private writeOutcomes(): void {
    const experiment = SAMPLE_POLICY.experiments?.[0];
    if (!experiment) return;
    const window = enrolmentWindow(experiment, this.ctx.billed[0]!.start, this.ctx.today);
    const page = this.client.prepare(
      `SELECT c.id, c.churn_risk AS churnRisk, c.fraud_flag AS fraudFlag, a.id AS accountId, a.opened_on AS openedOn, a.status,
              (SELECT p.e164 FROM customer_phones p WHERE p.customer_id = c.id AND p.is_primary = 1 LIMIT 1) AS phone
         FROM customers c JOIN accounts a ON a.customer_id = c.id WHERE c.id > ? ORDER BY c.id LIMIT 5000`,
    );
    const interaction = this.client.prepare(CALL_SQL.interaction);
    const attempt = this.client.prepare(CALL_SQL.attempt);
    const approval = this.client.prepare(CALL_SQL.approval);
    const outcome = this.client.prepare(OUTCOME_SQL.outcome);
    const assignment = this.client.prepare(OUTCOME_SQL.assignment);
    const exposure = this.client.prepare(OUTCOME_SQL.exposure);
    const writePage = this.client.transaction((rows: PageRow[], first: number) => {
      rows.forEach((r, k) => {
        const c = {
          index: first + k,
          customerId: r.id,
          churnRisk: r.churnRisk,
          fraudFlag: r.fraudFlag === 1,
          openedOn: dayNumber(r.openedOn),
          suspended: r.status === 'suspended',
        };
        const o = simulateOutcome(this.opts.seed, c, experiment, SAMPLE_POLICY, window);
        const call = callRows(this.opts.seed, { ...c, accountId: r.accountId, phone: r.phone }, o, this.staff, this.ctx.idEpochMs);
        if (call) {
          this.rowCount += interaction.run(call.interaction).changes;
          for (const a of call.attempts) this.rowCount += attempt.run(a).changes;
          if (call.approval) this.rowCount += approval.run(call.approval).changes;
          if (this.opts.audit) for (const e of call.audit) this.opts.audit(e);
        }
        const rowsOut = outcomeRows(this.opts.seed, c, o, experiment, SAMPLE_POLICY.version, this.ctx.idEpochMs, call);
        for (const row of rowsOut.outcomes) this.rowCount += outcome.run(row).changes;
        if (rowsOut.assignment) this.rowCount += assignment.run(rowsOut.assignment).changes;
        if (rowsOut.exposure) this.rowCount += exposure.run(rowsOut.exposure).changes;
      });
    });
    let after = '';
    let index = 0;
    for (;;) {
      const rows = page.all(after) as PageRow[];
      if (rows.length === 0) break;
      writePage(rows, index);
      index += rows.length;
      after = rows[rows.length - 1]!.id;
    }
  }

  /** Plans, options, fees, their prices (the 2026 increase is a second row) and promotions. */
  private writeCatalog(): number {
    const rng = Rng.stream(this.opts.seed, 0, 8);
    const id = () => seededUuidv7(this.ctx.idEpochMs - 1, rng.next32);
    const plan = this.client.prepare('INSERT INTO plans (id, code, name, kind, terms, active) VALUES (?, ?, ?, ?, ?, 1) ON CONFLICT (code) DO NOTHING');
    const price = this.client.prepare(
      'INSERT INTO catalog_prices (id, item_code, amount, currency, effective_from) VALUES (?, ?, ?, ?, ?) ON CONFLICT (item_code, currency, effective_from) DO NOTHING',
    );
    const promotion = this.client.prepare('INSERT INTO promotions (id, code, name, terms) VALUES (?, ?, ?, ?) ON CONFLICT (code) DO NOTHING');
    const rows = catalogRows(this.ctx.catalog);
    let written = 0;
    this.client.transaction(() => {
      for (const i of rows.items) written += plan.run(id(), i.code, i.name, i.kind, JSON.stringify(i.terms)).changes;
      for (const p of rows.prices) written += price.run(id(), p.itemCode, p.amount, CURRENCY, p.effectiveFrom).changes;
      for (const p of rows.promotions) written += promotion.run(id(), p.code, p.name, JSON.stringify(p.terms)).changes;
      if (writeCatalogRules(this.client, rows.rules, instant(isoDate(this.ctx.billed[0]!.start), 8, 0))) written++;
      if (ensureDemoSeller(this.client, instant(isoDate(this.ctx.billed[0]!.start), 8, 0))) written++;
    })();
    return written;
  }
}

interface PageRow {
  id: string;
  churnRisk: ChurnRisk;
  fraudFlag: number;
  accountId: string;
  openedOn: string;
  status: string;
  phone: string | null;
}

export function loadDemoData(db: Store, opts: DemoLoadOptions): DemoLoadResult {
  const t0 = performance.now();
  const loader = new DemoLoader(db, opts);
  const batch = opts.batchSize ?? DEFAULT_BATCH;
  for (let from = 0; from < opts.customers; from += batch) {
    const to = Math.min(opts.customers, from + batch);
    loader.loadRange(from, to);
    opts.onProgress?.(to);
  }
  loader.finish();
  return { rows: loader.rows, customers: opts.customers, ms: performance.now() - t0 };
}

/**
 * First start: loads the demo set when the store has no customers; otherwise does nothing and
 * returns null. Safe to call on every start.
 */
export function ensureDemoData(db: Store, opts: DemoLoadOptions): DemoLoadResult | null {
  const present = db.$client.prepare('SELECT EXISTS (SELECT 1 FROM customers) AS present').get() as { present: number };
  return present.present ? null : loadDemoData(db, opts);
}

export function readDemoMarker(db: Store | Database.Database): DemoMarker | null {
  const client = '$client' in db ? db.$client : db;
  const row = client.prepare('SELECT value FROM sync_state WHERE key = ?').get(DEMO_MARKER_KEY) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as DemoMarker) : null;
}

function migrationCount(client: Database.Database): number {
  try {
    return (client.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n;
  } catch {
    return 0;
  }
}
