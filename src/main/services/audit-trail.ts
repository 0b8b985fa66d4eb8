/**
 * The audit trail: every command appends one hash-chained entry (core/audit). Appends happen
 * inside the caller's transaction, so an entry exists exactly when its effect does.
 *
 * Tamper evidence in three layers:
 *   1. triggers refuse UPDATE, DELETE and colliding INSERTs (INSERT OR REPLACE) on the log;
 *   2. each entry is sealed: mac = HMAC-SHA256(audit key, hash), the key kept outside the store
 *      (security/keys.ts) — an edit re-hashed all the way to the end still has no valid seals;
 *   3. the head (last seq, hash, seal) is anchored OUTSIDE the store after every commit, in a
 *      file sealed with the same key — deleting the last entries, or rolling the whole log back,
 *      leaves the log shorter than its anchored head. (A copy of an older anchor file put back
 *      is the one thing a desk alone cannot tell: the hub acknowledges heads for that.)
 * A crash between a commit and its anchor leaves the anchor one step behind: entries after the
 * anchored head are accepted when they are chained and sealed.
 */
import type Database from 'better-sqlite3';
import { createHash, createHmac } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { canonicalJson, sealEntry, verifyChain, type AuditEntry, type AuditFields, type ChainReport } from '../../core/audit';
import { writePrivateFileAtomic } from '../security/files';
import { auditLogQueries, type AuditLogQueries, type AuditLogRow } from '../store/audit-log';
import { uuidv7 } from '../store/ids';

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** The head of the log as kept outside the store. */
export interface AnchoredHead {
  readonly seq: number;
  readonly hash: string;
  readonly mac: string | null;
  /** The first entry that had to be sealed (entries before it predate sealing). */
  readonly sealedFrom: number;
}

export type AnchorState =
  { readonly status: 'ok'; readonly head: AnchoredHead } | { readonly status: 'missing' | 'forged' | 'unreadable'; readonly message: string };

export interface AuditSealing {
  /** The audit key (security/keys.ts). */
  readonly key: Buffer;
  /** Where the head is anchored (a file in the data folder); null: not anchored (benchmarks). */
  readonly anchorFile: string | null;
}

export class AuditTrail {
  private readonly log: AuditLogQueries;
  /** The head written by the last append, to anchor once its transaction has committed. */
  private unanchored: AuditEntry | null = null;
  private sealedFrom = 1;

  constructor(
    private readonly client: Database.Database,
    private readonly sealing: AuditSealing,
  ) {
    this.log = auditLogQueries(client);
    this.startAnchor();
  }

  /** The seal of an entry's hash. */
  mac(hash: string): string {
    return createHmac('sha256', this.sealing.key).update(`audit-entry\n${hash}`, 'utf8').digest('hex');
  }

  /** Appends one entry. Call inside the transaction that makes the change it records. */
  append(fields: Omit<AuditFields, 'id'> & { id?: string }): AuditEntry {
    const lastRow = this.log.last();
    const prev = lastRow ? toEntry(lastRow) : null;
    const sealed = sealEntry(prev, { ...fields, id: fields.id ?? uuidv7() } as AuditFields, sha256Hex);
    const mac = this.mac(sealed.hash);
    const entry: AuditEntry = { ...sealed, mac };
    this.log.insert({
      ...entry,
      mac,
      before: entry.before === null || entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === null || entry.after === undefined ? null : JSON.stringify(entry.after),
    });
    this.unanchored = entry;
    // Outside any caller's transaction the entry is committed: anchor it now.
    if (!this.client.inTransaction) this.anchor();
    return entry;
  }

  /**
   * Writes the anchored head after the appends of a finished call have committed (the
   * dispatcher calls this after every call; appends outside a transaction do it themselves).
   * Inside an open transaction it waits: an anchor must never run ahead of the store.
   */
  anchor(): void {
    if (this.unanchored === null || this.client.inTransaction || this.sealing.anchorFile === null) return;
    const row = this.log.last();
    this.unanchored = null;
    if (!row) return;
    // The anchor only moves forward along the same chain. A log cut short of its anchor, an
    // anchored entry rewritten, or an anchor file forged or removed is evidence: it is left as
    // it is for audit.verify to report, never healed by the next append.
    const current = this.readAnchor();
    if (current.status !== 'ok') return;
    const { seq, hash } = current.head;
    if (seq > 0) {
      const at = this.log.hashAt(seq);
      if (at === undefined || at !== hash || row.seq < seq) return;
    }
    this.writeAnchor({ seq: row.seq, hash: row.hash, mac: row.mac, sealedFrom: this.sealedFrom });
  }

  /** The last entry's sequence, hash and seal: what the hub acknowledges on every sync. */
  head(): { seq: number; hash: string; mac: string | null } | null {
    const row = this.log.last();
    return row ? { seq: row.seq, hash: row.hash, mac: row.mac } : null;
  }

  entriesOfInteraction(interactionId: string): AuditEntry[] {
    return this.log.ofInteraction(interactionId).map(toEntry);
  }

  /** Every entry of these actions, in log order (ledger reconciliation). */
  entriesWithActions(actions: readonly string[]): AuditEntry[] {
    return this.log.withActions(actions).map(toEntry);
  }

  /**
   * Re-hashes the whole log and checks every seal and the anchored head: reports any edited,
   * deleted, inserted, reordered, unsealed entry and a log cut short of (or rolled back behind)
   * its anchor.
   */
  verify(): ChainReport & { readonly anchor: AnchorState } {
    const rows = this.log.inWriteOrder();
    const anchor = this.readAnchor();
    const head = anchor.status === 'ok' && anchor.head.seq > 0 ? { seq: anchor.head.seq, hash: anchor.head.hash } : undefined;
    const report = verifyChain(rows.map(toEntry), sha256Hex, {
      ...(head ? { head } : {}),
      seal: { mac: (hash) => this.mac(hash), sealedFrom: anchor.status === 'ok' ? anchor.head.sealedFrom : 1 },
    });
    return { ...report, anchor };
  }

  // ── the anchor file ───────────────────────────────────────────────────────────────────────

  private anchorSeal(head: Omit<AnchoredHead, never>): string {
    return createHmac('sha256', this.sealing.key)
      .update(`audit-anchor\n${canonicalJson(head)}`, 'utf8')
      .digest('hex');
  }

  private writeAnchor(head: AnchoredHead): void {
    if (this.sealing.anchorFile === null) return;
    writePrivateFileAtomic(this.sealing.anchorFile, JSON.stringify({ head, seal: this.anchorSeal(head) }));
  }

  readAnchor(): AnchorState {
    const file = this.sealing.anchorFile;
    if (file === null) return { status: 'missing', message: 'this store keeps no anchor' };
    if (!existsSync(file)) return { status: 'missing', message: `the audit head kept outside the store (${file}) is missing` };
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as { head: AnchoredHead; seal: string };
      const h = parsed.head;
      const head: AnchoredHead = { seq: h.seq, hash: h.hash, mac: h.mac ?? null, sealedFrom: h.sealedFrom };
      if (!Number.isSafeInteger(head.seq) || !Number.isSafeInteger(head.sealedFrom) || typeof head.hash !== 'string') throw new Error('malformed');
      if (parsed.seal !== this.anchorSeal(head))
        return { status: 'forged', message: `the audit head kept outside the store (${file}) was not written with the audit key` };
      return { status: 'ok', head };
    } catch {
      return { status: 'unreadable', message: `the audit head kept outside the store (${file}) cannot be read` };
    }
  }

  /**
   * First use of a data folder: an empty log is anchored at 0; a log written before sealing
   * began (a store upgraded to migration 0005) is anchored where it stands, its entries so far
   * counted as unsealed legacy. An existing anchor is kept as it is.
   */
  private startAnchor(): void {
    const file = this.sealing.anchorFile;
    if (file === null) return;
    const anchor = this.readAnchor();
    if (anchor.status === 'ok') {
      this.sealedFrom = anchor.head.sealedFrom;
      return;
    }
    if (anchor.status !== 'missing') return; // reported by verify(); never overwritten
    const row = this.log.last();
    if (!row) {
      this.writeAnchor({ seq: 0, hash: '', mac: null, sealedFrom: 1 });
      return;
    }
    const anySealed = this.log.sealedCount() > 0;
    if (anySealed) return; // sealed entries but no anchor: the anchor was removed — verify() says so
    this.sealedFrom = row.seq + 1;
    this.writeAnchor({ seq: row.seq, hash: row.hash, mac: null, sealedFrom: this.sealedFrom });
  }
}

function toEntry(r: AuditLogRow): AuditEntry {
  return {
    seq: r.seq,
    id: r.id,
    at: r.at,
    actorId: r.actorId,
    interactionId: r.interactionId,
    action: r.action,
    subject: r.subject,
    before: r.before === null ? null : (JSON.parse(r.before) as unknown),
    after: r.after === null ? null : (JSON.parse(r.after) as unknown),
    prevHash: r.prevHash,
    hash: r.hash,
    mac: r.mac,
  };
}
