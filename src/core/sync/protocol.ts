/**
 * The hub's routes, described like the API contract: route → zod input → output. The hub
 * validates every request against these, and the desk's sync client is typed from them.
 *
 * Commands up: a desk pushes its outbox in device-sequence order. For each command the hub
 * answers with a receipt — accepted, rejected (with reasons) or pending approval. A rejection
 * is a receipt, never an error, so the queue never jams. A command id the hub already knows
 * returns its stored receipt; the same id with another payload is `conflict`; a sequence gap
 * stops the batch and says which sequence the hub expects.
 *
 * Changes down: one change log; the cursor is (xid, seq) read below the oldest transaction
 * still running on the hub, so it never skips a row that commits late (hub/sync/change-log.ts).
 * Each change carries its log sequence: a desk keeps the newer version of a row when two
 * arrive out of order. An epoch names the hub's history: a different epoch means resync.
 */
import { z } from 'zod';
import { EXPERIMENT_REASONS, type InsightsOverview, type PracticesOverview } from '../api/methods/insights';
import { EXPERIMENT_ID } from '../experiments/declaration';
import { type StaffRole } from '../api/roles';
import { isCalendarDay } from '../calendar';

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'not an id');
const instant = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, 'not an instant');
const bigintText = z.string().regex(/^\d{1,19}$/, 'not a position');
const day = z.string().refine(isCalendarDay, 'not a calendar day (YYYY-MM-DD)');

export const commandEnvelope = z.strictObject({
  commandId: uuid,
  deviceSeq: z.number().int().positive(),
  type: z.string().min(1).max(64),
  payload: z.unknown(),
  actorId: uuid,
  interactionId: uuid.nullable(),
  createdAt: instant,
});
export type CommandEnvelope = z.infer<typeof commandEnvelope>;

export const RECEIPT_STATUSES = ['accepted', 'rejected', 'pending_approval'] as const;
export type ReceiptStatus = (typeof RECEIPT_STATUSES)[number];

export interface ReceiptReason {
  readonly code: string;
  /** In English, for logs and for a desk that has no words of its own for `code`. */
  readonly message: string;
  /** The same reason in each language an agent may work in, when the hub has the words. */
  readonly text?: Readonly<Record<'en' | 'fr', string>>;
}

export interface Receipt {
  readonly commandId: string;
  readonly deviceSeq: number;
  readonly status: ReceiptStatus;
  /** Why a command was rejected (or sent for approval), in words an agent can read. */
  readonly reasons: readonly ReceiptReason[];
  /** What the hub made of it, when it says more than the status (an approval's id…). */
  readonly result?: Readonly<Record<string, unknown>>;
  /** When the hub decided (its clock). */
  readonly at: string;
}

export const auditHead = z.strictObject({ seq: z.number().int().nonnegative(), hash: z.string().max(128), mac: z.string().max(128).nullable() });
export type AuditHead = z.infer<typeof auditHead>;

export const cursor = z.strictObject({ xid: bigintText, seq: bigintText });
export type Cursor = z.infer<typeof cursor>;

export interface Change {
  /** The writing transaction and the row's place in the log: the cursor after this change. */
  readonly xid: string;
  readonly seq: string;
  readonly table: string;
  readonly pk: string;
  readonly op: 'upsert' | 'delete';
  /** The row as the hub holds it (column names as in both stores), for an upsert. */
  readonly row: Readonly<Record<string, unknown>> | null;
}

export interface HubProfile {
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: StaffRole;
  readonly locale: 'en' | 'fr';
}

export interface RouteSpec<I extends z.ZodType, O> {
  readonly input: I;
  /** Routes a desk calls with its device credential; enrolment is the one that does not. */
  readonly device: boolean;
  readonly output?: O;
}

const route =
  <O>() =>
  <I extends z.ZodType>(input: I, device = true): RouteSpec<I, O> => ({ input, device });

export const HUB_ROUTES = {
  /** A desk exchanges a one-time enrolment code for its device credential. */
  enrol: route<{ deviceId: string; deviceSecret: string; hubId: string; epoch: string; pinPepper: string }>()(
    z.strictObject({ code: z.string().min(8).max(64), deskName: z.string().trim().min(1).max(80) }),
    false,
  ),
  /** An agent signs in at a desk: the hub checks the password (one failure count for every desk). */
  /**
   * `staffToken` proves to this hub, from this desk only, that this person signed in here (until
   * `staffTokenExpiresAt`): the desk sends it with the routes a role gates (insights).
   */
  signIn: route<{ profile: HubProfile; passwordHash: string; signedInAt: string; staffToken: string; staffTokenExpiresAt: string }>()(
    z.strictObject({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) }),
  ),
  /** Commands up, in device-sequence order, with the desk's audit head to acknowledge. */
  push: route<{ receipts: readonly Receipt[]; expectedSeq: number | null; auditHeadAcknowledged: AuditHead | null }>()(
    z.strictObject({ epoch: uuid, commands: z.array(commandEnvelope).max(500), auditHead: auditHead.nullable() }),
  ),
  /** Changes down after `cursor` (null: from the start of the log). */
  /** `waiting`: changes exist whose transactions have not all finished; ask again shortly. */
  pull: route<{ epoch: string; changes: readonly Change[]; cursor: Cursor | null; more: boolean; resync: boolean; waiting?: boolean }>()(
    z.strictObject({ epoch: uuid.nullable(), cursor: cursor.nullable(), limit: z.number().int().min(1).max(5000) }),
  ),
  /** A full copy of one table in primary-key pages, for a first download or a resync. */
  snapshot: route<{ epoch: string; rows: readonly Readonly<Record<string, unknown>>[]; after: string | null; more: boolean; cursor: Cursor }>()(
    z.strictObject({ table: z.string().max(64), after: z.string().max(128).nullable(), limit: z.number().int().min(1).max(20000) }),
  ),
  /**
   * The insights across every desk (experiments, practices and waiting) for a signed-in
   * supervisor or manager: their staff token, the practices filter and their language. The role
   * is the hub's users row's, never the desk's word.
   */
  insights: route<{ experiments: InsightsOverview; practices: PracticesOverview }>()(
    z
      .strictObject({
        staffToken: z.string().min(1).max(1024),
        from: day,
        to: day,
        agentId: uuid.nullable().optional(),
        /** Only this desk's calls and enrolments (a device id). */
        deskId: uuid.optional(),
        /** The experiments' enrolment days (absent: every enrolment); the practices' period is from–to. */
        enrolledFrom: day.optional(),
        enrolledTo: day.optional(),
        /** Only the experiments of this reason, or this one. */
        reason: z.enum(EXPERIMENT_REASONS).optional(),
        experimentId: EXPERIMENT_ID.optional(),
        locale: z.enum(['en', 'fr']),
      })
      .refine((i) => i.enrolledFrom === undefined || i.enrolledTo === undefined || i.enrolledFrom <= i.enrolledTo, {
        message: 'the enrolment period ends before it starts',
        path: ['enrolledTo'],
      })
      .refine((i) => i.from <= i.to, { message: 'the period ends before it starts', path: ['to'] }),
  ),
} as const;

export type HubRoutes = typeof HUB_ROUTES;
export type RouteName = keyof HubRoutes;
export type RouteInput<R extends RouteName> = z.input<HubRoutes[R]['input']>;
export type RouteOutput<R extends RouteName> = HubRoutes[R] extends RouteSpec<z.ZodType, infer O> ? O : never;

/** Errors the hub answers with (HTTP status and body); a rejected command is a receipt, not these. */
export const HUB_ERRORS = [
  'BAD_REQUEST',
  'UNAUTHORISED',
  'FORBIDDEN',
  'BAD_CREDENTIALS',
  'TOO_MANY_ATTEMPTS',
  'SEQUENCE_GAP',
  'CONFLICT',
  'EPOCH',
  'INTERNAL',
] as const;
export type HubErrorCode = (typeof HUB_ERRORS)[number];
