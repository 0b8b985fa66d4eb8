/**
 * The hub as a desk meets it: over HTTP on a loopback port, in this process (PGlite in memory
 * by default; DATABASE_URL: that PostgreSQL, in a schema of the bench's own, dropped after),
 * with a small demo set loaded the way `npm run hub -- --demo` loads it and two desks enrolled
 * with one-time codes.
 *
 * 1. Push → receipt round trip of ONE fact command (interaction.start and notes.add in turn,
 *    on desk A's own calls) through the desk's hub client, vs the bare HTTP round trip of the
 *    same request through the same client to a route the bench adds on the same server (reads
 *    the JSON, answers a receipt-sized JSON; no credential, no database). Alternated A B A B.
 *    The ratio (p95) is what the hub adds to HTTP: credential check, zod, the command's
 *    transaction (receipt lookup, device lock, rules, receipt, NOTIFY), the audit-head step.
 *    The issue gives no target; this bench holds it to p95 ≤ 50 ms (its own choice).
 * 2. An approval requested at desk A → visible at desk B: B listens on the hub's event stream
 *    and pulls on every nudge (as the engine does: nudge → round → pull), until the
 *    approval_requests row is in a pulled page. Timed from A sending approval.request to B
 *    holding the row (B does not write it into a store: the applier is sync-download's case).
 *    Target p95 ≤ 250 ms; its baseline is A's own push → receipt of the same command.
 *    Each sample first starts and verifies a call (not timed) with a customer of its own;
 *    a request the hub refuses (a customer the policy excludes) is skipped and counted.
 *
 * Size: default 200 customers, 400 pushes per side, 60 approvals; BENCH_FULL=1 (or --full):
 * 3,000 customers, 2,000 pushes, 300 approvals. BENCH_SEED (42).
 */
import { performance } from 'node:perf_hooks';
import type { Receipt } from '../src/core/sync/protocol';
import { uuidv7 } from '../src/platform/ids';
import { memoryKeyVault } from '../src/platform/keys';
import { BenchDesk, loadBenchDemo, openBenchHubDb, serveHub, verifiedCall } from './hub-lib';
import { latencyCase, writeReport, type CaseResult } from './lib';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function run(): Promise<void> {
  const full = process.env.BENCH_FULL === '1';
  const customers = full ? 3000 : 200;
  const pushes = full ? 2000 : 400;
  const approvals = full ? 300 : 60;
  const seed = Number(process.env.BENCH_SEED ?? 42);
  const store = await openBenchHubDb(process.env.DATABASE_URL ?? null);
  const cases: CaseResult[] = [];
  let skipped = 0;
  try {
    const { db } = store;
    const keys = memoryKeyVault();
    const loadStarted = performance.now();
    const users = await loadBenchDemo(db, keys, customers, seed);
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    const served = await serveHub(db, keys);
    const agent = users['agent']!;
    try {
      const a = await BenchDesk.enrol(db, served.url, 'Bench desk A');
      const b = await BenchDesk.enrol(db, served.url, 'Bench desk B');
      const targets = await db.query<{ customerId: string; accountId: string }>(
        `SELECT c.id AS "customerId", min(a.id) AS "accountId" FROM customers c JOIN accounts a ON a.customer_id = c.id GROUP BY c.id ORDER BY c.id`,
      );

      // ── 1. one fact command: push → receipt vs the bare round trip ──
      let call: string | null = null;
      let turn = 0;
      const nextFact = () => {
        const customerId = targets[turn % targets.length]!.customerId;
        if (turn++ % 2 === 0 || call === null) {
          call = uuidv7();
          return a.envelope('interaction.start', agent, call, { interactionId: call, customerId, callerNumber: null, source: 'search' });
        }
        return a.envelope('notes.add', agent, call, { noteId: uuidv7(), interactionId: call, text: 'Client rappelle au sujet de sa facture.' });
      };
      const check = (receipts: readonly Receipt[]) => {
        if (receipts.length !== 1 || receipts[0]!.status !== 'accepted') throw new Error(`not accepted: ${JSON.stringify(receipts)}`);
      };
      const ours: number[] = [];
      const bare: number[] = [];
      const warmup = 50;
      for (let i = 0; i < warmup + pushes; i++) {
        const command = nextFact();
        const one = async () => {
          const t0 = performance.now();
          check(await a.push(command));
          return performance.now() - t0;
        };
        const two = async () => {
          const t0 = performance.now();
          await a.echo(command);
          return performance.now() - t0;
        };
        let x: number;
        let y: number;
        if (i % 2 === 0) {
          x = await one();
          y = await two();
        } else {
          y = await two();
          x = await one();
        }
        if (i >= warmup) {
          ours.push(x);
          bare.push(y);
        }
      }
      ours.sort((p, q) => p - q);
      bare.sort((p, q) => p - q);
      cases.push(
        latencyCase(
          'push → receipt, one fact command (interaction.start / notes.add), HTTP',
          { ours, baseline: bare },
          'bare HTTP round trip, same request and client, echo route on the same server',
          // The issue names no target for this one: 50 ms is a desk's queue never feeling slow.
          'p95 <= 50 ms',
          'p95',
        ),
      );

      // ── 2. approval requested at A → visible at B (event stream, pull on each nudge) ──
      let cursor: { xid: string; seq: string } | null = null;
      let pulling = false;
      let again = false;
      let pulls = 0;
      const waiters = new Map<string, (at: number) => void>();
      const pullAll = async (): Promise<void> => {
        if (pulling) {
          again = true;
          return;
        }
        pulling = true;
        try {
          do {
            again = false;
            for (;;) {
              const page = await b.client.call('pull', { epoch: b.epoch, cursor, limit: 1000 });
              pulls++;
              const at = performance.now();
              for (const ch of page.changes) if (ch.table === 'approval_requests' && ch.op === 'upsert') waiters.get(ch.pk)?.(at);
              cursor = page.cursor;
              if (!page.more) break;
            }
          } while (again);
        } finally {
          pulling = false;
        }
      };
      const abort = new AbortController();
      let hello!: () => void;
      const ready = new Promise<void>((r) => (hello = r));
      const listening = b.client
        .events((event) => {
          if (event === 'hello') void pullAll().then(hello);
          else if (event === 'changes') void pullAll();
        }, abort.signal)
        .catch(() => {});
      await ready;
      const settle = async () => {
        await sleep(5);
        while (pulling) await sleep(2);
      };
      const visible: number[] = [];
      const receipted: number[] = [];
      const request = { kind: 'one_off_credit', reason: 'goodwill', target: 'account', amount: 1500 } as const;
      for (let k = 0; visible.length < approvals && k < targets.length; k++) {
        const { customerId, accountId } = targets[k]!;
        const interactionId = await verifiedCall(a, agent, customerId);
        await settle();
        const approvalId = uuidv7();
        const command = a.envelope('approval.request', agent, interactionId, {
          customerId,
          accountId,
          request,
          approvalId,
          approverRole: 'senior_agent',
          note: null,
        });
        const seen = new Promise<number>((resolve) => waiters.set(approvalId, resolve));
        const t0 = performance.now();
        const [receipt] = await a.push(command);
        const tReceipt = performance.now();
        if (receipt?.status !== 'pending_approval') {
          waiters.delete(approvalId);
          skipped++;
          continue;
        }
        const tSeen = await Promise.race([seen, sleep(10_000).then(() => Number.NaN)]);
        waiters.delete(approvalId);
        if (Number.isNaN(tSeen)) throw new Error(`approval ${approvalId} never reached desk B`);
        visible.push(tSeen - t0);
        receipted.push(tReceipt - t0);
      }
      abort.abort();
      await listening;
      if (visible.length < approvals)
        throw new Error(`only ${visible.length} of ${approvals} approval requests were accepted for approval (${skipped} refused)`);
      visible.sort((p, q) => p - q);
      receipted.sort((p, q) => p - q);
      cases.push({
        ...latencyCase(
          'approval requested at desk A → row pulled at desk B (event stream nudge, pull)',
          { ours: visible, baseline: receipted },
          'desk A’s push → receipt of the same approval.request',
          'p95 <= 250 ms',
          'p95',
        ),
        refused_skipped: skipped,
        pulls_by_b: pulls,
      });
    } finally {
      await served.close();
    }
    writeReport({
      name: 'hub-roundtrip',
      dataset: `hub on ${store.label}, demo set ${customers.toLocaleString('en')} customers seed ${seed} (loaded in ${loadSeconds.toFixed(1)} s), served in-process on 127.0.0.1; ${pushes} pushes per side after 50 warm-up pairs; ${approvals} approvals`,
      cases,
    });
  } finally {
    await store.dispose();
  }
}
