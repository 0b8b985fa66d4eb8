import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AUDIT_ACTIONS,
  AuditError,
  CanonicalJsonError,
  entryHashInput,
  GENESIS_HASH,
  isAuditAction,
  sealEntry,
  verifyChain,
  type AuditAction,
  type AuditEntry,
  type AuditFields,
} from '../../../src/core/audit';

const sha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');
const T0 = Date.parse('2025-06-15T09:00:00.000Z');

function fieldsAt(i: number, action: AuditAction = 'note_added', extra: Partial<AuditFields> = {}): AuditFields {
  return {
    id: `0197-entry-${i}`,
    at: new Date(T0 + i * 1000).toISOString(),
    actorId: 'agent-7',
    interactionId: 'call-42',
    action,
    subject: 'customer:c1',
    before: null,
    after: { text: `note ${i}` },
    ...extra,
  };
}

function chainOf(n: number): AuditEntry[] {
  const entries: AuditEntry[] = [];
  for (let i = 0; i < n; i++) entries.push(sealEntry(entries[i - 1] ?? null, fieldsAt(i), sha256));
  return entries;
}

const kinds = (entries: readonly AuditEntry[], options = {}) => verifyChain(entries, sha256, options).problems.map((p) => [p.seq, p.kind]);

describe('sealing entries', () => {
  it('the first entry follows the genesis hash; each next one follows the previous hash', () => {
    const [a, b] = chainOf(2) as [AuditEntry, AuditEntry];
    expect(a.seq).toBe(1);
    expect(a.prevHash).toBe(GENESIS_HASH);
    expect(GENESIS_HASH).toBe('0'.repeat(64));
    expect(b.seq).toBe(2);
    expect(b.prevHash).toBe(a.hash);
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('hashes prevHash, a newline and the canonical JSON of the fields — and only those fields', () => {
    const entry = sealEntry(null, fieldsAt(0, 'credit_granted', { before: { balance: 1200 }, after: { balance: 200, credit: 1000 } }), sha256);
    const input = entryHashInput(GENESIS_HASH, entry);
    expect(input).toBe(
      `${GENESIS_HASH}\n{"action":"credit_granted","actorId":"agent-7","after":{"balance":200,"credit":1000},"at":"2025-06-15T09:00:00.000Z","before":{"balance":1200},"id":"0197-entry-0","interactionId":"call-42","seq":1,"subject":"customer:c1"}`,
    );
    expect(entry.hash).toBe(sha256(input));
    const row = { ...entry, storedAt: 'whatever', rowid: 99 };
    expect(entryHashInput(entry.prevHash, row)).toBe(input);
  });

  it('stores a missing before/after as null', () => {
    const { before: _b, after: _a, ...rest } = fieldsAt(0, 'sign_in');
    const entry = sealEntry(null, rest, sha256);
    expect(entry.before).toBeNull();
    expect(entry.after).toBeNull();
  });

  it.each<[string, Partial<AuditFields>]>([
    ['an unknown action', { action: 'delete_everything' as AuditAction }],
    ['an empty id', { id: '' }],
    ['a local time', { at: '2025-06-15T11:00:00.000+02:00' }],
    ['a time without milliseconds', { at: '2025-06-15T09:00:00Z' }],
    ['an actor that is not a string', { actorId: 7 as unknown as string }],
  ])('refuses %s', (_name, bad) => {
    expect(() => sealEntry(null, { ...fieldsAt(0), ...bad }, sha256)).toThrow(AuditError);
  });

  it('refuses before/after that JSON cannot hold exactly', () => {
    expect(() => sealEntry(null, fieldsAt(0, 'plan_changed', { after: { at: new Date(0) } }), sha256)).toThrow(CanonicalJsonError);
  });

  it('refuses a hash function that does not give lower-case hex SHA-256', () => {
    expect(() => sealEntry(null, fieldsAt(0), (s) => sha256(s).toUpperCase())).toThrow(AuditError);
    expect(() => sealEntry(null, fieldsAt(0), () => 'abc')).toThrow(AuditError);
  });

  it('knows the audited actions', () => {
    expect(AUDIT_ACTIONS).toEqual(
      expect.arrayContaining([
        'sign_in',
        'sign_out',
        'verification_attempt',
        'verification_unlock',
        'view_full_account',
        'credit_granted',
        'credit_reversed',
        'approval_requested',
        'approval_decided',
        'note_added',
        'plan_changed',
        'interaction_started',
        'interaction_wrapped_up',
        'credential_failed',
        'password_rehashed',
        'ledger_baseline',
        'provisional_withdrawn',
        'lookup_search',
        'lookup_refused',
        'lookup_caller',
        'screen_pop',
        'experiment_assigned',
        'experiment_exposed',
        'invoice_copy_sent',
        'refund_paid',
        'refund_requested',
        'bill_viewed',
        'bills_compared',
        'plan_quoted',
        'follow_up_done',
        'dispute_opened',
        'dispute_resolved',
        'payment_plan_agreed',
        'payment_plan_requested',
        'customer_cancelled',
      ]),
    );
    expect(AUDIT_ACTIONS).toHaveLength(35);
    expect(isAuditAction('credit_granted')).toBe(true);
    expect(isAuditAction('credit_deleted')).toBe(false);
  });
});

describe('verifying the chain', () => {
  it('an intact log verifies, and reports its head', () => {
    const entries = chainOf(5);
    expect(verifyChain(entries, sha256)).toEqual({ ok: true, problems: [], head: { seq: 5, hash: entries[4]?.hash }, legacyUnsealed: 0 });
    expect(verifyChain([], sha256)).toEqual({ ok: true, problems: [], head: null, legacyUnsealed: 0 });
  });

  it('edited content (amount changed in place): that entry', () => {
    const entries = chainOf(5);
    entries[2] = { ...entries[2]!, after: { text: 'note 2, quietly changed' } };
    expect(kinds(entries)).toEqual([[3, 'edited']]);
  });

  it('an edited entry re-hashed to look sealed: the link from the next one breaks', () => {
    const entries = chainOf(5);
    const forged = { ...entries[2]!, actorId: 'agent-9' };
    entries[2] = { ...forged, hash: sha256(entryHashInput(forged.prevHash, forged)) };
    expect(kinds(entries)).toEqual([[4, 'broken_link']]);
  });

  it('a deleted entry: the gap', () => {
    const entries = chainOf(6);
    entries.splice(2, 2);
    const report = verifyChain(entries, sha256);
    expect(report.problems).toEqual([{ seq: 3, kind: 'deleted', message: 'entries 3–4 are missing' }]);
  });

  it('the first entry deleted', () => {
    expect(kinds(chainOf(4).slice(1))).toEqual([[1, 'deleted']]);
  });

  it('the tail cut off is only visible against a head recorded elsewhere', () => {
    const entries = chainOf(5);
    const head = { seq: 5, hash: entries[4]!.hash };
    expect(verifyChain(entries.slice(0, 3), sha256).ok).toBe(true);
    expect(kinds(entries.slice(0, 3), { head })).toEqual([[4, 'deleted']]);
  });

  it('the whole tail rewritten consistently is only visible against the head', () => {
    const entries = chainOf(5);
    const head = { seq: 5, hash: entries[4]!.hash };
    const rewritten = entries.slice(0, 2);
    for (let i = 2; i < 5; i++) rewritten.push(sealEntry(rewritten[i - 1]!, { ...fieldsAt(i), actorId: 'intruder' }, sha256));
    expect(verifyChain(rewritten, sha256).ok).toBe(true);
    expect(kinds(rewritten, { head })).toEqual([[5, 'edited']]);
  });

  it('two entries swapped in place', () => {
    const entries = chainOf(5);
    [entries[1], entries[2]] = [entries[2]!, entries[1]!];
    expect(kinds(entries)).toEqual([[2, 'reordered']]);
  });

  it('two entries swapped with their seq numbers exchanged, so the order looks right', () => {
    const entries = chainOf(5);
    const a = entries[1]!;
    const b = entries[2]!;
    entries[1] = { ...b, seq: 2 };
    entries[2] = { ...a, seq: 3 };
    expect(kinds(entries)).toEqual([
      [2, 'edited'],
      [2, 'reordered'],
      [3, 'edited'],
      [3, 'reordered'],
      [4, 'reordered'],
    ]);
  });

  it('a forged entry slipped in with a repeated seq', () => {
    const entries = chainOf(4);
    const forged = sealEntry(entries[1]!, fieldsAt(99, 'credit_granted'), sha256); // seq 3, links to 2
    entries.splice(3, 0, forged); // after the real seq 3
    expect(kinds(entries)).toEqual([[3, 'reordered']]);
  });

  it('a forged entry inserted, the rest renumbered', () => {
    const entries = chainOf(4);
    const forged = sealEntry(entries[1]!, fieldsAt(99, 'credit_granted'), sha256);
    const tampered = [...entries.slice(0, 2), forged, ...entries.slice(2).map((e) => ({ ...e, seq: e.seq + 1 }))];
    expect(kinds(tampered)).toEqual([
      [4, 'edited'],
      [4, 'reordered'],
      [5, 'edited'],
    ]);
  });

  it('a chain that does not start from genesis', () => {
    const entries = chainOf(3);
    const first = { ...entries[0]!, prevHash: 'f'.repeat(64) };
    entries[0] = { ...first, hash: sha256(entryHashInput(first.prevHash, first)) };
    entries[1] = { ...entries[1]!, prevHash: entries[0].hash, hash: sha256(entryHashInput(entries[0].hash, entries[1]!)) };
    entries[2] = { ...entries[2]!, prevHash: entries[1].hash, hash: sha256(entryHashInput(entries[1].hash, entries[2]!)) };
    expect(kinds(entries)).toEqual([[1, 'broken_link']]);
  });

  it('a malformed row is reported, not thrown', () => {
    const entries = chainOf(3) as unknown[];
    entries[1] = { ...(entries[1] as AuditEntry), hash: null };
    expect(kinds(entries as AuditEntry[])).toEqual([[2, 'edited']]);
    expect(verifyChain([null as unknown as AuditEntry], sha256).ok).toBe(false);
  });

  it('verifies a slice from a previous anchor', () => {
    const entries = chainOf(8);
    const previous = { seq: 4, hash: entries[3]!.hash };
    expect(verifyChain(entries.slice(4), sha256, { previous }).ok).toBe(true);
    expect(kinds(entries.slice(5), { previous })).toEqual([[5, 'deleted']]);
    expect(kinds(entries.slice(4), { previous: { seq: 4, hash: 'a'.repeat(64) } })).toEqual([[5, 'broken_link']]);
  });
});

describe('property: any single edit, deletion, swap or insertion of a random chain is detected', () => {
  const fieldsArb = fc.record({
    action: fc.constantFrom(...AUDIT_ACTIONS),
    actorId: fc.option(fc.string({ unit: 'grapheme', maxLength: 8 }), { nil: null }),
    interactionId: fc.option(fc.uuid(), { nil: null }),
    subject: fc.option(fc.string({ maxLength: 12 }), { nil: null }),
    before: fc.jsonValue({ maxDepth: 2 }),
    after: fc.jsonValue({ maxDepth: 2 }),
  });
  const chainArb = fc.array(fieldsArb, { minLength: 1, maxLength: 20 }).map((list) => {
    const entries: AuditEntry[] = [];
    list.forEach((f, i) => {
      entries.push(sealEntry(entries[i - 1] ?? null, { ...f, id: `id-${i}`, at: new Date(T0 + i * 1000).toISOString() }, sha256));
    });
    return entries;
  });

  const editable = ['seq', 'id', 'at', 'actorId', 'interactionId', 'action', 'subject', 'before', 'after', 'prevHash', 'hash'] as const;

  it('holds', () => {
    fc.assert(
      fc.property(
        chainArb,
        fc.constantFrom('edit', 'edit_and_rehash', 'delete', 'swap', 'swap_seq', 'insert'),
        fc.nat(),
        fc.nat(),
        fc.constantFrom(...editable),
        fc.jsonValue({ maxDepth: 1 }),
        (original, mutation, i0, j0, field, newValue) => {
          expect(verifyChain(original, sha256).ok).toBe(true);
          const head = { seq: original.length, hash: original[original.length - 1]!.hash };
          const entries = [...original];
          const i = i0 % entries.length;
          const j = j0 % entries.length;
          const target = entries[i]!;
          switch (mutation) {
            case 'edit':
            case 'edit_and_rehash': {
              const value =
                field === 'seq'
                  ? target.seq + 1 + (j0 % 3)
                  : typeof target[field] === 'string' && typeof newValue !== 'string'
                    ? `${target[field]}x`
                    : newValue;
              fc.pre(JSON.stringify(value) !== JSON.stringify(target[field]));
              let changed: AuditEntry = { ...target, [field]: value };
              if (mutation === 'edit_and_rehash' && field !== 'hash') changed = { ...changed, hash: sha256(entryHashInput(changed.prevHash, changed)) };
              entries[i] = changed;
              break;
            }
            case 'delete':
              entries.splice(i, 1);
              break;
            case 'swap':
              fc.pre(i !== j);
              [entries[i], entries[j]] = [entries[j]!, entries[i]!];
              break;
            case 'swap_seq':
              // Rows exchange contents but keep their seq: the order on disk looks right.
              fc.pre(i !== j);
              entries[i] = { ...original[j]!, seq: original[i]!.seq };
              entries[j] = { ...original[i]!, seq: original[j]!.seq };
              break;
            case 'insert': {
              // Appending a well-formed entry at the end is what the log does every day: no
              // chain can tell it from a real one. An insertion is anywhere before the end.
              fc.pre(i < entries.length - 1);
              const forged = sealEntry(
                entries[i]!,
                {
                  action: 'credit_granted',
                  id: 'forged',
                  at: new Date(T0).toISOString(),
                  actorId: 'x',
                  interactionId: null,
                  subject: null,
                  after: { amount: 5000 },
                },
                sha256,
              );
              entries.splice(i + 1, 0, forged);
              break;
            }
          }
          const report = verifyChain(entries, sha256, { head });
          expect(report.ok).toBe(false);
          expect(report.problems.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('seals: a keyed MAC of each entry', () => {
  // Any keyed function stands for HMAC here: core is handed the MAC, it never holds the key.
  const mac = (hash: string) => sha256(`key\n${hash}`);
  const sealed = (entries: AuditEntry[]) => entries.map((e) => ({ ...e, mac: mac(e.hash) }));

  it('a sealed log verifies', () => {
    expect(verifyChain(sealed(chainOf(4)), sha256, { seal: { mac } })).toMatchObject({ ok: true, problems: [] });
  });

  it('an entry edited and the whole chain re-hashed after it still fails: its seal (and every later one) is wrong', () => {
    const entries = sealed(chainOf(6));
    // Rewrite entry 3 and re-hash 3..6 properly, as someone with the database but not the key would.
    let prev = entries[1]!;
    for (let i = 2; i < 6; i++) {
      const body = i === 2 ? { ...entries[i]!, after: { text: 'rewritten' } } : entries[i]!;
      const resealed = sealEntry(
        prev,
        {
          id: body.id,
          at: body.at,
          actorId: body.actorId,
          interactionId: body.interactionId,
          action: body.action as 'note_added',
          subject: body.subject,
          before: body.before,
          after: body.after,
        },
        sha256,
      );
      entries[i] = { ...resealed, mac: entries[i]!.mac };
      prev = entries[i]!;
    }
    expect(verifyChain(entries, sha256).ok).toBe(true); // the bare hash chain is fooled
    const report = verifyChain(entries, sha256, { seal: { mac } });
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => [p.seq, p.kind])).toEqual([
      [3, 'unsealed'],
      [4, 'unsealed'],
      [5, 'unsealed'],
      [6, 'unsealed'],
    ]);
  });

  it('entries before sealedFrom may carry no seal (written before sealing began); later ones must', () => {
    const entries = chainOf(5).map((e) => (e.seq >= 3 ? { ...e, mac: mac(e.hash) } : { ...e, mac: null }));
    expect(verifyChain(entries, sha256, { seal: { mac, sealedFrom: 3 } })).toMatchObject({ ok: true, legacyUnsealed: 2 });
    const stripped = entries.map((e) => (e.seq === 4 ? { ...e, mac: null } : e));
    expect(verifyChain(stripped, sha256, { seal: { mac, sealedFrom: 3 } }).problems).toEqual([
      { seq: 4, kind: 'unsealed', message: 'entry 4 carries no seal: it was written without the audit key' },
    ]);
  });
});
