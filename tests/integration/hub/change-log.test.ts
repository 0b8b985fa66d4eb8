/**
 * The pull cursor never skips a row, although transactions commit out of order — proven with
 * concurrent writers on a real PostgreSQL (several connections; PGlite has only one).
 */
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change, Cursor } from '../../../src/core/sync/protocol';
import { pullChanges, snapshotCursor, snapshotPage } from '../../../src/hub/sync/change-log';
import { openTestHubDb, postgresReachable, type TestHubDb } from '../../fixtures/hub-db';

let hub: TestHubDb;
let usePg = false;
beforeAll(async () => {
  usePg = await postgresReachable();
  hub = await openTestHubDb();
  await hub.db.query(`INSERT INTO roles (name, rank, description) VALUES ('agent', 0, 'Agent')`);
}, 120_000);
afterAll(() => hub?.dispose());

/** A raw connection (its own session) to the test schema: a writer we can hold open. */
async function writer(): Promise<pg.Client> {
  // A writer that finds a row locked gives up at once (the test drives them one after another).
  const client = new pg.Client({ connectionString: hub.url!, options: `-c search_path=${hub.schema} -c lock_timeout=20` });
  await client.connect();
  return client;
}

/**
 * Everything the log holds after `cursor`. The horizon is the whole server's: a transaction of
 * another test file (another schema, same PostgreSQL) can hold it back, so by default this waits
 * until nothing is left above it — as a desk does when the hub says changes are waiting.
 */
async function pullAll(cursor: Cursor | null, limit = 3, opts: { waitForHorizon?: boolean } = {}): Promise<{ changes: Change[]; cursor: Cursor | null }> {
  const changes: Change[] = [];
  const deadline = Date.now() + 15_000;
  for (;;) {
    const page = await pullChanges(hub.db, cursor, limit);
    changes.push(...page.changes);
    cursor = page.cursor;
    if (page.more) continue;
    if (page.waiting && opts.waitForHorizon !== false && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
      continue;
    }
    return { changes, cursor };
  }
}

const customer = (id: string, name: string): [string, string[]] => [
  `INSERT INTO customers (id, given_name, family_name, date_of_birth, category, country, locale, created_at) VALUES ($1, $2, 'Test', '1980-01-01', 'residential', 'FR', 'fr', '2026-01-01T00:00:00.000Z')`,
  [id, name],
];

describe('the change log cursor', () => {
  it('every write to a synced table is in the log, from any code', async () => {
    const before = await pullAll(null);
    await hub.db.query(...customer('01900000-0000-7000-8000-00000000a001', 'Ana'));
    await hub.db.query(`UPDATE customers SET given_name = 'Anna' WHERE id = $1`, ['01900000-0000-7000-8000-00000000a001']);
    const after = await pullAll(before.cursor);
    expect(after.changes.map((c) => [c.table, c.op, (c.row as { given_name: string }).given_name])).toEqual([
      ['customers', 'upsert', 'Ana'],
      ['customers', 'upsert', 'Anna'],
    ]);
  });

  it('a transaction that commits late is not skipped: the cursor waits below it', async () => {
    if (!usePg) return;
    const start = (await pullAll(null)).cursor;
    const slow = await writer();
    const fast = await writer();
    try {
      await slow.query('BEGIN');
      await slow.query(...customer('01900000-0000-7000-8000-00000000b001', 'Slow')); // takes the older xid
      await fast.query('BEGIN');
      await fast.query(...customer('01900000-0000-7000-8000-00000000b002', 'Fast'));
      await fast.query('COMMIT'); // commits first
      const meanwhile = await pullAll(start, 3, { waitForHorizon: false });
      // Nothing at or above the slow transaction's xid yet — not even the committed fast one.
      expect(meanwhile.changes.map((c) => c.pk)).not.toContain('01900000-0000-7000-8000-00000000b002');
      await slow.query('COMMIT');
      const later = await pullAll(meanwhile.cursor);
      expect(later.changes.map((c) => c.pk)).toEqual(['01900000-0000-7000-8000-00000000b001', '01900000-0000-7000-8000-00000000b002']);
    } finally {
      await slow.end();
      await fast.end();
    }
  });

  it('two transactions changing the same row: the later version carries the larger sequence', async () => {
    if (!usePg) return;
    const id = '01900000-0000-7000-8000-00000000c001';
    await hub.db.query(...customer(id, 'First'));
    const start = (await pullAll(null)).cursor;
    const older = await writer();
    const newer = await writer();
    try {
      await older.query('BEGIN');
      await older.query(...customer('01900000-0000-7000-8000-00000000c002', 'Other')); // older xid
      await newer.query('BEGIN');
      await newer.query(`UPDATE customers SET given_name = 'Newer-first' WHERE id = $1`, [id]);
      await newer.query('COMMIT');
      await older.query(`UPDATE customers SET given_name = 'Older-last' WHERE id = $1`, [id]); // after the lock is free
      await older.query('COMMIT');
      const { changes } = await pullAll(start);
      const versions = changes.filter((c) => c.pk === id);
      // Delivered in xid order (older transaction first)…
      expect(versions.map((c) => (c.row as { given_name: string }).given_name)).toEqual(['Older-last', 'Newer-first']);
      // …but the final state, the one with the larger sequence, is the last write.
      const latest = versions.reduce((a, b) => (BigInt(a.seq) > BigInt(b.seq) ? a : b));
      expect((latest.row as { given_name: string }).given_name).toBe('Older-last');
      expect((await hub.db.query<{ given_name: string }>(`SELECT given_name FROM customers WHERE id = $1`, [id]))[0]!.given_name).toBe('Older-last');
    } finally {
      await older.end();
      await newer.end();
    }
  });

  it('under many concurrent writers, a desk pulling all along ends with every row, once, at its latest version', async () => {
    if (!usePg) return;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ writer: fc.nat(5), row: fc.nat(7), commitLater: fc.boolean() }), { minLength: 5, maxLength: 30 }), async (ops) => {
        const tag = Math.random().toString(36).slice(2, 8);
        const ids = Array.from({ length: 8 }, (_, i) => `01900000-0000-7000-8000-${tag.padEnd(6, '0')}${String(i).padStart(6, '0')}`);
        for (const [i, id] of ids.entries()) await hub.db.query(...customer(id, `v0-${i}`));
        const start = (await pullAll(null)).cursor;
        const clients = await Promise.all(Array.from({ length: 6 }, () => writer()));
        const desk = new Map<string, { seq: bigint; name: string }>();
        let cursor = start;
        const pullIntoDesk = async () => {
          const page = await pullAll(cursor, 2, { waitForHorizon: false });
          cursor = page.cursor;
          for (const c of page.changes) {
            const seq = BigInt(c.seq);
            const held = desk.get(c.pk);
            if (!held || held.seq < seq) desk.set(c.pk, { seq, name: (c.row as { given_name: string }).given_name });
          }
        };
        try {
          const open = new Set<number>();
          for (const [n, op] of ops.entries()) {
            const client = clients[op.writer]!;
            if (!open.has(op.writer)) {
              await client.query('BEGIN');
              open.add(op.writer);
            }
            // A row another open writer holds is skipped (lock_timeout): one script drives them all.
            await client.query('SAVEPOINT s');
            try {
              await client.query(`UPDATE customers SET given_name = $2 WHERE id = $1`, [ids[op.row], `v${n}`]).then(() => client.query('RELEASE SAVEPOINT s'));
            } catch {
              await client.query('ROLLBACK TO SAVEPOINT s');
            }
            if (!op.commitLater) {
              await client.query('COMMIT');
              open.delete(op.writer);
            }
            await pullIntoDesk();
          }
          for (const w of open) await clients[w]!.query('COMMIT');
          // The horizon is the whole cluster's: another session anywhere may hold it back for a
          // moment. The desk pulls until it has reached the last change written — never past it.
          const [last] = await hub.db.query<{ xid: string; seq: string }>(
            `SELECT c.xid::text AS xid, c.seq::text AS seq FROM change_log c ORDER BY c.xid DESC, c.seq DESC LIMIT 1`,
          );
          const reached = () => cursor !== null && cursor.xid === last!.xid && cursor.seq === last!.seq;
          for (let tries = 0; tries < 400 && !reached(); tries++) {
            await pullIntoDesk();
            if (!reached()) await new Promise((r) => setTimeout(r, 25));
          }
          expect(reached()).toBe(true);
        } finally {
          await Promise.all(clients.map((c) => c.end()));
        }
        const truth = await hub.db.query<{ id: string; given_name: string }>(`SELECT id, given_name FROM customers WHERE id = ANY($1)`, [ids]);
        for (const row of truth) {
          const held = desk.get(row.id)?.name ?? `v0-${ids.indexOf(row.id)}`;
          if (held !== row.given_name) {
            const log = await hub.db.query(`SELECT seq::text, xid::text, op, "row"::jsonb->>'given_name' AS name FROM change_log WHERE pk = $1 ORDER BY seq`, [
              row.id,
            ]);
            throw new Error(
              `${row.id}: desk ${held}, hub ${row.given_name}; start ${JSON.stringify(start)}; log ${JSON.stringify(log)}; ops ${JSON.stringify(ops)}`,
            );
          }
        }
      }),
      { numRuns: Number(process.env.CURSOR_RUNS ?? 8) },
    );
  }, 120_000);

  it('orders by number, not by text: positions of different lengths ("9" before "10")', async () => {
    // Two log rows with xids of one and two digits (ancient transactions, far below any horizon):
    // sorted as text, "10" would come before "9" and the cursor would jump past a row.
    await hub.db.query(
      `INSERT INTO change_log (seq, xid, tbl, pk, op, "row") OVERRIDING SYSTEM VALUE VALUES (9000000000099, 10, 'customers', 'x-10', 'delete', NULL), (9000000000100, 9, 'customers', 'x-9', 'delete', NULL)`,
    );
    const first = await pullChanges(hub.db, null, 2);
    expect(first.changes.map((c) => c.pk)).toEqual(['x-9', 'x-10']);
    const next = await pullChanges(hub.db, first.cursor, 1);
    expect(next.changes.map((c) => c.pk)).not.toContain('x-9');
  });

  it('a snapshot, then the replay from its cursor, lands every row at its latest version', async () => {
    const before = await snapshotCursor(hub.db);
    const rows: Record<string, unknown>[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await snapshotPage(hub.db, 'customers', after, 2);
      rows.push(...page.rows);
      after = page.after;
      if (!page.more) break;
    }
    expect(rows.length).toBeGreaterThan(3);
    const { changes } = await pullAll(before);
    expect(changes).toEqual([]); // nothing ran since: the snapshot alone is complete
    // A synced table only, and never a password hash.
    await expect(snapshotPage(hub.db, 'change_log', null, 10)).rejects.toThrow(/not a synced table/);
    await hub.db.query(
      `INSERT INTO users (id, username, display_name, role, password_hash, locale, active, created_at) VALUES ('01900000-0000-7000-8000-0000000000u1', 'x', 'X', 'agent', 'scrypt$secret', 'fr', 1, '2026-01-01T00:00:00.000Z')`,
    );
    const users = await snapshotPage(hub.db, 'users', null, 10);
    expect(JSON.stringify(users.rows)).not.toContain('scrypt$secret');
    const log = await pullAll(before);
    expect(JSON.stringify(log.changes)).not.toContain('scrypt$secret');
  });
});
