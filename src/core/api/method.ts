/** Building blocks of the contract, shared by every feature's method map. */
import { z } from 'zod';
import { toE164 } from '../identity/phone';
import { screenFreeText } from '../notes/screen';
import { STAFF_ROLES, type Role, type StaffRole } from './roles';

/**
 * Who may call a method, enforced by main's dispatcher (never by the screen):
 * - signedIn: an agent session exists for this client;
 * - minRole: the session's role is at least this (on the authority ladder);
 * - roles: the session's role is one of these. Without it, only the ladder's roles (agent,
 *   senior_agent, supervisor) pass a signed-in guard — a manager reaches only what names them;
 * - verifiedInteraction: the input's `interactionId` names an open call of this agent whose
 *   caller has passed verification — the handler then only ever sees that caller's data.
 */
export interface Guard {
  readonly signedIn: boolean;
  readonly minRole?: Role;
  readonly roles?: readonly StaffRole[];
  readonly verifiedInteraction?: boolean;
  /** The input's `interactionId` must be an open call of this agent (verified or not). */
  readonly ownInteraction?: boolean;
}

export interface MethodSpec<I extends z.ZodType, O, G extends Guard = Guard> {
  readonly input: I;
  /** Kept as its literal type: main types each handler's context from it. */
  readonly guard: G;
  /** Phantom: carries the output type. */
  readonly output?: O;
}

/** `method<Output>()(inputSchema, guard)`: curried so the input and guard types are inferred. */
export function method<O>() {
  return <I extends z.ZodType, G extends Guard>(input: I, guard: G): MethodSpec<I, O, G> => ({ input, guard });
}

export const PUBLIC = { signedIn: false } as const satisfies Guard;
export const SIGNED_IN = { signedIn: true } as const satisfies Guard;
export const OWN_INTERACTION = { signedIn: true, ownInteraction: true } as const satisfies Guard;
export const VERIFIED = { signedIn: true, ownInteraction: true, verifiedInteraction: true } as const satisfies Guard;
export const SUPERVISOR = { signedIn: true, minRole: 'supervisor' } as const satisfies Guard;
/** Anyone signed in, managers included (their own session's language, the link status). */
export const ANY_STAFF = { signedIn: true, roles: STAFF_ROLES } as const satisfies Guard;
/** Retention insights: supervisors and managers. */
export const INSIGHTS = { signedIn: true, roles: ['supervisor', 'manager'] } as const satisfies Guard;
/** Senior agents and supervisors: those who approve requests over an agent's limit. */
export const APPROVER = { signedIn: true, minRole: 'senior_agent' } as const satisfies Guard;

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

// ── text that reaches the store ─────────────────────────────────────────────────────────────

/**
 * How every string of the contract is judged by tests/integration/api/free-text.test.ts: a
 * string field is an identifier or code (it has a format: a regex, an enum), free text (screened
 * by `freeText`), or never stored (`notStored`: a password, a verification answer).
 */
export const TEXT_KINDS = z.registry<{ readonly text: 'free' | 'not_stored' | 'phone' }>();

/** The issue a screened field raises; the dispatcher turns it into the right typed error. */
export interface ScreeningIssueParams {
  readonly screening: 'card_number' | 'too_long' | 'empty' | 'too_short';
  readonly messageKey: string;
  /** A note's refusals are all NOTE_REFUSED; other fields' are INVALID_INPUT but for a card number. */
  readonly note: boolean;
}

/**
 * Free text that may be stored (a note, a reason, a comment, a username typed at sign-in, what
 * was searched): trimmed, and screened by core/notes — a card number is refused (NOTE_REFUSED)
 * and never reaches a handler, the store, the outbox or the audit trail. One function for every
 * field, applied by the contract, so no handler can forget it.
 */
export function freeText(opts: { readonly max: number; readonly min?: number; readonly optional?: boolean; readonly note?: boolean }) {
  // The raw cap is generous (screening counts code points after trimming); the transport caps bodies too.
  const schema = z
    .string()
    .max(opts.max * 4 + 64)
    .transform((raw, ctx) => {
      const screened = screenFreeText(raw, { maxLength: opts.max, allowEmpty: opts.optional === true || (opts.min ?? 1) === 0 });
      if (!screened.ok) {
        const params: ScreeningIssueParams = { screening: screened.reason, messageKey: screened.messageKey, note: opts.note === true };
        ctx.addIssue({ code: 'custom', message: screened.reason, params });
        return z.NEVER;
      }
      if (opts.min !== undefined && screened.text.length > 0 && [...screened.text].length < opts.min) {
        const params: ScreeningIssueParams = { screening: 'too_short', messageKey: 'error.invalidInput', note: false };
        ctx.addIssue({ code: 'custom', message: `at least ${opts.min} characters`, params });
        return z.NEVER;
      }
      return screened.text;
    });
  TEXT_KINDS.add(schema, { text: 'free' });
  return schema;
}

/** A string that is checked and never stored (a password, a verification answer). */
export function notStored<S extends z.ZodType>(schema: S): S {
  TEXT_KINDS.add(schema, { text: 'not_stored' });
  return schema;
}

/** What telephony sends for a caller who withholds their number. */
export const WITHHELD_NUMBER = 'withheld';
const WITHHELD_WORDS = new Set(['anonymous', 'private', 'withheld', 'unknown', 'unavailable', 'restricted', 'masqué', 'masque', 'inconnu', 'privé', 'prive']);

/**
 * A caller's number as stored with a call: a valid phone number, kept in E.164, or the withheld
 * marker. Anything else (a card number, a note typed in the wrong box) is INVALID_INPUT.
 */
export const callerNumber = (() => {
  const schema = z
    .string()
    .max(40)
    .transform((raw, ctx) => {
      const t = raw.trim();
      if (WITHHELD_WORDS.has(t.toLowerCase())) return WITHHELD_NUMBER;
      const e164 = toE164(t);
      if (e164 !== null) return e164;
      ctx.addIssue({ code: 'custom', message: 'not a phone number' });
      return z.NEVER;
    });
  TEXT_KINDS.add(schema, { text: 'phone' });
  return schema;
})();
