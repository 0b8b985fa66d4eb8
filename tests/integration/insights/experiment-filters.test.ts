/**
 * The insights filter on a desk's own store: the experiments' figures filtered by enrolling agent
 * or enrolment period are exactly the figures of a store that holds only that subset of
 * enrolments (and counted in worker threads, the same); the desk filter is "this desk" or
 * nothing; an unknown agent gives empty figures with the filter echoed; the same filter asked
 * twenty times at once is counted once, and another filter asks the store nothing.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { THIS_DESK_ID, type AgentProfile, type InsightsOverview } from '../../../src/core/api';
import { SAMPLE_POLICY } from '../../../src/core/policy';
import { loadDemoData } from '../../../src/main/demo/load';
import { AuditTrail } from '../../../src/main/services/audit-trail';
import { PolicyStore } from '../../../src/main/services/discounts/policy-store';
import { InsightsService } from '../../../src/main/services/insights/insights';
import { PracticesService } from '../../../src/main/services/insights/practices';
import { experimentRows, InThreadRiskSets, ParallelRiskSets } from '../../../src/main/services/insights/risk-set-source';
import { openStore, type Store } from '../../../src/main/store/db';
import { tempStore } from '../demo/helpers';

const TODAY = '2026-11-30';
const viewer = { userId: 'm', locale: 'en' } as AgentProfile;
let store: ReturnType<typeof tempStore>;
let service: InsightsService;
const dirs: string[] = [];
const opened: Store[] = [];

beforeAll(() => {
  store = tempStore();
  const audit = new AuditTrail(store.db.$client, { key: randomBytes(32), anchorFile: null });
  loadDemoData(store.db, { customers: 1500, seed: 11, months: 14, today: TODAY, passwordCost: { N: 1024, r: 8, p: 1 }, audit: (e) => void audit.append(e) });
  new PolicyStore(store.db.$client).ensureSeeded(new Date(`${TODAY}T09:00:00Z`));
  service = new InsightsService(store.db.$client, new PolicyStore(store.db.$client), () => TODAY);
}, 120_000);
afterAll(() => {
  for (const s of opened) s.$client.close();
  store.cleanup();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A copy of the store keeping only the enrolments `keep` says (SQL over experiment_assignments a). */
function subsetStore(keep: string): InsightsService {
  store.db.$client.pragma('wal_checkpoint(TRUNCATE)');
  const dir = mkdtempSync(join(tmpdir(), 'ardoise-subset-'));
  dirs.push(dir);
  copyFileSync(store.file, join(dir, 'ardoise.db'));
  const copy = openStore({ file: join(dir, 'ardoise.db') });
  opened.push(copy);
  copy.$client.prepare(`DELETE FROM experiment_assignments AS a WHERE NOT (${keep})`).run();
  return new InsightsService(copy.$client, new PolicyStore(copy.$client), () => TODAY);
}

/** What the figures say, without the filter's echo and choices. */
const figures = (o: InsightsOverview) => o.experiments;

describe('experiments filtered on a desk store', () => {
  it('by enrolling agent: the figures of a store holding only that agent’s enrolments', async () => {
    const [top] = store.db.$client
      .prepare<[], { actor: string; n: number }>(
        `SELECT actor_id AS actor, count(*) AS n FROM experiment_assignments WHERE actor_id IS NOT NULL GROUP BY actor_id ORDER BY n DESC`,
      )
      .all();
    expect(top!.n).toBeGreaterThan(20);
    const filtered = await service.overview(viewer, { agentId: top!.actor });
    const all = await service.overview(viewer, {});
    const subset = await subsetStore(`a.actor_id = '${top!.actor}'`).overview(viewer, {});
    expect(figures(filtered)).toEqual(figures(subset));
    expect(filtered.experiments[0]!.arms[0]!.customers).toBeLessThan(all.experiments[0]!.arms[0]!.customers);
    expect(filtered.filter.agentId).toBe(top!.actor);
    expect(filtered.agents.map((a) => a.id)).toContain(top!.actor);
  });

  it('by enrolment period: the figures of a store holding only the enrolments of those days', async () => {
    const input = { from: '2026-03-01', to: '2026-08-31' };
    const filtered = await service.overview(viewer, input);
    const subset = await subsetStore(`a.assigned_on BETWEEN '2026-03-01' AND '2026-08-31'`).overview(viewer, {});
    expect(figures(filtered)).toEqual(figures(subset));
    expect(filtered.filter).toMatchObject({ from: '2026-03-01', to: '2026-08-31', reason: null, experimentId: null });
  });

  it('counts a filtered experiment in worker threads as on main’s connection', async () => {
    const parallel = new ParallelRiskSets(store.db.$client, { parts: 2, minCustomers: 0 });
    try {
      const [e] = SAMPLE_POLICY.experiments!;
      const filter = { from: '2026-01-01', to: '2026-10-31', agentId: null, anyDesk: 1 as const };
      const one = await experimentRows(new InThreadRiskSets(store.db.$client), e!.id, TODAY, filter);
      expect(await experimentRows(parallel, e!.id, TODAY, filter)).toEqual(one);
    } finally {
      await parallel.close();
    }
  });

  it('by offer and reason: only the experiments selected, every offer still offered', async () => {
    const all = await service.overview(viewer, {});
    const [first] = SAMPLE_POLICY.experiments!;
    const byId = await service.overview(viewer, { experimentId: first!.id });
    expect(byId.experiments.map((e) => e.experimentId)).toEqual([first!.id]);
    expect(byId.experiments[0]).toEqual(all.experiments[0]);
    expect(byId.offers).toEqual(all.offers);
    for (const reason of ['retention_offer', 'goodwill'] as const) {
      const o = await service.overview(viewer, { reason });
      expect(o.experiments.map((e) => e.experimentId)).toEqual(all.experiments.filter((e) => e.reason === reason).map((e) => e.experimentId));
    }
  });

  it('an unknown agent or desk: empty figures, the filter echoed, not an error', async () => {
    const agentId = '019a0000-0000-7000-8000-0000000000ff';
    const o = await service.overview(viewer, { agentId });
    expect(o.filter.agentId).toBe(agentId);
    for (const e of o.experiments) {
      expect(e.arms.every((a) => a.customers === 0)).toBe(true);
      expect(e.figures).toBeNull();
    }
    const deskId = '019a0000-0000-7000-8000-0000000000fe';
    const d = await service.overview(viewer, { deskId });
    expect(d.filter.deskId).toBe(deskId);
    expect(d.experiments.every((e) => e.arms.every((a) => a.customers === 0))).toBe(true);
    // This desk is every row of its own store.
    expect(figures(await service.overview(viewer, { deskId: THIS_DESK_ID }))).toEqual(figures(await service.overview(viewer, {})));
    expect(d.desks).toEqual([{ id: THIS_DESK_ID, name: 'This desk' }]);
  });

  it('the same filter twenty times at once is counted once; another period, agent or desk is a pick over the rows counted, new data is counted again', async () => {
    const source = new InThreadRiskSets(store.db.$client);
    const count = vi.spyOn(source, 'experimentCounts');
    const s = new InsightsService(store.db.$client, new PolicyStore(store.db.$client), () => TODAY, source);
    const answers = await Promise.all(Array.from({ length: 20 }, () => s.overview(viewer, { from: '2026-02-01' })));
    const experiments = SAMPLE_POLICY.experiments!.length;
    expect(count).toHaveBeenCalledTimes(experiments);
    for (const a of answers) expect(a.experiments).toEqual(answers[0]!.experiments);
    const fresh = () => new InsightsService(store.db.$client, new PolicyStore(store.db.$client), () => TODAY);
    // Each pick is the figures a service that has counted nothing yet gives for the same filter.
    const agentId = answers[0]!.agents[0]!.id;
    for (const filter of [
      { from: '2026-02-02' },
      { from: '2026-02-01', agentId },
      { from: '2026-03-01', to: '2026-05-31', agentId },
      { deskId: THIS_DESK_ID },
    ]) {
      expect((await s.overview(viewer, filter)).experiments, JSON.stringify(filter)).toEqual((await fresh().overview(viewer, filter)).experiments);
    }
    expect(count).toHaveBeenCalledTimes(experiments);
    // New data: counted again.
    const db = store.db.$client;
    const enrolled = { ...(db.prepare('SELECT * FROM experiment_assignments LIMIT 1').get() as Record<string, unknown>) };
    Object.assign(enrolled, { id: '019a0000-0000-7000-8000-00000000abcd', experiment_id: 'another-experiment', interaction_id: null });
    db.prepare(
      `INSERT INTO experiment_assignments (${Object.keys(enrolled).join(', ')}) VALUES (${Object.keys(enrolled)
        .map(() => '?')
        .join(', ')})`,
    ).run(...Object.values(enrolled));
    try {
      await s.overview(viewer, { from: '2026-02-01' });
      expect(count).toHaveBeenCalledTimes(experiments * 2);
    } finally {
      db.prepare('DELETE FROM experiment_assignments WHERE id = ?').run(enrolled.id);
    }
  });
});

describe('practices filtered by desk on a standalone desk', () => {
  it('this desk is every call; another desk is empty figures with the filter echoed', async () => {
    const practices = new PracticesService(store.db.$client, () => TODAY);
    const all = await practices.overview(viewer, { from: '2026-01-01' });
    const mine = await practices.overview(viewer, { from: '2026-01-01', deskId: THIS_DESK_ID });
    expect(mine.practices).toEqual(all.practices);
    expect(mine.filter.deskId).toBe(THIS_DESK_ID);
    expect(mine.desks).toEqual([{ id: THIS_DESK_ID, name: 'This desk' }]);
    const deskId = '019a0000-0000-7000-8000-0000000000fe';
    const other = await practices.overview(viewer, { from: '2026-01-01', deskId });
    expect(other.customers).toBe(0);
    expect(other.filter.deskId).toBe(deskId);
  });
});
