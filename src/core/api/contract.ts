/**
 * The API contract: one typed map of method name → zod input schema → output type, grouped by
 * feature. Main's dispatcher validates every input against it and applies the guard declared
 * here; the renderer's `api` object is typed from it. Transports only carry
 * `{ method, input }` and an ApiResult back.
 */
import { z } from 'zod';
import type { Role } from './roles';
import type { AgentProfile, LookupResult, MaskedCaller, ScreenPop, SystemInfo } from './types';

/** Who may call a method. `verified` (caller verification) arrives with the verification issue. */
export interface Guard {
  readonly signedIn: boolean;
  readonly minRole?: Role;
}

interface MethodSpec<I extends z.ZodType, O> {
  readonly input: I;
  readonly guard: Guard;
  /** Phantom: carries the output type. */
  readonly output?: O;
}

/** `method<Output>()(inputSchema, guard)`: curried so the input type is inferred. */
function method<O>() {
  return <I extends z.ZodType>(input: I, guard: Guard): MethodSpec<I, O> => ({ input, guard });
}

const PUBLIC: Guard = { signedIn: false };
const SIGNED_IN: Guard = { signedIn: true };

const empty = z.object({}).strict();
const id = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'not an id');

const session = {
  'session.signIn': method<AgentProfile>()(
    z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) }).strict(),
    PUBLIC,
  ),
  'session.signOut': method<{ signedOut: true }>()(empty, PUBLIC),
  'session.current': method<AgentProfile | null>()(empty, PUBLIC),
  'session.setLocale': method<AgentProfile>()(
    z.object({ locale: z.enum(['en', 'fr']) }).strict(),
    SIGNED_IN,
  ),
};

const lookup = {
  'lookup.search': method<LookupResult>()(
    z.object({ query: z.string().max(120), limit: z.number().int().min(1).max(50).optional() }).strict(),
    SIGNED_IN,
  ),
  'lookup.caller': method<MaskedCaller>()(z.object({ customerId: id }).strict(), SIGNED_IN),
};

const calls = {
  /** Screen pop: the telephony side (or a deep link) reports an incoming call. */
  'calls.incoming': method<ScreenPop>()(
    z.object({ from: z.string().trim().min(1).max(40) }).strict(),
    SIGNED_IN,
  ),
  /** A call that rang before anyone was signed in (a deep link that launched the app). */
  'calls.pending': method<ScreenPop | null>()(empty, SIGNED_IN),
};

const system = {
  'system.info': method<SystemInfo>()(empty, PUBLIC),
};

export const CONTRACT = { ...session, ...lookup, ...calls, ...system } as const;

export type Contract = typeof CONTRACT;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = Contract[M] extends MethodSpec<z.ZodType, infer O> ? O : never;

export const METHOD_NAMES = Object.keys(CONTRACT) as MethodName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(CONTRACT, name);
}
