/**
 * A desk joined to its hub: enrolment, the sync engine, and what its answers mean on this desk.
 *
 *   enrolment  the first time, a one-time code is exchanged for the device credential, kept with
 *              the store's keys outside the database (keychain-sealed on the desktop, a 0600
 *              file in the browser host); the hub's PIN pepper becomes the store's, so the PIN
 *              digests it sends check here.
 *   receipts   a rejected command's rows are taken back (provisional.ts) and the agent who made
 *              it is told at once, with the hub's reasons in their language; an approval the hub
 *              recorded reaches the supervisors.
 *   changes    what the hub sends may concern a screen open now: the screens are told to reload,
 *              supervisors hear of new requests, agents of decisions on theirs.
 * Without a hub, none of this exists and the desk is the whole truth (standalone).
 */
import type Database from 'better-sqlite3';
import type { ApiEvent } from '../../core/api';
import { isRole } from '../../core/api/roles';
import type { Receipt } from '../../core/sync/protocol';
import type { KeyVault } from '../../platform/keys';
import { rebindKey } from '../security/keys';
import type { AuditTrail } from '../services/audit-trail';
import type { CommandLog } from '../services/command-log';
import type { EventPublisher } from '../services/events';
import { createSyncApplier } from './apply';
import { SyncEngine, type SyncStatus } from './engine';
import { createHubClient, HubRefused, HubUnreachable, type Fetch, type HubClient, type HubCredential } from './hub-client';
import { ProvisionalRows, withdrewAnything } from './provisional';
import { SnapshotWriter } from './snapshot-writer';

export interface HubLinkOptions {
  /** The hub's address, e.g. http://hub.example:8787 */
  readonly url: string;
  /** A one-time enrolment code (`npm run hub -- enrol "Desk 12"`), needed on the first start only. */
  readonly enrolCode?: string;
  readonly deskName?: string;
  readonly timeoutMs?: number;
  /** The network (tests put a faulty one here). */
  readonly fetch?: Fetch;
  /** How often the desk syncs without a nudge (ms). */
  readonly pollMs?: number;
  /** Rows per page of a first download (tests make it small to stop a download half-way). */
  readonly snapshotPage?: number;
}

export interface DeskLinkDeps {
  readonly client: Database.Database;
  readonly keys: KeyVault;
  readonly audit: AuditTrail;
  readonly commands: CommandLog;
  readonly events: EventPublisher;
  readonly now: () => Date;
  readonly log: (message: string) => void;
  /** After changes were applied (caches of what they touched are dropped). */
  readonly onChanges?: (tables: ReadonlySet<string>) => void;
  /** better-sqlite3 built for Electron, for the download's own connection. */
  readonly nativeBinding?: string;
}

/** What the header shows: the engine's status, plus why a desk that is not enrolled waits. */
export type DeskSyncStatus = SyncStatus & { readonly hub: string; readonly problem: string | null };

interface StoredCredential extends HubCredential {
  readonly hubId: string;
}

/** Where an enrolled desk keeps its device id and hub (sync_state): its presence means the desk is joined to a hub. */
export const DEVICE_KEY = 'sync:device';

/** The secret lives with the store's keys (outside the database); the device's id and hub beside the store. */
function readCredential(keys: KeyVault, client: Database.Database): StoredCredential | null {
  const secret = keys.peek('device-secret');
  const row = client.prepare<[string], { value: string }>(`SELECT value FROM sync_state WHERE key = ?`).get(DEVICE_KEY);
  if (!secret || !row) return null;
  const device = JSON.parse(row.value) as { deviceId: string; hubId: string };
  return { deviceId: device.deviceId, hubId: device.hubId, deviceSecret: secret.toString('base64url') };
}

export class DeskLink {
  readonly engine: SyncEngine;
  /** The hub's routes, enrolling first if needed (staff sign-in goes through here). */
  readonly hub: HubClient;
  private credential: StoredCredential | null;
  private problem: string | null = null;
  private readonly provisional: ProvisionalRows;
  private readonly approvalsSeen = new Map<string, string>();
  private readonly listeners = new Set<(status: DeskSyncStatus) => void>();
  private lastState: SyncStatus['state'] | null = null;

  constructor(
    private readonly opts: HubLinkOptions,
    private readonly deps: DeskLinkDeps,
  ) {
    this.credential = readCredential(deps.keys, deps.client);
    this.provisional = new ProvisionalRows(deps.client, deps.commands);
    const raw = createHubClient({
      url: opts.url,
      credential: () => this.credential,
      ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
      ...(opts.fetch ? { fetch: opts.fetch } : {}),
    });
    // Every call but enrolment needs the credential: the first one enrols.
    const hub: HubClient = {
      call: async (route, input) => {
        if (route !== 'enrol') await this.ensureEnrolled(raw);
        return raw.call(route, input);
      },
      events: async (onEvent, signal) => {
        await this.ensureEnrolled(raw);
        return raw.events(onEvent, signal);
      },
    };
    this.hub = hub;
    // The applier moves the engine's cursor with each batch (the engine is made just below).
    const applier = createSyncApplier(deps.client, {
      setCursor: (c) => this.engine.state.setCursor(c),
      setSnapshotProgress: (p) => this.engine.state.setSnapshotProgress(p),
    });
    this.engine = new SyncEngine({
      client: deps.client,
      hub,
      applier,
      now: deps.now,
      log: deps.log,
      auditHead: () => deps.audit.head(),
      onReceipt: (receipt, command) => this.receipt(receipt, command),
      onStatus: () => this.tell(),
      onChanges: (tables) => this.changed(tables),
      ...(opts.pollMs !== undefined ? { pollMs: opts.pollMs } : {}),
      ...(opts.snapshotPage !== undefined ? { snapshotPage: opts.snapshotPage } : {}),
      // A store on disk is downloaded into from a worker's connection, beside the agents' lookups.
      ...(deps.client.name !== ':memory:' && !deps.client.memory ? { snapshotWriter: new SnapshotWriter(deps.client.name, deps.nativeBinding) } : {}),
    });
    this.rememberApprovals();
  }

  start(): void {
    this.engine.start();
  }

  stop(): Promise<void> {
    return this.engine.stop();
  }

  /** A command was written: send it now. */
  kick(): void {
    this.engine.kick();
  }

  isOnline(): boolean {
    return this.engine.isOnline();
  }

  status(): DeskSyncStatus {
    return { ...this.engine.status(), hub: this.opts.url, problem: this.problem };
  }

  onStatus(listener: (status: DeskSyncStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private tell(): void {
    const status = this.status();
    // After a download, the approvals it brought are known, not news.
    if (this.lastState === 'downloading' && status.state !== 'downloading') this.rememberApprovals();
    this.lastState = status.state;
    for (const l of this.listeners) l(status);
  }

  private async ensureEnrolled(raw: HubClient): Promise<void> {
    if (this.credential) return;
    const code = this.opts.enrolCode;
    if (!code) {
      this.problem = 'This desk is not enrolled with its hub: start it once with an enrolment code (ARDOISE_ENROL_CODE).';
      throw new HubUnreachable(this.problem);
    }
    let enrolled;
    try {
      enrolled = await raw.call('enrol', { code, deskName: this.opts.deskName ?? 'Desk' });
    } catch (err) {
      if (err instanceof HubRefused) {
        this.problem = `The hub refused the enrolment code (${err.code}): ask an administrator for a new one.`;
        throw new HubUnreachable(this.problem);
      }
      throw err;
    }
    const credential: StoredCredential = { deviceId: enrolled.deviceId, deviceSecret: enrolled.deviceSecret, hubId: enrolled.hubId };
    // The PIN digests the hub sends are keyed with its pepper: the store takes it before any arrives.
    rebindKey(this.deps.keys, this.deps.client, 'pin-pepper', Buffer.from(enrolled.pinPepper, 'base64'));
    this.deps.keys.put('device-secret', Buffer.from(enrolled.deviceSecret, 'base64url'));
    this.deps.client
      .prepare(`INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`)
      .run(DEVICE_KEY, JSON.stringify({ deviceId: enrolled.deviceId, hubId: enrolled.hubId }));
    this.credential = credential;
    this.problem = null;
    this.deps.log(`sync: enrolled with hub ${enrolled.hubId} as device ${enrolled.deviceId}`);
  }

  private receipt(
    receipt: Receipt,
    command: { type: string; actorId: string; interactionId: string | null; payload: unknown; previous: Receipt | null },
  ): void {
    if (receipt.status === 'rejected') {
      const reasons = receipt.reasons.map((r) => r.message);
      const withdrawn = this.provisional.withdraw(
        { id: receipt.commandId, type: command.type, actorId: command.actorId, interactionId: command.interactionId, payload: command.payload },
        reasons,
      );
      // Sent again after a resync and refused again: the agent was told the first time.
      if (command.previous?.status === 'rejected') return;
      this.deps.log(`sync: the hub rejected ${command.type} ${receipt.commandId} (${reasons.join('; ') || 'no reason given'})`);
      this.deps.events.toUser(command.actorId, {
        name: 'sync.rejected',
        payload: {
          commandId: receipt.commandId,
          type: command.type,
          interactionId: command.interactionId,
          reasons: receipt.reasons.map((r) => ({ code: r.code, en: r.text?.en ?? r.message, fr: r.text?.fr ?? r.message })),
          withdrawnLedgerEntryIds: [...withdrawn.ledgerEntryIds],
          withdrawnDisputeIds: [...withdrawn.disputeIds],
          withdrawnPaymentPlanIds: [...withdrawn.paymentPlanIds],
        },
      });
      if (withdrewAnything(withdrawn))
        this.deps.onChanges?.(
          new Set([
            'ledger_entries',
            'approval_requests',
            'subscription_changes',
            'disputes',
            'payment_plans',
            'payment_plan_instalments',
            'customer_outcomes',
          ]),
        );
    }
  }

  /** Approvals as last seen, so a change from the hub can say what happened to them. */
  private rememberApprovals(): void {
    for (const r of this.deps.client.prepare(`SELECT id, status FROM approval_requests`).all() as { id: string; status: string }[])
      this.approvalsSeen.set(r.id, r.status);
  }

  private changed(tables: ReadonlySet<string>): void {
    this.deps.onChanges?.(tables);
    if (tables.has('approval_requests')) this.approvalsChanged();
    const event: ApiEvent = { name: 'sync.changed', payload: { tables: [...tables] } };
    this.deps.events.toAll(event);
  }

  private approvalsChanged(): void {
    const rows = this.deps.client
      .prepare(`SELECT id, status, requested_by AS requestedBy, interaction_id AS interactionId, approver_role AS approverRole FROM approval_requests`)
      .all() as {
      id: string;
      status: string;
      requestedBy: string;
      interactionId: string;
      approverRole: string;
    }[];
    for (const r of rows) {
      const before = this.approvalsSeen.get(r.id);
      if (before === r.status) continue;
      this.approvalsSeen.set(r.id, r.status);
      if (r.status === 'pending' && before === undefined)
        this.deps.events.toRole(isRole(r.approverRole) ? r.approverRole : 'supervisor', { name: 'approval.requested', payload: { approvalId: r.id } });
      else if (r.status === 'applied' || r.status === 'approved' || r.status === 'refused') {
        this.deps.events.toUser(r.requestedBy, {
          name: 'approval.decided',
          payload: { approvalId: r.id, interactionId: r.interactionId, status: r.status === 'refused' ? 'refused' : 'approved' },
        });
      }
    }
  }
}
