/** Building blocks of the contract, shared by every feature's method map. */
import { z } from 'zod';
import type { Role } from './roles';

/**
 * Who may call a method, enforced by main's dispatcher (never by the screen):
 * - signedIn: an agent session exists for this client;
 * - minRole: the session's role is at least this;
 * - verifiedInteraction: the input's `interactionId` names an open call of this agent whose
 *   caller has passed verification — the handler then only ever sees that caller's data.
 */
export interface Guard {
  readonly signedIn: boolean;
  readonly minRole?: Role;
  readonly verifiedInteraction?: boolean;
  /** The input's `interactionId` must be an open call of this agent (verified or not). */
  readonly ownInteraction?: boolean;
}

export interface MethodSpec<I extends z.ZodType, O> {
  readonly input: I;
  readonly guard: Guard;
  /** Phantom: carries the output type. */
  readonly output?: O;
}

/** `method<Output>()(inputSchema, guard)`: curried so the input type is inferred. */
export function method<O>() {
  return <I extends z.ZodType>(input: I, guard: Guard): MethodSpec<I, O> => ({ input, guard });
}

export const PUBLIC: Guard = { signedIn: false };
export const SIGNED_IN: Guard = { signedIn: true };
export const OWN_INTERACTION: Guard = { signedIn: true, ownInteraction: true };
export const VERIFIED: Guard = { signedIn: true, ownInteraction: true, verifiedInteraction: true };
export const SUPERVISOR: Guard = { signedIn: true, minRole: 'supervisor' };

export const empty = z.object({}).strict();
/** A UUIDv7 as minted by the store. */
export const id = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'not an id');
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'not a date (YYYY-MM-DD)');
/** Integer minor units; bounds keep every sum a safe integer. */
export const minorAmount = z.number().int().min(-100_000_000).max(100_000_000);

/**
 * The key a screen makes once per intent of a money command and sends with every try of it
 * (main/services/idempotency.ts): a repeat gets the first answer, never a second effect.
 */
export const idempotencyKey = z.uuid('not an idempotency key (a UUID)');

/** 64 lower-case hex digits: a SHA-256 as main computes it. */
export const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'not a SHA-256');
