/**
 * The API contract: one typed map of method name → zod input schema → output type, grouped by
 * feature. Main's dispatcher validates every input against it and applies the guard declared
 * here; the renderer's `api` object is typed from it. Transports only carry
 * `{ method, input }` and an ApiResult back.
 */
import { z } from 'zod';
import { ANY_STAFF, empty, freeText, id, method, notStored, PUBLIC, SIGNED_IN, type Guard, type MethodSpec } from './method';
import { insightsMethods } from './methods/insights';
import { billingMethods } from './methods/billing';
import { discountMethods } from './methods/discounts';
import { interactionMethods } from './methods/interaction';
import { receivablesMethods } from './methods/receivables';
import { historyMethods } from './methods/history';
import { disputeMethods } from './methods/disputes';
import type { SyncStatusView } from './events';
import type { AgentProfile, LookupResult, MaskedCaller, ScreenPop, SystemInfo } from './types';

const session = {
  'session.signIn': method<AgentProfile>()(z.object({ username: freeText({ max: 64 }), password: notStored(z.string().min(1).max(256)) }).strict(), PUBLIC),
  'session.signOut': method<{ signedOut: true }>()(empty, PUBLIC),
  'session.current': method<AgentProfile | null>()(empty, PUBLIC),
  'session.setLocale': method<AgentProfile>()(z.object({ locale: z.enum(['en', 'fr']) }).strict(), ANY_STAFF),
};

const lookup = {
  'lookup.search': method<LookupResult>()(
    z.object({ query: freeText({ max: 120, optional: true }), limit: z.number().int().min(1).max(50).optional() }).strict(),
    SIGNED_IN,
  ),
  'lookup.caller': method<MaskedCaller>()(z.object({ customerId: id }).strict(), SIGNED_IN),
};

const calls = {
  /** Screen pop: the telephony side (or a deep link) reports an incoming call. */
  'calls.incoming': method<ScreenPop>()(z.object({ from: freeText({ max: 40 }) }).strict(), SIGNED_IN),
  /** A call that rang before anyone was signed in (a deep link that launched the app). */
  'calls.pending': method<ScreenPop | null>()(empty, SIGNED_IN),
};

const system = {
  'system.info': method<SystemInfo>()(empty, PUBLIC),
  /** The desk's link with its hub: online or offline since when, commands waiting, last sync. */
  'sync.status': method<SyncStatusView>()(empty, ANY_STAFF),
};

export const CONTRACT = {
  ...session,
  ...lookup,
  ...calls,
  ...system,
  ...interactionMethods,
  ...billingMethods,
  ...discountMethods,
  ...insightsMethods,
  ...receivablesMethods,
  ...historyMethods,
  ...disputeMethods,
} as const;

export type Contract = typeof CONTRACT;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = Contract[M] extends MethodSpec<z.ZodType, infer O, Guard> ? O : never;
/** The guard a method declares, as a literal type (what its handler's context holds follows from it). */
export type MethodGuard<M extends MethodName> = Contract[M]['guard'];

export const METHOD_NAMES = Object.keys(CONTRACT) as MethodName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(CONTRACT, name);
}

/** A method's guard read as the plain Guard shape (for code that looks at any method's). */
export function guardOf(method: MethodName): Guard {
  return CONTRACT[method].guard;
}
