/**
 * The one door into main. Both transports (Electron IPC, loopback HTTP) hand every call here:
 * the method name is checked against the contract, the input parsed by its zod schema, the
 * guard applied from the session main holds, then the handler runs. Whatever happens, the
 * caller gets an ApiResult — a value or a typed error — never a stack trace.
 */
import type { z } from 'zod';
import {
  ApiError,
  CONTRACT,
  apiErrorBody,
  guardOf,
  type AgentProfile,
  type MethodGuard,
  hasAtLeast,
  ROLES,
  isMethodName,
  type ApiErrorBody,
  type ApiResult,
  type Guard,
  type ScreeningIssueParams,
  type MethodName,
  type MethodOutput,
  type MethodParsedInput,
} from '../../core/api';
import type { OpenCall, VerifiedCall } from '../services/open-call';
import type { InteractionGate } from './interaction-gate';
import type { ClientContext, SessionRegistry } from './sessions';

/**
 * What a handler receives besides its input, typed from the guard its method declares: a
 * signed-in method gets the acting agent (never `undefined`), an OWN_INTERACTION method the
 * agent's open call, a VERIFIED method the call with its verified caller. The dispatcher has
 * checked all of it before the handler runs, so no handler checks again.
 */
export type HandlerContext<G extends Guard = Guard> = { readonly client: ClientContext } & (G extends { readonly signedIn: true }
  ? { readonly actor: AgentProfile }
  : { readonly actor: AgentProfile | undefined }) &
  (G extends { readonly verifiedInteraction: true }
    ? { readonly call: VerifiedCall }
    : G extends { readonly ownInteraction: true }
      ? { readonly call: OpenCall }
      : unknown);

export type Handler<M extends MethodName> = (input: MethodParsedInput<M>, ctx: HandlerContext<MethodGuard<M>>) => MethodOutput<M> | Promise<MethodOutput<M>>;

export type Handlers = { [M in MethodName]: Handler<M> };

export interface Dispatcher {
  dispatch(client: ClientContext, method: unknown, input: unknown): Promise<ApiResult<unknown>>;
}

export interface DispatcherOptions {
  readonly gate?: InteractionGate;
  /** After every call, whatever its outcome (the audit head is anchored here). */
  readonly afterCall?: () => void;
  readonly onInternalError?: (err: unknown, method: string) => void;
}

export function createDispatcher(handlers: Handlers, sessions: SessionRegistry, options: DispatcherOptions = {}): Dispatcher {
  const onInternalError = options.onInternalError ?? (() => {});
  return {
    async dispatch(client, method, input) {
      if (!isMethodName(method)) return fail('UNKNOWN_METHOD');
      const spec = CONTRACT[method];
      const parsed = spec.input.safeParse(input ?? {});
      if (!parsed.success) return { ok: false, error: inputError(parsed.error) };
      const guard = guardOf(method);
      const actor = sessions.get(client.clientId)?.agent;
      if (guard.signedIn && !actor) return fail('UNAUTHENTICATED');
      // A manager is beside the authority ladder: only methods that name their role let them in.
      if (guard.signedIn && actor && !(guard.roles ?? ROLES).includes(actor.role)) return fail('FORBIDDEN');
      if (guard.minRole && (!actor || !hasAtLeast(actor.role, guard.minRole))) return fail('FORBIDDEN');
      try {
        let call: OpenCall | undefined;
        if (guard.ownInteraction || guard.verifiedInteraction) {
          if (!options.gate || !actor) return fail('INTERNAL');
          call = options.gate.check(guard, parsed.data, actor);
        }
        const handler = handlers[method] as (i: unknown, c: { client: ClientContext; actor: AgentProfile | undefined; call?: OpenCall }) => unknown;
        const value = await handler(parsed.data, { client, actor, ...(call ? { call } : {}) });
        return { ok: true, value };
      } catch (err) {
        if (err instanceof ApiError) return { ok: false, error: err.toBody() };
        onInternalError(err, method);
        return fail('INTERNAL');
      } finally {
        try {
          options.afterCall?.();
        } catch (err) {
          onInternalError(err, method);
        }
      }
    },
  };
}

function fail(code: Parameters<typeof apiErrorBody>[0]): ApiResult<never> {
  return { ok: false, error: apiErrorBody(code) };
}

/**
 * Bad input is INVALID_INPUT — except free text refused by the contract's screen (method.ts
 * freeText): a card number anywhere is NOTE_REFUSED (the refusal that matters most), as is any
 * refusal of a note; the precise message key says why.
 */
function inputError(error: z.ZodError): ApiErrorBody {
  const screened = error.issues
    .map((issue) => ({ issue, params: (issue as { params?: Partial<ScreeningIssueParams> }).params }))
    .filter((x): x is { issue: z.core.$ZodIssue; params: ScreeningIssueParams } => typeof x.params?.screening === 'string');
  const refusal = screened.find((x) => x.params.screening === 'card_number') ?? screened.find((x) => x.params.note && x.params.screening !== 'too_short');
  if (refusal) return new ApiError('NOTE_REFUSED', [{ path: pathOf(refusal.issue), message: refusal.params.screening }], refusal.params.messageKey).toBody();
  const first = screened[0];
  const body = apiErrorBody('INVALID_INPUT', zodIssues(error));
  return first && first.params.messageKey !== 'error.invalidInput' ? { ...body, messageKey: first.params.messageKey } : body;
}

const pathOf = (issue: z.core.$ZodIssue): string => issue.path.map(String).join('.') || '(input)';

function zodIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.slice(0, 10).map((i) => ({ path: pathOf(i), message: i.message }));
}
