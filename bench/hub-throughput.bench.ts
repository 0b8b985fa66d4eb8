/**
 * The hub under a room of desks, on real PostgreSQL (DATABASE_URL, else
 * postgres://root@127.0.0.1:5432/test; a schema of the bench's own, dropped after; skipped
 * with a sentence when no PostgreSQL answers).
 *
 * 50 simulated desks, enrolled over HTTP, push at once to the hub served in-process on a
 * loopback port (the hub's own pool: openHubDb's default of 20 connections): each desk sends its
 * commands in pushes of BATCH (10: an outbox after a short outage; the engine sends up to 100),
 * waiting for each push's receipts before the next, as the engine does. The commands are fact
 * commands on the desk's own calls, interaction.start and notes.add in turn, every one of them
 * accepted. Figure: commands accepted per second of wall time, from the first push to the last
 * receipt.
 *
 * Baseline: the same number of commands as rows inserted without the rules, through the same
 * pool, 50 at once: per command one transaction of plain INSERTs of the equivalent rows — the
 * fact row (interactions or interaction_notes, change-log trigger included: same schema) and a
 * receipts row — committed as durably (synchronous_commit=on). No HTTP, no credential, no
 * receipt lookup, no device lock, no handler, no NOTIFY: the ratio is what all of that costs.
 * Rounds alternate ours / baseline (A B C, C B A …). A second case times the baseline's rows
 * with the hub's pg_notify added to each transaction (C), against the plain baseline: what the
 * per-command nudge costs on its own.
 *
 * Target: ≥ 1,000 commands/s (the figure, for 2 cores; this machine's count is in the
 * dataset line; the desks, the hub and PostgreSQL all share them).
 *
 * Size: default 40 commands per desk per round, 2 rounds each; BENCH_FULL=1 (or --full):
 * 200 commands per desk, 3 rounds. BENCH_PUSH_BATCH (10), BENCH_SEED (42).
 */
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createHash } from 'node:crypto';
import type { CommandEnvelope } from '../src/core/sync/protocol';
import { CHANGES_CHANNEL } from '../src/hub/commands/push';
import type { HubDb } from '../src/hub/db/open';
import { uuidv7 } from '../src/platform/ids';
import { memoryKeyVault } from '../src/platform/keys';
import { BenchDesk, DEFAULT_PG_URL, loadBenchDemo, openBenchHubDb, postgresAnswers, serveHub } from './hub-lib';
import { throughputCase, writeReport } from './lib';

const DESKS = 50;
const NOTE = 'Client rappelle au sujet de sa facture.';

/** The commands one desk sends in a round: a call started, a note on it, in turn. */
function commandsFor(desk: BenchDesk, actorId: string, customers: readonly string[], n: number, offset: number): CommandEnvelope[] {
  const out: CommandEnvelope[] = [];
  let call = '';
  for (let i = 0; i < n; i++) {
    if (i % 2 === 0) {
      call = uuidv7();
      out.push(
        desk.envelope('interaction.start', actorId, call, {
          interactionId: call,
          customerId: customers[(offset + i) % customers.length]!,
          callerNumber: null,
          source: 'search',
        }),
      );
    } else {
      out.push(desk.envelope('notes.add', actorId, call, { noteId: uuidv7(), interactionId: call, text: NOTE }));
    }
  }
  return out;
}

/** Ours: every desk pushes its commands in batches, all desks at once. Returns accepted commands and seconds. */
async function pushRound(desks: readonly BenchDesk[], work: readonly CommandEnvelope[][], batch: number): Promise<{ accepted: number; seconds: number }> {
  let accepted = 0;
  const t0 = performance.now();
  await Promise.all(
    desks.map(async (desk, d) => {
      const commands = work[d]!;
      for (let i = 0; i < commands.length; i += batch) {
        const receipts = await desk.push(...commands.slice(i, i + batch));
        for (const r of receipts) {
          if (r.status !== 'accepted') throw new Error(`not accepted: ${JSON.stringify(r)}`);
          accepted++;
        }
      }
    }),
  );
  return { accepted, seconds: (performance.now() - t0) / 1000 };
}

/** The baseline: the equivalent rows of the same number of commands, plain INSERTs, one transaction per command, 50 at once. */
async function insertRound(
  db: HubDb,
  deviceIds: readonly string[],
  actors: readonly string[],
  customers: readonly string[],
  perDesk: number,
  seqBase: number,
  notify = false,
): Promise<{ inserted: number; seconds: number }> {
  let inserted = 0;
  const t0 = performance.now();
  await Promise.all(
    deviceIds.map(async (deviceId, d) => {
      const actorId = actors[d % actors.length]!;
      let call = '';
      for (let i = 0; i < perDesk; i++) {
        const at = new Date().toISOString();
        const commandId = uuidv7();
        const type = i % 2 === 0 ? 'interaction.start' : 'notes.add';
        await db.tx(async (sql) => {
          if (i % 2 === 0) {
            call = uuidv7();
            await sql.query(`INSERT INTO interactions (id, customer_id, agent_id, caller_number, started_at) VALUES ($1, $2, $3, $4, $5)`, [
              call,
              customers[(d * 7 + i) % customers.length],
              actorId,
              null,
              at,
            ]);
          } else {
            await sql.query(`INSERT INTO interaction_notes (id, interaction_id, author_id, at, text) VALUES ($1, $2, $3, $4, $5)`, [
              uuidv7(),
              call,
              actorId,
              at,
              NOTE,
            ]);
          }
          const receipt = JSON.stringify({ commandId, deviceSeq: seqBase + i, status: 'accepted', reasons: [], at });
          await sql.query(
            `INSERT INTO receipts (command_id, device_id, device_seq, type, actor_id, payload_hash, status, receipt, received_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
            [commandId, deviceId, seqBase + i, type, actorId, createHash('sha256').update(commandId).digest('hex'), 'accepted', receipt, at],
          );
          if (notify) await sql.query(`SELECT pg_notify($1, $2)`, [CHANGES_CHANNEL, JSON.stringify({ device: deviceId, command: type })]);
        });
        inserted++;
      }
    }),
  );
  return { inserted, seconds: (performance.now() - t0) / 1000 };
}

export async function run(): Promise<void> {
  const url = DEFAULT_PG_URL;
  if (!(await postgresAnswers(url))) {
    console.log(
      `\nhub-throughput — skipped: no PostgreSQL answers at ${url.replace(/\/\/[^@/]*@/, '//…@')} (set DATABASE_URL); nothing measured, no results written.`,
    );
    return;
  }
  const full = process.env.BENCH_FULL === '1';
  const perDesk = full ? 200 : 40;
  const rounds = full ? 3 : 2;
  const batch = Number(process.env.BENCH_PUSH_BATCH ?? 10);
  const customersInSet = full ? 3000 : 200;
  const seed = Number(process.env.BENCH_SEED ?? 42);
  const store = await openBenchHubDb(url);
  try {
    const { db } = store;
    const keys = memoryKeyVault();
    const users = await loadBenchDemo(db, keys, customersInSet, seed);
    const actors = ['agent', 'agent2', 'senior', 'supervisor'].map((u) => users[u]).filter((x): x is string => x !== undefined);
    const customers = (await db.query<{ id: string }>(`SELECT id FROM customers ORDER BY id`)).map((r) => r.id);
    const served = await serveHub(db, keys);
    let ours = { commands: 0, seconds: 0 };
    let base = { commands: 0, seconds: 0 };
    let notified = { commands: 0, seconds: 0 };
    const perRound: { ours_per_s: number; baseline_per_s: number; baseline_notify_per_s: number }[] = [];
    try {
      const desks: BenchDesk[] = [];
      for (let d = 0; d < DESKS; d++) desks.push(await BenchDesk.enrol(db, served.url, `Bench desk ${d + 1}`));
      // Warm-up: one push per desk (connections, prepared paths), not counted.
      await pushRound(
        desks,
        desks.map((desk, d) => commandsFor(desk, actors[d % actors.length]!, customers, 2, d)),
        batch,
      );
      for (let r = 0; r < rounds; r++) {
        const work = desks.map((desk, d) => commandsFor(desk, actors[d % actors.length]!, customers, perDesk, d * 7 + r));
        const doOurs = async () => {
          const o = await pushRound(desks, work, batch);
          ours = { commands: ours.commands + o.accepted, seconds: ours.seconds + o.seconds };
          return o.accepted / o.seconds;
        };
        const doBase = async () => {
          const b = await insertRound(
            db,
            desks.map((d) => d.deviceId),
            actors,
            customers,
            perDesk,
            1_000_000_000 + r * perDesk,
          );
          base = { commands: base.commands + b.inserted, seconds: base.seconds + b.seconds };
          return b.inserted / b.seconds;
        };
        const doNotified = async () => {
          const n = await insertRound(
            db,
            desks.map((d) => d.deviceId),
            actors,
            customers,
            perDesk,
            1_500_000_000 + r * perDesk,
            true,
          );
          notified = { commands: notified.commands + n.inserted, seconds: notified.seconds + n.seconds };
          return n.inserted / n.seconds;
        };
        let o: number;
        let b: number;
        let n: number;
        if (r % 2 === 0) {
          o = await doOurs();
          b = await doBase();
          n = await doNotified();
        } else {
          n = await doNotified();
          b = await doBase();
          o = await doOurs();
        }
        perRound.push({ ours_per_s: Math.round(o), baseline_per_s: Math.round(b), baseline_notify_per_s: Math.round(n) });
      }
    } finally {
      await served.close();
    }
    const oursRate = ours.commands / ours.seconds;
    const baseRate = base.commands / base.seconds;
    const c = throughputCase(
      `${DESKS} desks pushing fact commands at once over HTTP (pushes of ${batch}), accepted`,
      'commands/s',
      oursRate,
      baseRate,
      'plain INSERTs of the equivalent rows (fact row + receipt), one transaction per command, same pool, 50 at once',
      'p50 >= 1000 commands/s',
    );
    // What the hub's NOTIFY in every command's transaction costs by itself: the same plain
    // INSERTs with a pg_notify in each transaction. PostgreSQL serialises the commits of
    // notifying transactions (one queue lock held through commit), so their fsyncs no longer
    // share a group commit. Target (this bench's own): the nudge costs at most 20%.
    const n = throughputCase(
      'plain INSERTs + the hub’s pg_notify in each transaction (one per command)',
      'commands/s',
      notified.commands / notified.seconds,
      baseRate,
      'plain INSERTs of the same rows, no NOTIFY',
      '>= 0.8',
    );
    writeReport({
      name: 'hub-throughput',
      dataset: `hub on ${store.label}, pool of 20, served in-process on 127.0.0.1; demo set ${customersInSet.toLocaleString('en')} customers seed ${seed}; ${DESKS} desks × ${perDesk} commands × ${rounds} rounds per side; ${availableParallelism()} CPUs shared by desks, hub and PostgreSQL`,
      cases: [
        {
          ...c,
          commands_ours: ours.commands,
          commands_baseline: base.commands,
          seconds_ours: Number(ours.seconds.toFixed(2)),
          seconds_baseline: Number(base.seconds.toFixed(2)),
          rounds: perRound,
        },
        n,
      ],
    });
  } finally {
    await store.dispose();
  }
}
