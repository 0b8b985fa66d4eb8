/**
 * Tamper evidence, tried the way someone with the database file (but not the keys kept outside
 * it) would try: INSERT OR REPLACE over a credit, triggers dropped and rows edited, the last
 * audit entries deleted, an entry edited and every later one re-hashed, the anchor file forged.
 * audit.verify must say so every time.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditVerifyReport, GrantResult } from '../../../src/core/api';
import { sealEntry, type AuditEntry } from '../../../src/core/audit';
import { sha256Hex } from '../../../src/main/services/audit-trail';
import { startTestHost, type TestHost } from '../../fixtures/app-host';
import { clientFor, freshStaff, makeCustomer, ok, verifiedCall } from '../discounts/helpers';

let t: TestHost;
beforeEach(() => {
  t = startTestHost(60);
});
afterEach(() => t.dispose());

/** A €6 goodwill credit granted through the API: one ledger row, its command and audit entry. */
async function grantedCredit(): Promise<string> {
  const agent = freshStaff(t.host, 'agent', 'en');
  const c = makeCustomer(t.host.db.$client);
  const interactionId = await verifiedCall(t.host, agent, c.customerId);
  const r = await ok<GrantResult>(t.host, agent.client, 'discounts.grant', {
    interactionId,
    idempotencyKey: randomUUID(),
    request: { kind: 'one_off_credit', reason: 'goodwill', target: 'invoice', amount: 600 },
  });
  if (r.status !== 'granted') throw new Error(r.status);
  return r.ledgerEntryIds[0]!;
}

async function verify(): Promise<AuditVerifyReport> {
  const supervisor = await clientFor(t.host, 'supervisor');
  return ok<AuditVerifyReport>(t.host, supervisor.client, 'audit.verify', {});
}

/** A second connection to the same file, as another tool would open it (no pragmas of ours). */
function outsider(): Database.Database {
  return new Database(join(t.dataDir, 'ardoise.db'));
}

describe('the ledger is append-only, from any connection', () => {
  it('INSERT OR REPLACE over a credit (60 € → 6,000 €) is refused, with or without recursive_triggers', async () => {
    const id = await grantedCredit();
    const row = t.host.db.$client.prepare(`SELECT * FROM ledger_entries WHERE id = ?`).get(id) as Record<string, unknown>;
    const columns = Object.keys(row);
    const sql = `INSERT OR REPLACE INTO ledger_entries (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`;
    const forged = { ...row, amount: 600_000 };
    expect(() => t.host.db.$client.prepare(sql).run(forged)).toThrow(/append-only/);
    const other = outsider();
    try {
      other.pragma('recursive_triggers = OFF');
      expect(() => other.prepare(sql).run(forged)).toThrow(/append-only/);
      expect(() => other.prepare(sql.replace('INSERT OR REPLACE', 'REPLACE')).run(forged)).toThrow(/append-only/);
    } finally {
      other.close();
    }
    expect(t.host.db.$client.prepare(`SELECT amount FROM ledger_entries WHERE id = ?`).pluck().get(id)).toBe(600);
    expect((await verify()).ok).toBe(true);
  });

  it('with the triggers dropped and the amount rewritten, audit.verify names the entry and both amounts', async () => {
    const id = await grantedCredit();
    const other = outsider();
    try {
      other.exec(`DROP TRIGGER ledger_entries_no_update; DROP TRIGGER ledger_entries_no_replace;`);
      other.prepare(`UPDATE ledger_entries SET amount = 600000 WHERE id = ?`).run(id);
    } finally {
      other.close();
    }
    const report = await verify();
    expect(report.ok).toBe(false);
    const problem = report.problems.find((p) => p.kind === 'ledger');
    expect(problem).toMatchObject({ ledgerEntryId: id });
    expect(problem!.message).toMatch(/6000\.00 EUR where the audit recorded 6\.00 EUR/);
  });

  it('a credit slipped in without a command (or with a made-up one) is reported', async () => {
    const id = await grantedCredit();
    const row = t.host.db.$client.prepare(`SELECT * FROM ledger_entries WHERE id = ?`).get(id) as Record<string, unknown>;
    const other = outsider();
    try {
      const columns = Object.keys(row);
      const insert = other.prepare(`INSERT INTO ledger_entries (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
      insert.run({ ...row, id: '01900000-0000-7000-8000-00000000dead', command_id: null, amount: 5000 });
      insert.run({ ...row, id: '01900000-0000-7000-8000-00000000beef', command_id: '01900000-0000-7000-8000-000000000001', amount: 5000 });
    } finally {
      other.close();
    }
    const report = await verify();
    expect(
      report.problems
        .filter((p) => p.kind === 'ledger')
        .map((p) => p.ledgerEntryId ?? 'baseline')
        .sort(),
    ).toEqual(['01900000-0000-7000-8000-00000000beef', 'baseline']);
  });
});

describe('the audit log', () => {
  it('deleting its last ten entries is detected: the log ends before the head anchored outside the store', async () => {
    for (let i = 0; i < 4; i++) await grantedCredit();
    expect((await verify()).ok).toBe(true);
    const other = outsider();
    try {
      const max = other.prepare(`SELECT max(seq) FROM audit_log`).pluck().get() as number;
      other.exec(`DROP TRIGGER audit_log_no_delete`);
      other.prepare(`DELETE FROM audit_log WHERE seq > ?`).run(max - 10);
    } finally {
      other.close();
    }
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.problems.some((p) => p.kind === 'deleted' && /before its recorded head/.test(p.message))).toBe(true);
  });

  it('an entry edited and every later entry re-hashed (a consistent SHA-256 chain) is detected by the seals', async () => {
    for (let i = 0; i < 3; i++) await grantedCredit();
    const other = outsider();
    try {
      other.exec(`DROP TRIGGER audit_log_no_update`);
      type Row = AuditEntry & { before: string | null; after: string | null };
      const rows = other
        .prepare(
          `SELECT seq, id, at, actor_id AS actorId, interaction_id AS interactionId, action, subject, before, after, prev_hash AS prevHash, hash, mac FROM audit_log ORDER BY seq`,
        )
        .all() as Row[];
      const target = rows.findIndex((r) => r.action === 'credit_granted');
      let prev: AuditEntry = {
        ...rows[target - 1]!,
        before: JSON.parse(rows[target - 1]!.before ?? 'null'),
        after: JSON.parse(rows[target - 1]!.after ?? 'null'),
      };
      const update = other.prepare(`UPDATE audit_log SET after = ?, prev_hash = ?, hash = ? WHERE seq = ?`);
      for (let i = target; i < rows.length; i++) {
        const r = rows[i]!;
        let after = JSON.parse(r.after ?? 'null') as Record<string, unknown> | null;
        if (i === target) after = { ...after, entries: [{ ...(after!['entries'] as Record<string, unknown>[])[0], amount: 600_000 }] };
        const resealed = sealEntry(
          prev,
          {
            id: r.id,
            at: r.at,
            actorId: r.actorId,
            interactionId: r.interactionId,
            action: r.action as 'credit_granted',
            subject: r.subject,
            before: JSON.parse(r.before ?? 'null'),
            after,
          },
          sha256Hex,
        );
        update.run(JSON.stringify(resealed.after), resealed.prevHash, resealed.hash, r.seq);
        prev = resealed;
      }
    } finally {
      other.close();
    }
    const report = await verify();
    expect(report.ok).toBe(false);
    // Every rewritten entry carries a seal that no longer matches...
    expect(report.problems.filter((p) => p.kind === 'unsealed').length).toBeGreaterThanOrEqual(2);
    // ...the hash links are all consistent (the bare chain alone would have said nothing)...
    expect(report.problems.filter((p) => p.kind === 'broken_link' || p.kind === 'reordered')).toEqual([]);
    // ...and the head anchored outside the store is not the log's head any more.
    expect(report.problems.filter((p) => p.kind === 'edited').map((p) => p.message)).toEqual([expect.stringMatching(/not the entry recorded as the head/)]);
  });

  it('a forged or deleted anchor is reported', async () => {
    await grantedCredit();
    writeFileSync(join(t.dataDir, 'audit-head.json'), JSON.stringify({ head: { seq: 1, hash: 'x', mac: null, sealedFrom: 1 }, seal: 'not-a-seal' }));
    const report = await verify();
    expect(report.problems[0]).toMatchObject({ kind: 'anchor' });
    expect(report.problems[0]!.message).toMatch(/not written with the audit key/);
  });

  it('an untouched store verifies: every entry sealed, every ledger row accounted for', async () => {
    await grantedCredit();
    const report = await verify();
    expect(report).toMatchObject({ ok: true, problems: [], legacyUnsealed: 0 });
    expect(report.ledgerEntriesChecked).toBeGreaterThan(1);
  });
});
