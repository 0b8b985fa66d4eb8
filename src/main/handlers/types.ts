import type { MethodName } from '../../core/api';
import type { Handler } from '../api/dispatcher';
import type { SessionRegistry } from '../api/sessions';
import type { AuditTrail } from '../services/audit-trail';
import type { CallerLookup } from '../services/caller-lookup';
import type { CommandLog, CommandServiceDeps } from '../services/command-log';
import type { KeyVault } from '../security/keys';
import type { EventPublisher } from '../services/events';
import type { IdempotencyKeys } from '../services/idempotency';
import type { HubReach } from '../services/insights/hub-insights';
import type { StaffCredentials } from '../services/staff-credentials';
import type { Store } from '../store/db';

/** What every feature's handlers are built from; functions take what they need from here. */
export interface AppDeps {
  readonly db: Store;
  readonly sessions: SessionRegistry;
  /** Who is told when something happens (services know people, not sessions). */
  readonly events: EventPublisher;
  readonly commands: CommandLog;
  readonly audit: AuditTrail;
  readonly lookup: CallerLookup;
  /** Main's clock: the only source of "now" for services (core has none). */
  readonly now: () => Date;
  /** Online (the hub is reachable) or offline: verification lockouts are stricter offline. */
  readonly connectivity: () => 'online' | 'offline';
  readonly log: (message: string) => void;
  /** Keys kept outside the store (audit seal, PIN pepper). */
  readonly keys: KeyVault;
  /** The one check of staff credentials (sign-in, a supervisor at an agent's desk). */
  readonly credentials: StaffCredentials;
  /** First answers of money commands, by the key the screen made for the intent. */
  readonly idempotency: IdempotencyKeys;
  /** Tells a reader which synced tables the hub just changed (to drop what it cached of them). */
  readonly onSynced?: (listener: (tables: ReadonlySet<string>) => void) => void;
  /** The head of this desk's audit log its hub last acknowledged (null: standalone or never synced). */
  readonly hubAuditHead?: () => { seq: number; hash: string } | null;
  /** better-sqlite3 built for Electron's ABI, for connections opened in worker threads. */
  readonly nativeBinding?: string;
  /** The hub, for what only it knows across desks (insights); absent on a standalone desk. */
  readonly hub?: HubReach;
}

/** What a command service takes from the app's deps: the store, the command log, the clock. */
export function commandServiceDeps(deps: AppDeps): CommandServiceDeps {
  return { client: deps.db.$client, commands: deps.commands, now: deps.now };
}

/** The handlers of one feature's method map. */
export type FeatureHandlers<Methods> = { [M in keyof Methods & MethodName]: Handler<M> };
