/**
 * The events main pushes to the renderer on the event channel, described like the methods of
 * the contract: name → zod payload schema. Main emits them typed (`ApiEvent`, derived from the
 * schemas); the renderer checks what arrives against the same schemas before a screen sees it,
 * so an unknown event or a payload that does not fit is dropped, and unknown fields are stripped.
 */
import { z } from 'zod';
import type { MaskedCaller, ScreenPop } from './types';

const maskedCaller = z
  .object({
    customerId: z.string(),
    accountId: z.string(),
    accountNumberMasked: z.string(),
    displayName: z.string(),
    phoneMasked: z.string().nullable(),
    emailMasked: z.string().nullable(),
    town: z.string().nullable(),
    matchedOn: z.enum(['phone', 'account', 'email', 'name']),
  })
  .readonly();

const screenPop = z
  .object({
    from: z.string(),
    e164: z.string().nullable(),
    matches: z.array(maskedCaller).readonly(),
  })
  .readonly();

/** The desk's link with its hub, as the header shows it; `mode: 'standalone'` without a hub. */
export const syncStatus = z
  .object({
    mode: z.enum(['standalone', 'hub']),
    state: z.enum(['online', 'offline', 'enrolling', 'downloading']),
    lastSyncAt: z.string().nullable(),
    offlineSince: z.string().nullable(),
    waiting: z.number().int(),
    rejected: z.number().int(),
    downloaded: z.number().int(),
    problem: z.string().nullable(),
  })
  .readonly();
export type SyncStatusView = z.output<typeof syncStatus>;

export const EVENTS = {
  /** A call is ringing: the number and the customers it matches (the screen pop). */
  'call.incoming': screenPop,
  /** To supervisors: a request is waiting in the approvals inbox (payload: its id). */
  'approval.requested': z.object({ approvalId: z.string() }).readonly(),
  /** To the agent who asked: the supervisor decided. */
  'approval.decided': z.object({ approvalId: z.string(), interactionId: z.string(), status: z.enum(['approved', 'refused']) }).readonly(),
  /** To everyone: the hub sent changes to these tables (open screens reload what they show). */
  'sync.changed': z.object({ tables: z.array(z.string()).readonly() }).readonly(),
  /** To the agent who made it: the hub rejected a command; what the desk had written is withdrawn. */
  'sync.rejected': z
    .object({
      commandId: z.string(),
      type: z.string(),
      interactionId: z.string().nullable(),
      reasons: z.array(z.object({ code: z.string(), en: z.string(), fr: z.string() }).readonly()).readonly(),
      withdrawnLedgerEntryIds: z.array(z.string()).readonly(),
      /** Disputes the desk removed (dispute.open) or opened again (dispute.resolve). */
      withdrawnDisputeIds: z.array(z.string()).readonly(),
      /** Payment plans the desk removed, with their instalments (paymentPlan.agree). */
      withdrawnPaymentPlanIds: z.array(z.string()).readonly(),
    })
    .readonly(),
  /** To everyone: the link with the hub (the header's sync badge). */
  'sync.status': syncStatus,
} as const;

export type ApiEvents = { [K in keyof typeof EVENTS]: z.output<(typeof EVENTS)[K]> };
export type ApiEventName = keyof ApiEvents;
/** One event on the channel: a union discriminated by name, so `event.payload` narrows. */
export type ApiEvent = { [K in ApiEventName]: { readonly name: K; readonly payload: ApiEvents[K] } }[ApiEventName];

export const EVENT_NAMES = Object.keys(EVENTS) as ApiEventName[];

export function isEventName(name: unknown): name is ApiEventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(EVENTS, name);
}

/** An event as it came off the channel, checked against its schema; null when it is not one. */
export function parseEvent(value: unknown): ApiEvent | null {
  if (typeof value !== 'object' || value === null) return null;
  const { name, payload } = value as { readonly name?: unknown; readonly payload?: unknown };
  if (!isEventName(name)) return null;
  const parsed = EVENTS[name].safeParse(payload);
  // The schema checked is the one of `name`, so the pair is an ApiEvent (TypeScript cannot
  // follow the correlation between the two through the union).
  return parsed.success ? ({ name, payload: parsed.data } as ApiEvent) : null;
}

// The schemas describe exactly the contract's types: one changed without the other fails here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _schemasMatchTypes: [Same<z.output<typeof maskedCaller>, MaskedCaller>, Same<z.output<typeof screenPop>, ScreenPop>] = [true, true];
