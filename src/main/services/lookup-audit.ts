/**
 * Lookups in the audit trail: who searched what and when (the query as typed, how it was read,
 * how many callers it listed), every masked profile opened, every screen pop with its number.
 * They go through the one AuditTrail, in the same hash chain as every command.
 *
 * WRITE-BEHIND, and why. A command writes its audit entry in its own transaction, and a commit
 * under synchronous=FULL waits for the disk (an fsync): a millisecond or more on a desk's SSD,
 * more than a whole lookup usually takes (tenths of a millisecond at the median on a million
 * callers, bench/results/lookup.json). Search-as-you-type sends several lookups a second, so one
 * commit per lookup would make the box slower than the search itself. Instead, records wait here, in memory, and
 * are appended in ONE transaction at most LOOKUP_AUDIT_FLUSH_MS after the first of them — one
 * disk wait per second of typing, not one per keystroke, and off the lookup's own path (the
 * flush runs from a timer, between requests). They are also written when the host closes, and
 * before any other API method runs (app.ts), so the chain keeps lookups and the commands that
 * follow them in the order they happened. Each record keeps the time it happened (`at`), not
 * the time it was written.
 *
 * The price: a process killed outright (power cut, kill -9) loses at most the last second of
 * lookup records — never a command's, which are written with their effect. A lookup changes
 * nothing, so nothing else is lost with it.
 *
 * Searches refused by the rate limit are summed up: per agent and per flush, one entry with
 * how many were refused, the first and the last query and their times — so a script hammering
 * the box cannot grow the trail faster than one entry a second.
 */
import type Database from 'better-sqlite3';
import type { AuditAction } from '../../core/audit';
import type { AuditTrail } from './audit-trail';

export const LOOKUP_AUDIT_FLUSH_MS = 1_000;
/** Records held before a flush is forced in line (never reached under the rate limit). */
const MAX_PENDING = 5_000;

export interface LookupRecord {
  /** When it happened: ISO 8601 UTC with milliseconds. */
  readonly at: string;
  readonly actorId: string | null;
  readonly action: AuditAction;
  readonly subject: string | null;
  readonly after: unknown;
}

/** A record waiting to be written; mutable only for a refusal summary that grows. */
interface Pending {
  record: LookupRecord;
}

interface RefusedRun {
  readonly entry: Pending;
  readonly firstAt: string;
  readonly firstQuery: string;
  count: number;
}

export interface LookupAuditOptions {
  readonly flushMs?: number;
  readonly log?: (message: string) => void;
}

export class LookupAuditBuffer {
  private pending: Pending[] = [];
  /** The refusal summary of each agent in the pending batch. */
  private refusals = new Map<string, RefusedRun>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  private readonly flushMs: number;
  private readonly log: (message: string) => void;
  private readonly writeBatch: (batch: readonly Pending[]) => void;

  constructor(client: Database.Database, audit: AuditTrail, opts: LookupAuditOptions = {}) {
    this.flushMs = opts.flushMs ?? LOOKUP_AUDIT_FLUSH_MS;
    this.log = opts.log ?? (() => {});
    // Entry ids are made here, at write time (UUIDv7, see AuditTrail.append), not on the lookup's path.
    this.writeBatch = client.transaction((batch: readonly Pending[]) => {
      for (const p of batch) audit.append({ interactionId: null, ...p.record });
    });
  }

  /** Records in the order they happened, not yet written. */
  get size(): number {
    return this.pending.length;
  }

  record(record: LookupRecord): void {
    if (this.closed) return;
    this.pending.push({ record });
    this.schedule();
  }

  /** A search refused by the rate limit: counted into the agent's summary for this batch. */
  refused(actorId: string, query: string, at: string, retryAfterMs: number): void {
    if (this.closed) return;
    const run = this.refusals.get(actorId);
    if (run) {
      run.count++;
      run.entry.record = summary(actorId, run, query, at, retryAfterMs);
      return;
    }
    const entry: Pending = { record: { at, actorId, action: 'lookup_refused', subject: null, after: null } };
    const fresh: RefusedRun = { entry, firstAt: at, firstQuery: query, count: 1 };
    entry.record = summary(actorId, fresh, query, at, retryAfterMs);
    this.refusals.set(actorId, fresh);
    this.pending.push(entry);
    this.schedule();
  }

  /**
   * Appends every pending record in one transaction. If the store refuses (disk full, locked
   * past the busy timeout), the records stay pending for the next try; nothing is dropped.
   */
  flush(): number {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.pending.length === 0) return 0;
    const batch = this.pending;
    this.pending = [];
    this.refusals = new Map();
    try {
      this.writeBatch(batch);
      return batch.length;
    } catch (err) {
      this.pending = batch.concat(this.pending);
      if (!this.closed) this.schedule();
      throw err;
    }
  }

  /** Writes what is pending and stops recording (the host is closing). */
  close(): void {
    try {
      this.flush();
    } finally {
      this.closed = true;
    }
  }

  private schedule(): void {
    if (this.pending.length >= MAX_PENDING) {
      this.tryFlush();
      return;
    }
    if (this.timer !== null) return;
    this.timer = setTimeout(() => this.tryFlush(), this.flushMs);
    // Never what keeps the process alive: closing the host flushes.
    this.timer.unref?.();
  }

  /** flush(), logging a failure instead of throwing it (the records stay pending). */
  tryFlush(): void {
    try {
      this.flush();
    } catch (err) {
      this.log(`lookup audit: ${this.pending.length} records not written yet, retrying: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

function summary(actorId: string, run: RefusedRun, lastQuery: string, lastAt: string, retryAfterMs: number): LookupRecord {
  return {
    at: run.firstAt,
    actorId,
    action: 'lookup_refused',
    subject: null,
    after: { refused: run.count, firstQuery: run.firstQuery, lastQuery, lastAt, retryAfterMs },
  };
}
