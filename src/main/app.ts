/**
 * The desktop host without its window: store, services and the dispatcher. The Electron main
 * process and the loopback web host both build exactly this, so the browser-hosted renderer
 * exercises the same code the desktop runs.
 */
import { count } from 'drizzle-orm';
import { join } from 'node:path';
import type { MethodName } from '../core/api';
import type { SyncStatusView } from '../core/api/events';
import { realClock, type Clock } from '../platform/clock';
import { createDispatcher, type Dispatcher, type HandlerContext, type Handlers } from './api/dispatcher';
import { InteractionGate } from './api/interaction-gate';
import { SessionRegistry, sessionPublisher } from './api/sessions';
import { DEFAULT_DEMO, ensureDemoData, readDemoMarker } from './demo/load';
import { ensureCatalogRules } from './demo/catalog';
import { ensureDemoSeller } from './demo/seller';
import { ensureDemoPins } from './demo/pins';
import { createBillingHandlers, ensureBillingSetup } from './handlers/billing';
import { createDiscountHandlers, ensureDiscountSetup } from './handlers/discounts';
import { createHistoryHandlers, createInteractionHandlers, ensureInteractionSetup } from './handlers/interaction';
import { createInsightsHandlers } from './handlers/insights';
import { createReceivablesHandlers } from './handlers/receivables';
import { createDisputeHandlers } from './handlers/disputes';
import { createLookupHandlers, LOOKUP_METHODS } from './handlers/lookup';
import { createSessionHandlers } from './handlers/session';
import type { AppDeps } from './handlers/types';
import { bindKeysToStore, openKeyVault, type KeyVault } from './security/keys';
import { pinDigest } from './security/pins';
import { ensurePrivateDir } from './security/files';
import { OWASP_SCRYPT, type ScryptCost } from './security/passwords';
import { AgentLookup } from './services/agent-lookup';
import { AgentSessions } from './services/agent-session';
import { ledgerBaseline } from './services/ledger-reconciliation';
import { IdempotencyKeys } from './services/idempotency';
import { ScreenPops } from './services/screen-pops';
import { StaffCredentials } from './services/staff-credentials';
import { AuditTrail } from './services/audit-trail';
import type Database from 'better-sqlite3';
import { CommandLog } from './services/command-log';
import { CallerLookup } from './services/caller-lookup';
import { LookupAuditBuffer } from './services/lookup-audit';
import { LookupRateLimiter } from './services/lookup-rate-limit';
import { openStore, type Store } from './store/db';
import { DeskLink, type DeskSyncStatus, type HubLinkOptions } from './sync/desk-link';
import { hubSignIn } from './sync/hub-sign-in';
import { StaffTokens } from './sync/staff-tokens';
import { settleInBackground } from './store/call-facts';
import { customers } from './store/schema';

export const APP_VERSION = '0.1.0';

export interface AppHostOptions {
  readonly dataDir: string;
  readonly transport: 'ipc' | 'http';
  readonly nativeBinding?: string;
  /** Size of the demo set loaded into an empty store on first start. */
  readonly demoCustomers?: number;
  readonly demoSeed?: number;
  /** The day the demo history ends; defaults to today by the clock (UTC). */
  readonly demoToday?: string;
  /** Main's clock (default: the real one; a demo or a test pins the day, see clock.ts). */
  readonly clock?: Clock;
  /**
   * Where the keys kept outside the store live (security/keys.ts). Default: a 0600 file in the
   * data folder; the Electron host passes a vault sealed by the OS keychain.
   */
  readonly keys?: KeyVault;
  /** Cost of new password hashes and of demo staff hashes (tests lower it; default OWASP's). */
  readonly passwordCost?: ScryptCost;
  readonly log?: (message: string) => void;
  /**
   * The hub this desk syncs with. Without one the desk is standalone: its store is the whole
   * truth and it makes its own demo data. With one, everything synced comes from the hub.
   */
  readonly hub?: HubLinkOptions;
}

export interface AppHost {
  readonly db: Store;
  readonly dispatcher: Dispatcher;
  readonly sessions: SessionRegistry;
  /** Main's clock, as every service reads it. */
  readonly now: Clock;
  /** The keys kept outside the store (tests read the PIN pepper to write test PINs). */
  readonly keys: KeyVault;
  readonly audit: AuditTrail;
  /** The link with the hub (null: standalone). Started by the host once it is ready to serve. */
  readonly link: DeskLink | null;
  /** An incoming call (deep link or telephony): pops the caller on every signed-in client. */
  screenPop(from: string): Promise<void>;
  /** Writes the lookup records still waiting in the audit buffer (services/lookup-audit.ts). */
  flushLookupAudit(): void;
  close(): void;
}

/** A few thousand callers: believable, and loaded in a few seconds on a first start (demo/load.ts). */
export const DEFAULT_DEMO_CUSTOMERS = DEFAULT_DEMO.customers;

export function createAppHost(opts: AppHostOptions): AppHost {
  const log = opts.log ?? (() => {});
  const now = opts.clock ?? realClock;
  // The data folder is the user's alone; the store and everything beside it are 0600.
  ensurePrivateDir(opts.dataDir);
  const db = openStore({ file: join(opts.dataDir, 'ardoise.db'), ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}) });
  const keys = opts.keys ?? openKeyVault(opts.dataDir);
  bindKeysToStore(keys, db.$client);
  const audit = new AuditTrail(db.$client, { key: keys.key('audit-mac'), anchorFile: join(opts.dataDir, 'audit-head.json') });
  // A desk of a hub downloads its data; only a standalone desk makes its own (its past calls'
  // audit entries go through this desk's trail, sealed and anchored like any other).
  const loaded = opts.hub
    ? null
    : ensureDemoData(db, {
        customers: opts.demoCustomers ?? DEFAULT_DEMO_CUSTOMERS,
        seed: opts.demoSeed ?? 42,
        today: opts.demoToday ?? now().toISOString().slice(0, 10),
        ...(opts.passwordCost ? { passwordCost: opts.passwordCost } : {}),
        audit: (entry) => void audit.append(entry),
      });
  audit.anchor();
  if (loaded) log(`first start: loaded ${loaded.customers} demo customers (${loaded.rows} rows) in ${loaded.ms} ms`);

  const sessions = new SessionRegistry();
  const commands = new CommandLog(db.$client, audit, now);
  recordLedgerBaseline(db.$client, audit, commands, log);
  const events = sessionPublisher(sessions);
  let link: DeskLink | null = null;
  const staffTokens = new StaffTokens(now);
  sessions.onLastSessionEnded((userId) => staffTokens.forget(userId));
  // What the hub sent may make a cached reading stale (the catalog, a bill): its readers drop it.
  const syncListeners = new Set<(tables: ReadonlySet<string>) => void>();
  const dropCaches = (tables: ReadonlySet<string>): void => syncListeners.forEach((l) => l(tables));
  const credentials = new StaffCredentials(
    db.$client,
    commands,
    now,
    opts.passwordCost ?? OWASP_SCRYPT,
    opts.hub ? hubSignIn(() => link, db.$client, now, staffTokens) : undefined,
  );
  const agentSessions = new AgentSessions(db, sessions, commands, credentials, now);
  const lookup = new CallerLookup(db);
  // Agents' lookups: rate-limited per signed-in user, recorded write-behind in the audit chain.
  const lookupAudit = new LookupAuditBuffer(db.$client, audit, { log });
  const lookups = new AgentLookup({ lookup, limiter: new LookupRateLimiter(() => now().getTime()), audit: lookupAudit, now });
  if (opts.hub) {
    link = new DeskLink(opts.hub, {
      client: db.$client,
      keys,
      audit,
      commands,
      events,
      now,
      log,
      onChanges: (tables) => dropCaches(tables),
      ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
    });
    link.onStatus((status) => events.toAll({ name: 'sync.status', payload: syncView(status) }));
  }
  // Standalone, this desk's store is the whole truth: the normal lockout limit applies. A desk of
  // a hub that cannot reach it counts failures alone, so the stricter offline limit applies.
  const connectivity = (): 'online' | 'offline' => (link === null || link.isOnline() ? 'online' : 'offline');
  const idempotency = new IdempotencyKeys(db.$client, now);
  const deps: AppDeps = {
    db,
    sessions,
    events,
    commands,
    audit,
    lookup,
    now,
    connectivity,
    log,
    keys,
    credentials,
    idempotency,
    onSynced: (l) => void syncListeners.add(l),
    hubAuditHead: () => link?.engine.acknowledgedAuditHead() ?? null,
    ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
    ...(opts.hub ? { hub: { client: () => link?.hub ?? null, staffToken: (userId: string) => staffTokens.of(userId) } } : {}),
  };
  const customerCount = db.select({ n: count() }).from(customers).get()?.n ?? 0;
  // A large store's calls' facts (store/call-facts.ts), all stale after the upgrade that brought
  // them, are built in the background from the start rather than on a manager's first visit.
  const facts =
    customerCount >= 50_000
      ? settleInBackground(db.$client, {
          onDone: () => log('insights: every call’s facts are up to date'),
          onError: (err) => log(`insights: building the calls’ facts failed, trying again: ${err instanceof Error ? err.message : String(err)}`),
        })
      : null;

  // Each feature's first-start set-up (policies, settings, secrets on file): idempotent.
  ensureInteractionSetup(deps);
  // Only generated demo customers get made-up PINs (~70 %, derived from their id, kept as keyed
  // digests); real customers' secrets come from the hub.
  if (readDemoMarker(db)) {
    if (ensureCatalogRules(db.$client, now().toISOString())) log('demo: stored the catalog’s VAT rules with the catalog');
    if (ensureDemoSeller(db.$client, now().toISOString())) log('demo: stored the demo operator’s legal identity (the seller on its bills)');
    const pepper = keys.key('pin-pepper');
    const seeded = ensureDemoPins(db.$client, (pin) => pinDigest(pepper, pin));
    if (seeded > 0) log(`demo: gave ${seeded} customers their verification secrets`);
  }
  // The catalog and the discount policy of a hub's desk are the hub's, downloaded.
  if (!opts.hub) {
    ensureBillingSetup(deps);
    ensureDiscountSetup(deps);
  }

  const pops = new ScreenPops(lookups, events, () => sessions.signedInClients().length, now);
  const handlers: Handlers = {
    ...createSessionHandlers(agentSessions, () => ({ version: APP_VERSION, customers: customerCount, transport: opts.transport })),
    ...createLookupHandlers(lookups, pops, sessions),
    ...createInteractionHandlers(deps),
    ...createHistoryHandlers(deps),
    ...createBillingHandlers(deps),
    ...createDiscountHandlers(deps),
    ...createInsightsHandlers(deps),
    ...createReceivablesHandlers(deps),
    ...createDisputeHandlers(deps),
    'sync.status': () => (link ? syncView(link.status()) : STANDALONE),
  };

  let commandsSent = 0;
  const dispatcher = createDispatcher(
    auditInOrder(handlers, LOOKUP_METHODS, () => lookups.flushAudit()),
    sessions,
    {
      gate: new InteractionGate(db.$client),
      // Every call's transactions have committed by now: anchor the audit head outside the store,
      // and send the hub what the call wrote (a lookup, which writes no command, sends nothing).
      afterCall: () => {
        audit.anchor();
        if (commands.commandsWritten !== commandsSent) {
          commandsSent = commands.commandsWritten;
          link?.kick();
        }
      },
      onInternalError: (err, method) => log(`internal error in ${method}: ${err instanceof Error ? err.stack : String(err)}`),
    },
  );

  return {
    db,
    dispatcher,
    sessions,
    now,
    keys,
    audit,
    link,
    async screenPop(from) {
      pops.ring(from);
    },
    flushLookupAudit() {
      lookups.flushAudit();
    },
    close() {
      try {
        facts?.stop();
        void link?.stop();
        lookupAudit.close();
      } finally {
        db.$client.close();
      }
    },
  };
}

const STANDALONE: SyncStatusView = {
  mode: 'standalone',
  state: 'online',
  lastSyncAt: null,
  offlineSince: null,
  waiting: 0,
  rejected: 0,
  downloaded: 0,
  problem: null,
};

function syncView(s: DeskSyncStatus): SyncStatusView {
  return {
    mode: 'hub',
    state: s.state,
    lastSyncAt: s.lastSyncAt,
    offlineSince: s.offlineSince,
    waiting: s.waiting,
    rejected: s.rejected,
    downloaded: s.downloaded,
    problem: s.problem,
  };
}

/**
 * Ledger rows that no command wrote (the demo history, rows of a store older than commands) are
 * accounted for once by a 'ledger_baseline' audit entry: their count and digest. Recorded the
 * first time the store has such rows and no baseline; ledger reconciliation checks it after.
 */
function recordLedgerBaseline(client: Database.Database, audit: AuditTrail, commands: CommandLog, log: (m: string) => void): void {
  if (audit.entriesWithActions(['ledger_baseline']).length > 0) return;
  const baseline = ledgerBaseline(client);
  if (baseline.count === 0) return;
  commands.record({ actorId: null, interactionId: null, action: 'ledger_baseline', subject: 'ledger', after: baseline });
  log(`audit: recorded the baseline of ${baseline.count} ledger entries that predate commands`);
}

/**
 * Lookup records are written up to a second late (services/lookup-audit.ts). Any other method
 * may append to the audit chain at once, so pending lookup records are written first: the chain
 * keeps a search and the call started from it in the order they happened.
 */
function auditInOrder(handlers: Handlers, buffered: ReadonlySet<MethodName>, flush: () => void): Handlers {
  const wrapped: Record<string, unknown> = {};
  for (const [method, handler] of Object.entries(handlers) as [MethodName, (input: unknown, ctx: HandlerContext) => unknown][]) {
    wrapped[method] = buffered.has(method)
      ? handler
      : (input: unknown, ctx: HandlerContext) => {
          flush();
          return handler(input, ctx);
        };
  }
  return wrapped as Handlers;
}
