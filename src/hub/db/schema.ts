/**
 * The hub's store on PostgreSQL. Two kinds of tables:
 *   - synced-tables.ts (built from the desktop's table definitions): what desks receive, row for row;
 *   - below, the hub's own: enrolled devices and their credentials, receipts of the commands
 *     desks pushed, the change log desks pull from, failed staff credential checks, its state.
 * The change log, its triggers and the append-only rules are SQL the migration adds by hand
 * (drizzle/hub/0001_change_log.sql): every write to a synced table lands in the log in the
 * same transaction, whatever code made it.
 */
import { bigint, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';

/** Small key/value state: the epoch (changes after a restore), the hub's id. */
export const hubState = pgTable('hub_state', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/** A desk enrolled with a one-time code; it proves itself with its secret (kept as a hash). */
export const devices = pgTable(
  'devices',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    secretHash: text('secret_hash').notNull(),
    enrolledAt: text('enrolled_at').notNull(),
    revokedAt: text('revoked_at'),
    /** The device sequence the next pushed command must carry (gapless per device). */
    nextSeq: integer('next_seq').notNull().default(1),
    lastSeenAt: text('last_seen_at'),
    /** The desk's audit head as last acknowledged (its own sealed chain; see core/audit). */
    auditHeadSeq: integer('audit_head_seq'),
    auditHeadHash: text('audit_head_hash'),
    auditHeadMac: text('audit_head_mac'),
    auditHeadAt: text('audit_head_at'),
  },
  (t) => [uniqueIndex('devices_name_uq').on(t.name)],
);

/** One-time enrolment codes issued by an administrator (only their hash is kept). */
export const enrolmentCodes = pgTable('enrolment_codes', {
  codeHash: text('code_hash').primaryKey(),
  deskName: text('desk_name').notNull(),
  createdAt: text('created_at').notNull(),
  expiresAt: text('expires_at').notNull(),
  usedAt: text('used_at'),
  deviceId: text('device_id'),
});

/**
 * The hub's answer to every command a desk pushed, kept for good: a command pushed again gets
 * this same receipt (the same id with another payload is an error).
 */
export const receipts = pgTable(
  'receipts',
  {
    commandId: text('command_id').primaryKey(),
    deviceId: text('device_id')
      .notNull()
      .references(() => devices.id),
    deviceSeq: integer('device_seq').notNull(),
    type: text('type').notNull(),
    actorId: text('actor_id'),
    payloadHash: text('payload_hash').notNull(),
    status: text('status').notNull(),
    receipt: text('receipt').notNull(),
    receivedAt: text('received_at').notNull(),
    /**
     * The command's call (its envelope's interactionId): an 'interaction.start' receipt is how
     * the hub knows at which desk a call was taken (the insights' desk filter). Null before
     * migration 0009 and for commands on no call.
     */
    interactionId: text('interaction_id'),
  },
  (t) => [
    uniqueIndex('receipts_device_seq_uq').on(t.deviceId, t.deviceSeq),
    index('receipts_actor_idx').on(t.actorId),
    index('receipts_interaction_idx').on(t.interactionId, t.type),
  ],
);

/** Failed staff credential checks per username, across every desk (sign-in at the hub). */
export const credentialFailures = pgTable('credential_failures', {
  username: text('username').primaryKey(),
  failures: integer('failures').notNull(),
  pausedUntil: text('paused_until'),
  lastFailureAt: text('last_failure_at').notNull(),
});

/**
 * Every change to a synced table, in commit order for the pull cursor (see sync/change-log.ts):
 * `xid` is the writing transaction's id, `seq` its order inside it. Written by triggers only.
 */
export const changeLog = pgTable(
  'change_log',
  {
    seq: bigint('seq', { mode: 'bigint' }).primaryKey().generatedAlwaysAsIdentity(),
    xid: bigint('xid', { mode: 'bigint' }).notNull(),
    tbl: text('tbl').notNull(),
    pk: text('pk').notNull(),
    op: text('op').notNull(),
    row: text('row'),
  },
  (t) => [index('change_log_xid_idx').on(t.xid, t.seq)],
);

/**
 * What the agent did on each call (the practice bits of the desk's call_practices, see
 * main/store/practices.ts PRACTICE_BIT), as the desk's wrap-up reported them: the audit trail
 * stays on the desk, so this row is how the hub knows. One row per wrapped-up call that had any.
 * Hub-only: each desk keeps its own from its audit trail.
 */
export const callPractices = pgTable('call_practices', {
  interactionId: text('interaction_id').primaryKey(),
  flags: integer('flags').notNull(),
  recordedAt: text('recorded_at').notNull(),
});

/**
 * The next number of each numbering series of issued bills ('F-2026', 'AV-2026'), taken in the
 * transaction that writes the bill (src/hub/services/invoice-numbers.ts; why, and who numbers:
 * src/main/store/invoice-numbers.ts). The hub's own: never synced to desks.
 */
export const invoiceSeries = pgTable('invoice_series', {
  series: text('series').primaryKey(),
  nextNumber: integer('next_number').notNull(),
});
