/**
 * The audit log as a hash chain.
 *
 * Each entry's hash is SHA-256 (lower-case hex) of
 *     prevHash + '\n' + canonicalJson({ seq, id, at, actorId, interactionId, action, subject, before, after })
 * where prevHash is the previous entry's hash (GENESIS_HASH for seq 1). seq starts at 1 and
 * has no gaps. Changing, removing, inserting or reordering any entry therefore breaks either
 * that entry's own hash or the link from the next one.
 *
 * What the chain proves, and what it does not: SHA-256 has no secret, so someone with write
 * access who rewrites an entry AND every entry after it produces a consistent chain. Storing the
 * head ({ seq, hash }) somewhere else — the hub, a receipt, a daily report — and passing it to
 * verifyChain as `head` detects that rewrite and a truncated tail. Likewise a well-formed entry
 * appended at the end looks like any new entry: the chain shows what was changed, not who may
 * append — that is the store's permissions and the hub's copy. The SQLite triggers that
 * block UPDATE and DELETE are the first line; the chain is how tampering is noticed anyway.
 *
 * Hashing is passed in (sha256) because core does no I/O and imports no node:crypto.
 */
import { type AuditAction, isAuditAction } from './actions';
import { canonicalJson } from './canonical';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  /** 1, 2, 3… with no gaps: the order of the log. */
  readonly seq: number;
  /** UUIDv7 of the entry. */
  readonly id: string;
  /** ISO 8601 UTC with milliseconds, as Date.prototype.toISOString writes it. */
  readonly at: string;
  /** The agent or supervisor; null for the system itself. */
  readonly actorId: string | null;
  /** The call this happened during, when there was one. */
  readonly interactionId: string | null;
  /** An AuditAction for new entries; a string here so entries from a newer version still verify. */
  readonly action: string;
  /** What it was done to: 'customer:…', 'account:…', 'credit:…'; null when nothing specific. */
  readonly subject: string | null;
  /** State before the change, where it applies, else null. Must be canonical-JSON-able. */
  readonly before: unknown;
  /** State after the change, where it applies, else null. */
  readonly after: unknown;
  readonly prevHash: string;
  readonly hash: string;
  /**
   * The entry's seal: a keyed MAC of `hash` under a key kept outside the store (main passes the
   * MAC function in). Without the key, no one can write an entry that verifies — not even by
   * re-hashing the whole chain after an edit. Null on entries written before sealing began.
   */
  readonly mac?: string | null;
}

/** An entry without its hashes: what is hashed. */
export type AuditEntryBody = Omit<AuditEntry, 'prevHash' | 'hash' | 'mac'>;

/** What a command supplies; seq and the hashes come from the chain. */
export interface AuditFields {
  readonly id: string;
  readonly at: string;
  readonly actorId: string | null;
  readonly interactionId: string | null;
  readonly action: AuditAction;
  readonly subject: string | null;
  /** Omitted or undefined is stored as null ("does not apply"). */
  readonly before?: unknown;
  readonly after?: unknown;
}

/** SHA-256 of the UTF-8 bytes of `input`, as 64 lower-case hex digits. */
export type Sha256Hex = (input: string) => string;

export type AuditErrorKind = 'invalid_fields' | 'invalid_previous' | 'bad_hash_function';

export class AuditError extends Error {
  override readonly name = 'AuditError';
  constructor(
    readonly kind: AuditErrorKind,
    message: string,
  ) {
    super(message);
  }
}

const HASH = /^[0-9a-f]{64}$/;
/** One representation of time in the log: toISOString's. */
const UTC_MILLIS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * The exact text whose SHA-256 is an entry's hash. Only the listed fields are taken, so extra
 * columns on a database row never change a hash.
 * @throws CanonicalJsonError when before/after hold something JSON cannot represent exactly.
 */
export function entryHashInput(prevHash: string, entry: AuditEntryBody): string {
  const { seq, id, at, actorId, interactionId, action, subject, before, after } = entry;
  return `${prevHash}\n${canonicalJson({ seq, id, at, actorId, interactionId, action, subject, before, after })}`;
}

const isNullableString = (v: unknown): v is string | null => v === null || typeof v === 'string';

/**
 * Appends: the entry that follows `prev` (null for the first entry of the log).
 * @throws AuditError for invalid fields, a malformed previous entry or a hash function that
 *   does not return 64 lower-case hex digits; CanonicalJsonError for before/after JSON cannot hold.
 */
export function sealEntry(prev: AuditEntry | null, fields: AuditFields, sha256: Sha256Hex): AuditEntry {
  if (prev !== null && (!Number.isSafeInteger(prev.seq) || prev.seq < 1 || !HASH.test(prev.hash))) {
    throw new AuditError('invalid_previous', 'the previous entry has no valid seq or hash');
  }
  const problems: string[] = [];
  if (typeof fields.id !== 'string' || fields.id === '') problems.push('id must be a non-empty string');
  if (typeof fields.at !== 'string' || !UTC_MILLIS.test(fields.at) || Number.isNaN(Date.parse(fields.at))) {
    problems.push('at must be an ISO 8601 UTC time with milliseconds (toISOString)');
  }
  if (!isNullableString(fields.actorId)) problems.push('actorId must be a string or null');
  if (!isNullableString(fields.interactionId)) problems.push('interactionId must be a string or null');
  if (!isAuditAction(fields.action)) problems.push(`unknown audit action ${String(fields.action)}`);
  if (!isNullableString(fields.subject)) problems.push('subject must be a string or null');
  if (problems.length > 0) throw new AuditError('invalid_fields', problems.join('; '));

  const body: AuditEntryBody = {
    seq: prev === null ? 1 : prev.seq + 1,
    id: fields.id,
    at: fields.at,
    actorId: fields.actorId,
    interactionId: fields.interactionId,
    action: fields.action,
    subject: fields.subject,
    before: fields.before === undefined ? null : fields.before,
    after: fields.after === undefined ? null : fields.after,
  };
  const prevHash = prev === null ? GENESIS_HASH : prev.hash;
  const hash = sha256(entryHashInput(prevHash, body));
  if (typeof hash !== 'string' || !HASH.test(hash)) {
    throw new AuditError('bad_hash_function', 'sha256 must return 64 lower-case hex digits');
  }
  return { ...body, prevHash, hash };
}

export type ChainProblemKind = 'edited' | 'deleted' | 'reordered' | 'broken_link' | 'unsealed';

export interface ChainProblem {
  /** The entry concerned; for 'deleted', the first missing seq. */
  readonly seq: number;
  /**
   * edited       the entry's content (or prevHash) no longer matches its hash, the entry is
   *              malformed, or it differs from the anchored head.
   * deleted      seq numbers are missing: removed entries, or a tail cut short of the head.
   * reordered    seq does not increase by one from the previous entry, or the entry links to
   *              an entry of the log that is not its predecessor.
   * broken_link  the entry's prevHash matches no entry: its predecessor was rewritten (and
   *              re-hashed) after it was sealed, or a forged entry was inserted.
   */
  readonly kind: ChainProblemKind;
  readonly message: string;
}

export interface ChainReport {
  readonly ok: boolean;
  readonly problems: readonly ChainProblem[];
  /** The last entry checked: store it elsewhere and pass it back as `head` next time. */
  readonly head: { readonly seq: number; readonly hash: string } | null;
  /** Entries before `sealedFrom` that carry no seal (written before sealing began). */
  readonly legacyUnsealed: number;
}

export interface VerifyOptions {
  /**
   * The entry just before `entries` when verifying a slice (e.g. since the last check).
   * Without it the log must start at seq 1 from GENESIS_HASH.
   */
  readonly previous?: { readonly seq: number; readonly hash: string };
  /** A head recorded elsewhere earlier: detects a rewritten or truncated tail. */
  readonly head?: { readonly seq: number; readonly hash: string };
  /**
   * Check every entry's seal with this MAC function (of the entry's hash). Entries numbered
   * below `sealedFrom` (default 1) may be unsealed: they predate sealing.
   */
  readonly seal?: { readonly mac: (hash: string) => string; readonly sealedFrom?: number };
}

function malformation(entry: unknown): string | null {
  if (typeof entry !== 'object' || entry === null) return 'not an object';
  const e = entry as Record<string, unknown>;
  if (!Number.isSafeInteger(e.seq) || (e.seq as number) < 1) return 'seq is not a positive integer';
  for (const key of ['id', 'at', 'action', 'prevHash', 'hash'] as const) {
    if (typeof e[key] !== 'string') return `${key} is not a string`;
  }
  for (const key of ['actorId', 'interactionId', 'subject'] as const) {
    if (!isNullableString(e[key])) return `${key} is not a string or null`;
  }
  if (!('before' in e) || !('after' in e)) return 'before/after missing';
  return null;
}

function range(from: number, to: number): string {
  return from === to ? `entry ${from} is missing` : `entries ${from}–${to} are missing`;
}

/**
 * Checks a log (sorted by seq, as stored) and reports every edited, deleted, reordered or
 * inserted entry it can see. Never throws: a broken log is a report, not an exception.
 */
export function verifyChain(entries: readonly AuditEntry[], sha256: Sha256Hex, options: VerifyOptions = {}): ChainReport {
  const problems: ChainProblem[] = [];
  const startSeq = options.previous ? options.previous.seq + 1 : 1;
  const startHash = options.previous ? options.previous.hash : GENESIS_HASH;

  // Malformed entries are reported once and take part in nothing else.
  const wellFormed: boolean[] = entries.map((entry, i) => {
    const why = malformation(entry);
    if (why !== null) {
      const seq = Number.isSafeInteger((entry as { seq?: unknown } | null)?.seq) ? (entry as AuditEntry).seq : startSeq + i;
      problems.push({ seq, kind: 'edited', message: `entry ${seq} is malformed: ${why}` });
    }
    return why === null;
  });

  const indexByHash = new Map<string, number>();
  entries.forEach((entry, i) => {
    if (wellFormed[i] && !indexByHash.has(entry.hash)) indexByHash.set(entry.hash, i);
  });

  // 1. Each entry against its own hash.
  entries.forEach((entry, i) => {
    if (!wellFormed[i]) return;
    let computed: string;
    try {
      computed = sha256(entryHashInput(entry.prevHash, entry));
    } catch {
      computed = '';
    }
    if (computed !== entry.hash) {
      problems.push({ seq: entry.seq, kind: 'edited', message: `entry ${entry.seq} was changed after it was sealed: its content does not match its hash` });
    }
  });

  const seqOf = (entry: unknown): number | null => {
    const seq = (entry as { seq?: unknown } | null)?.seq;
    return Number.isSafeInteger(seq) && (seq as number) >= 1 ? (seq as number) : null;
  };

  // 2. Order: seq must go up from one entry to the next. Going down or repeating is reordering;
  //    gaps are deletions (below).
  let highest = startSeq - 1;
  entries.forEach((entry) => {
    const seq = seqOf(entry);
    if (seq === null) return;
    if (seq <= highest) {
      problems.push({ seq, kind: 'reordered', message: seq === highest ? `entry ${seq} appears twice` : `entry ${seq} comes after entry ${highest}` });
    }
    highest = Math.max(highest, seq);
  });

  // 3. Links: each entry must carry the hash of the entry numbered just before it (or of the
  //    anchor). Found by number, not by position, so one misplaced row is one problem.
  const indexBySeq = new Map<number, number>();
  entries.forEach((entry, i) => {
    const seq = seqOf(entry);
    if (seq !== null && !indexBySeq.has(seq)) indexBySeq.set(seq, i);
  });
  entries.forEach((entry, i) => {
    if (!wellFormed[i] || entry.seq < startSeq) return;
    let expected: string;
    if (entry.seq === startSeq) expected = startHash;
    else {
      const p = indexBySeq.get(entry.seq - 1);
      // A missing or malformed predecessor is already reported; there is nothing to link to.
      if (p === undefined || !wellFormed[p]) return;
      expected = (entries[p] as AuditEntry).hash;
    }
    if (entry.prevHash === expected) return;
    const target = indexByHash.get(entry.prevHash);
    if (target !== undefined && target !== i) {
      const other = (entries[target] as AuditEntry).seq;
      problems.push({ seq: entry.seq, kind: 'reordered', message: `entry ${entry.seq} follows entry ${other} in the chain, not entry ${entry.seq - 1}` });
      return;
    }
    problems.push({
      seq: entry.seq,
      kind: 'broken_link',
      message:
        entry.seq === startSeq
          ? options.previous
            ? `entry ${entry.seq} does not follow the anchor entry ${options.previous.seq}`
            : `entry ${entry.seq} does not start from the genesis hash`
          : `entry ${entry.seq} does not follow entry ${entry.seq - 1}: entry ${entry.seq - 1} was rewritten after entry ${entry.seq} was sealed, or one of them was inserted`,
    });
  });

  // Missing numbers, from the start (or the slice's anchor) up to the last entry or the head.
  const present = [...new Set(entries.map(seqOf).filter((seq): seq is number => seq !== null))].sort((a, b) => a - b);
  let next = startSeq;
  for (const seq of present) {
    if (seq > next) problems.push({ seq: next, kind: 'deleted', message: range(next, seq - 1) });
    next = Math.max(next, seq + 1);
  }
  if (options.head && options.head.seq >= next) {
    problems.push({ seq: next, kind: 'deleted', message: `${range(next, options.head.seq)}: the log ends before its recorded head` });
  }
  if (options.head) {
    const { seq, hash } = options.head;
    const atHead = entries.filter((e, i) => wellFormed[i] && e.seq === seq);
    if (atHead.length > 0 && atHead.every((e) => e.hash !== hash)) {
      problems.push({ seq, kind: 'edited', message: `entry ${seq} is not the entry recorded as the head: the log was rewritten up to it` });
    }
  }

  // 4. Seals: every entry from sealedFrom on must carry the MAC of its own hash.
  let legacyUnsealed = 0;
  if (options.seal) {
    const { mac, sealedFrom = 1 } = options.seal;
    entries.forEach((entry, i) => {
      if (!wellFormed[i]) return;
      const seal = entry.mac ?? null;
      if (seal === null && entry.seq < sealedFrom) {
        legacyUnsealed++;
        return;
      }
      let expected: string;
      try {
        expected = mac(entry.hash);
      } catch {
        expected = '';
      }
      if (seal === null)
        problems.push({ seq: entry.seq, kind: 'unsealed', message: `entry ${entry.seq} carries no seal: it was written without the audit key` });
      else if (seal !== expected)
        problems.push({
          seq: entry.seq,
          kind: 'unsealed',
          message: `entry ${entry.seq}'s seal does not match: it was written or rewritten without the audit key`,
        });
    });
  }

  problems.sort((a, b) => a.seq - b.seq);
  const last = [...entries].reverse().find((_, r) => wellFormed[entries.length - 1 - r]);
  return { ok: problems.length === 0, problems, head: last ? { seq: last.seq, hash: last.hash } : null, legacyUnsealed };
}
