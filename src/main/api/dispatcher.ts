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
  hasAtLeast,
  isMethodName,
  type ApiErrorBody,
  type ApiResult,
  type Guard,
  type ScreeningIssueParams,
  type MethodName,
  type MethodOutput,
  type MethodParsedInput,
} from '../../core/api';
import type { InteractionGate, OpenInteraction } from './interaction-gate';
import type { ClientContext, Session, SessionRegistry } from './sessions';

export interface HandlerContext {
  readonly client: ClientContext;
  /** Present for every method whose guard says signedIn. */
  readonly session: Session | undefined;
  /** Present for methods guarded by ownInteraction / verifiedInteraction: the checked call. */
  readonly interaction: OpenInteraction | undefined;
}

/** A handler of a signed-in method: the session is there, the guard saw to it. */
export interface SignedInContext extends HandlerContext {
  readonly session: Session;
}

export type Handler<M extends MethodName> = (
  input: MethodParsedInput<M>,
  ctx: HandlerContext,
) => MethodOutput<M> | Promise<MethodOutput<M>>;

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
      const session = sessions.get(client.clientId);
      if (spec.guard.signedIn && !session) return fail('UNAUTHENTICATED');
      if (spec.guard.minRole && (!session || !hasAtLeast(session.agent.role, spec.guard.minRole))) return fail('FORBIDDEN');
      try {
        const guard = spec.guard as Guard;
        let interaction: OpenInteraction | undefined;
        if (guard.ownInteraction || guard.verifiedInteraction) {
          if (!options.gate || !session) return fail('INTERNAL');
          interaction = options.gate.check(guard, parsed.data, session);
        }
        const handler = handlers[method] as (i: unknown, c: HandlerContext) => unknown;
        const value = await handler(parsed.data, { client, session, interaction });
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
