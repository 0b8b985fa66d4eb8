/**
 * The insights' risk sets counted in parts, side by side in worker threads (risk-set-source.ts),
 * are the risk sets of one query over every customer: the same rows in the same order, so the
 * same figures. A worker that cannot open the store leaves the count to main's connection; a
 * store in memory never starts one.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentProfile } from '../../../src/core/api';
import { SAMPLE_POLICY } from '../../../src/core/policy';
import { loadDemoData } from '../../../src/main/demo/load';
import { AuditTrail } from '../../../src/main/services/audit-trail';
import { PolicyStore } from '../../../src/main/services/discounts/policy-store';
import { InsightsService } from '../../../src/main/services/insights/insights';
import { PracticesService } from '../../../src/main/services/insights/practices';
import {
  experimentRevenue,
  experimentRows,
  InThreadRiskSets,
  ParallelRiskSets,
  practiceRows,
  riskSetSource,
} from '../../../src/main/services/insights/risk-set-source';
import { callFactQueries } from '../../../src/main/store/call-facts';
import { openStore } from '../../../src/main/store/db';
import { tempStore } from '../demo/helpers';
import { writeEveryTick } from './write-every-tick';

const TODAY = '2026-11-30';
const FROM = '2025-12-01';
const viewer = { userId: 'm', locale: 'en' } as AgentProfile;
const experimentId = SAMPLE_POLICY.experiments![0]!.id;
let store: ReturnType<typeof tempStore>;
let parallel: ParallelRiskSets;

beforeAll(() => {
  store = tempStore();
  const audit = new AuditTrail(store.db.$client, { key: randomBytes(32), anchorFile: null });
  loadDemoData(store.db, { customers: 1500, seed: 11, months: 14, today: TODAY, passwordCost: { N: 1024, r: 8, p: 1 }, audit: (e) => void audit.append(e) });
  new PolicyStore(store.db.$client).ensureSeeded(new Date(`${TODAY}T09:00:00Z`));
  parallel = new ParallelRiskSets(store.db.$client, { parts: 3, minCustomers: 0 });
}, 120_000);
afterAll(async () => {
  await parallel.close();
  store.cleanup();
});

const facts = () => store.db.$client.prepare('SELECT * FROM call_facts ORDER BY interaction_id').all();
const staleCount = () => store.db.$client.prepare('SELECT count(*) FROM call_facts_stale').pluck().get() as number;
/** Every call's facts dropped and every call stale, as the upgrade that brought them leaves a store. */
const markAllStale = () =>
  store.db.$client.exec(
    'DELETE FROM call_facts; DELETE FROM call_facts_stale; INSERT INTO call_facts_stale (interaction_id) SELECT id FROM interactions ORDER BY customer_id, started_at, id',
  );
/** Every call's facts as main builds them. */
function builtOnMain(): unknown[] {
  callFactQueries(store.db.$client).settle();
  return facts();
}

/** What a source's facts readers do (a private method starts them: they leave no other trace): the workers started by name, the batches the readers are sent. */
function watchReaders(readers: ParallelRiskSets): { started: string[]; batches: () => number } {
  const started: string[] = [];
  let batches = 0;
  type Worker = { request: (m: unknown) => Promise<unknown> };
  const spied = readers as unknown as { worker: (handler: string, name: string, cache?: string) => Worker };
  const worker = spied.worker.bind(readers);
  spied.worker = (handler, name, cache) => {
    started.push(name);
    const w = worker(handler, name, cache);
    const request = w.request.bind(w);
    if (name === 'call facts reader') w.request = (m) => (batches++, request(m));
    return w;
  };
  return { started, batches: () => batches };
}

describe('risk sets counted in parts', () => {
  it('cuts the customers into the parts asked, by id, each a range of its own', () => {
    const ranges = parallel.ranges();
    expect(ranges).toHaveLength(3);
    expect(ranges[0]!.lo).toBe('');
    expect(ranges[2]!.hi).toBeNull();
    expect(ranges[1]!.lo).toBe(ranges[0]!.hi);
    expect(ranges[2]!.lo).toBe(ranges[1]!.hi);
    const inPart = store.db.$client
      .prepare<[{ lo: string; hi: string | null }], number>('SELECT count(*) FROM customers WHERE id >= @lo AND (@hi IS NULL OR id < @hi)')
      .pluck();
    const sizes = ranges.map((r) => inPart.get(r)!);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(1500);
    for (const size of sizes) expect(size).toBeGreaterThanOrEqual(499);
  });

  it('gives the practices rows of one query over every customer, row for row and in the same order', async () => {
    const one = await practiceRows(new InThreadRiskSets(store.db.$client), { from: FROM, to: TODAY, today: TODAY });
    const parts = await practiceRows(parallel, { from: FROM, to: TODAY, today: TODAY });
    expect(one.length).toBeGreaterThan(50);
    expect(parts).toEqual(one);
  });

  it("gives an experiment's rows of one query over every customer", async () => {
    const one = await experimentRows(new InThreadRiskSets(store.db.$client), experimentId, TODAY);
    const parts = await experimentRows(parallel, experimentId, TODAY);
    expect(one.reduce((n, r) => n + r.n, 0)).toBeGreaterThan(50);
    expect(parts).toEqual(one);
  });

  it("gives an experiment's net revenue sums of one query over every customer (the demo's payments and credits)", async () => {
    const e = SAMPLE_POLICY.experiments![0]!;
    const params = { experimentId, reason: e.reason, currency: SAMPLE_POLICY.currency, days: e.design.horizonDays, today: TODAY };
    const one = await experimentRevenue(new InThreadRiskSets(store.db.$client), params);
    expect(one.map((r) => r.arm)).toEqual(['holdout', 'offer']);
    expect(one.every((r) => r.n > 0 && r.paid > 0)).toBe(true);
    // The demo does not write the experiment's offers to the ledger (demo/outcomes.ts says so): cost 0 here.
    expect(await experimentRevenue(parallel, params)).toEqual(one);
  });

  it('gives the screen the same figures', async () => {
    const c = store.db.$client;
    const policies = new PolicyStore(c);
    expect(await new InsightsService(c, policies, () => TODAY, parallel).overview(viewer)).toEqual(
      await new InsightsService(c, policies, () => TODAY).overview(viewer),
    );
    const request = { from: FROM, to: TODAY };
    expect(await new PracticesService(c, () => TODAY, parallel).overview(viewer, request)).toEqual(
      await new PracticesService(c, () => TODAY).overview(viewer, request),
    );
  });

  it("builds many stale calls' facts in workers side by side, as main builds them; a round written to meanwhile is built again on main", async () => {
    const c = store.db.$client;
    const onMain = builtOnMain();
    const readers = new ParallelRiskSets(c, { parts: 2, minCustomers: 0, factsBatch: 20 });
    const { started } = watchReaders(readers);
    try {
      markAllStale();
      expect(staleCount()).toBeGreaterThan(16 * 20);
      const calls = await readers.followedCalls(TODAY);
      expect(staleCount()).toBe(0);
      expect(facts()).toEqual(onMain);
      expect(calls.size).toBe(onMain.length);
      // Eight readers were started: the batches were read in workers, not on main; stopped once done.
      expect(started.filter((n) => n === 'call facts reader')).toHaveLength(8);
      expect((readers as unknown as { factReaders: unknown[] }).factReaders).toHaveLength(0);

      // An agent's write lands while the first round is being read: that round's rows may predate
      // it, so they are not written; the round is built again on main, with the write.
      markAllStale();
      const first = c.prepare('SELECT interaction_id FROM call_facts_stale ORDER BY seq LIMIT 1').pluck().get() as string;
      const pending = readers.followedCalls(TODAY);
      c.prepare(`UPDATE interactions SET disposition = 'changed-meanwhile' WHERE id = ?`).run(first);
      await pending;
      expect(staleCount()).toBe(0);
      expect(c.prepare('SELECT disposition FROM call_facts WHERE interaction_id = ?').pluck().get(first)).toBe('changed-meanwhile');
      const kept = facts();
      markAllStale();
      expect(kept).toEqual(builtOnMain());

      // Written to all the time while the readers read (an agent's writes every tick): the load
      // still ends — the calls marked meanwhile are the next load's — and no batch read before a
      // write was written: once the writes stop, settling what is left gives every call the facts
      // its rows say.
      markAllStale();
      const ids = c.prepare('SELECT interaction_id FROM call_facts_stale ORDER BY seq').pluck().all() as string[];
      const writes = await writeEveryTick(c, ids, readers.followedCalls(TODAY));
      expect(writes).toBeGreaterThan(1);
      const kept2 = builtOnMain();
      markAllStale();
      expect(kept2).toEqual(builtOnMain());
    } finally {
      await readers.close();
    }
  });

  it('counts on main when a worker cannot open the store, and from then on', async () => {
    const broken = new ParallelRiskSets(store.db.$client, { parts: 2, minCustomers: 0, nativeBinding: '/nowhere/better_sqlite3.node' });
    expect(broken.ranges()).toHaveLength(2);
    const rows = await practiceRows(broken, { from: FROM, to: TODAY, today: TODAY });
    expect(rows).toEqual(await practiceRows(new InThreadRiskSets(store.db.$client), { from: FROM, to: TODAY, today: TODAY }));
    expect(broken.ranges()).toHaveLength(1);
    await broken.close();
  });

  it("builds the stale calls' facts once when asked five times at once, and the parts are still counted in workers after", async () => {
    const c = store.db.$client;
    const built = builtOnMain();
    markAllStale();
    const stale = staleCount();
    const readers = new ParallelRiskSets(c, { parts: 2, minCustomers: 0, factsBatch: 20 });
    const { batches } = watchReaders(readers);
    try {
      const asks = await Promise.all(Array.from({ length: 5 }, () => readers.followedCalls(TODAY)));
      // Each stale call read once: one build, the other four asks waiting for it.
      expect(batches()).toBe(Math.ceil(stale / 20));
      expect(facts()).toEqual(built);
      for (const calls of asks) expect(calls.size).toBe(built.length);
      expect(readers.ranges()).toHaveLength(2);
    } finally {
      await readers.close();
    }
  });

  it("builds the stale calls' facts on main when a facts reader cannot open the store", async () => {
    const c = store.db.$client;
    const built = builtOnMain();
    markAllStale();
    const broken = new ParallelRiskSets(c, { parts: 2, minCustomers: 0, factsBatch: 20, nativeBinding: '/nowhere/better_sqlite3.node' });
    try {
      const calls = await broken.followedCalls(TODAY);
      expect(facts()).toEqual(built);
      expect(staleCount()).toBe(0);
      expect(calls.size).toBe(built.length);
      expect(broken.ranges()).toHaveLength(1);
    } finally {
      await broken.close();
    }
  });

  it('counts on main for a small store or one in memory', () => {
    expect(new ParallelRiskSets(store.db.$client, { parts: 2 }).ranges()).toHaveLength(1);
    const memory = openStore({ file: ':memory:' });
    try {
      expect(riskSetSource(memory.$client)).toBeInstanceOf(InThreadRiskSets);
    } finally {
      memory.$client.close();
    }
  });
});
