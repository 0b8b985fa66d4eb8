/**
 * `npm run hub` (scripts/hub.ts, which hands over the desk's demo generator): the hub, from the command line.
 *
 *   npm run hub                         serve (PGlite in ARDOISE_HUB_DATA, or DATABASE_URL)
 *   npm run hub -- --demo 3000          load the demo set into an empty hub, then serve
 *   npm run hub -- enrol "Desk 12"      print a one-time enrolment code for a desk
 *   npm run hub -- new-epoch            after restoring a backup: desks download everything again
 *   npm run hub -- bill 2026-11 [account id…]
 *                                       bill a cycle (every account, or these): the hub is the billing
 *                                       authority of its desks (services/billing-run.ts)
 *
 * Environment: ARDOISE_DEMO_TODAY (YYYY-MM-DD: the demo ends that day and the hub's clock runs from it),
 * ARDOISE_HUB_DATA (default ~/.ardoise-hub: PGlite data and the hub's keys),
 * ARDOISE_HUB_PORT (default 5190; 0 picks a free one), ARDOISE_HUB_HOST (default 127.0.0.1),
 * DATABASE_URL (postgres://… — several hub processes may share it).
 */
import { serve } from '@hono/node-server';
import { randomUUID } from 'node:crypto';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseDay, pinnedDayClock, realClock } from '../platform/clock';
import { openKeyVault } from '../platform/keys';
import { ensurePrivateDir } from '../platform/files';
import { createHubApp } from './app';
import { loadDemoSet, type DeskDemoGenerator } from './demo-set';
import { HUB_HANDLERS } from './commands/handlers';
import { openHubDb } from './db/open';
import { billCycle, billingCycleOf } from './services/billing-run';
import { issueEnrolmentCode } from './services/devices';

export async function runHub(argv: readonly string[], deps: { readonly generateDemo: DeskDemoGenerator }): Promise<void> {
  const dataDir = process.env.ARDOISE_HUB_DATA ?? join(homedir(), '.ardoise-hub');
  ensurePrivateDir(dataDir);
  const url = process.env.DATABASE_URL;
  const db = await openHubDb(url ? { url } : { dataDir: join(dataDir, 'pg') });
  const keys = openKeyVault(dataDir);
  // ARDOISE_DEMO_TODAY pins the hub's calendar as it pins the desks' (demos, end-to-end tests).
  const demoToday = process.env.ARDOISE_DEMO_TODAY || undefined;
  if (demoToday !== undefined && parseDay(demoToday) === null)
    throw new Error(`ARDOISE_DEMO_TODAY must be a calendar day written YYYY-MM-DD, not "${demoToday}"`);
  const clock = demoToday !== undefined ? pinnedDayClock(demoToday) : realClock;
  const demoAt = argv.indexOf('--demo');
  const demoCustomers = demoAt >= 0 ? Number(argv[demoAt + 1] ?? 3000) : null;
  if (demoCustomers !== null && (!Number.isInteger(demoCustomers) || demoCustomers < 1 || demoCustomers > 2_000_000))
    throw new Error('--demo takes a number of customers (1 to 2,000,000)');
  const [command, ...rest] = argv.filter((a, i) => !a.startsWith('--') && !(demoAt >= 0 && i === demoAt + 1));

  if (command === 'enrol') {
    const name = rest.join(' ').trim();
    if (!name) throw new Error('say which desk: npm run hub -- enrol "Desk 12"');
    const { code, expiresAt } = await issueEnrolmentCode(db, name, clock());
    console.log(`Enrolment code for "${name}": ${code}  (single use, valid until ${expiresAt})`);
    await db.close();
    return;
  }
  if (command === 'new-epoch') {
    const epoch = randomUUID();
    await db.query(`INSERT INTO hub_state (key, value) VALUES ('epoch', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, [epoch]);
    console.log(`New epoch ${epoch}: every desk downloads everything again at its next sync, keeping its unsent commands.`);
    await db.close();
    return;
  }
  if (command === 'bill') {
    const [month, ...accountIds] = rest;
    if (month === undefined) throw new Error('say which cycle: npm run hub -- bill 2026-11 [account id…]');
    const cycle = billingCycleOf(month);
    let shown = 0;
    const report = await billCycle(db, cycle, {
      ...(accountIds.length > 0 ? { accountIds } : {}),
      now: clock,
      onAccount: (done, of) => {
        if (done === of || done - shown >= 1000) {
          shown = done;
          console.log(`bill ${month}: ${done}/${of} accounts`);
        }
      },
    });
    const byKind = (kind: string) => report.issued.filter((b) => b.kind === kind);
    const range = (bills: readonly { number: string }[]) => (bills.length ? ` (${bills[0]!.number} … ${bills.at(-1)!.number})` : '');
    console.log(
      `Cycle ${cycle.start} → ${cycle.end}: ${byKind('invoice').length} invoices${range(byKind('invoice'))}, ` +
        `${byKind('credit_note').length} credit notes${range(byKind('credit_note'))}; ${report.alreadyBilled} already billed, ` +
        `${report.nothingToBill} closed with nothing to bill, ${report.unknown.length} unknown, ${report.failed.length} refused by the engine.`,
    );
    for (const f of report.failed) console.log(`  ${f.accountId}: ${f.error}`);
    for (const id of report.unknown) console.log(`  ${id}: no such account`);
    await db.close();
    if (report.failed.length > 0 || report.unknown.length > 0) process.exitCode = 1;
    return;
  }
  if (command !== undefined && command !== 'serve') throw new Error(`unknown command "${command}" (serve, enrol, new-epoch, bill)`);

  if (demoCustomers !== null) {
    const [held] = await db.query<{ n: string }>(`SELECT count(*) AS n FROM customers`);
    if (Number(held?.n ?? 0) === 0)
      await loadDemoSet(db, keys, {
        customers: demoCustomers,
        generate: deps.generateDemo,
        ...(demoToday !== undefined ? { today: demoToday } : {}),
        log: (m) => console.log(m),
      });
    else console.log('demo: the hub already holds customers, nothing loaded');
  }
  const hub = await createHubApp({ db, keys, handlers: HUB_HANDLERS, now: clock, log: (m) => console.log(m) });
  const port = process.env.ARDOISE_HUB_PORT !== undefined ? Number(process.env.ARDOISE_HUB_PORT) : 5190;
  const hostname = process.env.ARDOISE_HUB_HOST ?? '127.0.0.1';
  const server = serve({ fetch: hub.app.fetch, port, hostname }, (info) => {
    console.log(`Ardoise hub on http://${hostname}:${info.port} (${db.kind}${url ? '' : `, data in ${dataDir}`})`);
  });
  const stop = () => {
    server.close();
    void hub
      .close()
      .then(() => db.close())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
