/**
 * The desk's sync with its hub: commands up, changes down, a nudge in between.
 *
 *   push   the outbox in device-sequence order, in batches; each receipt is kept on its command
 *          (accepted, rejected with reasons, pending approval) and told to the people concerned.
 *          A sequence the hub says it expects lower than ours means the hub lost what it had
 *          acknowledged (a restore): the desk sends again from there — it keeps every command.
 *   pull   changes after the cursor, applied with the cursor in one transaction per batch.
 *   nudge  the hub's event stream says something changed: pull now (and push, if anything waits).
 * A first start (or a new epoch: the hub was restored) takes a snapshot of every synced table,
 * then replays the change log from the snapshot's cursor. Offline, everything waits in the outbox;
 * the engine retries with a growing pause and says so (status()).
 */
import type Database from 'better-sqlite3';
import type { AuditHead, Change, Cursor, Receipt } from '../../core/sync/protocol';
import { SYNCED_TABLES, type SyncedTable } from '../../core/sync/tables';
import type { NewOutboxRow, OutboxRow as StoredOutboxRow } from '../store/commands';
import type { SyncApplier } from './apply';
import { HubRefused, HubUnreachable, type HubClient } from './hub-client';
import type { SnapshotWriter } from './snapshot-writer';

export type Connectivity = 'online' | 'offline';

export interface SyncStatus {
  readonly state: Connectivity | 'enrolling' | 'downloading';
  /** When the desk last heard from the hub (ISO), null if never. */
  readonly lastSyncAt: string | null;
  /** Since when the hub has not answered (ISO), while offline. */
  readonly offlineSince: string | null;
  /** Commands waiting to reach the hub. */
  readonly waiting: number;
  /** Commands the hub rejected, newest first (what the agents concerned are told). */
  readonly rejected: number;
  /** While downloading: rows written so far. */
  readonly downloaded: number;
}

export interface SyncEngineDeps {
  readonly client: Database.Database;
  readonly hub: HubClient;
  readonly applier: SyncApplier;
  readonly now: () => Date;
  readonly log: (message: string) => void;
  /** The desk's audit head, acknowledged by the hub on every push. */
  readonly auditHead: () => AuditHead | null;
  /** Told about every receipt (the agent who made the command sees it). */
  readonly onReceipt?: (
    receipt: Receipt,
    command: { type: string; actorId: string; interactionId: string | null; payload: unknown; previous: Receipt | null },
  ) => void;
  /** Told when the status changes (the header shows it). */
  readonly onStatus?: (status: SyncStatus) => void;
  /** Told after changes were applied (screens may reload). */
  readonly onChanges?: (tables: ReadonlySet<string>) => void;
  readonly batchSize?: number;
  readonly pullLimit?: number;
  readonly snapshotPage?: number;
  /** How often a round runs without a nudge while online (ms). */
  readonly pollMs?: number;
  /** Writes a download on its own connection (snapshot-writer.ts); without it, main's connection does. */
  readonly snapshotWriter?: Pick<SnapshotWriter, 'write' | 'close'>;
}

/** A command as written, with the receipt it had before (a resync sends acknowledged commands again). */
type OutboxRow = NewOutboxRow & Pick<StoredOutboxRow, 'receipt'>;

/** Rows per write transaction of a download or a pull: small enough that a lookup hardly waits. */
export const APPLY_CHUNK = 200;

const STATE = {
  epoch: 'sync:epoch',
  cursor: 'sync:cursor',
  snapshot: 'sync:snapshot',
  lastSyncAt: 'sync:last_sync_at',
  auditAck: 'sync:audit_head_ack',
} as const;

export class SyncEngine {
  private readonly sql;
  private running: Promise<void> | null = null;
  private again = false;
  /** Until start(), rounds run only when asked (settle): tests and the fault simulation drive them. */
  private stopped = true;
  private retryMs = 500;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private eventsAbort: AbortController | null = null;
  private connectivity: Connectivity = 'offline';
  private offlineSince: string | null = null;
  private downloading = false;
  private downloaded = 0;
  /** The hub holds changes of transactions not all finished: pull again soon, not at the next poll. */
  private behind = false;

  constructor(private readonly deps: SyncEngineDeps) {
    const c = deps.client;
    this.sql = {
      get: c.prepare<[string], { value: string }>(`SELECT value FROM sync_state WHERE key = ?`),
      put: c.prepare(`INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`),
      del: c.prepare(`DELETE FROM sync_state WHERE key = ?`),
      pending: c.prepare<[number], OutboxRow>(
        `SELECT id, device_seq AS deviceSeq, type, payload, actor_id AS actorId, interaction_id AS interactionId, created_at AS createdAt, receipt
           FROM command_outbox WHERE status IN ('pending', 'sent') ORDER BY device_seq LIMIT ?`,
      ),
      fromSeq: c.prepare<[number, number], OutboxRow>(
        `SELECT id, device_seq AS deviceSeq, type, payload, actor_id AS actorId, interaction_id AS interactionId, created_at AS createdAt, receipt
           FROM command_outbox WHERE device_seq >= ? ORDER BY device_seq LIMIT ?`,
      ),
      waiting: c.prepare<[], { n: number }>(`SELECT count(*) AS n FROM command_outbox WHERE status IN ('pending', 'sent')`),
      rejected: c.prepare<[], { n: number }>(`SELECT count(*) AS n FROM command_outbox WHERE status = 'rejected'`),
      setReceipt: c.prepare(`UPDATE command_outbox SET status = ?, receipt = ? WHERE id = ?`),
    };
  }

  // ── state kept in sync_state ────────────────────────────────────────────────────────────

  private read(key: string): string | null {
    return this.sql.get.get(key)?.value ?? null;
  }

  private write(key: string, value: string | null): void {
    if (value === null) this.sql.del.run(key);
    else this.sql.put.run(key, value);
  }

  /** For the applier: the cursor moves with the batch it follows, in the same transaction. */
  readonly state = {
    setCursor: (cursor: Cursor | null) => this.write(STATE.cursor, cursor ? JSON.stringify(cursor) : null),
    setSnapshotProgress: (progress: string) => this.write(STATE.snapshot, progress),
  };

  status(): SyncStatus {
    return {
      state: this.downloading ? 'downloading' : this.connectivity,
      lastSyncAt: this.read(STATE.lastSyncAt),
      offlineSince: this.connectivity === 'offline' ? this.offlineSince : null,
      waiting: this.sql.waiting.get()?.n ?? 0,
      rejected: this.sql.rejected.get()?.n ?? 0,
      downloaded: this.downloaded,
    };
  }

  isOnline(): boolean {
    return this.connectivity === 'online';
  }

  // ── running ─────────────────────────────────────────────────────────────────────────────

  /** Starts syncing: a first round now, then on every nudge, command and timer. */
  start(): void {
    this.stopped = false;
    this.kick();
    void this.listen();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.eventsAbort?.abort();
    await this.running?.catch(() => {});
  }

  /** Something to send or to fetch: run a round (again, if one is running). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    void this.runRound();
  }

  /** The round running now, or a new one: never two at once (one outbox, one cursor). */
  private runRound(): Promise<void> {
    this.running ??= this.round()
      .catch((err: unknown) => this.deps.log(`sync: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => {
        this.running = null;
        if (this.again && !this.stopped) {
          this.again = false;
          this.kick();
        }
      });
    return this.running;
  }

  /** Runs rounds until nothing is left to do or the hub does not answer (tests, the fault simulation). */
  async settle(): Promise<void> {
    for (let i = 0; i < 500; i++) {
      if (this.running) await this.running;
      await this.runRound();
      if (this.connectivity === 'offline') return;
      if (this.behind) {
        await new Promise((r) => setTimeout(r, 20));
        continue;
      }
      if (!this.again && (this.sql.waiting.get()?.n ?? 0) === 0) return;
      this.again = false;
    }
  }

  private async round(): Promise<void> {
    try {
      await this.ensureSnapshot();
      await this.push();
      await this.pull();
      this.online();
    } catch (err) {
      if (err instanceof HubUnreachable) this.offline(err.message);
      else throw err;
    }
  }

  private online(): void {
    const was = this.connectivity;
    this.connectivity = 'online';
    this.offlineSince = null;
    this.retryMs = 500;
    this.write(STATE.lastSyncAt, this.deps.now().toISOString());
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.kick(), this.behind ? 100 : (this.deps.pollMs ?? 5_000));
    if (was !== 'online') this.deps.log('sync: the hub answers');
    this.deps.onStatus?.(this.status());
  }

  private offline(why: string): void {
    if (this.connectivity === 'online' || this.offlineSince === null) this.deps.log(`sync: the hub does not answer (${why}); working offline`);
    this.connectivity = 'offline';
    this.offlineSince ??= this.deps.now().toISOString();
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.kick(), this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, 15_000);
    this.deps.onStatus?.(this.status());
  }

  private async listen(): Promise<void> {
    while (!this.stopped) {
      this.eventsAbort = new AbortController();
      try {
        await this.deps.hub.events((event) => {
          if (event === 'changes' || event === 'hello') this.kick();
        }, this.eventsAbort.signal);
      } catch {
        // The hub went away: the rounds notice and say so; try the stream again shortly.
      }
      if (!this.stopped) await new Promise((r) => setTimeout(r, Math.min(this.retryMs, 5_000)));
    }
  }

  // ── snapshot ────────────────────────────────────────────────────────────────────────────

  /** A desk without a cursor downloads every synced table, then replays from the snapshot's cursor. */
  private async ensureSnapshot(): Promise<void> {
    if (this.read(STATE.cursor) !== null) return;
    const progress = this.read(STATE.snapshot);
    let {
      table: tableIndex,
      after,
      cursor,
    } = progress ? (JSON.parse(progress) as { table: number; after: string | null; cursor: Cursor | null }) : { table: 0, after: null, cursor: null };
    this.downloading = true;
    this.deps.onStatus?.(this.status());
    try {
      for (; tableIndex < SYNCED_TABLES.length; tableIndex++, after = null) {
        const table: SyncedTable = SYNCED_TABLES[tableIndex]!;
        for (;;) {
          const page = await this.deps.hub.call('snapshot', { table, after, limit: this.deps.snapshotPage ?? 2000 });
          // The cursor of the snapshot's first page: the replay starts below everything read after it.
          cursor ??= page.cursor;
          if (!this.read(STATE.epoch)) this.write(STATE.epoch, page.epoch);
          after = page.after;
          const last = !page.more && tableIndex === SYNCED_TABLES.length - 1;
          const done = JSON.stringify({ table: page.more ? tableIndex : tableIndex + 1, after: page.more ? after : null, cursor });
          // With a writer, a page is one transaction on the writer's own connection: lookups on
          // main's connection never wait for it. Without one, main writes the page in small
          // transactions, giving way between them. Either way a desk killed half-way through a
          // page writes it again (upserts) from the progress stored with the page before.
          const writer = this.deps.snapshotWriter;
          if (writer) {
            await writer.write(this.deps.applier.snapshotSteps(table, page.rows), { key: STATE.snapshot, value: done });
            this.downloaded += page.rows.length;
            if (last) this.state.setCursor(cursor);
            if (!page.more) break;
            continue;
          }
          const held = this.read(STATE.snapshot) ?? JSON.stringify({ table: tableIndex, after: null, cursor });
          for (let i = 0; i < page.rows.length; i += APPLY_CHUNK) {
            const end = i + APPLY_CHUNK >= page.rows.length;
            this.downloaded += this.deps.applier.applySnapshotRows(table, page.rows.slice(i, i + APPLY_CHUNK), end ? done : held);
            if (!end) await new Promise((r) => setImmediate(r));
          }
          if (page.rows.length === 0) this.deps.applier.applySnapshotRows(table, [], done);
          if (last) this.state.setCursor(cursor);
          if (!page.more) break;
        }
      }
      if (cursor && this.read(STATE.cursor) === null) this.state.setCursor(cursor);
      this.write(STATE.snapshot, null);
    } finally {
      this.downloading = false;
      await this.deps.snapshotWriter?.close();
    }
  }

  // ── push ────────────────────────────────────────────────────────────────────────────────

  private async push(): Promise<void> {
    const epoch = this.read(STATE.epoch);
    if (!epoch) return;
    let resendFrom: number | null = null;
    for (let guard = 0; guard < 10_000; guard++) {
      const rows: OutboxRow[] =
        resendFrom !== null ? this.sql.fromSeq.all(resendFrom, this.deps.batchSize ?? 100) : this.sql.pending.all(this.deps.batchSize ?? 100);
      resendFrom = null;
      if (rows.length === 0) {
        await this.acknowledgeAuditHead(epoch);
        return;
      }
      let answer;
      try {
        answer = await this.deps.hub.call('push', {
          epoch,
          commands: rows.map((r) => ({
            commandId: r.id,
            deviceSeq: r.deviceSeq,
            type: r.type,
            payload: JSON.parse(r.payload) as unknown,
            actorId: r.actorId,
            interactionId: r.interactionId,
            createdAt: r.createdAt,
          })),
          auditHead: this.deps.auditHead(),
        });
      } catch (err) {
        if (err instanceof HubRefused && err.code === 'EPOCH') {
          await this.resync(String(err.body['epoch']));
          return;
        }
        throw err;
      }
      const byId = new Map(rows.map((r) => [r.id, r]));
      this.deps.client.transaction(() => {
        for (const receipt of answer.receipts) this.sql.setReceipt.run(receipt.status, JSON.stringify(receipt), receipt.commandId);
      })();
      for (const receipt of answer.receipts) {
        const row = byId.get(receipt.commandId);
        if (row)
          this.deps.onReceipt?.(receipt, {
            type: row.type,
            actorId: row.actorId,
            interactionId: row.interactionId,
            payload: JSON.parse(row.payload) as unknown,
            previous: row.receipt ? (JSON.parse(row.receipt) as Receipt) : null,
          });
      }
      if (answer.auditHeadAcknowledged) this.write(STATE.auditAck, JSON.stringify(answer.auditHeadAcknowledged));
      if (answer.expectedSeq !== null) {
        const first = rows[0]!.deviceSeq;
        // The hub expects less than we sent: it lost commands it had acknowledged (a restore). Send again from there.
        if (answer.expectedSeq < first) resendFrom = answer.expectedSeq;
        else if (answer.receipts.length === 0) throw new Error(`the hub expects command ${answer.expectedSeq}, which this desk never wrote`);
      }
      if (answer.receipts.length === 0 && resendFrom === null) return;
    }
  }

  /** Nothing to send, but the audit log grew (sign-ins, views): the hub acknowledges its head anyway. */
  private async acknowledgeAuditHead(epoch: string): Promise<void> {
    const head = this.deps.auditHead();
    const acked = this.acknowledgedAuditHead();
    if (!head || (acked && acked.seq === head.seq && acked.hash === head.hash)) return;
    let answer;
    try {
      answer = await this.deps.hub.call('push', { epoch, commands: [], auditHead: head });
    } catch (err) {
      // A new epoch: the pull that follows downloads everything again; the head waits for it.
      if (err instanceof HubRefused && err.code === 'EPOCH') return;
      throw err;
    }
    if (answer.auditHeadAcknowledged) this.write(STATE.auditAck, JSON.stringify(answer.auditHeadAcknowledged));
  }

  /** The acknowledged audit head (what the hub holds of this desk's chain). */
  acknowledgedAuditHead(): AuditHead | null {
    const v = this.read(STATE.auditAck);
    return v ? (JSON.parse(v) as AuditHead) : null;
  }

  // ── pull ────────────────────────────────────────────────────────────────────────────────

  private async pull(): Promise<void> {
    const changed = new Set<string>();
    for (;;) {
      const epoch = this.read(STATE.epoch);
      const raw = this.read(STATE.cursor);
      const cursor = raw ? (JSON.parse(raw) as Cursor) : null;
      const page = await this.deps.hub.call('pull', { epoch, cursor, limit: this.deps.pullLimit ?? 1000 });
      if (page.resync) {
        await this.resync(page.epoch);
        return;
      }
      // Applied in chunks, each with its own cursor: a lookup never waits behind a big download.
      const changes = page.changes as readonly Change[];
      for (let i = 0; i < changes.length; i += APPLY_CHUNK) {
        const part = changes.slice(i, i + APPLY_CHUNK);
        const last = part.at(-1)!;
        this.deps.applier.applyChanges(part, { xid: last.xid, seq: last.seq });
        for (const c of part) changed.add(c.table);
        if (i + APPLY_CHUNK < changes.length) await new Promise((r) => setImmediate(r));
      }
      if (changes.length === 0 && page.cursor) this.state.setCursor(page.cursor);
      if (!page.more) {
        this.behind = page.waiting === true;
        break;
      }
    }
    if (changed.size > 0) this.deps.onChanges?.(changed);
  }

  /**
   * The hub's history changed (restored from a backup): every synced table is downloaded again.
   * Commands not yet acknowledged stay in the outbox and are pushed with the new epoch.
   */
  private async resync(epoch: string): Promise<void> {
    this.deps.log(`sync: the hub's history changed (epoch ${epoch}); downloading everything again`);
    this.deps.applier.wipe();
    this.write(STATE.cursor, null);
    this.write(STATE.snapshot, null);
    this.write(STATE.epoch, epoch);
    // Commands the old history acknowledged are sent again: the new history may not know them.
    this.deps.client.prepare(`UPDATE command_outbox SET status = 'pending' WHERE status IN ('accepted', 'rejected', 'pending_approval', 'sent')`).run();
    await this.ensureSnapshot();
  }
}
